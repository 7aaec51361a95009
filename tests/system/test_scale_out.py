"""The scale-out profile end to end, in separate processes, with a worker killed mid-job.

The API (``serve --no-workers``), two ``paperasse worker`` processes, PostgreSQL (a
schema of its own), moto's S3 server with an object-locked, versioned bucket, and
osmem-server for search, each its own process with its own data folder. A few
hundred documents come in through the API (mailroom, an agent, citizens' dossiers)
and the hot folder, which all three paperasse processes are configured to watch.
One worker is killed with SIGKILL while it reads a scan; with a 10-second lease
the other takes its job over. Then every document must have been processed
exactly once, be found by search by exactly the people who may see it, and have
its original read back intact from the store; and ``paperasse audit verify`` passes.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from paperasse.auth import add_user
from paperasse.auth.identity import identity_of
from paperasse.auth.visibility import visible_documents_clause
from paperasse.context import Context, open_context
from paperasse.models.records_tables import Original
from paperasse.models.tables import AuditEvent, Document, Job, Outbox, Receipt, User
from paperasse.originals import MAGIC
from tests.conftest import POSTGRES_URL, postgres_schema
from tests.dossiers.papers import scan_png
from tests.samples import make_pdf
from tests.system.cluster import Cluster, Service, scale_out, wait_until

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not POSTGRES_URL, reason="PostgreSQL not configured: set PAPERASSE_TEST_POSTGRES_URL"
    ),
]

PASSWORD = "correct-horse-battery-42"
WORD = "lampadaire"  # in every document: a search for it lists what each person may see
FINISHED = ("processed", "needs_review")
TOPICS = {  # by service, or by the person bringing the paper
    "courrier": "Objet : éclairage public. Le {word} de la rue des Lilas est en panne depuis "
    "le {n} mars ; les riverains demandent une réparation rapide.",
    "urbanisme": "Objet : déclaration préalable n° {n}. Demande d'autorisation de travaux pour "
    "une clôture et un abri de jardin, à côté du {word} de la place de l'Église.",
    "finances": "Facture n° {n} : remplacement d'un {word} et entretien de l'éclairage public. "
    "Montant à régler par virement au trésor public.",
    "camille": "Attestation n° {n} remise par un habitant pour son dossier d'inscription ; "
    "le {word} devant son domicile est mentionné comme repère.",
}
TOPICS["louis"] = TOPICS["camille"]


@dataclass(frozen=True)
class Paper:
    """One file to bring in, who brings it and through which door."""

    name: str
    data: bytes
    door: str  # "api", "hotfolder" or "dossier"
    who: str  # the username bringing it (the mailroom for the hot folder)
    service: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def scan(self) -> bool:
        return self.name.endswith(".png")


def _papers(
    prefix: str, count: int, door: str, who: str, service: str | None = None, *, scan_every: int
) -> list[Paper]:
    """``count`` papers on the topic of ``service`` (or ``who``), one in ``scan_every`` a scan."""
    papers = []
    for n in range(count):
        text = TOPICS[service or who].format(word=WORD, n=f"{prefix}-{n:03d}")
        if n % scan_every == scan_every // 2:
            data = scan_png(f"{text[:70]}\n{text[70:140]}\n{text[140:]}\nMairie, {WORD}.")
            name = f"{prefix}-{n:03d}.png"
        else:
            data = make_pdf(f"{text}\n\nMairie de Saint-Étienne, service courrier.")
            name = f"{prefix}-{n:03d}.pdf"
        papers.append(Paper(name, data, door, who, service))
    return papers


def all_papers() -> list[Paper]:
    """About 230 documents, one in ten a scan to OCR."""
    return [
        *_papers("mr", 100, "api", "courrier", scan_every=10),
        *_papers("ur", 36, "api", "urba", "urbanisme", scan_every=9),
        *_papers("hf", 60, "hotfolder", "courrier", scan_every=10),
        *_papers("fi", 20, "hotfolder", "courrier", "finances", scan_every=10),
        *_papers("ca", 6, "dossier", "camille", scan_every=6),
        *_papers("lo", 6, "dossier", "louis", scan_every=6),
    ]


ACCOUNTS = {
    "courrier": ("courrier", ()),
    "urba": ("agent", ("urbanisme",)),
    "fin": ("agent", ("finances",)),
    "camille": ("citoyen", ()),
    "louis": ("citoyen", ()),
    "admin": ("admin", ()),
}


def test_scale_out_with_a_worker_killed_mid_job(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    watch = {"dir": inbox, "stable_seconds": 0.5, "poll_seconds": 0.3}
    with postgres_schema(POSTGRES_URL) as url, scale_out(tmp_path, url, inbox=watch) as cluster:
        try:
            _run(cluster, inbox)
        except BaseException:
            print(cluster.report())  # pytest shows it with the failure
            raise


def _run(cluster: Cluster, inbox: Path) -> None:
    cluster.start_api()
    ctx = open_context(cluster.settings())
    try:
        for username, (role, services) in ACCOUNTS.items():
            add_user(ctx, username, PASSWORD, role, services=services, actor="test")
        clients = {name: _client(cluster.api_url, name) for name in ACCOUNTS}
        first = cluster.start_worker("worker-1")
        second = cluster.start_worker("worker-2")
        papers = all_papers()
        ids = _bring_in(papers, clients, inbox)
        killed = _kill_mid_scan(ctx, first)
        wait_until(lambda: _settled(ctx, len(papers)), 900, "every document processed and indexed")
        assert second.alive(), "the surviving worker died"

        _check_exactly_once(ctx, papers, ids, killed)
        _check_search_rights(ctx, clients, papers, ids)
        _check_originals(ctx, clients, papers)
        assert not [p for p in inbox.rglob("*") if p.is_file()], "a file was left in the inbox"
        for client in clients.values():
            client.close()
    finally:
        ctx.close()
    cluster.stop_paperasse()  # each seals the audit trail as it stops
    verify = cluster.run("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "journal d'audit intact" in verify.stdout


def _client(base_url: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=120)
    response = client.post("/api/v1/auth/token", data={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return client


def _bring_in(papers: list[Paper], clients: dict[str, httpx.Client], inbox: Path) -> dict[str, str]:
    """Hand every paper in through its door; returns the document id of each API upload."""
    for paper in papers:
        if paper.door == "hotfolder":
            folder = inbox / paper.service if paper.service else inbox
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{paper.name}.part").write_bytes(paper.data)
            (folder / f"{paper.name}.part").rename(folder / paper.name)
    ids: dict[str, str] = {}
    dossiers = {}
    for paper in papers:
        client = clients[paper.who]
        files = {"file": (paper.name, paper.data)}
        if paper.door == "api":
            form = {"service": paper.service} if paper.service else {}
            response = client.post("/api/v1/documents", files=files, data=form)
            assert response.status_code == 201, response.text
            ids[paper.name] = response.json()["id"]
        elif paper.door == "dossier":
            if paper.who not in dossiers:
                body = {"procedure": "inscription_listes_electorales"}
                opened = client.post("/api/v1/dossiers", json=body)
                assert opened.status_code == 201, opened.text
                dossiers[paper.who] = opened.json()["id"]
            url = f"/api/v1/dossiers/{dossiers[paper.who]}/documents"
            response = client.post(url, files=files)
            assert response.status_code == 201, response.text
            ids[paper.name] = response.json()["document_id"]
    return ids


@dataclass(frozen=True)
class Killed:
    job_id: int
    locked_by: str
    attempt: int


def _kill_mid_scan(ctx: Context, worker: Service) -> Killed:
    """SIGKILL ``worker`` (its whole process group) while one of its processes reads a scan."""
    found: list[Killed] = []

    def reading_a_scan() -> bool:
        members = worker.members()
        stmt = (
            select(Job.id, Job.locked_by, Job.attempts)
            .join(Document, Document.id == Job.document_id)
            .where(Job.status == "running", Document.mime == "image/png")
        )
        with ctx.sessions() as session:
            for job_id, locked_by, attempts in session.execute(stmt):
                if _pid(locked_by) in members:
                    found.append(Killed(job_id, str(locked_by), attempts))
                    return True
        return False

    wait_until(reading_a_scan, 300, "the first worker to read a scan")
    reader = _pid(found[0].locked_by)
    assert os.getpriority(os.PRIO_PROCESS, reader) >= 10, "workers run at a lower priority"
    worker.kill()
    with ctx.sessions() as session:
        job = session.get(Job, found[0].job_id)
        assert job is not None and job.status == "running", "the scan ended before the kill"
        done = session.execute(select(func.count()).where(Job.status == "done")).scalar_one()
        total = session.execute(select(func.count()).select_from(Job)).scalar_one()
    assert done < total, "kill earlier: the run was already over"
    return found[0]


def _pid(locked_by: str | None) -> int:
    """The process id in a job's ``host:pid:number`` claim (0 for an upload read inline)."""
    parts = str(locked_by).split(":")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else 0


def _settled(ctx: Context, expected: int) -> bool:
    with ctx.sessions() as session:
        finished = session.execute(
            select(func.count()).where(Document.status.in_((*FINISHED, "failed")))
        ).scalar_one()
        outbox = session.execute(select(func.count()).select_from(Outbox)).scalar_one()
    return bool(finished >= expected and outbox == 0)


def _check_exactly_once(
    ctx: Context, papers: list[Paper], ids: dict[str, str], killed: Killed
) -> None:
    with ctx.sessions() as session:
        documents = {d.sha256: d for d in session.execute(select(Document)).scalars()}
        assert set(documents) == {p.sha256 for p in papers}
        assert {d.status for d in documents.values()} <= set(FINISHED)
        for paper in papers:
            if paper.name in ids:
                assert documents[paper.sha256].id == ids[paper.name]
        receipts = session.execute(select(func.count()).select_from(Receipt)).scalar_one()
        assert receipts == len(papers), "a file was received twice (or lost)"
        jobs = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
        assert dict(jobs) == {"done": len(papers)}
        processed = Counter(
            session.execute(
                select(AuditEvent.object).where(AuditEvent.action == "document.processed")
            ).scalars()
        )
        assert set(processed) == {f"document:{d.id}" for d in documents.values()}
        assert set(processed.values()) == {1}, "a document was processed twice"
        taken_over = session.get(Job, killed.job_id)
        assert taken_over is not None and taken_over.status == "done"
        assert taken_over.attempts == killed.attempt + 1
        assert taken_over.locked_by != killed.locked_by


def _search_ids(client: httpx.Client) -> set[str]:
    """Every hit of a search for the shared word, page after page."""
    found: set[str] = set()
    cursor = None
    while True:
        params = {"q": WORD, "limit": "200", **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/v1/search", params=params)
        assert response.status_code == 200, response.text
        body = response.json()
        found |= {hit["id"] for hit in body["hits"]}
        cursor = body["next_cursor"]
        if not cursor or not body["hits"]:
            return found


def _check_search_rights(
    ctx: Context, clients: dict[str, httpx.Client], papers: list[Paper], ids: dict[str, str]
) -> None:
    with ctx.sessions() as session:
        by_sha = dict(session.execute(select(Document.sha256, Document.id)).all())
        allowed = {}
        for user in session.execute(select(User)).scalars():
            clause = visible_documents_clause(identity_of(user))
            visible = session.execute(select(Document.id).where(clause)).scalars()
            allowed[user.username] = set(visible)
    seen = {name: _search_ids(client) for name, client in clients.items()}
    for name in clients:
        assert seen[name] == allowed[name], f"{name} finds other documents than they may see"
    assert seen["admin"] == set(by_sha.values())
    for citizen in ("camille", "louis"):
        assert seen[citizen] == {ids[p.name] for p in papers if p.who == citizen}
    mailroom = {by_sha[p.sha256] for p in papers if p.who == "courrier"}
    assert mailroom <= seen["courrier"]
    assert {by_sha[p.sha256] for p in papers if p.service == "urbanisme"} <= seen["urba"]
    assert {by_sha[p.sha256] for p in papers if p.service == "finances"} <= seen["fin"]


def _check_originals(ctx: Context, clients: dict[str, httpx.Client], papers: list[Paper]) -> None:
    """Each original read back through the API, checked against its hash; sealed in the store."""
    with ctx.sessions() as session:
        by_sha = dict(session.execute(select(Document.sha256, Document.id)).all())
    readers = {"urbanisme": "urba", "finances": "fin"}  # the agents of the service filed for
    for paper in papers:
        client = clients[readers.get(paper.service or "", paper.who)]
        response = client.get(f"/api/v1/documents/{by_sha[paper.sha256]}/original")
        assert response.status_code == 200, (paper.name, response.text)
        assert response.content == paper.data
        assert response.headers["X-Content-SHA256"] == paper.sha256
    with ctx.sessions() as session:
        stored = session.execute(select(Original.blob_key, Original.sealed)).all()
    assert len(stored) == len(papers) and all(sealed for _, sealed in stored)
    for blob_key, _ in stored[:20]:
        raw = ctx.store.open(blob_key)
        assert raw.startswith(MAGIC), "originals are stored sealed, never in clear"
        assert not any(p.data in raw for p in papers)
