"""End to end in a real Chromium against a real server with its workers and indexer."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from paperasse.context import open_context
from tests.samples import FONT, make_pdf
from tests.web.browser_setup import (
    BROWSER_TESTS,
    DESKTOP,
)
from tests.web.conftest import PASSWORD
from tests.web.live import LiveServer, sign_in

pytestmark = BROWSER_TESTS
SCAN_LINES = (
    "Monsieur le Maire,",
    "Je vous signale un lampadaire renversé",
    "devant le 12 rue des Glycines depuis lundi.",
    "Merci de faire intervenir vos services.",
    "Madame Odile Perrin",
)


def scan_png() -> bytes:
    """A letter as a scanner gives it: an image, so the text comes from Tesseract."""
    image = Image.new("L", (1654, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    for n, line in enumerate(SCAN_LINES):
        draw.text((120, 150 + n * 90), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(200, 200))
    return out.getvalue()


def test_citizen_opens_a_dossier_uploads_and_sees_what_is_missing(
    server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    page = browser.new_page()
    sign_in(page, server.url, "jeanne", PASSWORD)
    assert page.url.endswith("/demarches")
    page.get_by_role("link", name="Inscription à l'école maternelle ou élémentaire").click()
    page.get_by_label("Enfants concernés").fill("DUPONT Léo")
    page.get_by_role("button", name="Ouvrir le dossier").click()
    assert re.search(r"/dossiers/[0-9a-f]{32}$", page.url)
    bill = tmp_path / "facture-edf.pdf"
    bill.write_bytes(
        make_pdf(
            "EDF – Facture d'électricité du 2 novembre 2026\nDUPONT Jeanne\n"
            "12 rue des Glycines 69003 Lyon\nConsommation 412 kWh\nMontant TTC 84,12 €"
        )
    )
    page.set_input_files("#fichier-autre", str(bill))
    page.get_by_role("button", name="Envoyer sans choisir de case").click()
    row = page.locator(".uploads li", has_text="facture-edf.pdf")
    row.locator("text=/Fournie|À refaire|En plus/").wait_for(timeout=60_000)
    assert page.locator("#etat li.file", has_text="facture-edf.pdf").count() == 1
    summary = page.locator("#verdict").inner_text()
    assert "Il manque encore" in summary and "DUPONT Léo" in summary
    page.close()


def test_mailroom_drops_a_scan_and_an_agent_finds_it_by_a_word(
    server: LiveServer, browser: Any, tmp_path: Path
) -> None:
    scan = tmp_path / "signalement.png"
    scan.write_bytes(scan_png())
    clerk = browser.new_page()
    sign_in(clerk, server.url, "marie", PASSWORD)
    assert clerk.url.endswith("/courrier")
    clerk.get_by_label("Service destinataire").select_option("technique")
    clerk.set_input_files("#fichiers", str(scan))
    clerk.get_by_role("button", name="Déposer", exact=True).click()
    clerk.locator("#envois li", has_text="reçu").wait_for(timeout=30_000)
    clerk.locator("#suivi tbody", has_text="signalement.png").wait_for(timeout=30_000)
    clerk.close()

    agent = browser.new_page()
    sign_in(agent, server.url, "karim", PASSWORD)
    agent.goto(f"{server.url}/recherche?q=lampadaire")
    for _ in range(120):  # OCR then indexing run in the background
        if agent.locator("ol.hits a[href^='/documents/']").count():
            break
        agent.wait_for_timeout(1000)
        agent.reload()
    hit = agent.locator("ol.hits a[href^='/documents/']").first
    assert "lampadaire" in agent.locator("ol.hits mark").first.inner_text().lower()
    hit.click()
    assert "Glycines" in agent.locator(".page-text").first.inner_text()
    agent.close()


def test_citizen_cannot_open_another_citizens_dossier(server: LiveServer, browser: Any) -> None:
    owner = browser.new_page()
    sign_in(owner, server.url, "jeanne", PASSWORD)
    owner.goto(f"{server.url}/demarches/pacs")
    owner.get_by_label("Nom complet de votre partenaire").fill("MARTIN Paul")
    owner.get_by_role("button", name="Ouvrir le dossier").click()
    dossier_url = owner.url
    owner.close()
    other = browser.new_page()
    sign_in(other, server.url, "paul", PASSWORD)
    response = other.goto(dossier_url)
    assert response is not None and response.status == 404
    assert other.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert "MARTIN Paul" not in other.content()
    other.close()


def test_review_queue_keeps_its_place_and_answers_the_keyboard(
    server: LiveServer, browser: Any
) -> None:
    from paperasse.auth import identity_of
    from paperasse.auth.users import get_user
    from paperasse.ingest.deposit import Depositor, deposit
    from paperasse.ingest.inline import process_now
    from paperasse.models.tables import Document

    ctx = open_context(server.settings)
    try:
        with ctx.sessions() as session:
            marie = identity_of(get_user(session, "marie"))
        ids = []
        for n in (1, 2, 3):
            text = f"Bonjour, voici la pièce numéro {n} que vous m'avez demandée."
            result = deposit(ctx, make_pdf(text), f"piece-{n}.pdf", Depositor("page", "t", marie))
            process_now(ctx, result.document_id)
            ids.append(result.document_id)
        with ctx.transaction() as session:
            for n, doc_id in enumerate(ids):
                doc = session.get(Document, doc_id)
                assert doc is not None
                doc.status, doc.doc_type = "needs_review", "courrier"
                doc.due_date = dt.date.today() + dt.timedelta(days=10 + n)
    finally:
        ctx.close()
    page = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    sign_in(page, server.url, "marie", PASSWORD)
    page.goto(f"{server.url}/revue?tri=echeance")
    before = int(re.search(r"(\d+) documents? à vérifier", page.inner_text("#compte")).group(1))
    cards = page.locator(".review-card").evaluate_all("cards => cards.map(c => c.id)")
    first = cards.index(f"carte-{ids[0]}")
    assert cards[first + 1] == f"carte-{ids[1]}"
    page.locator("h1").click()
    for _ in range(first + 1):
        page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"carte-{ids[0]}"
    page.keyboard.press("v")
    page.wait_for_url(re.compile(f"fait={ids[0]}#carte-{ids[1]}$"))
    assert page.evaluate("document.activeElement.id") == f"carte-{ids[1]}"
    assert "Classement enregistré pour « piece-1.pdf »" in page.inner_text("main")
    after = int(re.search(r"(\d+) documents? à vérifier", page.inner_text("#compte")).group(1))
    assert after == before - 1
    page.keyboard.press("t")
    assert page.evaluate("document.activeElement.id") == f"type-{ids[1]}"
    page.close()
