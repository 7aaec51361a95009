"""What came by e-mail under the RGPD: found by its sender's name, erased without a trace of it."""

from __future__ import annotations

from sqlalchemy import select

from paperasse.context import Context
from paperasse.ingest.mail.reader import MailboxReader
from paperasse.models.tables import Document, MailMessage
from paperasse.records.purge import purge_document
from paperasse.records.rgpd import find
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf


def test_the_sender_is_found_and_erasing_the_message_forgets_its_refused_files(
    ctx: Context, dovecot: Dovecot
) -> None:
    attachments = (
        ("avis-impot.pdf", make_pdf("Avis d'imposition"), "application/pdf"),
        ("Jeanne-Dupont-CV.docx", b"PK\x03\x04" + b"\x00" * 64, "application/octet-stream"),
    )
    data = raw(message("Demande de logement", attachments=attachments))
    dovecot.append(data)
    reader = MailboxReader(ctx)
    reader.read_once()
    with ctx.sessions() as session:
        docs = {d.original_filename: d.id for d in session.execute(select(Document)).scalars()}
    mail_id = docs.pop(next(n for n in docs if n.startswith("courriel-")))

    found = find(ctx, "DUPONT Jeanne")
    assert found.documents[mail_id] == ["expéditeur du courriel"]
    assert found.documents[docs["avis-impot.pdf"]] == ["expéditeur du courriel"]
    assert find(ctx, "DUPONT Marcel").documents == {}

    with ctx.transaction() as session:
        purge_document(session, mail_id, "test")
    with ctx.sessions() as session:
        row = session.execute(select(MailMessage)).scalar_one()
    assert (row.document_id, row.refused) == (None, None)
    dovecot.append(data)
    assert reader.read_once().taken == 0, "the mailbox still knows it took this message"
