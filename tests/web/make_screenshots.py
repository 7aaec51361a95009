"""Regenerate docs/screenshots/*.png from a live server loaded with the demo data.

Run: ``.venv/bin/python -m tests.web.make_screenshots`` (needs /usr/bin/chromium).
Each PNG is a full page at 1280 px wide (phone pages at 390 px), kept under 300 KB.
The browser's own words (« Choose Files ») stay English: Debian's chromium package ships
the en-US locale only (French needs chromium-l10n, which the tests do not need).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from paperasse.context import open_context
from paperasse.demo import DEMO_ACCOUNTS, ensure_accounts, load_demo
from paperasse.models.tables import Document, Dossier
from tests.web.live import chromium, live_server, sign_in

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MAX_BYTES = 300_000
PASSWORDS = {a.username: a.password for a in DEMO_ACCOUNTS}


def _shrink(path: Path) -> None:
    """Re-encode with a 256-colour palette when the PNG is too heavy."""
    if path.stat().st_size <= MAX_BYTES:
        return
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, dither=Image.Dither.NONE).save(path, optimize=True)
    while path.stat().st_size > MAX_BYTES:
        image = image.resize((image.width * 9 // 10, image.height * 9 // 10))
        image.quantize(colors=256, dither=Image.Dither.NONE).save(path, optimize=True)


def _shot(page: Any, name: str, full: bool = True) -> None:
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    _shrink(path)
    print(f"{path.name}: {path.stat().st_size // 1024} Ko")


def _ids(settings: Any) -> tuple[str, str, str]:
    """A processed mail document, the citizen's draft and the submitted dossier."""
    ctx = open_context(settings)
    try:
        with ctx.sessions() as session:
            doc = (
                session.execute(
                    select(Document.id)
                    .where(Document.original_filename.like("demo-%courrier.pdf"))
                    .order_by(Document.original_filename)
                )
                .scalars()
                .first()
            )
            draft = session.execute(
                select(Dossier.id).where(Dossier.procedure == "inscription_scolaire")
            ).scalar()
            sent = session.execute(
                select(Dossier.id).where(Dossier.procedure == "carte_identite_passeport")
            ).scalar()
        assert doc and draft and sent
        return str(doc), str(draft), str(sent)
    finally:
        ctx.close()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp) / "var") as server:
        ctx = open_context(server.settings)
        try:
            ensure_accounts(ctx)
            load_demo(ctx)
        finally:
            ctx.close()
        doc_id, draft_id, sent_id = _ids(server.settings)
        base = server.url
        with chromium() as browser:
            desk = browser.new_page(viewport={"width": 1280, "height": 800}, locale="fr-FR")
            desk.goto(f"{base}/connexion")
            _shot(desk, "connexion", full=False)
            sign_in(desk, base, "courrier", PASSWORDS["courrier"])
            _shot(desk, "courrier")
            desk.goto(f"{base}/revue")
            _shot(desk, "revue")
            desk.goto(f"{base}/documents/{doc_id}")
            desk.wait_for_timeout(1500)
            _shot(desk, "document")
            desk.goto(f"{base}/recherche?q=madame")
            _shot(desk, "recherche")
            desk.goto(f"{base}/documents/00000000000000000000000000000000")
            _shot(desk, "introuvable", full=False)
            desk.close()

            agent = browser.new_page(viewport={"width": 1280, "height": 800}, locale="fr-FR")
            sign_in(agent, base, "agent", PASSWORDS["agent"])
            agent.goto(f"{base}/dossiers")
            _shot(agent, "dossiers")
            agent.goto(f"{base}/dossiers/{sent_id}")
            agent.wait_for_timeout(1000)
            _shot(agent, "dossier-agent")
            agent.close()

            phone = browser.new_page(
                viewport={"width": 390, "height": 844}, device_scale_factor=1, locale="fr-FR"
            )
            sign_in(phone, base, "citoyen", PASSWORDS["citoyen"])
            _shot(phone, "demarches-mobile")
            phone.goto(f"{base}/demarches/inscription_scolaire")
            _shot(phone, "demarche-mobile")
            phone.goto(f"{base}/dossiers/{draft_id}")
            phone.wait_for_timeout(1000)
            _shot(phone, "dossier-mobile")
            phone.goto(f"{base}/dossiers/{draft_id}/depot")
            _shot(phone, "depot-mobile")
            phone.goto(f"{base}/dossiers/{sent_id}")
            phone.wait_for_timeout(1000)
            _shot(phone, "suivi-mobile")
            phone.goto(f"{base}/mes-documents")
            phone.wait_for_timeout(1000)
            _shot(phone, "mes-documents-mobile")
            phone.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
