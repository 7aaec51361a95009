"""A real IMAP server for the tests: Debian's Dovecot, run as the test's own process.

Each server has its own configuration, state, passwd-file and Maildir under a
temporary folder, and listens on free ports of 127.0.0.1 (plain IMAP, and IMAPS
with a certificate made for the test when ``tls`` is set). Dovecot refuses to
give mail to uid 0, so when the tests run as root the mail user is ``dovecot``,
which is given the mail folder.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import ipaddress
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from paperasse.ingest.mail.imap import folder_name

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "mairie"
PASSWORD = "boite-aux-lettres-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Dovecot:
    def __init__(self, *, tls: bool = False, capabilities: str | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="paperasse-dovecot-", dir="/tmp"))
        self.root.chmod(0o755)  # the mail user must reach its Maildir below
        self.port = free_port()
        self.tls_port = free_port() if tls else None
        self.capabilities = capabilities
        self.process: subprocess.Popen[bytes] | None = None
        self.cert = self.root / "cert.pem"

    def mailbox_settings(self, **overrides: Any) -> dict[str, Any]:
        """PAPERASSE_MAILBOX__* for this server, plain IMAP on 127.0.0.1 unless overridden."""
        values: dict[str, Any] = {
            "host": "127.0.0.1",
            "port": self.port,
            "tls": "none",
            "user": USER,
            "password": PASSWORD,
            "poll_seconds": 0.3,
            "timeout_seconds": 20,
        }
        return values | overrides

    def start(self) -> Dovecot:
        if self.process is not None:
            return self
        root = self.root
        for sub in ("run", "state", "mail"):
            (root / sub).mkdir(exist_ok=True)
        mail_user = "dovecot" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        entry = pwd.getpwnam(mail_user)
        shutil.chown(root / "mail", entry.pw_uid, entry.pw_gid)
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        if self.tls_port:
            self._make_certificate()
        (root / "dovecot.conf").write_text(self._config(entry.pw_uid, entry.pw_gid, mail_user))
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(root / "dovecot.conf")],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_ready()
        return self

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
            except ProcessLookupError:
                pass

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # What a mail client (the test itself) does with the mailbox.

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=20)
        imap.login(USER, PASSWORD)
        return imap

    def append(self, *raws: bytes, folder: str = "INBOX") -> None:
        """Deliver messages to a folder, as a mail client saves them."""
        imap = self.client()
        try:
            if folder != "INBOX":
                imap.create(folder_name(folder))
            for raw in raws:
                status, data = imap.append(folder_name(folder), None, None, raw)
                assert status == "OK", data
        finally:
            imap.logout()

    def messages(self, folder: str = "INBOX") -> list[bytes]:
        """The raw messages of a folder (not marked deleted), oldest first."""
        imap = self.client()
        try:
            status, _ = imap.select(folder_name(folder))
            if status != "OK":
                return []
            _, data = imap.uid("SEARCH", "UNDELETED")
            found = []
            for uid in data[0].split():
                _, fetched = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                found.append(next(bytes(i[1]) for i in fetched if isinstance(i, tuple)))
            return found
        finally:
            imap.logout()

    def seen(self, folder: str = "INBOX") -> int:
        """How many messages of a folder are marked read."""
        imap = self.client()
        try:
            imap.select(folder_name(folder))
            _, data = imap.uid("SEARCH", "SEEN")
            return len(data[0].split())
        finally:
            imap.logout()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                self.client().logout()
                return
            except (OSError, imaplib.IMAP4.error):
                if self.process is not None and self.process.poll() is not None:
                    raise RuntimeError(f"dovecot stopped at start:\n{self.log()}") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"dovecot did not answer:\n{self.log()}") from None
                time.sleep(0.1)

    def _config(self, uid: int, gid: int, mail_user: str) -> str:
        root = self.root
        tls = (
            f"ssl = yes\nssl_cert = <{self.cert}\nssl_key = <{root / 'key.pem'}\n"
            if self.tls_port
            else "ssl = no\n"
        )
        unprivileged = (
            ""
            if os.geteuid() == 0
            else f"default_internal_user = {mail_user}\ndefault_login_user = {mail_user}\n"
        )
        capability = f"imap_capability = {self.capabilities}\n" if self.capabilities else ""
        return f"""
base_dir = {root / "run"}
state_dir = {root / "state"}
log_path = {root / "dovecot.log"}
protocols = imap
listen = 127.0.0.1
first_valid_uid = {uid}
{unprivileged}{tls}{capability}disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {root / "passwd"}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root / "mail"}/%n
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.tls_port or 0}
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""

    def _make_certificate(self) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
        now = dt.datetime.now(dt.UTC)
        san = x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
        )
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(san, critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256())
        )
        self.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path = self.root / "key.pem"
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        key_path.chmod(0o600)
