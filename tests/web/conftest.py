"""Browsers-without-a-browser: test clients signed in through the real sign-in form; and
for the browser tests, a live server (workers, indexer, e-mail sender to an SMTP server
started here) with their accounts, and Debian's Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from paperasse.api.app import create_app
from paperasse.auth import add_user
from paperasse.context import Context, open_context
from tests.notify.conftest import Inbox, free_port
from tests.web.live import LiveServer, chromium, live_server

PASSWORD = "correct-horse-battery-42"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
PageClient = Callable[..., TestClient]


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    match = CSRF_RE.search(html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    """Fill in the sign-in form as a person would."""
    page = client.get("/connexion")
    response = client.post(
        "/connexion",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def web_client(ctx: Context) -> Iterator[TestClient]:
    """An anonymous visitor of an app on the test context."""
    with TestClient(create_app(ctx.settings, ctx)) as client:
        yield client


@pytest.fixture
def page_as(ctx: Context, web_client: TestClient) -> PageClient:
    """``page_as("agent", services=("urbanisme",))``: a visitor signed in as a new user."""
    made: dict[str, int] = {}

    def make(
        role: str,
        *,
        services: tuple[str, ...] = (),
        name: str | None = None,
        display_name: str = "",
    ) -> TestClient:
        made[role] = made.get(role, 0) + 1
        username = name or f"{role}{made[role]}"
        add_user(
            ctx,
            username,
            PASSWORD,
            role,
            services=services,
            display_name=display_name,
            actor="test",
        )
        client = TestClient(web_client.app)
        sign_in(client, username)
        return client

    return make


BROWSER_ACCOUNTS = {
    "jeanne": ("citoyen", ()),
    "paul": ("citoyen", ()),
    "marie": ("courrier", ()),
    "karim": ("agent", ("technique",)),
    "elise": ("agent", ("elections",)),
    "lea": ("citoyen", ()),
    "arthur": ("archiviste", ()),
}


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
            for username, (role, services) in BROWSER_ACCOUNTS.items():
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
