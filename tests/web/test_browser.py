"""End to end in a real Chromium against a real server with its workers and indexer."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from paperasse.auth import add_user
from paperasse.context import open_context
from tests.samples import FONT, make_pdf
from tests.web.conftest import PASSWORD
from tests.web.live import CHROMIUM, LiveServer, chromium, live_server, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent (Debian chromium)"),
]
ACCOUNTS = {
    "jeanne": ("citoyen", ()),
    "paul": ("citoyen", ()),
    "marie": ("courrier", ()),
    "karim": ("agent", ("technique",)),
}
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


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("live") / "var") as live:
        ctx = open_context(live.settings)
        try:
            for username, (role, services) in ACCOUNTS.items():
                name = "DUPONT Jeanne" if username == "jeanne" else ""
                add_user(
                    ctx, username, PASSWORD, role, services=services, display_name=name, actor="t"
                )
        finally:
            ctx.close()
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


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
    page.set_input_files("#fichiers", str(bill))
    page.get_by_role("button", name="Envoyer").click()
    page.locator("#envois li", has_text="reçu").wait_for(timeout=60_000)
    documents = page.locator("#etat", has_text="facture-edf.pdf")
    documents.wait_for(timeout=60_000)
    hints = page.locator("#etat .hints").inner_text()
    assert "Il manque" in hints and "DUPONT Léo" in hints
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
