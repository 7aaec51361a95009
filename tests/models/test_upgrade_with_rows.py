"""A database of the first wave, holding documents, receipts, pages and dossiers, is
brought to the latest schema without losing a row (the upgrade a town hall runs)."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from paperasse.models.db import WRITE_OPTION, alembic_config, make_engine, migrate

NOW = dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)


def _first_wave_rows(conn: object) -> None:
    run = conn.execute  # type: ignore[attr-defined]
    run(
        text(
            "INSERT INTO users (id, username, display_name, role, services, password_hash,"
            " disabled, created_at) VALUES ('u1', 'jeanne', '', 'citoyen', '[]', '', false, :now)"
        ),
        {"now": NOW},
    )
    run(
        text(
            "INSERT INTO dossiers (id, procedure, status, owner_id, persons, findings, overrides,"
            " created_at) VALUES ('d1', 'pacs', 'draft', 'u1', '{}', '[]', '[]', :now)"
        ),
        {"now": NOW},
    )
    for doc_id, source in (("doc1", "upload"), ("doc2", "mailroom")):
        run(
            text(
                "INSERT INTO documents (id, sha256, size, mime, original_filename, source,"
                " received_at, status, doc_type_review, updated_at) VALUES (:id, :sha, 3,"
                " 'application/pdf', 'a.pdf', :source, :now, 'processed', false, :now)"
            ),
            {"id": doc_id, "sha": doc_id.ljust(64, "0"), "source": source, "now": NOW},
        )
        run(
            text(
                "INSERT INTO receipts (document_id, received_at, source, filename, actor, user_id,"
                " dossier_id) VALUES (:id, :now, :source, 'a.pdf', 'user:jeanne', :user, :dossier)"
            ),
            {
                "id": doc_id,
                "now": NOW,
                "source": source,
                "user": "u1" if source == "upload" else None,
                "dossier": "d1" if source == "upload" else None,
            },
        )
        run(
            text(
                "INSERT INTO pages (document_id, number, text, source, width, height, rotation,"
                " blank) VALUES (:id, 1, 'Bonjour', 'ocr', 10, 10, 0, false)"
            ),
            {"id": doc_id},
        )


def test_a_first_wave_database_with_rows_upgrades_to_the_latest_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        _first_wave_rows(conn)
    migrate(engine)
    with engine.connect() as conn:
        scopes = dict(conn.execute(text("SELECT id, scope FROM documents")).all())
        assert scopes == {"doc1": "citizen:u1", "doc2": "staff"}
        assert conn.execute(text("SELECT count(*) FROM receipts")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM pages")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM dossiers")).scalar_one() == 1
    engine.dispose()
