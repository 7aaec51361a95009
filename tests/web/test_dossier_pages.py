"""The dossier's pages without JavaScript: slots, removal, replacement, confirmation,
the agents' list and decisions, the citizen's own space, previews, the mailroom's tools."""

from __future__ import annotations

import datetime as dt
import io
import re

import pdfplumber
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from paperasse.auth import add_user, identity_of
from paperasse.auth.users import get_user
from paperasse.context import Context
from paperasse.dossiers import add_document, create_dossier, submit_dossier
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.ingest.inline import process_now
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.worker import work_once
from paperasse.models.tables import AuditEvent, Document
from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card
from tests.samples import make_pdf
from tests.web.conftest import PASSWORD, PageClient, csrf_of, sign_in
from tests.web.test_pages import assert_accessible

ELECTIONS = "inscription_listes_electorales"


def _open(client: PageClient, procedure: str = ELECTIONS) -> str:
    checklist = client.get(f"/demarches/{procedure}")  # type: ignore[attr-defined]
    opened = client.post(  # type: ignore[attr-defined]
        f"/demarches/{procedure}/dossier",
        data={"csrf_token": csrf_of(checklist.text)},
        follow_redirects=False,
    )
    return str(opened.headers["location"])


def _slot_html(html: str, piece: str) -> str:
    return html.split(f'data-piece="{piece}"')[1].split('<li class="slot')[0]


def _citizen(ctx: Context, username: str = "lea") -> tuple[str, object]:
    add_user(ctx, username, PASSWORD, "citoyen", display_name="DUPONT Marie", actor="test")
    with ctx.sessions() as session:
        return username, identity_of(get_user(session, username))


def test_citizen_fills_slots_removes_replaces_then_confirms_the_submission(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("citoyen", display_name="DUPONT Marie")
    url = _open(client)
    page = client.get(url)
    assert_accessible(page.text)
    assert page.text.count('class="slot slot-') == 5  # four pieces and « Autres fichiers »
    assert "Accepté : Courrier" not in page.text and "(facultatif" not in page.text
    token = csrf_of(page.text)

    def send(name: str, data: bytes, **form: str) -> str:
        files = [("fichiers", (name, data, "application/pdf"))]
        response = client.post(f"{url}/pieces", data={"csrf_token": token, **form}, files=files)
        assert response.status_code == 200, response.text
        return response.text

    bill = edf_bill("Marie DUPONT", dt.date.today() - dt.timedelta(days=10))
    html = send("facture.pdf", bill, piece="piece_identite")
    assert "facture.pdf" in _slot_html(html, "justificatif_domicile")
    assert "Mis dans « Pièce d&#39;identité" in _slot_html(html, "justificatif_domicile")
    send("scan.pdf", make_pdf("Note numéro un"))
    html = send("scan.pdf", make_pdf("Note numéro deux"))
    assert "scan.pdf (1)" in html and "scan.pdf (2)" in html
    with ctx.sessions() as session:
        notes = session.execute(
            select(Document.id).where(Document.original_filename == "scan.pdf")
        ).scalars()
        first, second = sorted(notes)
    removed = client.post(
        f"{url}/documents/{first}/retrait", data={"csrf_token": token}, follow_redirects=False
    )
    assert removed.status_code == 303
    card = identity_card("DUPONT", "Marie", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
    html = send("cni.pdf", card, piece="piece_identite", remplace=second)
    assert "scan.pdf" not in html and "cni.pdf" in _slot_html(html, "piece_identite")

    confirm = client.get(f"{url}/depot")
    assert_accessible(confirm.text)
    assert "Votre dossier est incomplet" in confirm.text and "Formulaire CERFA" in confirm.text
    assert "Confirmer le dépôt, même incomplet" in confirm.text
    done = client.post(f"{url}/depot", data={"csrf_token": csrf_of(confirm.text)})
    assert done.status_code == 200 and re.search(r"Votre dossier n° \d{4}-\d{5}", done.text)
    assert "slot-upload" not in done.text and "Suivi du dossier" in done.text
    receipt = client.get(f"{url}/accuse-reception.pdf")
    assert receipt.status_code == 200 and receipt.headers["content-type"] == "application/pdf"
    late = client.post(
        f"{url}/documents/{second}/retrait", data={"csrf_token": token}, follow_redirects=False
    )
    assert late.status_code == 409 and "entre les mains de la mairie" in late.text


def test_agent_lists_dossiers_asks_for_more_refuses_and_the_citizen_reads_it(
    ctx: Context, page_as: PageClient, web_client: TestClient
) -> None:
    username, owner = _citizen(ctx)
    view = create_dossier(ctx, owner, ELECTIONS, {})  # type: ignore[arg-type]
    upload = add_document(ctx, owner, view.id, cerfa_inscription("DUPONT Marie"), "cerfa.pdf")  # type: ignore[arg-type]
    submitted = submit_dossier(ctx, owner, view.id)  # type: ignore[arg-type]
    agent = page_as("agent", services=("elections",))
    listing = agent.get("/dossiers")
    assert_accessible(listing.text)
    assert f"Dossier n° {submitted.number}" in listing.text and "À traiter (1)" in listing.text
    page = agent.get(f"/dossiers/{view.id}")
    assert_accessible(page.text)
    assert "Demander un complément" in page.text and "Lever cette remarque" in page.text
    token = csrf_of(page.text)
    asked = agent.post(
        f"/dossiers/{view.id}/complement",
        data={"csrf_token": token, "message": "Ajoutez votre carte d'identité."},
    )
    assert "Le complément est demandé" in asked.text and "À compléter" in asked.text
    mine = TestClient(web_client.app)
    sign_in(mine, username)
    own = mine.get(f"/dossiers/{view.id}").text
    assert "La mairie vous demande de compléter" in own and "Ajoutez votre carte" in own
    assert "slot-upload" in own
    wrote = mine.post(
        f"/dossiers/{view.id}/messages",
        data={"csrf_token": csrf_of(own), "texte": "Je l'envoie ce soir."},
    )
    assert "Je l&#39;envoie ce soir." in wrote.text and "Votre message" in wrote.text
    nothing = agent.post(
        f"/dossiers/{view.id}/decision", data={"csrf_token": token, "decision": "refuse"}
    )
    assert nothing.status_code == 400 and "motif du refus" in nothing.text
    agent.post(
        f"/dossiers/{view.id}/decision",
        data={"csrf_token": token, "decision": "refuse", "motif": "Vous habitez hors commune."},
    )
    refused = mine.get(f"/dossiers/{view.id}").text
    assert "Votre demande est refusée" in refused and "hors commune" in refused
    assert "tribunal administratif" in refused
    history = agent.get(f"/documents/{upload.document_id}").text
    assert "Demande refusée" in history and "Complément demandé" in history


def test_an_overruled_finding_reads_as_lifted_on_the_document_with_its_history(
    ctx: Context, page_as: PageClient
) -> None:
    _username, owner = _citizen(ctx)
    view = create_dossier(ctx, owner, ELECTIONS, {})  # type: ignore[arg-type]
    old = edf_bill("Marie DUPONT", dt.date.today() - dt.timedelta(days=150))
    bill = add_document(ctx, owner, view.id, old, "edf.pdf").document_id  # type: ignore[arg-type]
    submit_dossier(ctx, owner, view.id)  # type: ignore[arg-type]
    agent = page_as("agent", services=("elections",))
    page = agent.get(f"/dossiers/{view.id}").text
    assert 'name="code" value="document_trop_ancien"' in page and "Votre facture" in page
    lifted = agent.post(
        f"/dossiers/{view.id}/constats",
        data={
            "csrf_token": csrf_of(page),
            "code": "document_trop_ancien",
            "piece": "justificatif_domicile",
            "document": bill,
            "motif": "Facture récente vue au guichet.",
        },
    )
    assert "La remarque est levée" in lifted.text
    assert "Levée" in lifted.text and "Facture récente vue au guichet." in lifted.text
    document = agent.get(f"/documents/{bill}").text
    assert "Levée" in document and "Remarque levée" in document
    assert "Facture récente vue au guichet." in document


def test_my_documents_my_account_and_a_citizens_document_page_without_internals(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("citoyen", display_name="DUPONT Marie")
    url = _open(client)
    token = csrf_of(client.get(url).text)
    files = [("fichiers", ("cerfa.pdf", cerfa_inscription("DUPONT Marie"), "application/pdf"))]
    client.post(f"{url}/pieces", data={"csrf_token": token}, files=files)
    with ctx.sessions() as session:
        doc_id = session.execute(select(Document.id)).scalar_one()
    mine = client.get("/mes-documents")
    assert_accessible(mine.text)
    assert "Inscription sur les listes électorales" in mine.text and "cerfa.pdf" in mine.text
    assert "Formulaire CERFA" in mine.text and "confiance" not in mine.text
    page = client.get(f"/documents/{doc_id}")
    assert_accessible(page.text)
    assert "Reconnu comme" in page.text and "Inscription sur les listes électorales" in page.text
    for internal in ("confiance", ELECTIONS, "page-text", "Historique", "Service proposé"):
        assert internal not in page.text, internal
    account = client.get("/compte")
    assert_accessible(account.text)
    bad = client.post(
        "/compte", data={"csrf_token": csrf_of(account.text), "courriel": "moi", "avis": "oui"}
    )
    assert bad.status_code == 400 and "n&#39;est pas une adresse" in bad.text
    good = client.post(
        "/compte",
        data={"csrf_token": csrf_of(account.text), "courriel": "m@example.org", "avis": "oui"},
    )
    assert "Vos préférences sont enregistrées" in good.text and "checked" in good.text
    nav = client.get("/demarches").text
    assert 'href="/mes-documents"' in nav and 'href="/compte"' in nav


def test_previews_are_small_pngs_cached_and_only_for_readable_documents_one_may_see(
    ctx: Context, page_as: PageClient
) -> None:
    clerk = page_as("courrier")
    letter = receive(ctx, make_pdf("Monsieur le Maire,\nune lettre."), "lettre.pdf",
                     Origin(source="mailroom", actor="test"))  # fmt: skip
    process_now(ctx, letter.document_id)
    response = clerk.get(f"/documents/{letter.document_id}/apercu.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.width <= 240 and image.height <= 340 and image.height > image.width
    assert (ctx.settings.data_dir / "thumbnails" / f"{letter.sha256}.png").exists()
    assert clerk.get(f"/documents/{letter.document_id}/apercu.png").content == response.content
    broken = receive(ctx, b"%PDF-1.4\nabime", "abime.pdf", Origin(source="mailroom", actor="t"))
    assert work_once(ctx, "test")
    assert clerk.get(f"/documents/{broken.document_id}/apercu.png").status_code == 404
    outsider = page_as("citoyen")
    assert outsider.get(f"/documents/{letter.document_id}/apercu.png").status_code == 404


def test_mailroom_filters_reroutes_in_bulk_and_acknowledges_a_known_sender(
    ctx: Context, page_as: PageClient
) -> None:
    clerk = page_as("courrier")
    with ctx.sessions() as session:
        marie = identity_of(get_user(session, "courrier1"))
    ids = []
    for name in ("une.pdf", "deux.pdf"):
        text = f"Monsieur le Maire, courrier {name} au sujet de la voirie."
        result = deposit(ctx, make_pdf(text), name, Depositor("page", marie.actor, marie))
        process_now(ctx, result.document_id)
        ids.append(result.document_id)
    page = clerk.get("/courrier")
    assert_accessible(page.text)
    assert "Expéditeur" in page.text and "Objet" in page.text and "Réorienter" in page.text
    assert "une.pdf" not in clerk.get("/courrier/suivi?origine=citoyen").text
    moved = clerk.post(
        "/courrier/reorienter",
        data={
            "csrf_token": csrf_of(page.text),
            "ids": ids,
            "service": "technique",
            "retour": "/courrier?tri=echeance",
        },
        follow_redirects=False,
    )
    assert moved.headers["location"] == "/courrier?tri=echeance&reoriente=2"
    assert "2 document(s) réorienté(s)" in clerk.get(moved.headers["location"]).text
    with ctx.sessions() as session:
        services = session.execute(select(Document.service).where(Document.id.in_(ids)))
        assert set(services.scalars()) == {"technique"}
        corrected = session.execute(
            select(AuditEvent).where(AuditEvent.action == "document.corrected")
        ).scalars()
        assert len(list(corrected)) == 2

    document = clerk.get(f"/documents/{ids[0]}").text
    assert "Expéditeur inconnu" in document
    saved = clerk.post(
        f"/documents/{ids[0]}/expediteur",
        data={
            "csrf_token": csrf_of(document),
            "nom": "Odile Perrin",
            "adresse": "3 rue des Lilas, 42000 Saint-Exemple",
            "objet": "Nid-de-poule",
        },
    )
    assert "Expéditeur et objet enregistrés" in saved.text and "Odile Perrin" in saved.text
    pdf = clerk.get(f"/documents/{ids[0]}/accuse-reception.pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as opened:
        text = " ".join(p.extract_text() or "" for p in opened.pages)
    assert "ACCUSÉ DE RÉCEPTION" in text and "Odile Perrin" in text and "Nid-de-poule" in text
    assert "Services techniques" in text and "article L231-1" in text
    listed = clerk.get("/courrier").text
    assert "Odile Perrin" in listed and "Nid-de-poule" in listed


def test_citizens_uploads_are_marked_in_the_mail_an_agent_sees(
    ctx: Context, page_as: PageClient
) -> None:
    _username, owner = _citizen(ctx)
    view = create_dossier(ctx, owner, ELECTIONS, {})  # type: ignore[arg-type]
    add_document(ctx, owner, view.id, cerfa_inscription("DUPONT Marie"), "cerfa.pdf")  # type: ignore[arg-type]
    agent = page_as("agent", services=("elections",))
    page = agent.get("/courrier").text
    row = page.split(">cerfa.pdf</a>")[1].split("</tr>")[0]
    assert "dépôt en ligne d'un citoyen" in row
    assert "cerfa.pdf" not in agent.get("/courrier/suivi?origine=courrier").text
