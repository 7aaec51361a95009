"""End to end: documents per minute from upload to searchable, and search while OCR runs.

Throughput. Each profile runs as real processes: *embedded* is ``paperasse serve``
with its workers (SQLite, filesystem, tantivy); *scale-out* is ``serve --no-workers``
plus one ``paperasse worker`` process per worker on PostgreSQL (a fresh schema),
moto's S3 server and osmem-server (``tests/system/cluster.py``). After a warm-up
(every worker loads its models), ``--docs`` born-digital PDFs and ``--scans``
one-page scans are uploaded through the API; the clock stops when a search finds
them all.

Search under OCR load. The embedded profile with ``--index-docs`` generated
documents in its tantivy index (``bench.search``'s generator), an agent of three
services searching through the HTTP API (2-3 words, a type filter one query in
three, three facets, 20 hits): p50/p95 with the two workers idle, then while they
OCR full-page scans; once with the workers' default niceness (10) and once with
niceness 0, to show what the priority buys.

Usage:
    .venv/bin/python -m bench.system                      # both parts
    .venv/bin/python -m bench.system --part search --index-docs 100000
Goal on 2 cores: search p95 under OCR load within 2x its idle p95. Idle queries run
half before the load and half after it, so that the load other jobs put on a shared
machine weighs on both alike.
The scale-out profile needs PostgreSQL (PAPERASSE_TEST_POSTGRES_URL, or --postgres).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from tests.dossiers.papers import scan_png
from tests.samples import make_pdf
from tests.system.cluster import (
    answers,
    clean_environ,
    free_port,
    postgres_schema,
    scale_out,
    start_process,
    to_env,
    wait_until,
)

from bench.search import generate, queries
from paperasse.auth import add_user
from paperasse.context import open_context
from paperasse.models.tables import Job, User
from paperasse.search.tantivy_index import TantivySearchIndex
from paperasse.settings import Settings

PASSWORD = "bench-horse-battery-42"
ACCOUNTS = {"admin": ("admin", ()), "agent": ("agent", ("urbanisme", "finances", "social"))}
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LINES = [
    "Madame, Monsieur, je vous prie de trouver ci-joint ma demande concernant",
    "l'éclairage public de notre rue : le lampadaire situé devant le numéro douze",
    "ne fonctionne plus depuis plusieurs semaines, et la chaussée est dangereuse.",
    "Je vous remercie de bien vouloir faire intervenir les services techniques.",
]


@contextmanager
def embedded(workdir: Path, workers: int, nice: int = 10, **values: Any) -> Iterator[Any]:
    """``paperasse serve`` with its worker processes; yields (url, settings, service)."""
    settings_values: dict[str, Any] = {
        "data_dir": workdir,
        "secret_key": secrets.token_hex(32),
        "jobs": {"workers": workers, "nice": nice},
        **values,
    }
    port = free_port()
    args = ["-m", "paperasse.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = clean_environ() | to_env(settings_values)
    service = start_process("serve", [sys.executable, *args], env, workdir / "logs")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{url}/health"), 120, "paperasse serve")
        settings = Settings(_env_file=None, **settings_values)  # type: ignore[call-arg]
        yield url, settings, service
    finally:
        service.stop()


@contextmanager
def scaled(workdir: Path, workers: int, postgres: str) -> Iterator[Any]:
    """``serve --no-workers`` and ``workers`` worker processes; yields (url, settings, api)."""
    with postgres_schema(postgres) as url, scale_out(workdir, url, lease_seconds=60) as cluster:
        api = cluster.start_api()
        for n in range(workers):
            cluster.start_worker(f"worker-{n + 1}")
        yield cluster.api_url, cluster.settings(), api


def accounts(settings: Settings, url: str) -> dict[str, httpx.Client]:
    """The bench's accounts (created once) and a signed-in client for each."""
    ctx = open_context(settings)
    try:
        with ctx.sessions() as session:
            known = set(session.execute(select(User.username)).scalars())
        for name, (role, services) in ACCOUNTS.items():
            if name not in known:
                add_user(ctx, name, PASSWORD, role, services=services, actor="bench")
    finally:
        ctx.close()
    clients = {}
    for name in ACCOUNTS:
        client = httpx.Client(base_url=url, timeout=120)
        body = {"username": name, "password": PASSWORD}
        token = client.post("/api/v1/auth/token", data=body).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        clients[name] = client
    return clients


def papers(tag: str, pdfs: int, scans: int, word: str) -> list[tuple[str, bytes]]:
    """Distinct born-digital letters and one-page scans, interleaved, each with ``word``."""
    text = "\n".join(LINES).replace("lampadaire", word)
    files = [(f"{tag}-{n}.pdf", make_pdf(f"{text}\nCourrier {tag} n° {n}")) for n in range(pdfs)]
    step = max(1, len(files) // max(scans, 1))
    for n in range(scans):
        scan = scan_png(f"{text}\nDossier {tag} {n}, {word}.")
        files.insert(min(n * (step + 1), len(files)), (f"{tag}-{n}.png", scan))
    return files


def found(client: httpx.Client, word: str) -> int:
    response = client.get("/api/v1/search", params={"q": word, "limit": "1"})
    response.raise_for_status()
    return int(response.json()["total"])


def upload_all(client: httpx.Client, files: list[tuple[str, bytes]]) -> None:
    for name, data in files:
        client.post("/api/v1/documents", files={"file": (name, data)}).raise_for_status()


def throughput(clients: dict[str, httpx.Client], args: argparse.Namespace) -> dict[str, float]:
    """Warm up, then time ``--docs`` PDFs and ``--scans`` scans from upload to searchable."""
    admin = clients["admin"]
    warm = papers("warm", 2 * args.workers_max, 2 * args.workers_max, "girouette")
    upload_all(admin, warm)
    wait_until(lambda: found(admin, "girouette") == len(warm), 900, "the warm-up documents")
    timed = papers("run", args.docs, args.scans, "lampadaire")
    start = time.perf_counter()
    upload_all(admin, timed)
    uploaded = time.perf_counter() - start
    wait_until(lambda: found(admin, "lampadaire") == len(timed), 3600, "every document searchable")
    seconds = time.perf_counter() - start
    per_min = len(timed) * 60 / seconds
    load = os.getloadavg()[0]
    return {"docs": len(timed), "seconds": seconds, "per_min": per_min, "upload_s": uploaded,
            "load": load}  # fmt: skip


def run_throughput(args: argparse.Namespace, workdir: Path) -> dict[str, dict[str, float]]:
    results = {}
    for profile in ("embedded", "scale-out"):
        for workers in (1, 2):
            where = workdir / f"{profile}-{workers}"
            if profile == "embedded":
                started = embedded(where, workers)
            else:
                started = scaled(where, workers, args.postgres)
            with started as (url, settings, _service):
                clients = accounts(settings, url)
                results[f"{profile} {workers}"] = throughput(clients, args)
                for client in clients.values():
                    client.close()
            print(
                f"  {profile}, {workers} worker(s): {results[f'{profile} {workers}']}", flush=True
            )
    return results


def build_index(path: Path, count: int) -> float:
    """``count`` generated documents in a tantivy index at ``path``; returns seconds."""
    start = time.perf_counter()
    index = TantivySearchIndex(path)
    batch = []
    for n, doc in enumerate(generate(count), start=1):
        batch.append(doc)
        if len(batch) == 1000:
            index.index(batch)
            batch = []
        if n % 20_000 == 0:
            index.commit()
    index.index(batch)
    index.commit()
    index.close()
    return time.perf_counter() - start


def latencies(client: httpx.Client, count: int, seed: int) -> list[float]:
    """Milliseconds of ``count`` agent searches through the API (after 20 unmeasured)."""
    out = []
    for n, q in enumerate(queries(count + 20, seed=seed)):
        params: dict[str, Any] = {"q": q.text, "facets": "doc_type,service,year", "limit": 20}
        if q.doc_types:
            params["type"] = q.doc_types
        t0 = time.perf_counter()
        client.get("/api/v1/search", params=params).raise_for_status()
        if n >= 20:
            out.append((time.perf_counter() - t0) * 1000)
    return out


def percentiles(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)]


def jobs(settings: Settings, status: str) -> int:
    ctx = open_context(settings, run_migrations=False)
    try:
        with ctx.sessions() as session:
            stmt = select(func.count()).where(Job.status == status)
            return int(session.execute(stmt).scalar_one())
    finally:
        ctx.close()


def pending(settings: Settings) -> int:
    return jobs(settings, "queued") + jobs(settings, "running")


def search_under_load(args: argparse.Namespace, workdir: Path) -> dict[int, dict[str, Any]]:
    """Idle queries before and after the OCR load (drift of the shared machine evens out)."""
    index = workdir / "index"
    if index.is_dir():
        print(f"  reusing the index in {index}", flush=True)
    else:
        print(f"  indexing {args.index_docs:,} generated documents...", flush=True)
        print(f"  indexed in {build_index(index, args.index_docs):.0f} s", flush=True)
    results: dict[int, dict[str, Any]] = {}
    half = args.queries // 2
    for nice in (10, 0):
        where = workdir / f"search-nice{nice}-{secrets.token_hex(3)}"
        with embedded(where, 2, nice, search={"path": index}) as (url, settings, _service):
            clients = accounts(settings, url)
            agent = clients["agent"]
            loads = [os.getloadavg()[0]]
            idle = latencies(agent, half, seed=7)
            page = "\n".join(LINES * 6)
            scans = [
                (f"ocr-{nice}-{n}-{where.name}.png", scan_png(f"{page}\nCourrier {where.name} {n}"))
                for n in range(args.load_scans)
            ]
            upload_all(clients["admin"], scans)
            wait_until(lambda: jobs(settings, "running") >= 2, 300, "two workers reading scans")
            loads.append(os.getloadavg()[0])
            busy = latencies(agent, args.queries, seed=11)
            held = pending(settings) >= 2
            wait_until(lambda: pending(settings) == 0, 1800, "the end of the OCR load")
            loads.append(os.getloadavg()[0])
            idle += latencies(agent, half, seed=13)
            results[nice] = {"idle": percentiles(idle), "busy": percentiles(busy),
                             "loads": loads, "held": held}  # fmt: skip
            for client in clients.values():
                client.close()
        print(f"  niceness {nice}: {results[nice]}", flush=True)
    return results


def report(
    throughputs: dict[str, dict[str, float]],
    search: dict[int, dict[str, Any]],
    args: argparse.Namespace,
) -> None:
    print(f"\nmachine: {os.cpu_count()} cores, load average now {os.getloadavg()[0]:.1f}")
    if throughputs:
        print(f"\nupload to searchable, {args.docs} born-digital PDFs + {args.scans} scans")
        print("| profile | workers | docs/min | seconds | load avg at end |")
        print("|---|---|---|---|---|")
        for key, r in throughputs.items():
            profile, workers = key.rsplit(" ", 1)
            cells = f"{r['per_min']:.1f} | {r['seconds']:.1f} | {r['load']:.1f}"
            print(f"| {profile} | {workers} | {cells} |")
        per_min = {key: r["per_min"] for key, r in throughputs.items()}
        for profile in ("embedded", "scale-out"):
            ratio = per_min[f"{profile} 2"] / per_min[f"{profile} 1"]
            print(f"{profile}: 2 workers / 1 worker = {ratio:.2f}x")
        for workers in (1, 2):
            ratio = per_min[f"scale-out {workers}"] / per_min[f"embedded {workers}"]
            print(f"{workers} worker(s): scale-out / embedded = {ratio:.2f}x")
    if search:
        print(f"\nsearch at {args.index_docs:,} documents, an agent through the API")
        print("| workers' niceness | idle p50 / p95 ms | under OCR p50 / p95 ms | p95 ratio "
              "| load avg before / during / after | goal <= 2x |")  # fmt: skip
        print("|---|---|---|---|---|---|")
        for nice, r in search.items():
            (i50, i95), (b50, b95) = r["idle"], r["busy"]
            ratio = b95 / i95
            verdict = ("met" if ratio <= 2 else "missed") + (
                "" if r["held"] else " (the OCR load ended before the queries)"
            )
            loads = " / ".join(f"{load:.1f}" for load in r["loads"])
            print(f"| {nice} | {i50:.1f} / {i95:.1f} | {b50:.1f} / {b95:.1f} | {ratio:.2f}x "
                  f"| {loads} | {verdict} |")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--part", choices=["all", "throughput", "search"], default="all")
    parser.add_argument("--docs", type=int, default=40, help="born-digital PDFs timed")
    parser.add_argument("--scans", type=int, default=20, help="one-page scans timed")
    parser.add_argument("--index-docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--load-scans", type=int, default=40, help="scans OCRed under the queries")
    parser.add_argument(
        "--postgres", default=os.environ.get("PAPERASSE_TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    )
    parser.add_argument("--keep", type=Path, help="keep every run's data and logs here")
    args = parser.parse_args(argv)
    args.workers_max = 2
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-system-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"bench.system in {workdir}; load average at start {os.getloadavg()[0]:.1f}", flush=True)
    throughputs = run_throughput(args, workdir) if args.part in ("all", "throughput") else {}
    search = search_under_load(args, workdir) if args.part in ("all", "search") else {}
    report(throughputs, search, args)
    if args.keep is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
