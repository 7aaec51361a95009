"""``paperasse mailbox``: one pass, or ``--watch`` until stopped; errors in one French line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from paperasse.context import open_context
from paperasse.models.tables import MailMessage
from tests.cli.test_commands import run
from tests.conftest import make_settings
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw


def _env(dovecot: Dovecot, **overrides: object) -> dict[str, str]:
    values = dovecot.mailbox_settings(**overrides)
    return {f"PAPERASSE_MAILBOX__{k.upper()}": str(v) for k, v in values.items()}


def test_an_unset_mailbox_is_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, "mailbox")
    assert result.returncode == 8 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "erreur : Boîte aux lettres : réglez PAPERASSE_MAILBOX__HOST, PAPERASSE_MAILBOX__USER."
    )


def test_a_refused_account_is_one_line(tmp_path: Path, dovecot: Dovecot) -> None:
    result = run(tmp_path, "mailbox", env=_env(dovecot, password="faux"))
    assert result.returncode == 6 and "Traceback" not in result.stderr
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("erreur :")]
    assert "refuse le compte « mairie »" in error


def test_watch_reads_what_arrives_until_stopped(tmp_path: Path, dovecot: Dovecot) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    environ |= {"PAPERASSE_DATA_DIR": str(tmp_path / "var")} | _env(dovecot)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "mailbox", "--watch"],
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ctx = open_context(make_settings(tmp_path))
    try:
        for number in (1, 2):
            dovecot.append(raw(message(f"Courriel {number}")))
            deadline = time.monotonic() + 120
            while True:
                with ctx.sessions() as session:
                    taken = session.execute(select(func.count(MailMessage.id))).scalar_one()
                if taken == number:
                    break
                assert watcher.poll() is None, watcher.communicate()
                assert time.monotonic() < deadline, "not read"
                time.sleep(0.2)
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
        ctx.close()
    assert watcher.returncode == 0, err
    assert out.count("1 courriel(s) relevé(s)") == 2
