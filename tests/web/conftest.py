"""Browsers-without-a-browser: test clients signed in through the real sign-in form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from paperasse.api.app import create_app
from paperasse.auth import add_user
from paperasse.context import Context

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
