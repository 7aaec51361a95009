"""API clients signed in as each role, through the real token endpoint."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from paperasse.api.app import create_app
from paperasse.auth import add_user
from paperasse.context import Context

PASSWORD = "correct-horse-battery-42"
ClientFactory = Callable[..., TestClient]


@pytest.fixture
def app_client(ctx: Context) -> Iterator[TestClient]:
    """An anonymous client of an app running on the test context."""
    with TestClient(create_app(ctx.settings, ctx)) as client:
        yield client


@pytest.fixture
def client_as(ctx: Context, app_client: TestClient) -> ClientFactory:
    """``client_as("agent", services=["urbanisme"])``: a signed-in client of a new user."""
    made: dict[str, int] = {}

    def make(role: str, *, services: tuple[str, ...] = (), name: str | None = None) -> TestClient:
        made[role] = made.get(role, 0) + 1
        username = name or f"{role}{made[role]}"
        add_user(ctx, username, PASSWORD, role, services=services, actor="test")
        response = app_client.post(
            "/api/v1/auth/token", data={"username": username, "password": PASSWORD}
        )
        assert response.status_code == 200, response.text
        client = TestClient(app_client.app)
        client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        return client

    return make


@pytest.fixture
def client(client_as: ClientFactory) -> TestClient:
    """A signed-in administrator."""
    return client_as("admin")
