"""End to end in a real Chromium against a real server with its workers, its indexer and
its e-mail sender (to an SMTP server the tests start)."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from aiosmtpd.controller import Controller
from PIL import Image, ImageDraw, ImageFont

from paperasse.auth import add_user
from paperasse.context import open_context
from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card
from tests.notify.conftest import Inbox, free_port
from tests.samples import FONT, make_pdf
from tests.web.audit import AXE, axe_violations, sideways_overflow, small_targets
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
    "elise": ("agent", ("elections",)),
    "lea": ("citoyen", ()),
    "arthur": ("archiviste", ()),
}
SCAN_LINES = (
    "Monsieur le Maire,",
    "Je vous signale un lampadaire renversé",
    "devant le 12 rue des Glycines depuis lundi.",
    "Merci de faire intervenir vos services.",
    "Madame Odile Perrin",
)
ATTESTATION = (
    "Pierre DUPONT\n12 rue des Lilas\n42000 Saint-Étienne\n\nMonsieur le Maire,\n\n"
    "Je soussigné Pierre DUPONT atteste sur l'honneur héberger à mon domicile, 12 rue des "
    "Lilas, ma fille Jeanne DUPONT depuis le 1er septembre 2025. Je joins à cette attestation "
    "d'hébergement la copie de ma carte d'identité.\n\nJe vous prie d'agréer, Monsieur le "
    "Maire, l'expression de mes salutations distinguées.\n\nPierre DUPONT"
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


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
def inbox() -> Iterator[tuple[Inbox, int]]:
    box, port = Inbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, inbox: tuple[Inbox, int]
) -> Iterator[LiveServer]:
    smtp = {"host": "127.0.0.1", "port": inbox[1], "security": "none", "poll_seconds": 0.5}
    with live_server(tmp_path_factory.mktemp("live") / "var", smtp=smtp) as live:
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


def _mails(box: Inbox, count: int, timeout: float = 60) -> list[str]:
    """The subjects of the first ``count`` e-mails, once the sender has sent them."""
    end = time.monotonic() + timeout
    while len(box.messages) < count and time.monotonic() < end:
        time.sleep(0.2)
    return [str(m["Subject"]) for m in box.messages]


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


def _files(folder: Path) -> dict[str, Path]:
    today = dt.date.today()
    made = {
        "cni-perimee.pdf": identity_card(
            "DUPONT", "Jeanne", dt.date(2001, 5, 2), dt.date(2011, 5, 1)
        ),
        "cni.pdf": identity_card("DUPONT", "Jeanne", dt.date(2022, 3, 1), dt.date(2032, 2, 28)),
        "facture-edf.pdf": edf_bill("Jeanne DUPONT", today - dt.timedelta(days=125)),
        "formulaire-scan.pdf": b"%PDF-1.7\n" + b"\x00illisible" * 300,
        "cerfa.pdf": cerfa_inscription("DUPONT Jeanne"),
        "attestation.pdf": make_pdf(ATTESTATION),
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def _slot(page: Any, piece: str) -> Any:
    return page.locator(f'li.slot[data-piece="{piece}"]')


def _send(page: Any, piece: str, path: Path) -> None:
    slot = _slot(page, piece)
    slot.locator("form.slot-upload input[type=file]").set_input_files(str(path))
    slot.locator("form.slot-upload button[type=submit]").click()


def _read(page: Any, piece: str, name: str, state: str) -> Any:
    """The file once read, in its slot, with the state its badge must show."""
    file = _slot(page, piece).locator(f'li.file[data-state="{state}"]', has_text=name)
    file.wait_for(timeout=60_000)
    return file


def test_the_whole_journey_of_a_dossier_from_slots_to_the_agents_decision(
    server: LiveServer, browser: Any, inbox: tuple[Inbox, int], tmp_path: Path
) -> None:
    box = inbox[0]
    box.messages.clear()
    files = _files(tmp_path)
    citizen = browser.new_page(viewport=PHONE, locale="fr-FR")
    sign_in(citizen, server.url, "jeanne", PASSWORD)
    citizen.goto(f"{server.url}/compte")
    citizen.get_by_label("Adresse électronique").fill("jeanne.dupont@example.org")
    citizen.get_by_label("Je veux recevoir ces courriels").check()
    citizen.get_by_role("button", name="Enregistrer").click()
    assert "Vos préférences sont enregistrées" in citizen.locator("main").inner_text()

    citizen.goto(f"{server.url}/demarches/inscription_listes_electorales")
    citizen.get_by_role("button", name="Ouvrir le dossier").click()
    dossier_url = citizen.url
    # every slot gets a file; the expired card is replaced, a copy sent twice is removed
    _send(citizen, "piece_identite", files["cni-perimee.pdf"])
    expired = _read(citizen, "piece_identite", "cni-perimee.pdf", "a_refaire")
    assert "5 ans" in expired.inner_text()
    row = _slot(citizen, "piece_identite").locator(".uploads li", has_text="cni-perimee.pdf")
    assert "À refaire" in row.inner_text() and row.locator("progress").count() == 0
    expired.locator("form.replace input[type=file]").set_input_files(str(files["cni.pdf"]))
    expired.locator("form.replace button").click()
    _read(citizen, "piece_identite", "cni.pdf", "fournie")
    assert _slot(citizen, "piece_identite").locator("li.file").count() == 1
    _send(citizen, "justificatif_domicile", files["facture-edf.pdf"])
    _read(citizen, "justificatif_domicile", "facture-edf.pdf", "a_refaire")
    _send(citizen, "formulaire", files["formulaire-scan.pdf"])
    _read(citizen, "formulaire", "formulaire-scan.pdf", "a_refaire")
    _send(citizen, "attestation_hebergement", files["attestation.pdf"])
    _read(citizen, "attestation_hebergement", "attestation.pdf", "fournie")
    citizen.set_input_files("#fichier-autre", str(files["attestation.pdf"]))  # a second copy
    citizen.get_by_role("button", name="Envoyer sans choisir de case").click()
    twice = _slot(citizen, "attestation_hebergement").locator("li.file", has_text="identique")
    twice.wait_for(timeout=60_000)
    twice.get_by_role("button", name=re.compile("^Retirer")).click()
    citizen.wait_for_load_state()
    assert "identique" not in _slot(citizen, "attestation_hebergement").inner_text()

    citizen.get_by_role("link", name="Déposer mon dossier").click()
    confirm = citizen.locator("main").inner_text()
    assert "Votre dossier est incomplet" in confirm
    assert "Justificatif de domicile de moins de 3 mois : à refaire" in confirm
    assert "Formulaire CERFA 12669*03 : à refaire" in confirm
    citizen.get_by_role("button", name="Confirmer le dépôt, même incomplet").click()
    notice = citizen.locator(".alert-ok", has_text="a été déposé").inner_text()
    number = re.search(r"n° (\d{4}-\d{5})", notice)
    assert number, notice
    receipt = citizen.request.get(f"{dossier_url}/accuse-reception.pdf")
    assert receipt.ok and receipt.body().startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(receipt.body())) as pdf:
        text = " ".join(p.extract_text() or "" for p in pdf.pages)
    assert "ACCUSÉ DE RÉCEPTION" in text and number.group(1) in text
    assert f"Votre dossier n° {number.group(1)} : dossier reçu" in _mails(box, 1)

    agent = browser.new_page(viewport=DESKTOP, locale="fr-FR")
    sign_in(agent, server.url, "elise", PASSWORD)
    agent.goto(f"{server.url}/dossiers")
    agent.get_by_role("link", name=re.compile(f"Dossier n° {number.group(1)}")).click()
    agent.get_by_label(re.compile("^Demander un complément")).fill(
        "Le formulaire CERFA est illisible : envoyez-le de nouveau, rempli et signé."
    )
    agent.get_by_role("button", name="Demander un complément").click()
    assert "Le complément est demandé" in agent.locator("main").inner_text()

    citizen.goto(dossier_url)
    assert "La mairie vous demande de compléter" in citizen.locator("#verdict").inner_text()
    assert "formulaire CERFA est illisible" in citizen.locator("#verdict").inner_text()
    _send(citizen, "formulaire", files["cerfa.pdf"])
    _read(citizen, "formulaire", "cerfa.pdf", "fournie")
    citizen.get_by_role("link", name="Déposer de nouveau mon dossier").click()
    citizen.get_by_role("button", name=re.compile("^Confirmer le dépôt")).click()
    citizen.locator(".alert-ok", has_text="a été déposé").wait_for()

    agent.reload()
    stale = agent.locator("#constats li.card", has_text="facture-edf.pdf")
    stale.get_by_label(re.compile("^Lever cette remarque")).fill(
        "Facture de régularisation annuelle vue au guichet : adresse confirmée."
    )
    stale.get_by_role("button", name="Lever la remarque").click()
    assert "La remarque est levée" in agent.locator("main").inner_text()
    agent.get_by_label(re.compile("^Accepter la demande")).fill(
        "Vous êtes inscrite sur la liste électorale."
    )
    agent.get_by_role("button", name="Accepter la demande").click()
    assert "La demande est acceptée" in agent.locator("main").inner_text()
    history = agent.locator("table", has_text="Quand").last.inner_text()
    decisions = (
        "Dossier déposé",
        "Complément demandé",
        "Dossier complété et déposé de nouveau",
        "Remarque levée",
        "Demande acceptée",
        "Fichier remplacé",
        "Fichier retiré",
    )
    for action in decisions:
        assert action in history, action
    agent.locator("#documents").get_by_role("link", name="facture-edf.pdf").click()
    document_history = agent.locator("table", has_text="Quand").last.inner_text()
    assert "Remarque levée" in document_history and "Demande acceptée" in document_history

    citizen.goto(dossier_url)
    steps = citizen.locator("#suivi ol.timeline > li").all_inner_texts()
    labels = [
        "Dossier ouvert",
        "Dossier déposé à la mairie",
        "Examen commencé par la mairie",
        "Complément demandé par la mairie",
        "Dossier complété et déposé de nouveau",
        "Examen commencé par la mairie",
        "Remarque levée par la mairie",
        "Demande acceptée",
    ]
    assert [next(label for label in labels if label in s) for s in steps] == labels
    assert "envoyez-le de nouveau" in steps[3] and "adresse confirmée" in steps[6]
    assert "Vous êtes inscrite" in steps[7] and re.search(r"\d{1,2}(er)? \w+ \d{4} à", steps[7])
    assert "Votre demande est acceptée" in citizen.locator("#verdict").inner_text()
    subjects = _mails(box, 4)
    assert [s.split(" : ")[1] for s in subjects] == [
        "dossier reçu",
        "dossier à compléter",
        "dossier reçu",
        "demande acceptée",
    ]
    citizen.close()
    agent.close()


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
