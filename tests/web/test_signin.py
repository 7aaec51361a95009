"""Sign-in and sign-out pages, CSRF on forms and on cookie-authenticated API calls."""

from __future__ import annotations

from fastapi.testclient import TestClient

from paperasse.auth import add_user
from paperasse.context import Context
from tests.samples import make_pdf
from tests.web.conftest import PASSWORD, PageClient, csrf_of, sign_in


def _post_login(client: TestClient, username: str, password: str, suivant: str = ""):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/connexion").text)
    data = {"username": username, "password": password, "csrf_token": token, "suivant": suivant}
    return client.post("/connexion", data=data, follow_redirects=False)


def test_anonymous_visit_goes_to_sign_in_then_back(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    response = web_client.get("/courrier?jour=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/connexion?suivant=/courrier%3Fjour%3D1"
    form = web_client.get(response.headers["location"]).text
    assert 'name="suivant" value="/courrier?jour=1"' in form
    done = _post_login(web_client, "marie", PASSWORD, "/courrier?jour=1")
    assert done.status_code == 303 and done.headers["location"] == "/courrier?jour=1"
    cookie = done.headers["set-cookie"].lower()
    assert "paperasse_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain HTTP here; HTTPS requests get Secure
    assert web_client.get("/courrier").status_code == 200


def test_wrong_password_is_announced_in_french(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    response = _post_login(web_client, "marie", "pas-le-bon-mot-de-passe")
    assert response.status_code == 401
    assert 'role="alert"' in response.text
    assert "Identifiant ou mot de passe incorrect" in response.text
    assert 'value="marie"' in response.text and "paperasse_session" not in response.cookies


def test_repeated_failures_are_rate_limited(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    statuses = [_post_login(web_client, "marie", "essai-raté-numéro").status_code for _ in range(7)]
    assert statuses[0] == 401 and statuses[-1] == 429
    last = _post_login(web_client, "marie", PASSWORD)
    assert last.status_code == 429 and 'role="alert"' in last.text


def test_sign_in_without_its_form_token_is_refused(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    web_client.get("/connexion")
    data = {"username": "marie", "password": PASSWORD, "csrf_token": "forgé"}
    response = web_client.post("/connexion", data=data, follow_redirects=False)
    assert response.status_code == 403 and "paperasse_session" not in response.cookies


def test_no_open_redirect_after_sign_in(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "jean", PASSWORD, "citoyen", actor="test")
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:x"):
        client = TestClient(web_client.app)
        response = _post_login(client, "jean", PASSWORD, target)
        assert response.headers["location"] == "/demarches", target


def test_sign_out_needs_the_form_token_and_clears_the_cookie(page_as: PageClient) -> None:
    client = page_as("agent", services=("urbanisme",))
    refused = client.post("/deconnexion", data={"csrf_token": "x"}, follow_redirects=False)
    assert refused.status_code == 403 and client.get("/recherche").status_code == 200
    token = csrf_of(client.get("/deconnexion").text)
    response = client.post("/deconnexion", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and 'paperasse_session=""' in response.headers["set-cookie"]
    assert client.get("/recherche", follow_redirects=False).status_code == 303


def test_cookie_api_changes_need_the_csrf_header_bearer_calls_do_not(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("courrier")
    token = csrf_of(client.get("/courrier").text)
    files = {"file": ("lettre.pdf", make_pdf("Demande de raccordement"), "application/pdf")}
    assert client.post("/api/v1/documents", files=files).status_code == 403
    forged = client.post("/api/v1/documents", files=files, headers={"X-CSRF-Token": "abc"})
    assert forged.status_code == 403
    ok = client.post("/api/v1/documents", files=files, headers={"X-CSRF-Token": token})
    assert ok.status_code == 201, ok.text
    assert client.get(f"/api/v1/documents/{ok.json()['id']}").status_code == 200
    api = TestClient(client.app)
    login = {"username": "courrier1", "password": PASSWORD}
    bearer = api.post("/api/v1/auth/token", data=login).json()["access_token"]
    api.headers["Authorization"] = f"Bearer {bearer}"
    assert api.post("/api/v1/documents", files=files).status_code == 201


def test_page_forms_without_the_token_are_refused(page_as: PageClient) -> None:
    client = page_as("courrier")
    files = [("fichiers", ("a.pdf", make_pdf("Courrier"), "application/pdf"))]
    response = client.post("/courrier/depot", files=files, data={"csrf_token": "faux"})
    assert response.status_code == 403
    assert 'role="alert"' in response.text and "Formulaire refusé" in response.text


def test_signed_in_visitor_of_the_form_goes_home(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "archi", PASSWORD, "archiviste", actor="test")
    sign_in(web_client, "archi")
    response = web_client.get("/connexion", follow_redirects=False)
    assert response.headers["location"] == "/recherche"
