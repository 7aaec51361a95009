"""Bad parameters answer 400 or 422 with a French message, never a server error."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import ClientFactory
from tests.web.conftest import PASSWORD, sign_in


def forged(payload: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


BAD_SEARCHES: list[tuple[str, str]] = [
    ("to=9999-12-31", "hors limites"),
    ("from=0001-01-01", "hors limites"),
    ("from=2026-05-02&to=2026-05-01", "postérieure"),
    ("from=2026-02-30", "date attendue"),
    ("to=demain", "date attendue"),
    ("limit=0", "au moins 1"),
    ("limit=beaucoup", "nombre entier"),
    ("limit=100000", "au plus 200"),
    ("sort=pertinence", "valeurs possibles"),
    ("facets=couleur", "Facette inconnue"),
    ("cursor=%25%25%25", "curseur"),
    ("cursor=" + "A" * 5000, "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": "x"}), "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": -5}), "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": None}), "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": 1.5}), "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": 10**30}), "curseur"),
    ("q=permis&cursor=" + forged({"sort": "relevance", "o": 10**6}), "pertinence"),
    ("sort=date&cursor=" + forged({"sort": "date", "k": -1, "id": "x"}), "curseur"),
    ("sort=date&cursor=" + forged({"sort": "date", "k": "x", "id": "x"}), "curseur"),
    ("sort=date&cursor=" + forged({"sort": "date", "k": 2**70, "id": "a"}), "curseur"),
    ("sort=date&cursor=" + forged({"sort": "date"}), "curseur"),
    ("sort=date&cursor=" + forged({"sort": "date", "k": 5, "id": ["x"]}), "curseur"),
    ("sort=date&cursor=" + forged({"sort": "date", "sa": [1, "x"]}), "curseur"),
]


@pytest.mark.parametrize(("params", "fragment"), BAD_SEARCHES)
def test_bad_search_parameters_are_refused_in_french(
    client_as: ClientFactory, params: str, fragment: str
) -> None:
    answer = client_as("agent", services=("urbanisme",)).get(f"/api/v1/search?{params}")
    assert answer.status_code in (400, 422), answer.text
    body = answer.json()
    assert body["code"] == "invalid_input" and fragment in body["message"]
    assert "Input should" not in body["message"]


@pytest.mark.parametrize(
    ("method", "path", "payload", "fragment"),
    [
        ("GET", "/api/v1/dossiers?limit=0", None, "au moins 1"),
        ("GET", "/api/v1/dossiers?status=perdu", None, "valeurs possibles"),
        ("POST", "/api/v1/dossiers", {"procedure": 3, "persons": "x"}, "dossiers"),
        ("PATCH", "/api/v1/documents/abc", "pas du json", "corps JSON"),
        ("POST", "/api/v1/dossiers/abc/overrides", {"code": "x", "reason": ""}, "reason"),
    ],
)
def test_other_bad_parameters_are_refused_in_french(
    client_as: ClientFactory, method: str, path: str, payload: object, fragment: str
) -> None:
    client = client_as("admin")
    if isinstance(payload, str):
        answer = client.request(
            method, path, content=payload, headers={"Content-Type": "application/json"}
        )
    else:
        answer = client.request(method, path, json=payload)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "invalid_input"
    message = answer.json()["message"]
    assert message.startswith("Demande invalide") and "Input should" not in message
    if fragment != "dossiers":
        assert fragment in message


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("du=9999-12-31&au=9999-12-31", "hors limites"),
        ("q=permis&suite=" + forged({"sort": "relevance", "o": "x"}), "curseur"),
        ("suite=" + forged({"sort": "date", "k": -1, "id": "x"}), "curseur"),
    ],
)
def test_the_search_page_answers_bad_parameters_in_french(
    app_client: TestClient, client_as: ClientFactory, query: str, fragment: str
) -> None:
    client_as("agent", services=("urbanisme",), name="lucie")
    page = TestClient(app_client.app)
    sign_in(page, "lucie", PASSWORD)
    answer = page.get(f"/recherche?{query}")
    assert answer.status_code == 400
    assert fragment in answer.text and 'role="alert"' in answer.text
