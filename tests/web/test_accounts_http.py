"""Sign-in, sign-out and the caller's address over HTTP, as the security review tried them."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import select

from paperasse.api.app import create_app
from paperasse.auth import add_user, disable_user, set_password
from paperasse.auth.sessions import COOKIE_NAME
from paperasse.auth.users import enable_user
from paperasse.cli.admin import server_config
from paperasse.context import Context
from paperasse.models.tables import AuditEvent
from paperasse.settings import AuthSettings
from tests.web.conftest import PASSWORD, csrf_of, sign_in

ATTACKER = ("203.0.113.9", 40000)
OWNER = ("10.0.0.7", 40000)


def _login_page(client: TestClient, username: str, password: str) -> httpx.Response:
    page = client.get("/connexion")
    data = {"username": username, "password": password, "csrf_token": csrf_of(page.text)}
    return client.post("/connexion", data=data, follow_redirects=False)


def _clients_of(ctx: Context, event: str) -> list[str]:
    with ctx.sessions() as session:
        rows = session.execute(select(AuditEvent.details).where(AuditEvent.action == event))
        return [json.loads(details)["client"] for details in rows.scalars()]


def test_guessing_from_one_address_does_not_lock_the_owner_out(
    ctx: Context, web_client: TestClient
) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    attacker = TestClient(web_client.app, client=ATTACKER)
    statuses = [_login_page(attacker, " MARIE ", f"essai-{i}").status_code for i in range(5)]
    assert statuses == [401] * 5
    refused = _login_page(attacker, "marie", PASSWORD)
    assert refused.status_code == 429
    assert "Trop d&#39;essais : réessayez dans 30 secondes." in refused.text
    owner = TestClient(web_client.app, client=OWNER)
    assert _login_page(owner, "marie", PASSWORD).status_code == 303
    token = owner.post("/api/v1/auth/token", data={"username": "marie", "password": PASSWORD})
    assert token.status_code == 200


def test_forwarded_for_is_believed_only_from_a_configured_proxy(
    ctx: Context, web_client: TestClient
) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    forged = {"X-Forwarded-For": "198.51.100.1"}
    data = {"username": "marie", "password": "mauvais mot de passe"}
    direct = TestClient(web_client.app, client=("127.0.0.1", 40000))
    assert direct.post("/api/v1/auth/token", data=data, headers=forged).status_code == 401
    ctx.settings = ctx.settings.model_copy(
        update={"auth": AuthSettings(trusted_proxies="10.0.0.0/8")}
    )
    proxy = TestClient(web_client.app, client=("10.0.0.2", 40000))
    chain = {"X-Forwarded-For": "192.0.2.66, 198.51.100.1, 10.0.0.3"}
    assert proxy.post("/api/v1/auth/token", data=data, headers=chain).status_code == 401
    assert _clients_of(ctx, "auth.login_failed") == ["127.0.0.1", "198.51.100.1"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(sqlite_ctx: Context) -> Iterator[str]:
    """The app behind uvicorn configured as ``paperasse serve`` runs it."""
    port = _free_port()
    app = create_app(sqlite_ctx.settings, sqlite_ctx)
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, sqlite_ctx.settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_serve_does_not_let_a_local_caller_choose_its_address(
    sqlite_ctx: Context, served: str
) -> None:
    add_user(sqlite_ctx, "marie", PASSWORD, "courrier", actor="test")
    data = {"username": "marie", "password": "mauvais mot de passe"}
    for _ in range(6):
        answer = httpx.post(
            f"{served}/api/v1/auth/token",
            data=data,
            headers={"X-Forwarded-For": f"198.51.100.{time.monotonic_ns() % 250}"},
        )
    assert answer.status_code == 429, "a new forged address each time did not escape the count"
    assert set(_clients_of(sqlite_ctx, "auth.login_failed")) == {"127.0.0.1"}


def test_the_old_cookie_is_dead_after_sign_out(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    browser = TestClient(web_client.app)
    sign_in(browser, "marie")
    stolen = browser.cookies[COOKIE_NAME]
    form = browser.get("/deconnexion")
    out = browser.post(
        "/deconnexion", data={"csrf_token": csrf_of(form.text)}, follow_redirects=False
    )
    assert out.status_code == 303
    thief = TestClient(web_client.app, cookies={COOKIE_NAME: stolen})
    page = thief.get("/recherche", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/connexion")
    assert thief.get("/api/v1/auth/me").status_code == 401
    [logout] = _events(ctx, "auth.logout")
    assert logout.actor == "user:marie"


def test_api_logout_ends_the_token(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    token = _token(web_client, "marie")
    headers = {"Authorization": f"Bearer {token}"}
    assert web_client.get("/api/v1/auth/me", headers=headers).status_code == 200
    assert web_client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    again = web_client.get("/api/v1/auth/me", headers=headers)
    assert again.status_code == 401 and "révoqué" in again.json()["message"]
    assert web_client.post("/api/v1/auth/logout", headers=headers).status_code == 401


def test_a_token_from_before_a_closure_stays_dead_after_reopening(
    ctx: Context, web_client: TestClient
) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    headers = {"Authorization": f"Bearer {_token(web_client, 'marie')}"}
    disable_user(ctx, "marie", actor="user:admin")
    enable_user(ctx, "marie", actor="user:admin")
    assert web_client.get("/api/v1/auth/me", headers=headers).status_code == 401
    fresh = {"Authorization": f"Bearer {_token(web_client, 'marie')}"}
    assert web_client.get("/api/v1/auth/me", headers=fresh).status_code == 200


def test_a_password_change_ends_tokens_and_sessions(ctx: Context, web_client: TestClient) -> None:
    add_user(ctx, "marie", PASSWORD, "courrier", actor="test")
    headers = {"Authorization": f"Bearer {_token(web_client, 'marie')}"}
    browser = TestClient(web_client.app)
    sign_in(browser, "marie")
    set_password(ctx, "marie", "tortue parapluie lundi orage", actor="user:marie")
    assert web_client.get("/api/v1/auth/me", headers=headers).status_code == 401
    assert browser.get("/recherche", follow_redirects=False).status_code == 303


def _token(client: TestClient, username: str) -> str:
    answer = client.post("/api/v1/auth/token", data={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


def _events(ctx: Context, action: str) -> list[AuditEvent]:
    with ctx.sessions() as session:
        stmt = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)
        return list(session.execute(stmt).scalars())
