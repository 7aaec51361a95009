"""The archivists' page: list what is due, approve with the visa, get the certificate."""

from __future__ import annotations

import re

from paperasse.context import Context
from tests.web.conftest import PageClient, csrf_of, page_as, web_client  # noqa: F401 (fixtures)

from .conftest import add_document, document_ids, years_ago


def test_an_archivist_disposes_of_what_is_due_from_the_page(
    ctx: Context,
    page_as: PageClient,  # noqa: F811
) -> None:
    old = add_document(
        ctx, "Certificat de scolarité", doc_type="certificat_scolarite", received=years_ago(2)
    )
    archivist = page_as("archiviste")
    page = archivist.get("/archives")
    assert page.status_code == 200
    assert "À échéance (1)" in page.text and "document:certificat_scolarite" in page.text
    assert "(non vérifiée)" in page.text

    csrf = csrf_of(page.text)
    page = archivist.post("/archives/bordereaux", data={"csrf_token": csrf})
    assert "Bordereau proposé." in page.text and "Bordereaux à approuver (1)" in page.text
    disposal_id = re.search(r'name="bordereau" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    refused = archivist.post(
        "/archives/bordereaux/approbation",
        data={"csrf_token": csrf, "bordereau": disposal_id, "visa": ""},
    )
    assert refused.status_code == 400 and "visa" in refused.text
    done = archivist.post(
        "/archives/bordereaux/approbation",
        data={"csrf_token": csrf, "bordereau": disposal_id, "visa": "AD 2026-55"},
    )
    assert "1 document(s) détruit(s)" in done.text
    assert old not in document_ids(ctx)
    link = re.search(r'href="(/archives/fichier\?nom=[^"]+pdf)"', done.text)
    assert link is not None
    pdf = archivist.get(link.group(1).replace("&amp;", "&"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert page_as("agent", services=("urbanisme",)).get("/archives").status_code == 403
