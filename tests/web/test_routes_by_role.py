"""Every route of the app, as every role, against someone else's document and dossier.

The table below is the access policy written down: for each route, the status
each kind of caller must get. The API is called with bearer tokens, the pages
with the session cookie and their CSRF token. A route added to the app without
a row here fails the test, so nobody ships a route whose rights were never
thought about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import update
from starlette.routing import Mount

from paperasse.auth import add_user, identity_of
from paperasse.auth.users import get_user
from paperasse.context import Context
from paperasse.dossiers import add_document, create_dossier, dossier_checks
from paperasse.models.tables import Document
from tests.samples import make_pdf
from tests.web.conftest import PASSWORD, csrf_of, sign_in

ROLES = ("anonyme", "citoyen", "courrier", "agent", "archiviste", "admin")
USERS = {
    "citoyen": ("citoyen", ()),
    "courrier": ("courrier", ()),
    "agent": ("agent", ("urbanisme",)),
    "archiviste": ("archiviste", ()),
    "admin": ("admin", ()),
}


@dataclass(frozen=True)
class Call:
    """How to call one route, and the status each role must get (in ``ROLES`` order)."""

    expected: tuple[int, int, int, int, int, int]
    body: Callable[[Fixture], dict[str, Any]] = lambda _f: {}
    page: bool = False
    last: bool = False


@dataclass
class Fixture:
    """Someone else's document and dossier, and the token of the current page."""

    ctx: Context
    document_id: str
    dossier_id: str
    finding: dict[str, Any]
    csrf: str = ""
    usernames: dict[str, str] = field(default_factory=dict)
    role: str = ""


def _pdf(_f: Fixture) -> dict[str, Any]:
    return {
        "files": {"file": ("lettre.pdf", make_pdf("Demande de raccordement"), "application/pdf")}
    }


def _form(**fields: str) -> Callable[[Fixture], dict[str, Any]]:
    return lambda f: {"data": {"csrf_token": f.csrf, **fields}}


def _form_files(_f: Fixture) -> dict[str, Any]:
    files = [("fichiers", ("scan.pdf", make_pdf("Avis de passage"), "application/pdf"))]
    return {"data": {"csrf_token": _f.csrf}, "files": files}


def _token_body(f: Fixture) -> dict[str, Any]:
    username = f.usernames.get(f.role, "inconnu")
    password = PASSWORD if f.role in f.usernames else "mauvais-mot-de-passe"
    return {"data": {"username": username, "password": password}}


def _failed_again(f: Fixture) -> None:
    """Put the document back in failure, so each retry meets a retryable document."""
    with f.ctx.transaction() as session:
        session.execute(
            update(Document).where(Document.id == f.document_id).values(status="failed")
        )


SEE_OTHER = 303
# Cells not called, with the reason; remove an entry once its bug is fixed.
KNOWN_BUGS: dict[tuple[str, str, str], str] = {}
#      anonyme citoyen courrier agent archiviste admin
TABLE: dict[tuple[str, str], Call] = {
    ("GET", "/health"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/openapi.json"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/docs"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/docs/oauth2-redirect"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/redoc"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/static/{path}"): Call((200, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/auth/token"): Call((401, 200, 200, 200, 200, 200), _token_body),
    ("GET", "/api/v1/auth/me"): Call((401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/auth/logout"): Call((401, 204, 204, 204, 204, 204), last=True),
    ("POST", "/api/v1/documents"): Call((401, 403, 201, 201, 403, 201), _pdf),
    ("GET", "/api/v1/documents/{document_id}"): Call((401, 404, 404, 404, 200, 200)),
    ("PATCH", "/api/v1/documents/{document_id}"): Call(
        (401, 403, 404, 404, 403, 200), lambda _f: {"json": {"priority": "urgent"}}
    ),
    ("POST", "/api/v1/documents/{document_id}/retry"): Call((401, 403, 404, 404, 403, 200)),
    ("GET", "/api/v1/documents/{document_id}/original"): Call((401, 404, 404, 404, 200, 200)),
    ("GET", "/api/v1/search"): Call((401, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/procedures"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/procedures/{procedure_id}"): Call((200, 200, 200, 200, 200, 200)),
    ("GET", "/api/v1/dossiers"): Call((401, 200, 200, 200, 200, 200)),
    ("POST", "/api/v1/dossiers"): Call(
        (401, 201, 403, 403, 403, 403), lambda _f: {"json": {"procedure": "pacs"}}
    ),
    ("GET", "/api/v1/dossiers/{dossier_id}"): Call((401, 404, 404, 404, 200, 200)),
    ("GET", "/api/v1/dossiers/{dossier_id}/checks"): Call((401, 404, 404, 404, 200, 200)),
    ("POST", "/api/v1/dossiers/{dossier_id}/documents"): Call((401, 404, 404, 404, 403, 403), _pdf),
    ("POST", "/api/v1/dossiers/{dossier_id}/submit"): Call((401, 404, 404, 404, 403, 403)),
    ("POST", "/api/v1/dossiers/{dossier_id}/overrides"): Call(
        (401, 404, 404, 404, 403, 200),
        lambda f: {"json": {**f.finding, "reason": "vu au guichet avec l'original"}},
    ),
    # a draft: nothing to acknowledge, nothing to decide on yet (409 for the instructor)
    ("DELETE", "/api/v1/dossiers/{dossier_id}/documents/{document_id}"): Call(
        (401, 404, 404, 404, 403, 403)
    ),
    ("GET", "/api/v1/dossiers/{dossier_id}/acknowledgement"): Call((401, 404, 404, 404, 404, 404)),
    ("GET", "/api/v1/dossiers/{dossier_id}/timeline"): Call((401, 404, 404, 404, 200, 200)),
    ("POST", "/api/v1/dossiers/{dossier_id}/messages"): Call(
        (401, 404, 404, 404, 403, 409), lambda _f: {"json": {"text": "Bonjour"}}
    ),
    ("POST", "/api/v1/dossiers/{dossier_id}/instruction"): Call((401, 404, 404, 404, 403, 409)),
    ("POST", "/api/v1/dossiers/{dossier_id}/complement"): Call(
        (401, 404, 404, 404, 403, 409), lambda _f: {"json": {"text": "Ajoutez le livret"}}
    ),
    ("POST", "/api/v1/dossiers/{dossier_id}/decision"): Call(
        (401, 404, 404, 404, 403, 409), lambda _f: {"json": {"decision": "accepte"}}
    ),
    # pages: anonymous visitors are sent to the sign-in form
    ("GET", "/"): Call((303, 303, 303, 303, 303, 303), page=True),
    ("GET", "/connexion"): Call((200, 303, 303, 303, 303, 303), page=True),
    ("POST", "/connexion"): Call(
        (403, 403, 403, 403, 403, 403), _form(username="x", password="y"), page=True
    ),
    ("GET", "/deconnexion"): Call((303, 200, 200, 200, 200, 200), page=True),
    ("POST", "/deconnexion"): Call((303, 303, 303, 303, 303, 303), _form(), page=True, last=True),
    ("GET", "/courrier"): Call((303, 403, 200, 200, 403, 200), page=True),
    ("GET", "/courrier/suivi"): Call((303, 403, 200, 200, 403, 200), page=True),
    ("POST", "/courrier/depot"): Call((303, 403, 200, 200, 403, 200), _form_files, page=True),
    ("POST", "/documents/{document_id}/relancer"): Call(
        (303, 403, 404, 404, 403, 303), _form(), page=True
    ),
    ("GET", "/revue"): Call((303, 403, 200, 200, 403, 200), page=True),
    ("POST", "/documents/{document_id}/classement"): Call(
        (303, 403, 404, 404, 403, 303), _form(doc_type="courrier"), page=True
    ),
    ("GET", "/documents/{document_id}"): Call((303, 404, 404, 404, 200, 200), page=True),
    ("GET", "/recherche"): Call((303, 200, 200, 200, 200, 200), page=True),
    ("GET", "/demarches"): Call((303, 200, 200, 200, 200, 200), page=True),
    ("GET", "/demarches/{procedure_id}"): Call((303, 200, 200, 200, 200, 200), page=True),
    ("POST", "/demarches/{procedure_id}/dossier"): Call(
        (303, 303, 403, 403, 403, 403), _form(), page=True
    ),
    ("GET", "/dossiers/{dossier_id}"): Call((303, 404, 404, 404, 200, 200), page=True),
    ("GET", "/dossiers/{dossier_id}/etat"): Call((303, 404, 404, 404, 200, 200), page=True),
    ("POST", "/dossiers/{dossier_id}/pieces"): Call(
        (303, 404, 403, 403, 403, 403), _form_files, page=True
    ),
    ("POST", "/dossiers/{dossier_id}/depot"): Call(
        (303, 404, 403, 403, 403, 403), _form(), page=True
    ),
    ("GET", "/archives"): Call((303, 403, 403, 403, 200, 200), page=True),
    ("POST", "/archives/bordereaux"): Call((303, 403, 403, 403, 303, 303), _form(), page=True),
    ("POST", "/archives/bordereaux/approbation"): Call(
        (303, 403, 403, 403, 404, 404), _form(bordereau="inconnu", visa="AD 1"), page=True
    ),
    ("POST", "/archives/gels"): Call(
        (303, 403, 403, 403, 303, 303),
        lambda f: {
            "data": {"csrf_token": f.csrf, "cible": f"dossier:{f.dossier_id}", "motif": "recours"}
        },
        page=True,
    ),
    ("POST", "/archives/gels/levee"): Call(
        (303, 403, 403, 403, 404, 404), _form(gel="inconnu", motif="clos"), page=True
    ),
    ("POST", "/archives/versements"): Call((303, 403, 403, 403, 303, 303), _form(), page=True),
    ("GET", "/archives/fichier"): Call((303, 403, 403, 403, 404, 404), page=True),
    ("GET", "/dossiers/{dossier_id}/depot"): Call((303, 404, 403, 403, 403, 403), page=True),
    ("GET", "/dossiers/{dossier_id}/accuse-reception.pdf"): Call(
        (303, 404, 404, 404, 404, 404), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/documents/{document_id}/retrait"): Call(
        (303, 404, 403, 403, 403, 403), _form(), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/messages"): Call(
        (303, 404, 403, 404, 403, 409), _form(texte="Bonjour"), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/instruction"): Call(
        (303, 403, 403, 404, 403, 409), _form(), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/complement"): Call(
        (303, 403, 403, 404, 403, 409), _form(message="Ajoutez le livret"), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/decision"): Call(
        (303, 403, 403, 404, 403, 409), _form(decision="accepte"), page=True
    ),
    ("POST", "/dossiers/{dossier_id}/constats"): Call(
        (303, 403, 403, 404, 403, 303),
        lambda f: {"data": {"csrf_token": f.csrf, **_override_form(f), "motif": "vu au guichet"}},
        page=True,
    ),
    ("GET", "/dossiers"): Call((303, 303, 403, 200, 200, 200), page=True),
    ("GET", "/mes-documents"): Call((303, 200, 403, 403, 403, 403), page=True),
    ("GET", "/compte"): Call((303, 200, 403, 403, 403, 403), page=True),
    ("POST", "/compte"): Call((303, 200, 403, 403, 403, 403), _form(courriel=""), page=True),
    ("GET", "/documents/{document_id}/apercu.png"): Call((303, 404, 404, 404, 404, 404), page=True),
    ("GET", "/documents/{document_id}/accuse-reception.pdf"): Call(
        (303, 404, 404, 404, 409, 409), page=True
    ),
    ("POST", "/documents/{document_id}/expediteur"): Call(
        (303, 403, 404, 404, 403, 303), _form(nom="Mme Perrin", objet="Lampadaire"), page=True
    ),
    ("POST", "/courrier/reorienter"): Call(
        (303, 403, 404, 404, 403, 303),
        lambda f: {"data": {"csrf_token": f.csrf, "ids": f.document_id, "service": "etat_civil"}},
        page=True,
    ),
}


def _override_form(f: Fixture) -> dict[str, str]:
    names = {"code": "code", "piece": "piece", "document": "document", "person": "personne"}
    return {names[k]: v or "" for k, v in f.finding.items()}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) the app answers: its OpenAPI schema plus every other route."""
    found = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, Mount):
            found.add(("GET", f"{route.path}/{{path}}"))
            continue
        for method in (route.methods or set()) - {"HEAD"}:
            found.add((method, str(route.path)))
    return found


def _url(path: str, f: Fixture) -> str:
    return (
        path.replace("{document_id}", f.document_id)
        .replace("{dossier_id}", f.dossier_id)
        .replace("{procedure_id}", "pacs")
        .replace("{path}", "paperasse.css")
    )


def _someone_elses(ctx: Context) -> Fixture:
    """A citizen's dossier with one processed document, then marked failed."""
    add_user(ctx, "voisine", PASSWORD, "citoyen", display_name="MARTIN Claire", actor="test")
    with ctx.sessions() as session:
        owner = identity_of(get_user(session, "voisine"))
    view = create_dossier(ctx, owner, "pacs", {"partners": ["DURAND Paul"]})
    text = "EXTRAIT D'ACTE DE NAISSANCE\nMARTIN Claire, née le 2 mai 1990 à Lyon"
    upload = add_document(ctx, owner, view.id, make_pdf(text), "acte.pdf")
    finding = dossier_checks(ctx, owner, view.id).findings[0]
    f = Fixture(
        ctx,
        upload.document_id,
        view.id,
        {k: getattr(finding, k) for k in ("code", "piece", "document", "person")},
    )
    _failed_again(f)
    return f


def _clients(app: FastAPI, ctx: Context, f: Fixture) -> dict[str, tuple[TestClient, TestClient]]:
    """For each role: an API client (bearer token) and a page client (session cookie)."""
    clients = {"anonyme": (TestClient(app), TestClient(app))}
    for role, (username, services) in USERS.items():
        add_user(ctx, username, PASSWORD, role, services=services, actor="test")
        f.usernames[role] = username
        api = TestClient(app)
        token = api.post("/api/v1/auth/token", data={"username": username, "password": PASSWORD})
        api.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        page = TestClient(app)
        sign_in(page, username)
        clients[role] = (api, page)
    return clients


def _page_csrf(client: TestClient) -> str:
    response = client.get("/recherche", follow_redirects=False)
    return csrf_of(response.text) if response.status_code == 200 else ""


def test_every_route_has_an_entry_in_the_table(web_client: TestClient) -> None:
    missing = app_routes(web_client.app) - set(TABLE)  # type: ignore[arg-type]
    assert not missing, f"routes sans ligne dans TABLE (droits à décider) : {sorted(missing)}"
    stale = set(TABLE) - app_routes(web_client.app)  # type: ignore[arg-type]
    assert not stale, f"lignes de TABLE sans route : {sorted(stale)}"


def test_each_role_gets_exactly_the_expected_status(ctx: Context, web_client: TestClient) -> None:
    app: FastAPI = web_client.app  # type: ignore[assignment]
    f = _someone_elses(ctx)
    clients = _clients(app, ctx, f)
    ordered = sorted(TABLE.items(), key=lambda item: item[1].last)
    wrong: list[str] = []
    for index, role in enumerate(ROLES):
        api, page = clients[role]
        f.role, f.csrf = role, _page_csrf(page)
        for (method, path), call in ordered:
            if (role, method, path) in KNOWN_BUGS:
                continue
            if path.endswith(("/retry", "/relancer")):
                _failed_again(f)
            client = page if call.page else api
            response = client.request(method, _url(path, f), follow_redirects=False, **call.body(f))
            expected = call.expected[index]
            if response.status_code != expected:
                wrong.append(f"{role:10} {method:5} {path}: {response.status_code} ≠ {expected}")
            elif role == "anonyme" and call.page and expected == SEE_OTHER:
                assert response.headers["location"].startswith("/connexion"), path
    assert not wrong, "\n".join(wrong)
