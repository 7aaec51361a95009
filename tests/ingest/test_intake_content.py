"""Intake judges files by their content: the magic number at offset 0, page trees that
loop or fan out fail at once with the right French reason, and invisible characters
are dropped from file names."""

from __future__ import annotations

from fpdf import FPDF
from sqlalchemy import select

from paperasse.context import Context
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Document, Job, Receipt
from tests.api.conftest import ClientFactory
from tests.hostile import fan_out_page_tree, html_with_pdf_marker, self_referring_page_tree
from tests.samples import FONT, make_pdf


def _post(client_as: ClientFactory, data: bytes, name: str):  # type: ignore[no-untyped-def]
    client = client_as("courrier")
    return client.post("/api/v1/documents", files={"file": (name, data, "application/pdf")})


def _failed_at_once(ctx: Context, document_id: str) -> str:
    with ctx.sessions() as session:
        doc = session.get(Document, document_id)
        job = session.execute(select(Job).where(Job.document_id == document_id)).scalar_one()
    assert doc is not None and doc.status == "failed" and doc.status_reason
    assert job.status == "failed" and job.attempts == 1, "retried although it can never be read"
    return doc.status_reason


def _encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Relevé de compte")
    pdf.set_encryption(owner_password="proprietaire", user_password="secret")
    return bytes(pdf.output())


def test_html_mentioning_the_pdf_magic_is_refused_at_the_door(
    ctx: Context, client_as: ClientFactory
) -> None:
    response = _post(client_as, html_with_pdf_marker(), "facture.pdf")
    assert response.status_code == 415, response.text
    assert "n'est pas un document PDF, TIFF, JPEG ou PNG" in response.json()["message"]
    with ctx.sessions() as session:
        assert session.execute(select(Document)).first() is None


def test_a_page_tree_that_contains_itself_fails_at_once(
    ctx: Context, client_as: ClientFactory
) -> None:
    response = _post(client_as, self_referring_page_tree(), "boucle.pdf")
    assert response.status_code == 201, response.text
    assert work_once(ctx, "w1")
    reason = _failed_at_once(ctx, response.json()["id"])
    assert "endommagé" in reason and "boucle" in reason and "erreur interne" not in reason


def test_a_fan_out_page_tree_read_after_an_encrypted_pdf_is_refused_for_its_pages(
    ctx: Context, client_as: ClientFactory
) -> None:
    encrypted = _post(client_as, _encrypted_pdf(), "releve.pdf").json()["id"]
    assert work_once(ctx, "w1")
    assert "mot de passe" in _failed_at_once(ctx, encrypted)
    fan_out = _post(client_as, fan_out_page_tree(), "eventail.pdf").json()["id"]
    assert work_once(ctx, "w1")
    reason = _failed_at_once(ctx, fan_out)
    assert "plus de 200 pages" in reason and "mot de passe" not in reason


def test_invisible_characters_are_dropped_from_file_names(
    ctx: Context, client_as: ClientFactory
) -> None:
    sent = "facture\u202efdp.exe\u200b.pdf"
    response = _post(client_as, make_pdf("Facture d'eau"), sent)
    assert response.status_code == 201, response.text
    document = client_as("admin").get(f"/api/v1/documents/{response.json()['id']}").json()
    assert document["original_filename"] == "facturefdp.exe.pdf"
    with ctx.sessions() as session:
        names = session.execute(select(Receipt.filename)).scalars().all()
    assert names == ["facturefdp.exe.pdf"]


def test_a_name_made_only_of_invisible_characters_is_refused(
    ctx: Context, client_as: ClientFactory
) -> None:
    response = _post(client_as, make_pdf("Lettre"), "\u202e\u2066\u200f")
    assert response.status_code == 400 and response.json()["code"] == "unsafe_filename"
