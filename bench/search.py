"""Benchmark of the archive search: tantivy against a plain SQLite FTS5 index.

Both engines index the same seeded French town-hall documents, each in its own
subprocess (so that peak memory, ru_maxrss, belongs to one engine), then answer
the same few hundred typical queries: two or three words, the caller's
services as permission filter, a document-type filter on one query in three,
facets (type, service, year) and highlighted snippets, 20 hits.

FTS5 (unicode61, remove_diacritics 2) does no stemming and no page location:
it does less work than tantivy for each query.

Usage:
    .venv/bin/python -m bench.search --docs 100000
    .venv/bin/python -m bench.search --docs 1000000 --allow-large
Goals at 1M documents on 2 cores: p95 < 50 ms, >= 1,000 docs/s, peak < 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from paperasse.search import IndexedDocument, SearchQuery
from paperasse.search.tantivy_index import TantivySearchIndex


def _split(text: str) -> list[str]:
    return text.split()


SERVICES = [
    "urbanisme",
    "finances",
    "etat_civil",
    "ressources_humaines",
    "voirie",
    "scolaire",
    "social",
    "elections",
    "culture",
    "police_municipale",
]
TYPES = [
    "courrier",
    "facture",
    "arrete",
    "deliberation",
    "permis_construire",
    "acte_naissance",
    "justificatif_domicile",
    "reclamation",
    "devis",
    "convention",
    "note_interne",
    "avis",
]
SURNAMES = _split(
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
    "Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin "
    "Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez "
    "Fontaine Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval "
    "Joly Gautier Roger Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour "
    "Blanchard Marie Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre "
    "Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine "
    "Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodriguez"
)
FIRST = _split(
    "Jean Marie Pierre Michel Anne Nathalie Isabelle Sylvie Catherine Philippe Alain Nicolas "
    "Christophe Patrick Sophie Céline Julie Camille Léa Chloé Hélène Éric Frédéric Jérôme "
    "Stéphane Valérie Sandrine Aurélie Émilie Inès Zoé Théo Lucas Hugo Louis Gabriel"
)
STREETS = [
    "rue des Lilas",
    "avenue de la République",
    "place de l'Église",
    "rue Victor Hugo",
    "chemin des Vignes",
    "boulevard Gambetta",
    "rue Jean Jaurès",
    "impasse des Tilleuls",
    "rue de la Mairie",
    "allée des Peupliers",
    "route de Lyon",
    "rue Pasteur",
]
VOCAB = _split(
    "demande permis construire autorisation travaux extension maison garage clôture toiture "
    "façade piscine abri jardin terrain parcelle cadastre plan local urbanisme déclaration "
    "préalable facture électricité gaz eau chauffage fourniture prestation entretien "
    "réparation éclairage public voirie chaussée trottoir nid poule stationnement "
    "circulation signalisation arrêté municipal délibération conseil séance budget "
    "subvention association culture sport école cantine inscription enfant périscolaire "
    "crèche naissance mariage décès acte état civil livret famille certificat "
    "attestation justificatif domicile carte identité passeport élection liste électorale "
    "recensement logement social aide sociale allocation dossier pièce jointe courrier "
    "réclamation plainte bruit voisinage déchets ordures collecte encombrants propreté "
    "marché public devis commande paiement virement règlement relance échéance montant "
    "euros TVA fournisseur contrat convention location salle communale réservation "
    "manifestation fête cérémonie commémoration agent personnel recrutement congé "
    "formation retraite mutation poste candidature entretien réunion compte rendu "
    "rapport avis commission enquête publique réponse délai instruction refus accord "
    "monsieur madame maire adjoint secrétaire directeur service mairie commune "
    "habitant riverain propriétaire locataire syndic entreprise artisan notaire "
    "géomètre architecte banque trésorerie préfecture département région État "
    "urgent important rappel information convocation invitation remerciement "
    "transmission copie original signature cachet date lieu objet référence numéro"
)
STOP = _split(
    "le la les de des du un une et à au aux pour par sur dans avec en que qui est sont ce"
)


def _words() -> tuple[list[str], list[float]]:
    words = VOCAB + STOP
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(VOCAB))] + [0.6] * len(STOP)
    return words, weights


def generate(count: int, seed: int = 20251122) -> Iterator[IndexedDocument]:
    """The same ``count`` documents for the same seed, generated without Faker."""
    rng = random.Random(seed)
    words, weights = _words()
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = int(timedelta(days=365 * 11).total_seconds())
    for n in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}"
        doc_type, service = rng.choice(TYPES), rng.choice(SERVICES)
        pages = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            body = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(60, 160)))
            pages.append(f"{name}, {rng.randint(1, 120)} {rng.choice(STREETS)}. {body}.")
        iban = f"FR76{rng.randrange(10**22):022d}" if doc_type == "facture" else None
        yield IndexedDocument(
            id=f"doc-{n:08d}",
            pages=pages,
            title=f"{doc_type.replace('_', ' ').capitalize()} {name}",
            filename=f"{doc_type}_{n}.pdf",
            doc_type=doc_type,
            service=service,
            status=rng.choice(("a_traiter", "classe", "archive")),
            source=rng.choice(("guichet", "courrier", "email", "portail")),
            received_at=start + timedelta(seconds=rng.randrange(span)),
            holder=name,
            entity_values=[iban] if iban else [],
            principals=[f"service:{service}", f"citizen:{rng.randrange(count // 20 + 1)}"],
        )


def queries(count: int, seed: int = 7) -> list[SearchQuery]:
    """Typical agent searches: 2-3 words, their services, a type filter one in three."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        words = rng.sample(VOCAB[:150], rng.choice((2, 2, 3)))
        if n % 5 == 0:
            words[0] = rng.choice(SURNAMES)
        out.append(
            SearchQuery(
                text=" ".join(words),
                principals=[f"service:{s}" for s in rng.sample(SERVICES, 3)],
                doc_types=[rng.choice(TYPES)] if n % 3 == 0 else [],
                facets=["doc_type", "service", "year"],
                limit=20,
                highlight=True,
            )
        )
    return out


def _batches(count: int, size: int) -> Iterator[list[IndexedDocument]]:
    batch: list[IndexedDocument] = []
    for doc in generate(count):
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _latencies(run: Any, qs: list[SearchQuery], budget_s: float) -> dict[str, float]:
    """Wall and CPU time per query; stops early (after 30 queries) past ``budget_s``.

    CPU time (process_time) is reported beside wall time because the machine
    is shared: wall time includes waiting for a core, CPU time does not.
    """
    for q in qs[:20]:
        run(q)  # warm-up: page cache, lazily opened segments
    wall, cpu = [], []
    started = time.perf_counter()
    for q in qs:
        t0, c0 = time.perf_counter(), time.process_time()
        run(q)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        if len(wall) >= 30 and time.perf_counter() - started > budget_s:
            break
    wall.sort()
    cpu.sort()
    p95 = max(int(len(wall) * 0.95) - 1, 0)
    return {
        "queries": len(wall),
        "p50_ms": statistics.median(wall),
        "p95_ms": wall[p95],
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": cpu[p95],
    }


def run_tantivy(count: int, workdir: Path, nq: int, budget_s: float) -> dict[str, Any]:
    path = workdir / "tantivy"
    index = TantivySearchIndex(path)
    spent = 0.0
    for n, batch in enumerate(_batches(count, 1000), start=1):
        t0 = time.perf_counter()
        index.index(batch)
        if n % 20 == 0:
            index.commit()
        spent += time.perf_counter() - t0
    t0 = time.perf_counter()
    index.commit()
    index.close()  # waits for merges: part of the indexing cost
    spent += time.perf_counter() - t0
    index = TantivySearchIndex(path)
    hits = [0]

    def run(q: SearchQuery) -> None:
        hits[0] += index.query(q).total

    lat = _latencies(run, queries(nq), budget_s)
    return {
        "docs_per_s": count / spent,
        "index_mb": _dir_size(path) / 1e6,
        **lat,
        "mean_total": hits[0] / (lat["queries"] + 20),
    }


FTS_SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, doc_type TEXT, service TEXT,
                  year INTEGER, received_at TEXT);
CREATE TABLE principals(principal TEXT, docid INTEGER, PRIMARY KEY(principal, docid)) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');
"""


def run_sqlite(count: int, workdir: Path, nq: int, budget_s: float) -> dict[str, Any]:
    path = workdir / "fts.db"
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + FTS_SCHEMA)
    spent, rowid = 0.0, 0
    for batch in _batches(count, 1000):
        rows, fts, perms = [], [], []
        for doc in batch:
            rowid += 1
            rows.append(
                (
                    rowid,
                    doc.id,
                    doc.doc_type,
                    doc.service,
                    doc.received_at.year,
                    doc.received_at.isoformat(),
                )
            )
            fts.append((rowid, doc.title, "\n".join(doc.pages)))
            perms += [(p, rowid) for p in doc.principals]
        t0 = time.perf_counter()
        with db:
            db.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?)", rows)
            db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?,?,?)", fts)
            db.executemany("INSERT INTO principals VALUES (?,?)", perms)
        spent += time.perf_counter() - t0
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    hits = [0]

    def run(q: SearchQuery) -> None:
        match = " ".join(f'"{w}"' for w in q.text.split())
        marks = ",".join("?" * len(q.principals))
        where = f"docs.rowid IN (SELECT docid FROM principals WHERE principal IN ({marks}))"
        args: list[Any] = [match, *q.principals]
        if q.doc_types:
            where += " AND docs.doc_type = ?"
            args.append(q.doc_types[0])
        joined = "FROM fts JOIN docs ON docs.rowid = fts.rowid"
        matched = f"SELECT docs.* {joined} WHERE fts MATCH ? AND {where}"
        db.execute(
            "SELECT docs.id, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts "
            f"JOIN docs ON docs.rowid = fts.rowid WHERE fts MATCH ? AND {where} "
            "ORDER BY bm25(fts) LIMIT 20",
            args,
        ).fetchall()
        hits[0] += db.execute(f"SELECT count(*) FROM ({matched})", args).fetchone()[0]
        for col in ("doc_type", "service", "year"):
            db.execute(f"SELECT {col}, count(*) FROM ({matched}) GROUP BY {col}", args).fetchall()

    lat = _latencies(run, queries(nq), budget_s)
    return {
        "docs_per_s": count / spent,
        "index_mb": path.stat().st_size / 1e6,
        **lat,
        "mean_total": hits[0] / (lat["queries"] + 20),
    }


def child(engine: str, count: int, nq: int, budget_s: float, keep: Path | None) -> None:
    """Run one engine in this process and print its figures as JSON."""
    workdir = keep / engine if keep else Path(tempfile.mkdtemp(prefix=f"bench-{engine}-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        runner = run_tantivy if engine == "tantivy" else run_sqlite
        figures = runner(count, workdir, nq, budget_s)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def _generation_rate(count: int) -> float:
    t0 = time.perf_counter()
    n = sum(1 for _ in generate(min(count, 20_000)))
    return n / (time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--budget", type=float, default=180.0, help="max seconds of queries")
    parser.add_argument("--allow-large", action="store_true", help="needed above 200,000 docs")
    parser.add_argument("--keep", type=Path, help="keep the indexes under this folder")
    parser.add_argument("--engine", choices=["tantivy", "sqlite"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.engine:
        child(args.engine, args.docs, args.queries, args.budget, args.keep)
        return 0
    if args.docs > 200_000 and not args.allow_large:
        parser.error("au-delà de 200 000 documents, ajoutez --allow-large (long, gourmand)")
    print(
        f"{args.docs} documents, {args.queries} queries; generation alone: "
        f"{_generation_rate(args.docs):,.0f} docs/s (excluded from indexing figures)"
    )
    results = {engine: _run_child(engine, args) for engine in ("tantivy", "sqlite")}
    _print_table(results["tantivy"], results["sqlite"])
    print(f"load average at the end (shared machine): {os.getloadavg()[0]:.1f}")
    return 0


def _run_child(engine: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.search",
        "--engine",
        engine,
        "--docs",
        str(args.docs),
        "--queries",
        str(args.queries),
        "--budget",
        str(args.budget),
    ]
    if args.keep:
        command += ["--keep", str(args.keep)]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


ROWS = (  # key, label, whether higher is better
    ("docs_per_s", "index docs/s", True),
    ("index_mb", "index MB", False),
    ("peak_mb", "peak RSS MB", False),
    ("queries", "queries timed", True),
    ("p50_ms", "p50 ms", False),
    ("p95_ms", "p95 ms", False),
    ("cpu_p50_ms", "CPU p50 ms", False),
    ("cpu_p95_ms", "CPU p95 ms", False),
    ("mean_total", "mean total", True),
)


def _print_table(t: dict[str, Any], s: dict[str, Any]) -> None:
    print(f"{'':15}{'tantivy':>12}{'sqlite fts5':>14}{'ratio':>9}")
    for key, label, higher_better in ROWS:
        ratio = t[key] / s[key] if higher_better else s[key] / t[key]
        print(f"{label:15}{t[key]:>12,.1f}{s[key]:>14,.1f}{ratio:>8.2f}x")
    print("ratio > 1: tantivy better. mean total: matches per query (tantivy stems, FTS5 not).")


if __name__ == "__main__":
    raise SystemExit(main())
