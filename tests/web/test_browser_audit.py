"""Every page, as each role, in Chromium: axe-core finds no violation at 1366 and 390 px,
nothing scrolls sideways at 390 and 320 px, and controls are at least 44 px on a phone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from paperasse.context import open_context
from tests.dossiers.papers import edf_bill, identity_card
from tests.samples import make_pdf
from tests.web.audit import AXE, axe_violations, sideways_overflow, small_targets
from tests.web.browser_setup import (
    BROWSER_TESTS,
    DESKTOP,
    PHONE,
)
from tests.web.conftest import PASSWORD
from tests.web.live import LiveServer, sign_in

pytestmark = BROWSER_TESTS


def _state_to_look_at(live: LiveServer) -> dict[str, str]:
    """A dossier of each kind and some mail, made through the services, for the audit."""
    from paperasse.auth import identity_of
    from paperasse.auth.users import get_user
    from paperasse.dossiers import add_document, ask_complement, create_dossier, submit_dossier
    from paperasse.dossiers.acknowledgements import record_sender
    from paperasse.ingest.deposit import Depositor, deposit
    from paperasse.ingest.inline import process_now
    from paperasse.models.tables import Document

    ctx = open_context(live.settings)
    try:
        with ctx.sessions() as session:
            lea = identity_of(get_user(session, "lea"))
            elise = identity_of(get_user(session, "elise"))
            marie = identity_of(get_user(session, "marie"))
        draft = create_dossier(ctx, lea, "inscription_listes_electorales", {})
        card = identity_card("DUPONT", "Léa", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
        add_document(ctx, lea, draft.id, card, "cni.pdf", piece="piece_identite")
        old = edf_bill("Léa DUPONT", dt.date.today() - dt.timedelta(days=140))
        bill = add_document(ctx, lea, draft.id, old, "edf.pdf", piece="justificatif_domicile")
        sent = create_dossier(ctx, lea, "carte_identite_passeport", {})
        add_document(ctx, lea, sent.id, card, "cni.pdf")
        submit_dossier(ctx, lea, sent.id)
        elections = create_dossier(ctx, lea, "inscription_listes_electorales", {})
        add_document(ctx, lea, elections.id, card, "cni.pdf")
        submit_dossier(ctx, lea, elections.id)
        ask_complement(ctx, elise, elections.id, "Ajoutez un justificatif de domicile récent.")
        mail = Depositor("page", marie.actor, marie)
        letter = deposit(ctx, make_pdf("Monsieur le Maire, objet : voirie."), "lettre.pdf", mail)
        process_now(ctx, letter.document_id)
        record_sender(ctx, marie, letter.document_id, name="Odile Perrin",
                      address="3 rue des Lilas", subject="Voirie")  # fmt: skip
        unsure = deposit(ctx, make_pdf("Bonjour, voici le document."), "divers.pdf", mail)
        process_now(ctx, unsure.document_id)
        with ctx.transaction() as session:
            doc = session.get(Document, unsure.document_id)
            assert doc is not None
            doc.status = "needs_review"
        return {
            "draft": draft.id,
            "sent": sent.id,
            "elections": elections.id,
            "bill": bill.document_id,
            "letter": letter.document_id,
        }
    finally:
        ctx.close()


def _pages(ids: dict[str, str]) -> dict[str, list[str]]:
    d = "/dossiers/"
    return {
        "": ["/connexion"],
        "lea": ["/demarches", "/demarches/inscription_listes_electorales", d + ids["draft"],
                d + ids["draft"] + "/depot", d + ids["elections"], d + ids["sent"],
                "/mes-documents", "/compte", "/documents/" + ids["bill"], "/recherche?q=facture",
                "/deconnexion", "/documents/00000000000000000000000000000000"],
        "marie": ["/courrier", "/courrier?periode=mois&tri=echeance", "/revue",
                  "/documents/" + ids["letter"], "/recherche?q=voirie"],
        "elise": ["/dossiers", d + ids["elections"], "/documents/" + ids["bill"]],
        "arthur": ["/dossiers", d + ids["sent"], "/recherche"],
    }  # fmt: skip


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent: run scripts/setup.sh test")
def test_every_page_passes_axe_on_desktop_and_phone_fits_narrow_screens_and_big_targets(
    server: LiveServer, browser: Any
) -> None:
    ids = _state_to_look_at(server)
    problems: list[str] = []
    for user, paths in _pages(ids).items():
        for viewport in (DESKTOP, PHONE):
            page = browser.new_page(viewport=viewport, locale="fr-FR")
            if user:
                sign_in(page, server.url, user, PASSWORD)
            for path in paths:
                page.goto(server.url + path)
                page.wait_for_load_state("networkidle")
                where = f"{user or 'anonyme'} {viewport['width']}px {path}"
                for v in axe_violations(page):
                    problems.append(f"{where}: {v['id']} ({v['impact']}) {v['nodes']}")
                if viewport is PHONE:
                    problems += [f"{where}: cible trop petite {t}" for t in small_targets(page)]
                    for width in (390, 320):
                        page.set_viewport_size({"width": width, "height": 844})
                        overflow = sideways_overflow(page)
                        if overflow > 0:
                            problems.append(f"{user} {width}px {path}: {overflow}px de trop")
                    page.set_viewport_size(PHONE)
            page.close()
    assert not problems, "\n".join(problems)
