"""What the pages show and do, through the same requests a browser without JavaScript makes."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient
from sqlalchemy import select

from paperasse.archive.search import catch_up
from paperasse.auth import add_user, identity_of
from paperasse.auth.users import get_user
from paperasse.context import Context
from paperasse.dossiers import add_document, create_dossier
from paperasse.ingest.inline import process_now
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.worker import work_once
from paperasse.models.tables import AuditEvent, Document
from tests.samples import make_pdf
from tests.web.conftest import PASSWORD, PageClient, csrf_of

LETTER = (
    "Monsieur le Maire,\nJe sollicite un permis de construire pour une véranda "
    "au 4 rue des Tilleuls. Veuillez agréer mes salutations.\nJean Dupont"
)


def _mail(ctx: Context, text: str, name: str) -> str:
    """A born-digital letter received by the mailroom and processed at once."""
    result = receive(ctx, make_pdf(text), name, Origin(source="mailroom", actor="test"))
    assert process_now(ctx, result.document_id)
    return result.document_id


class _Outline(HTMLParser):
    """Collects what accessibility checks need: labels, form controls, headings."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.headings: list[int] = []
        self.lang = ""
        self.skip_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        elif tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        elif tag in ("input", "select", "textarea") and a.get("type") not in ("hidden", "submit"):
            self.controls.append(a)
        elif tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        elif tag == "a" and a.get("href") == "#contenu":
            self.skip_link = True


def assert_accessible(html: str) -> None:
    """lang="fr", a skip link, a label for every control, one h1 and no skipped level."""
    page = _Outline()
    page.feed(html)
    assert page.lang == "fr" and page.skip_link
    unlabelled = [
        c for c in page.controls if c.get("id") not in page.labels and not c.get("aria-label")
    ]
    assert not unlabelled, unlabelled
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings


def test_mailroom_plain_form_takes_many_files_and_says_which_failed(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("courrier")
    page = client.get("/courrier")
    assert_accessible(page.text)
    files = [
        ("fichiers", ("lettre.pdf", make_pdf(LETTER), "application/pdf")),
        ("fichiers", ("notes.txt", b"juste du texte", "text/plain")),
        ("fichiers", ("facture.pdf", make_pdf("Facture d'eau n° 12"), "application/pdf")),
    ]
    response = client.post("/courrier/depot", files=files, data={"csrf_token": csrf_of(page.text)})
    assert response.status_code == 200 and 'role="alert"' in response.text
    assert "<strong>lettre.pdf</strong> : reçu" in response.text
    assert "<strong>notes.txt</strong> : Le fichier « notes.txt » n&#39;est pas" in response.text
    with ctx.sessions() as session:
        docs = session.execute(select(Document)).scalars().all()
        assert sorted(d.original_filename for d in docs) == ["facture.pdf", "lettre.pdf"]
        assert {d.source for d in docs} == {"mailroom"}
    table = client.get("/courrier/suivi").text
    assert "lettre.pdf" in table and "facture.pdf" in table and "Reçu" in table


def test_failed_document_is_listed_with_its_reason_and_retried_only_where_it_can_help(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("courrier")
    broken = b"%PDF-1.4\n1 0 obj broken beyond repair"
    doc_id = receive(ctx, broken, "abime.pdf", Origin(source="mailroom", actor="test")).document_id
    assert work_once(ctx, "test")
    with ctx.sessions() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None and doc.status == "failed" and doc.status_reason
        reason = doc.status_reason
    page = client.get("/courrier").text
    assert "Documents en échec" in page and "abime.pdf" in page
    assert reason.replace("'", "&#39;") in page
    assert f'action="/documents/{doc_id}/relancer"' not in page
    assert "Relancer ne changera rien" in page
    # a failure of our own that outlasted its attempts is worth retrying
    with ctx.transaction() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None
        doc.status_reason = "erreur interne : OSError: disque plein"
    page = client.get("/courrier").text
    assert f'action="/documents/{doc_id}/relancer"' in page
    response = client.post(
        f"/documents/{doc_id}/relancer",
        data={"csrf_token": csrf_of(page), "retour": "/courrier?etat=echec"},
        follow_redirects=False,
    )
    location = response.headers["location"]
    assert response.status_code == 303 and location.startswith("/courrier?etat=echec&relance=")
    with ctx.sessions() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None and doc.status == "received"
    after = client.get(location).text
    assert "Le traitement a été relancé" in after and "Documents en échec" not in after
    again = client.post(
        f"/documents/{doc_id}/relancer",
        data={"csrf_token": csrf_of(page), "retour": "/courrier"},
        follow_redirects=True,
    )
    assert "déjà en file d&#39;attente" in again.text


def test_review_queue_shows_the_reasons_and_one_click_confirms(
    ctx: Context, page_as: PageClient
) -> None:
    doc_id = _mail(ctx, "Bonjour, voici le document demandé. Cordialement.", "divers.pdf")
    with ctx.transaction() as session:
        # whether the classifier was unsure depends on the shipped model; make it so
        doc = session.get(Document, doc_id)
        assert doc is not None
        doc.status, proposed_service = "needs_review", doc.service
    client = page_as("courrier")
    page = client.get("/revue")
    assert page.status_code == 200 and "divers.pdf" in page.text
    assert_accessible(page.text)
    assert "Type proposé" in page.text and "Service proposé" in page.text
    response = client.post(
        f"/documents/{doc_id}/classement",
        data={
            "csrf_token": csrf_of(page.text),
            "doc_type": "courrier",
            "service": proposed_service or "cabinet",
            "priority": "basse",
            "retour": "/revue",
        },
        follow_redirects=False,
    )
    location = response.headers["location"]
    assert response.status_code == 303 and location.startswith("/revue?tri=echeance&fait=")
    with ctx.sessions() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None and doc.status == "processed" and doc.doc_type == "courrier"
        actions = session.execute(
            select(AuditEvent.action).where(AuditEvent.object == f"document:{doc_id}")
        ).scalars()
        assert "document.corrected" in list(actions)
    after = client.get(location).text
    assert "Classement enregistré pour « divers.pdf »" in after
    assert f'id="carte-{doc_id}"' not in after and "0 document à vérifier" in after


def test_document_page_shows_text_entities_and_french_history(
    ctx: Context, page_as: PageClient
) -> None:
    doc_id = _mail(ctx, LETTER, "permis.pdf")
    client = page_as("archiviste")
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    assert_accessible(page.text)
    assert "permis de construire pour une véranda" in page.text
    assert f'href="/api/v1/documents/{doc_id}/original"' in page.text
    assert f'src="/documents/{doc_id}/apercu.png"' in page.text and "<object" not in page.text
    assert "Document reçu" in page.text and "Document traité automatiquement" in page.text
    assert "traitement automatique" in page.text
    original = client.get(f"/api/v1/documents/{doc_id}/original")
    assert original.status_code == 200 and original.content.startswith(b"%PDF")
    # one trace per view: the page and the original it shows
    assert "Document consulté" in client.get(f"/documents/{doc_id}").text
    other = page_as("citoyen")
    missing = other.get(f"/documents/{doc_id}")
    assert missing.status_code == 404 and "Page introuvable" in missing.text


def test_search_page_finds_words_with_highlights_facets_and_escapes_the_rest(
    ctx: Context, page_as: PageClient
) -> None:
    _mail(ctx, LETTER, "permis.pdf")
    _mail(ctx, "Signalement : <script>alert(1)</script> lampadaire véranda cassé", "signal.pdf")
    catch_up(ctx)
    client = page_as("admin")
    page = client.get("/recherche", params={"q": "véranda"})
    assert page.status_code == 200
    assert_accessible(page.text)
    assert "2 documents trouvés" in page.text and "<mark>" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    assert "Affiner" in page.text and "/recherche?q=v%C3%A9randa&amp;type=" in page.text
    narrowed = client.get("/recherche", params={"q": "véranda tilleuls"})
    assert "1 document trouvé" in narrowed.text and "Monsieur le Maire" in narrowed.text
    citizen = page_as("citoyen")
    assert "0 document trouvé" in citizen.get("/recherche", params={"q": "véranda"}).text


def test_citizen_opens_a_dossier_uploads_and_reads_what_is_missing(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("citoyen", display_name="DUPONT Jeanne")
    procedures = client.get("/demarches")
    assert_accessible(procedures.text)
    assert "/demarches/pacs" in procedures.text
    checklist = client.get("/demarches/pacs")
    assert_accessible(checklist.text)
    assert "Pièces à fournir" in checklist.text and 'name="partenaires"' in checklist.text
    opened = client.post(
        "/demarches/pacs/dossier",
        data={"csrf_token": csrf_of(checklist.text), "partenaires": "MARTIN Paul"},
        follow_redirects=False,
    )
    assert opened.status_code == 303
    dossier_url = opened.headers["location"]
    page = client.get(dossier_url)
    assert_accessible(page.text)
    assert 'accept="image/*,application/pdf"' in page.text and "capture=" not in page.text
    acte = make_pdf("EXTRAIT D'ACTE DE NAISSANCE\nDUPONT Jeanne, née le 3 mars 1990 à Lyon")
    uploaded = client.post(
        f"{dossier_url}/pieces",
        data={"csrf_token": csrf_of(page.text)},
        files=[("fichiers", ("acte.pdf", acte, "application/pdf"))],
    )
    assert uploaded.status_code == 200
    assert "<strong>acte.pdf</strong> : reçu" in uploaded.text
    assert "Il manque" in uploaded.text and "pour MARTIN Paul" in uploaded.text
    assert "acte.pdf" in client.get(f"{dossier_url}/etat").text
    submitted = client.post(
        f"{dossier_url}/depot", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert submitted.status_code == 303
    done = client.get(submitted.headers["location"]).text
    assert re.search(r"Votre dossier n° \d{4}-\d{5} a été déposé à la mairie", done)
    assert "accuse-reception.pdf" in done and "slot-upload" not in done


def test_a_provided_piece_that_fails_its_rules_reads_to_be_redone(
    ctx: Context, page_as: PageClient
) -> None:
    from tests.dossiers.papers import edf_bill

    client = page_as("citoyen", display_name="DUPONT Jeanne")
    checklist = client.get("/demarches/inscription_listes_electorales")
    opened = client.post(
        "/demarches/inscription_listes_electorales/dossier",
        data={"csrf_token": csrf_of(checklist.text)},
        follow_redirects=False,
    )
    dossier_url = opened.headers["location"]
    page = client.get(dossier_url)
    old_bill = edf_bill("Jeanne DUPONT", dt.date.today() - dt.timedelta(days=200))
    client.post(
        f"{dossier_url}/pieces",
        data={"csrf_token": csrf_of(page.text)},
        files=[("fichiers", ("edf.pdf", old_bill, "application/pdf"))],
    )
    state = client.get(f"{dossier_url}/etat").text
    slot = state.split('data-piece="justificatif_domicile"')[1].split('<li class="slot')[0]
    assert ">À refaire</span>" in slot and ">Fournie</span>" not in slot
    assert "edf.pdf" in slot and "plus de 3 mois" in slot


def test_citizen_cannot_open_someone_elses_dossier(ctx: Context, page_as: PageClient) -> None:
    add_user(ctx, "voisin", PASSWORD, "citoyen", display_name="MARTIN Paul", actor="test")
    with ctx.sessions() as session:
        owner = identity_of(get_user(session, "voisin"))
    view = create_dossier(ctx, owner, "inscription_scolaire", {"children": ["MARTIN Léa"]})
    add_document(ctx, owner, view.id, make_pdf("Facture EDF électricité"), "edf.pdf")
    client = page_as("citoyen")
    page = client.get(f"/dossiers/{view.id}")
    assert page.status_code == 404 and "Page introuvable" in page.text
    assert "MARTIN" not in page.text
    assert client.get(f"/dossiers/{view.id}/etat").status_code == 404


def test_pages_work_on_a_fresh_install_for_every_role(page_as: PageClient) -> None:
    for role, pages in {
        "citoyen": ["/demarches", "/recherche"],
        "courrier": ["/courrier", "/revue", "/recherche", "/deconnexion"],
        "archiviste": ["/recherche", "/demarches"],
    }.items():
        client = page_as(role)
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, (role, path)
            assert_accessible(response.text)


def test_anonymous_sign_in_page_is_accessible(web_client: TestClient) -> None:
    assert_accessible(web_client.get("/connexion").text)
