"""Migration 0005 moves existing dossiers to the new statuses without losing their history."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import text

from paperasse.models.db import WRITE_OPTION, alembic_config, make_engine, migrate


def test_draft_and_submitted_dossiers_become_brouillon_and_depose(database_url: str) -> None:
    engine = make_engine(database_url)
    cfg = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(
            text(
                "INSERT INTO users (id, username, display_name, role, services, password_hash,"
                " disabled, created_at) VALUES ('u1', 'jeanne', '', 'citoyen', '[]', '', false,"
                " :now)"
            ),
            {"now": dt.datetime(2026, 1, 2, tzinfo=dt.UTC)},
        )
        for dossier_id, status, submitted in (
            ("d1", "draft", None),
            ("d2", "submitted", dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC)),
            ("d3", "submitted", dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC)),
        ):
            conn.execute(
                text(
                    "INSERT INTO dossiers (id, procedure, status, owner_id, persons, findings,"
                    " overrides, created_at, submitted_at) VALUES (:id, 'pacs', :status, 'u1',"
                    " '{}', '[]', '[]', :created, :submitted)"
                ),
                {
                    "id": dossier_id,
                    "status": status,
                    "created": dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
                    "submitted": submitted,
                },
            )
        conn.execute(
            text(
                "INSERT INTO documents (id, sha256, scope, size, mime, original_filename, source,"
                " received_at, status, doc_type_review, updated_at) VALUES ('doc1', :sha, 'staff',"
                " 3, 'application/pdf', 'a.pdf', 'upload', :now, 'processed', false, :now)"
            ),
            {"sha": "0" * 64, "now": dt.datetime(2026, 3, 4, tzinfo=dt.UTC)},
        )
        conn.execute(
            text(
                "INSERT INTO receipts (document_id, received_at, source, filename, actor, user_id,"
                " dossier_id) VALUES ('doc1', :now, 'upload', 'a.pdf', 'user:jeanne', 'u1', 'd2')"
            ),
            {"now": dt.datetime(2026, 3, 4, tzinfo=dt.UTC)},
        )
    migrate(engine)  # rows refer to users, dossiers and documents: no table may be copied
    with engine.connect() as conn:
        dossiers = conn.execute(
            text("SELECT id, status, number, last_submitted_at FROM dossiers ORDER BY id")
        ).all()
        steps = conn.execute(
            text("SELECT dossier_id, status, actor FROM dossier_events ORDER BY dossier_id, id")
        ).all()
        counter = conn.execute(text("SELECT name, value FROM counters")).all()
    engine.dispose()
    assert [(d.id, d.status, d.number) for d in dossiers] == [
        ("d1", "brouillon", None),
        ("d2", "depose", "2026-00002"),
        ("d3", "depose", "2026-00001"),
    ]
    assert dossiers[0].last_submitted_at is None and dossiers[1].last_submitted_at is not None
    assert [(s.dossier_id, s.status) for s in steps] == [
        ("d1", "brouillon"),
        ("d2", "brouillon"),
        ("d2", "depose"),
        ("d3", "brouillon"),
        ("d3", "depose"),
    ]
    assert {s.actor for s in steps} == {"user:jeanne"}
    assert counter == [("dossier:2026", 2)]
