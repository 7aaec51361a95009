"""the town hall's mailbox: messages taken once

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00

``mail_messages`` holds one row per message taken from the mailbox, keyed by the
folder's UIDVALIDITY and the message's UID and written in the transaction that
records the message's documents, so that a message is taken exactly once across
crashes. The documents' sender and subject columns come with 0005.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mailbox", sa.String(length=255), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=True),
        sa.Column("attachments", sa.Integer(), nullable=False),
        sa.Column("refused", sa.JSON(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_mail_messages_uid"),
    )
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_messages_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mail_messages_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_messages_document_id"))
        batch_op.drop_index(batch_op.f("ix_mail_messages_sha256"))
    op.drop_table("mail_messages")
