"""the dossier's journey: statuses, timeline, slots, acknowledgements, e-mail outbox

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 06:00:00

A dossier now goes brouillon -> depose -> en_instruction -> a_completer ->
accepte / refuse (French snake_case like every label the town reads): existing
"draft" rows become "brouillon", "submitted" ones "depose", with a number and
the two first steps of their timeline. Receipts remember the slot (piece) a
citizen chose; documents may carry their sender and subject (mailroom letters,
e-mails); users an e-mail address and whether they want notifications.

Every change here is an added column, table or index: on SQLite none of them makes
batch mode copy a table, which would fail on a table other rows refer to (users,
dossiers, documents) while foreign keys are enforced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.add_column(sa.Column("number", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("last_submitted_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("due_on", sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f("ix_dossiers_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_dossiers_due_on"), ["due_on"], unique=False)
    with op.batch_alter_table("receipts") as batch_op:
        batch_op.add_column(sa.Column("piece", sa.String(length=64), nullable=True))
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("sender_name", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("sender_address", sa.String(length=320), nullable=True))
        batch_op.add_column(sa.Column("subject", sa.Text(), nullable=True))
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("notify_by_email", sa.Boolean(), nullable=False, server_default="0")
        )

    events = op.create_table(
        "dossier_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("by_town_hall", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_events") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_events_dossier_id"), ["dossier_id"], unique=False
        )
    op.create_table(
        "acknowledgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=32), nullable=True),
        sa.Column("document_id", sa.String(length=32), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("acknowledgements") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_acknowledgements_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_acknowledgements_dossier_id"), ["dossier_id"], unique=False
        )
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=32), nullable=True),
        sa.Column("user_id", sa.String(length=32), nullable=True),
        sa.Column("to_address", sa.String(length=255), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.create_index("ix_notifications_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notifications_dossier_id"), ["dossier_id"], unique=False
        )
    _migrate_statuses(events, counters)


def _migrate_statuses(events: sa.Table, counters: sa.Table) -> None:
    """Old statuses to the new ones; submitted dossiers get a number and their first steps."""
    bind = op.get_bind()
    dossiers = sa.table(
        "dossiers",
        sa.column("id", sa.String),
        sa.column("status", sa.String),
        sa.column("owner_id", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("submitted_at", sa.DateTime(timezone=True)),
        sa.column("last_submitted_at", sa.DateTime(timezone=True)),
        sa.column("number", sa.String),
    )
    users = sa.table("users", sa.column("id", sa.String), sa.column("username", sa.String))
    names = dict(bind.execute(sa.select(users.c.id, users.c.username)).all())
    rows = bind.execute(
        sa.select(
            dossiers.c.id,
            dossiers.c.status,
            dossiers.c.owner_id,
            dossiers.c.created_at,
            dossiers.c.submitted_at,
        ).order_by(dossiers.c.submitted_at, dossiers.c.id)
    ).all()
    per_year: dict[int, int] = {}
    timeline: list[dict[str, Any]] = []
    for dossier_id, status, owner, created, submitted in rows:
        actor = f"user:{names.get(owner, owner)}"
        timeline.append(_event(dossier_id, created, "brouillon", actor))
        values: dict[str, Any] = {"status": "brouillon"}
        if status == "submitted" and submitted is not None:
            year = _as_utc(submitted).year
            per_year[year] = per_year.get(year, 0) + 1
            values = {
                "status": "depose",
                "number": f"{year}-{per_year[year]:05d}",
                "last_submitted_at": submitted,
            }
            timeline.append(_event(dossier_id, submitted, "depose", actor))
        bind.execute(dossiers.update().where(dossiers.c.id == dossier_id).values(**values))
    if timeline:
        op.bulk_insert(events, timeline)
    if per_year:
        op.bulk_insert(
            counters, [{"name": f"dossier:{y}", "value": n} for y, n in sorted(per_year.items())]
        )


def _as_utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _event(dossier_id: str, at: dt.datetime, status: str, actor: str) -> dict[str, Any]:
    return {
        "dossier_id": dossier_id,
        "at": _as_utc(at),
        "kind": "statut",
        "status": status,
        "actor": actor,
        "by_town_hall": False,
        "text": None,
    }


def downgrade() -> None:
    op.execute("UPDATE dossiers SET status = 'submitted' WHERE submitted_at IS NOT NULL")
    op.execute("UPDATE dossiers SET status = 'draft' WHERE submitted_at IS NULL")
    op.drop_table("notifications")
    op.drop_table("counters")
    op.drop_table("acknowledgements")
    op.drop_table("dossier_events")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("notify_by_email")
        batch_op.drop_column("email")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("subject")
        batch_op.drop_column("sender_address")
        batch_op.drop_column("sender_name")
    with op.batch_alter_table("receipts") as batch_op:
        batch_op.drop_column("piece")
    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_due_on"))
        batch_op.drop_index(batch_op.f("ix_dossiers_number"))
        batch_op.drop_column("due_on")
        batch_op.drop_column("last_submitted_at")
        batch_op.drop_column("number")
