"""records management: sealed originals, holds, disposal lists, transfers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 05:15:00

Originals are now stored encrypted, each with its own key kept in ``originals``,
so that destroying the key erases an original even while the store's write-once
lock still holds its object (crypto-shredding). Originals already stored stay in
clear; each gets a row with ``sealed`` false and no key.

Legal holds, disposal lists with their items (what a disposal certificate says,
without personal data) and archive transfers get their tables; a dossier records
when it was closed, the event most retention periods run from.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "disposal_lists",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.String(length=128), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=128), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("visa", sa.Text(), nullable=True),
        sa.Column("certificate", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disposal_lists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disposal_lists_status"), ["status"], unique=False)

    op.create_table(
        "holds",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(length=128), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lifted_by", sa.String(length=128), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("holds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holds_target"), ["target"], unique=False)

    op.create_table(
        "originals",
        sa.Column("blob_key", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.Boolean(), nullable=False),
        sa.Column("key", sa.LargeBinary(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("retain_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shredded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shred_reason", sa.String(length=64), nullable=True),
        sa.Column("blob_deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("blob_key"),
    )
    with op.batch_alter_table("originals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_originals_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_originals_shredded_at"), ["shredded_at"], unique=False)

    op.create_table(
        "transfers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("package", sa.String(length=255), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "disposal_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("disposal_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("doc_type", sa.String(length=48), nullable=True),
        sa.Column("dossier_id", sa.String(length=32), nullable=True),
        sa.Column("procedure", sa.String(length=64), nullable=True),
        sa.Column("rule", sa.String(length=96), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("outcome_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["disposal_id"],
            ["disposal_lists.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disposal_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disposal_items_disposal_id"), ["disposal_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_disposal_items_document_id"), ["document_id"], unique=False
        )

    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))

    # Originals stored so far are in clear under their own hash: one row each, unsealed.
    op.execute(
        "INSERT INTO originals (blob_key, sha256, sealed, size, created_at)"
        " SELECT sha256, sha256, false, MIN(size), MIN(received_at) FROM documents"
        " GROUP BY sha256"
    )


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("closed_at")

    with op.batch_alter_table("disposal_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disposal_items_document_id"))
        batch_op.drop_index(batch_op.f("ix_disposal_items_disposal_id"))

    op.drop_table("disposal_items")
    op.drop_table("transfers")
    with op.batch_alter_table("originals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_originals_shredded_at"))
        batch_op.drop_index(batch_op.f("ix_originals_sha256"))

    op.drop_table("originals")
    with op.batch_alter_table("holds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holds_target"))

    op.drop_table("holds")
    with op.batch_alter_table("disposal_lists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disposal_lists_status"))

    op.drop_table("disposal_lists")
