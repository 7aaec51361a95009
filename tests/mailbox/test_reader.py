"""The mailbox door against a real Dovecot: each e-mail becomes mailroom documents, once."""

from __future__ import annotations

import io
import json
import os
from concurrent.futures import ThreadPoolExecutor

import pdfplumber
from sqlalchemy import func, select

from paperasse import originals
from paperasse.context import Context
from paperasse.ingest.mail.lock import reading_lock
from paperasse.ingest.mail.reader import MailboxReader
from paperasse.models.tables import AuditEvent, Document, Job, MailMessage, Receipt
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf, make_png

DOCX = b"PK\x03\x04" + b"\x00" * 200  # what a .docx starts with: a zip archive


def _documents(ctx: Context) -> list[Document]:
    with ctx.sessions() as session:
        return list(session.execute(select(Document).order_by(Document.received_at)).scalars())


def _text_of(ctx: Context, doc: Document) -> str:
    with pdfplumber.open(io.BytesIO(originals.read(ctx, doc.sha256))) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _events(ctx: Context, action: str) -> list[AuditEvent]:
    with ctx.sessions() as session:
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)
        return list(session.execute(stmt).scalars())


def _count(ctx: Context, table: type[object]) -> int:
    with ctx.sessions() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_plain_message_becomes_a_readable_document_with_its_sender_and_subject(
    ctx: Context, dovecot: Dovecot
) -> None:
    dovecot.append(raw(message()))
    report = MailboxReader(ctx).read_once()
    assert (report.taken, report.attachments, report.refused, report.failed) == (1, 0, 0, 0)

    (doc,) = _documents(ctx)
    assert doc.mime == "application/pdf" and doc.source == "mailroom"
    assert doc.sender_name == "Jeanne Dupont"
    assert doc.sender_address == "jeanne.dupont@exemple.fr"
    assert doc.subject == "Demande d'acte de naissance"
    assert doc.original_filename == "courriel-2026-11-30-demande-d-acte-de-naissance.pdf"
    text = _text_of(ctx, doc)
    for shown in (
        "Jeanne Dupont <jeanne.dupont@exemple.fr>",
        "Mairie de Villeneuve <mairie@villeneuve.fr>",
        "30 novembre 2026 à 10:15",
        "Objet : Demande d'acte de naissance",
        "copie de mon acte de naissance",
    ):
        assert shown in text
    with ctx.sessions() as session:
        receipt = session.execute(select(Receipt)).scalar_one()
        job = session.execute(select(Job)).scalar_one()
        row = session.execute(select(MailMessage)).scalar_one()
    assert receipt.actor == "courrier:boite-mail" and job.status == "queued"
    assert row.document_id == doc.id and row.moved_at is not None and row.refused is None
    assert len(_events(ctx, "document.received")) == 1
    (received,) = _events(ctx, "mail.received")
    assert received.object == f"document:{doc.id}"

    assert dovecot.messages("INBOX") == []
    assert len(dovecot.messages("Traités")) == 1, "taken messages go to the processed folder"
    assert dovecot.seen("Traités") == 0, "reading it did not mark it read"
    assert MailboxReader(ctx).read_once().taken == 0
    assert len(_documents(ctx)) == 1


def test_an_html_only_message_is_reduced_to_its_text(ctx: Context, dovecot: Dovecot) -> None:
    html = (
        "<html><head><title>Titre caché</title><style>p { color: red }</style></head><body>"
        "<p>Bonjour,</p><p>Veuillez remplir le <a href='https://villeneuve.fr/formulaire'>"
        "formulaire en ligne</a>&nbsp;avant le 15&nbsp;décembre.</p>"
        "<script>document.write('code')</script><ul><li>pièce 1</li><li>pièce 2</li></ul>"
        "</body></html>"
    )
    dovecot.append(raw(message("Formulaire", None, html=html)))
    MailboxReader(ctx).read_once()
    (doc,) = _documents(ctx)
    text = _text_of(ctx, doc)
    assert "Veuillez remplir le formulaire en ligne (https://villeneuve.fr/formulaire)" in text
    assert "avant le 15 décembre." in text and "• pièce 1" in text
    for hidden in ("Titre caché", "color", "document.write", "<p>", "&nbsp;"):
        assert hidden not in text


def test_each_attachment_is_a_document_of_the_message_and_refusals_keep_their_reason(
    ctx: Context, dovecot: Dovecot
) -> None:
    letter = make_pdf("Attestation de domicile de Jeanne Dupont")
    photo = make_png("Carte d'identité", (600, 200))
    too_big = b"%PDF-1.4\n" + os.urandom(1_200_000)
    attachments = (
        ("attestation.pdf", letter, "application/pdf"),
        ("photo.png", photo, "image/png"),
        ("demande.docx", DOCX, "application/vnd.openxmlformats-officedocument"),
        ("scan-énorme.pdf", too_big, "application/pdf"),
    )
    dovecot.append(raw(message("Pièces pour mon dossier", attachments=attachments)))
    report = MailboxReader(ctx).read_once()
    assert (report.taken, report.attachments, report.refused) == (1, 2, 2)

    docs = {d.original_filename: d for d in _documents(ctx)}
    mail = next(d for name, d in docs.items() if name.startswith("courriel-"))
    assert set(docs) == {mail.original_filename, "attestation.pdf", "photo.png"}
    for name in ("attestation.pdf", "photo.png"):
        part = docs[name]
        assert part.parent_id == mail.id, "an attachment points to its message"
        assert (part.sender_name, part.subject) == ("Jeanne Dupont", "Pièces pour mon dossier")
    assert originals.read(ctx, docs["attestation.pdf"].sha256) == letter
    assert originals.read(ctx, docs["photo.png"].sha256) == photo

    with ctx.sessions() as session:
        row = session.execute(select(MailMessage)).scalar_one()
    refused = {r["filename"]: r for r in row.refused or []}
    assert set(refused) == {"demande.docx", "scan-énorme.pdf"}
    assert "PDF, TIFF, JPEG ou PNG" in refused["demande.docx"]["reason"]
    assert "la limite est de 1 Mo" in refused["scan-énorme.pdf"]["reason"]
    text = _text_of(ctx, mail)
    assert "attestation.pdf : enregistrée comme document." in text
    assert "demande.docx : NON ENREGISTRÉE." in text and "scan-énorme.pdf : NON" in text
    (event,) = _events(ctx, "mail.received")
    details = json.loads(event.details)
    assert sorted(details["refused"]) == ["file_too_large", "unsupported_type"]
    assert "demande.docx" not in event.details, "no file names in the audit chain"
    assert len(_events(ctx, "document.received")) == 3


def test_a_message_without_any_text_or_subject(ctx: Context, dovecot: Dovecot) -> None:
    bare = (
        b"From: guichet@exemple.fr\r\nTo: mairie@villeneuve.fr\r\n"
        b"Date: Tue, 1 Dec 2026 08:00:00 +0100\r\nMessage-ID: <vide@exemple.fr>\r\n\r\n"
    )
    dovecot.append(bare)
    assert MailboxReader(ctx).read_once().taken == 1
    (doc,) = _documents(ctx)
    assert doc.original_filename == "courriel-2026-12-01-sans-objet.pdf"
    assert (doc.sender_name, doc.sender_address, doc.subject) == (None, "guichet@exemple.fr", None)
    text = _text_of(ctx, doc)
    assert "(Ce courriel n'a pas de texte.)" in text and "(sans objet)" in text


def test_encoded_headers_and_file_names_are_read_in_full(ctx: Context, dovecot: Dovecot) -> None:
    subject = "Élection : procuration pour Noël ✉"
    msg = message(
        subject,
        "Voici ma procuration.",
        sender="Émilie Lefèvre-Ngô <emilie@exemple.fr>",
        attachments=(("relevé d'identité.pdf", make_pdf("RIB"), "application/pdf"),),
    )
    data = raw(msg)
    assert b"=?utf-8?" in data and "Émilie".encode() not in data.split(b"\r\n\r\n")[0]
    dovecot.append(data)
    MailboxReader(ctx).read_once()
    docs = {d.original_filename: d for d in _documents(ctx)}
    assert "relevé d'identité.pdf" in docs
    mail = docs["courriel-2026-11-30-election-procuration-pour-noel.pdf"]
    assert (mail.sender_name, mail.subject) == ("Émilie Lefèvre-Ngô", subject)
    assert "Objet : Élection : procuration pour Noël ✉" in _text_of(ctx, mail)


def test_a_message_recorded_but_not_moved_is_moved_and_not_taken_again(
    ctx: Context, dovecot: Dovecot
) -> None:
    dovecot.append(raw(message()))
    imap = dovecot.client()
    imap.select("INBOX")
    uidvalidity = int(imap.response("UIDVALIDITY")[1][0])
    uid = int(imap.uid("SEARCH", "ALL")[1][0])
    imap.logout()
    reader = MailboxReader(ctx)
    # What a pass that died between its commit and the move leaves behind.
    with ctx.transaction() as session:
        session.add(
            MailMessage(mailbox=reader.mailbox, uidvalidity=uidvalidity, uid=uid, sha256="0" * 64)
        )
    report = reader.read_once()
    assert (report.taken, report.moved) == (0, 1)
    assert _documents(ctx) == [] and dovecot.messages("INBOX") == []
    assert len(dovecot.messages("Traités")) == 1


def test_a_message_seen_again_under_another_uid_is_not_taken_twice(
    ctx: Context, dovecot: Dovecot
) -> None:
    data = raw(message())
    dovecot.append(data)
    reader = MailboxReader(ctx)
    assert reader.read_once().taken == 1
    dovecot.append(data)  # the same bytes again: a renumbered folder, or moved back by hand
    report = reader.read_once()
    assert (report.taken, report.moved) == (0, 1)
    assert len(_documents(ctx)) == 1 and _count(ctx, Receipt) == 1
    assert dovecot.messages("INBOX") == []


def test_one_reader_at_a_time_and_two_at_once_take_each_message_once(
    ctx: Context, dovecot: Dovecot
) -> None:
    dovecot.append(*(raw(message(f"Demande n° {n}")) for n in range(12)))
    reader = MailboxReader(ctx)
    with reading_lock(ctx, reader.mailbox) as alone:
        assert alone
        busy = reader.read_once()
    assert busy.skipped and busy.taken == 0 and len(dovecot.messages("INBOX")) == 12

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda r: r.read_once(), [reader, MailboxReader(ctx)]))
    assert sum(r.taken for r in reports) == 12 and sum(r.failed for r in reports) == 0
    assert len(_documents(ctx)) == 12 and _count(ctx, Receipt) == 12
    assert len(_events(ctx, "mail.received")) == 12
    assert dovecot.messages("INBOX") == []
    assert len(dovecot.messages("Traités")) == 12, "never moved twice"
