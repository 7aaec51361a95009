"""Search through the API: the outbox feeds the index, rights are applied in the engine."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from paperasse.archive.indexer import drain_all, reindex
from paperasse.context import Context
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Outbox
from tests.api.conftest import ClientFactory
from tests.samples import make_pdf


def _upload(client: TestClient, text: str, service: str | None = None) -> str:
    data = {"service": service} if service else {}
    response = client.post(
        "/api/v1/documents", files={"file": (f"{text[:10]}.pdf", make_pdf(text))}, data=data
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _process_and_index(ctx: Context) -> None:
    while work_once(ctx, "test"):
        pass
    drain_all(ctx, ctx.search)


def test_processed_documents_are_found_by_their_words(ctx: Context, client: TestClient) -> None:
    doc = _upload(client, "Facture d'électricité du mois de janvier, échéance dépassée")
    _upload(client, "Demande de permis de construire pour une véranda")
    _process_and_index(ctx)
    body = client.get("/api/v1/search", params={"q": "electricite", "facets": "year"}).json()
    assert body["total"] == 1 and body["hits"][0]["id"] == doc
    assert body["hits"][0]["page"] == 1 and "<mark>" in body["hits"][0]["snippet"]
    assert sum(body["facets"]["year"].values()) == 1
    with ctx.sessions() as session:
        assert session.execute(select(func.count()).select_from(Outbox)).scalar_one() == 0


def test_an_agent_only_finds_the_documents_of_their_services(
    ctx: Context, client_as: ClientFactory
) -> None:
    mailroom = client_as("courrier")
    _upload(mailroom, "Signalement d'un arbre dangereux rue des Lilas", service="technique")
    _upload(mailroom, "Demande d'aide sociale urgente rue des Lilas", service="social")
    _process_and_index(ctx)
    technique = client_as("agent", services=("technique",))
    body = technique.get("/api/v1/search", params={"q": "Lilas", "facets": "service"}).json()
    assert body["total"] == 1 and body["facets"]["service"] == {"technique": 1}
    archivist = client_as("archiviste")
    assert archivist.get("/api/v1/search", params={"q": "Lilas"}).json()["total"] == 2
    citizen = client_as("citoyen")
    assert citizen.get("/api/v1/search", params={"q": "Lilas"}).json()["total"] == 0


def test_reindex_rebuilds_from_the_database(ctx: Context, client: TestClient) -> None:
    _upload(client, "Avis de passage du géomètre")
    _process_and_index(ctx)
    ctx.search.clear()
    assert client.get("/api/v1/search", params={"q": "géomètre"}).json()["total"] == 0
    assert reindex(ctx, ctx.search) == 1
    assert client.get("/api/v1/search", params={"q": "geometre"}).json()["total"] == 1


def test_unknown_facet_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/api/v1/search", params={"facets": "couleur"})
    assert response.status_code == 400 and "Facette inconnue" in response.json()["message"]


def test_search_needs_a_signed_in_caller(app_client: TestClient) -> None:
    assert app_client.get("/api/v1/search", params={"q": "x"}).status_code == 401
