"""The town hall's mailbox over IMAP (the standard library's ``imaplib``): a few verbs.

Messages are named by their UID within the folder, which IMAP keeps for as long as
the folder's UIDVALIDITY stays the same. Every server error, network error or
timeout becomes a :class:`~paperasse.errors.MailboxError` in French.
"""

from __future__ import annotations

import base64
import imaplib
import logging
import re
import ssl
from types import TracebackType

from paperasse.errors import MailboxError
from paperasse.settings import MailboxSettings

log = logging.getLogger(__name__)

MAX_HEADER_BYTES = 65_536
_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")
_UID = re.compile(rb"UID (\d+)")


def folder_name(name: str) -> str:
    """A folder name as IMAP wants it: modified UTF-7 (RFC 3501 § 5.1.3), quoted."""
    out: list[str] = []
    wide: list[str] = []

    def flush() -> None:
        if wide:
            encoded = base64.b64encode("".join(wide).encode("utf-16-be")).decode("ascii")
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            wide.clear()

    for c in name:
        if 0x20 <= ord(c) <= 0x7E:
            flush()
            out.append("&-" if c == "&" else c)
        else:
            wide.append(c)
    flush()
    quoted = "".join(out).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}"'


class ImapMailbox:
    """One signed-in connection to the mailbox; use it in a ``with`` block."""

    def __init__(self, settings: MailboxSettings) -> None:
        self.settings = settings
        self._imap: imaplib.IMAP4 | None = None
        self.capabilities: frozenset[str] = frozenset()

    def __enter__(self) -> ImapMailbox:
        s = self.settings
        where = f"{s.host}:{s.port_or_default}"
        try:
            context = ssl.create_default_context(cafile=str(s.ca_file) if s.ca_file else None)
            if s.tls == "tls":
                imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                    s.host, s.port_or_default, ssl_context=context, timeout=s.timeout_seconds
                )
            else:
                imap = imaplib.IMAP4(s.host, s.port_or_default, timeout=s.timeout_seconds)
                if s.tls == "starttls":
                    imap.starttls(context)
        except (OSError, imaplib.IMAP4.error) as e:
            raise MailboxError(
                f"La boîte aux lettres ({where}) ne répond pas : {e}. Vérifiez "
                "PAPERASSE_MAILBOX__HOST, __PORT et __TLS.",
                details={"server": where},
            ) from e
        self._imap = imap
        try:
            imap.login(s.user, s.password.get_secret_value())
        except imaplib.IMAP4.error as e:
            self.__exit__(None, None, None)
            raise MailboxError(
                f"La boîte aux lettres ({where}) refuse le compte « {s.user} » : vérifiez "
                "PAPERASSE_MAILBOX__USER et __PASSWORD.",
                details={"server": where},
            ) from e
        self.capabilities = frozenset(
            c.decode("ascii", "replace").upper() for c in self._call("CAPABILITY")[0].split()
        )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        imap, self._imap = self._imap, None
        if imap is None:
            return
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            log.debug("the mailbox connection was already closed")

    @property
    def imap(self) -> imaplib.IMAP4:
        if self._imap is None:
            raise MailboxError("La boîte aux lettres n'est pas ouverte.")
        return self._imap

    def ensure_folder(self, name: str) -> None:
        """Create the folder unless it exists (another reader may be creating it too)."""
        if self._exists(name):
            return
        try:
            self._call("CREATE", folder_name(name))
        except MailboxError:
            if not self._exists(name):
                raise
        log.info("mailbox folder %s created", name)

    def _exists(self, name: str) -> bool:
        return self._data("LIST", '""', folder_name(name)) != [None]

    def select(self, name: str) -> int:
        """Open a folder for reading and writing; returns its UIDVALIDITY."""
        self._call("SELECT", folder_name(name))
        _, values = self.imap.response("UIDVALIDITY")
        if not values or values[0] is None:
            raise MailboxError(f"Le dossier « {name} » ne donne pas son UIDVALIDITY.")
        return int(values[0])

    def uids(self) -> list[int]:
        """The UIDs of the open folder's messages not marked deleted, oldest first."""
        data = self._uid("SEARCH", "UNDELETED")
        return sorted(int(u) for u in b" ".join(d for d in data if isinstance(d, bytes)).split())

    def size(self, uid: int) -> int | None:
        """The message's size in bytes; None when it is no longer there."""
        for item in self._uid("FETCH", str(uid), "(RFC822.SIZE)"):
            line = item[0] if isinstance(item, tuple) else item
            if isinstance(line, bytes) and _is_uid(line, uid) and (found := _SIZE.search(line)):
                return int(found.group(1))
        return None

    def fetch(self, uid: int, *, headers_only: bool = False) -> bytes | None:
        """The message's bytes (or its first headers), without marking it read."""
        part = f"BODY.PEEK[HEADER]<0.{MAX_HEADER_BYTES}>" if headers_only else "BODY.PEEK[]"
        for item in self._uid("FETCH", str(uid), f"({part})"):
            if isinstance(item, tuple) and _is_uid(item[0], uid):
                return bytes(item[1])
        return None

    def move(self, uid: int, folder: str) -> None:
        """Move a message (RFC 6851), or copy it and delete it where MOVE is not offered."""
        if "MOVE" in self.capabilities:
            self._uid("MOVE", str(uid), folder_name(folder))
            return
        self.copy(uid, folder)
        self.delete(uid)

    def copy(self, uid: int, folder: str) -> None:
        self._uid("COPY", str(uid), folder_name(folder))

    def delete(self, uid: int) -> None:
        """Mark the message deleted and expunge it (only it, where UIDPLUS allows)."""
        self._uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Deleted)")
        if "UIDPLUS" in self.capabilities:
            self._uid("EXPUNGE", str(uid))
        else:
            self._call("EXPUNGE")

    def _uid(self, command: str, *args: str) -> list[object]:
        return self._data("UID", command, *args)

    def _call(self, command: str, *args: str) -> list[bytes]:
        return [d for d in self._data(command, *args) if isinstance(d, bytes)]

    def _data(self, command: str, *args: str) -> list[object]:
        imap = self.imap
        try:
            if command == "UID":
                status, data = imap.uid(*args)
            else:
                status, data = getattr(imap, command.lower())(*args)
        except (OSError, imaplib.IMAP4.error) as e:
            raise MailboxError(
                f"La boîte aux lettres a répondu par une erreur ({command} {args[:1]}) : {e}",
                details={"command": command},
            ) from e
        if status == "NO" and "EXPUNGEISSUED" in _text(data).upper():
            return []  # the message left meanwhile (another reader moved it): nothing to do
        if status != "OK":
            raise MailboxError(
                f"La boîte aux lettres refuse la commande {command} {' '.join(args[:2])} : "
                f"{_text(data)}",
                details={"command": command},
            )
        return list(data)


def _is_uid(line: bytes, uid: int) -> bool:
    found = _UID.search(line)
    return found is not None and int(found.group(1)) == uid


def _text(data: list[object]) -> str:
    return " ".join(d.decode("utf-8", "replace") for d in data if isinstance(d, bytes))
