"""The mailbox door and the server: TLS, refused sign-in, servers without MOVE, huge messages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from paperasse.context import Context, open_context
from paperasse.errors import MailboxError
from paperasse.ingest.mail.imap import ImapMailbox, folder_name
from paperasse.ingest.mail.reader import MailboxReader
from paperasse.models.tables import Document, MailMessage
from tests.conftest import make_settings
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf


def _server(**options: object) -> Iterator[Dovecot]:
    server = Dovecot(**options)  # type: ignore[arg-type]
    try:
        yield server.start()
    finally:
        server.remove()


def _context(tmp_path: Path, server: Dovecot, **mailbox: object) -> Context:
    settings = make_settings(tmp_path, mailbox=server.mailbox_settings(**mailbox))
    return open_context(settings)


@pytest.fixture
def tls_dovecot() -> Iterator[Dovecot]:
    yield from _server(tls=True)


@pytest.fixture
def moveless_dovecot() -> Iterator[Dovecot]:
    """A server that offers neither MOVE nor UIDPLUS: copy, flag, expunge."""
    yield from _server(capabilities="IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE")


def test_folder_names_are_modified_utf7() -> None:
    assert folder_name("INBOX") == '"INBOX"'
    assert folder_name("Traités") == '"Trait&AOk-s"'
    assert folder_name('R&D "x"') == '"R&-D \\"x\\""'
    assert folder_name("日本語") == '"&ZeVnLIqe-"'  # RFC 3501's own example


@pytest.mark.parametrize("mode", ["tls", "starttls"])
def test_tls_and_starttls_with_the_town_halls_certificate(
    tmp_path: Path, tls_dovecot: Dovecot, mode: str
) -> None:
    tls_dovecot.append(raw(message()))
    port = tls_dovecot.tls_port if mode == "tls" else tls_dovecot.port
    ctx = _context(tmp_path, tls_dovecot, tls=mode, port=port, ca_file=tls_dovecot.cert)
    try:
        assert MailboxReader(ctx).read_once().taken == 1
    finally:
        ctx.close()


def test_an_untrusted_certificate_is_refused_in_french(
    tmp_path: Path, tls_dovecot: Dovecot
) -> None:
    ctx = _context(tmp_path, tls_dovecot, tls="tls", port=tls_dovecot.tls_port)
    try:
        with pytest.raises(MailboxError, match=r"ne répond pas.*CERTIFICATE_VERIFY_FAILED"):
            MailboxReader(ctx).read_once()
    finally:
        ctx.close()


def test_a_wrong_password_is_one_french_error(ctx: Context, dovecot: Dovecot) -> None:
    ctx.settings.mailbox.password = type(ctx.settings.mailbox.password)("pas-le-bon")
    with pytest.raises(MailboxError, match="refuse le compte « mairie »"):
        MailboxReader(ctx).read_once()


def test_without_move_the_copy_is_noted_before_the_original_is_deleted(
    tmp_path: Path, moveless_dovecot: Dovecot
) -> None:
    server = moveless_dovecot
    for number in range(3):
        server.append(raw(message(f"Demande n° {number}")))
    ctx = _context(tmp_path, server)
    try:
        with ImapMailbox(ctx.settings.mailbox) as imap:
            assert not {"MOVE", "UIDPLUS"} & imap.capabilities
        reader = MailboxReader(ctx)
        report = reader.read_once()
        assert (report.taken, report.moved) == (3, 3)
        assert server.messages("INBOX") == [] and len(server.messages("Traités")) == 3
        data = raw(message("Encore une"))
        server.append(data)
        assert reader.read_once().taken == 1
        with ctx.sessions() as session:
            row = session.execute(select(MailMessage).order_by(MailMessage.id.desc())).scalar()
            assert row is not None and row.moved_at is not None, "the copy was noted"
        # As after a pass that died between the copy and the delete: recorded, copied, still here.
        server.append(data)
        again = reader.read_once()
        assert (again.taken, again.moved) == (0, 1)
        assert server.messages("INBOX") == []
        assert server.messages("Traités").count(data) == 1, "deleted, not copied again"
    finally:
        ctx.close()


def test_a_message_above_the_limit_is_recorded_by_its_headers(
    tmp_path: Path, dovecot: Dovecot
) -> None:
    big = ("plan.pdf", b"%PDF-1.4\n" + os.urandom(1_500_000), "application/pdf")
    small = ("lettre.pdf", make_pdf("Lettre"), "application/pdf")
    dovecot.append(raw(message("Plans du permis", attachments=(big, small))))
    ctx = _context(tmp_path, dovecot, max_message_mb=1)
    try:
        report = MailboxReader(ctx).read_once()
        assert (report.taken, report.attachments, report.moved) == (1, 0, 1)
        with ctx.sessions() as session:
            (doc,) = session.execute(select(Document)).scalars()
        assert doc.subject == "Plans du permis" and doc.sender_name == "Jeanne Dupont"
        assert len(dovecot.messages("Traités")) == 1, "the message itself is kept, unread"
    finally:
        ctx.close()
