"""The one intake service: every door refuses an unknown service the same way, and
simultaneous retries of one failed document queue one job."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from paperasse.auth import identity_of
from paperasse.auth.users import get_user
from paperasse.cli import main as cli_main
from paperasse.context import Context
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.ingest.jobs import retry_document
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Document, Job, Receipt
from tests.api.conftest import ClientFactory
from tests.samples import make_pdf
from tests.web.conftest import PageClient, csrf_of

BOGUS_SERVICES = ["n_importe_quoi", "../../etc/passwd", "x" * 900_000]


def _documents(ctx: Context) -> int:
    with ctx.sessions() as session:
        return int(session.execute(select(func.count()).select_from(Document)).scalar_one())


@pytest.mark.parametrize("service", BOGUS_SERVICES, ids=["word", "path", "900KB"])
def test_the_api_refuses_an_unknown_service_with_a_422_in_french(
    ctx: Context, client_as: ClientFactory, service: str
) -> None:
    for role in ("courrier", "admin"):
        response = client_as(role).post(
            "/api/v1/documents",
            files={"file": ("lettre.pdf", make_pdf("Lettre"), "application/pdf")},
            data={"service": service},
        )
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["code"] == "invalid_choice"
        assert body["message"].startswith("Service inconnu : « ")
        assert "etat_civil" in body["message"] and len(body["message"]) < 300
    assert _documents(ctx) == 0


def test_an_agent_files_only_for_their_own_services(ctx: Context, client_as: ClientFactory) -> None:
    agent = client_as("agent", services=("urbanisme",))
    pdf = ("lettre.pdf", make_pdf("Lettre"), "application/pdf")
    refused = agent.post("/api/v1/documents", files={"file": pdf}, data={"service": "social"})
    assert refused.status_code == 403 and "social" in refused.json()["message"]
    taken = agent.post("/api/v1/documents", files={"file": pdf}, data={"service": "urbanisme"})
    assert taken.status_code == 201


def test_the_mailroom_page_refuses_an_unknown_service_with_a_422(
    ctx: Context, page_as: PageClient
) -> None:
    client = page_as("courrier")
    page = client.get("/courrier")
    response = client.post(
        "/courrier/depot",
        files=[("fichiers", ("lettre.pdf", make_pdf("Lettre"), "application/pdf"))],
        data={"csrf_token": csrf_of(page.text), "service": "n_importe_quoi"},
    )
    assert response.status_code == 422
    assert "Service inconnu : « n_importe_quoi »" in response.text
    assert _documents(ctx) == 0


def test_the_command_line_refuses_an_unknown_service(
    sqlite_ctx: Context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PAPERASSE_DATA_DIR", str(sqlite_ctx.settings.data_dir))
    letter = tmp_path / "lettre.pdf"
    letter.write_bytes(make_pdf("Lettre"))
    code = cli_main(["ingest", "--no-wait", "--service", "n_importe_quoi", str(letter)])
    assert code == 2
    assert "erreur : Service inconnu : « n_importe_quoi »" in capsys.readouterr().err
    assert _documents(sqlite_ctx) == 0


def test_identical_bytes_from_two_citizens_are_two_documents(sqlite_ctx: Context) -> None:
    from paperasse.auth import add_user

    people = []
    for name in ("alice", "bruno"):
        add_user(sqlite_ctx, name, "correct-horse-battery-42", "citoyen", actor="test")
        with sqlite_ctx.sessions() as session:
            people.append(identity_of(get_user(session, name)))
    data = make_pdf("Facture d'électricité")
    first, second = (
        deposit(sqlite_ctx, data, f"{p.username}.pdf", Depositor("dossier", p.actor, p))
        for p in people
    )
    assert first.document_id != second.document_id and first.sha256 == second.sha256
    again = deposit(
        sqlite_ctx, data, "encore.pdf", Depositor("dossier", people[0].actor, people[0])
    )
    assert again.document_id == first.document_id and not again.created
    with sqlite_ctx.sessions() as session:
        receipts = session.execute(
            select(Receipt.document_id, Receipt.user_id).order_by(Receipt.id)
        ).all()
    assert [r.user_id for r in receipts] == [
        people[0].user_id,
        people[1].user_id,
        people[0].user_id,
    ]


def test_simultaneous_retries_of_a_failed_document_queue_one_job(ctx: Context) -> None:
    from paperasse.auth import add_user

    add_user(ctx, "guichet", "correct-horse-battery-42", "courrier", actor="test")
    with ctx.sessions() as session:
        clerk = identity_of(get_user(session, "guichet"))
    broken = b"%PDF-1.7\n garbage that is no pdf"
    doc_id = deposit(ctx, broken, "casse.pdf", Depositor("page", clerk.actor, clerk)).document_id
    assert work_once(ctx, "test")
    with ctx.sessions() as session:
        assert session.get(Document, doc_id).status == "failed"  # type: ignore[union-attr]
    outcomes: list[bool] = []
    barrier = threading.Barrier(8)

    def retry() -> None:
        barrier.wait()
        outcomes.append(retry_document(ctx, clerk, doc_id))

    threads = [threading.Thread(target=retry) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 7 + [True]
    with ctx.sessions() as session:
        jobs = session.execute(select(Job.status).where(Job.document_id == doc_id)).scalars()
        assert sorted(jobs) == ["failed", "queued"]


def test_retry_through_the_api_is_idempotent(ctx: Context, client_as: ClientFactory) -> None:
    client: TestClient = client_as("courrier")
    broken = ("casse.pdf", b"%PDF-1.7\n no pdf at all", "application/pdf")
    doc_id = client.post("/api/v1/documents", files={"file": broken}).json()["id"]
    assert work_once(ctx, "test")
    first = client.post(f"/api/v1/documents/{doc_id}/retry")
    second = client.post(f"/api/v1/documents/{doc_id}/retry")
    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == second.json()["status"] == "received"
    with ctx.sessions() as session:
        count = session.execute(
            select(func.count()).select_from(Job).where(Job.document_id == doc_id)
        ).scalar_one()
    assert count == 2
