"""Crash safety of the mailbox door: SIGKILL the reader mid-mailbox, twice; each message once."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from paperasse.audit.verify import verify_chain
from paperasse.context import open_context
from paperasse.models.tables import AuditEvent, Document, MailMessage, Receipt
from tests.conftest import make_settings
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf, make_png

pytestmark = pytest.mark.slow

MESSAGES = 50


def _reader(tmp_path: Path, database_url: str, dovecot: Dovecot) -> subprocess.Popen[str]:
    """``paperasse mailbox``: one pass over the mailbox, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env["PAPERASSE_DATA_DIR"] = str(tmp_path / "var")
    env["PAPERASSE_DATABASE_URL"] = database_url
    for name, value in dovecot.mailbox_settings().items():
        env[f"PAPERASSE_MAILBOX__{name.upper()}"] = str(value)
    return subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "mailbox"],
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigkill_while_reading_then_restart_takes_each_message_exactly_once(
    tmp_path: Path, database_url: str, dovecot: Dovecot
) -> None:
    sent = [
        raw(
            message(
                f"Demande n° {n}",
                f"Bonjour, voici ma demande numéro {n}.",
                attachments=(
                    (f"justificatif-{n}.pdf", make_pdf(f"Justificatif {n}"), "application/pdf"),
                    (f"photo-{n}.png", make_png(f"Photo {n}"), "image/png"),
                ),
            )
        )
        for n in range(MESSAGES)
    ]
    ids = {email.message_from_bytes(m, policy=policy.default)["message-id"] for m in sent}
    dovecot.append(*sent)
    ctx = open_context(make_settings(tmp_path, database_url=database_url))

    def taken() -> int:
        with ctx.sessions() as session:
            return int(session.execute(select(func.count(MailMessage.id))).scalar_one())

    try:
        for kill_after in (5, 25):
            reader = _reader(tmp_path, database_url, dovecot)
            deadline = time.monotonic() + 240
            while taken() < kill_after and reader.poll() is None:
                assert time.monotonic() < deadline, "the reader took nothing"
                time.sleep(0.02)
            os.killpg(reader.pid, signal.SIGKILL)
            reader.wait(10)
            assert reader.returncode == -signal.SIGKILL, "kill earlier: the pass was already over"
            assert taken() < MESSAGES
        left = MESSAGES - taken()
        last = _reader(tmp_path, database_url, dovecot)
        out, err = last.communicate(timeout=300)
        assert out.startswith(f"{left} courriel(s) relevé(s) : {2 * left} pièce(s) jointe(s)"), out
        assert last.returncode == 0, err
        assert "Traceback" not in err

        assert dovecot.messages("INBOX") == []
        kept = dovecot.messages("Traités")
        assert len(kept) == MESSAGES, "each message moved once, none copied twice"
        assert {
            email.message_from_bytes(m, policy=policy.default)["message-id"] for m in kept
        } == ids
        with ctx.sessions() as session:
            rows = session.execute(select(MailMessage)).scalars().all()
            assert len(rows) == MESSAGES and all(r.moved_at is not None for r in rows)
            documents = session.execute(select(func.count(Document.id))).scalar_one()
            assert documents == 3 * MESSAGES
            assert session.execute(select(func.count(Receipt.id))).scalar_one() == documents

            def events(action: str) -> dict[str, int]:
                stmt = (
                    select(AuditEvent.object, func.count())
                    .where(AuditEvent.action == action)
                    .group_by(AuditEvent.object)
                )
                return {str(obj): int(n) for obj, n in session.execute(stmt).all()}

            assert len(events("mail.received")) == MESSAGES
            assert set(events("mail.received").values()) == {1}
            received = events("document.received")
            assert len(received) == documents and set(received.values()) == {1}
            assert events("document.received_again") == {}
            assert verify_chain(session, ctx.store).ok
    finally:
        ctx.close()
