"""documents unique per owner scope; dossiers keep their verdict; what was read

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 05:30:00

Identical bytes uploaded by two citizens used to be one document, so the second
citizen read the first one's metadata and history. A document is now unique by
(sha256, scope): a citizen's own uploads, or the town hall's ("staff").

A dossier's verdict is now computed when a worker finishes one of its documents
and stored (``verdict``, ``checked_on``); reading a dossier reads it.

Reading real documents keeps what it trusted: the fields read with their source
(``documents.fields``), the 2D-Doc barcodes found (``documents.twoddocs``) and each
page's quality verdict (``pages.quality``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite keeps the old constraint unnamed: batch mode finds it through this convention.
SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_unique_name() -> str:
    return (
        "documents_sha256_key"
        if op.get_bind().dialect.name == "postgresql"
        else ("uq_documents_sha256")
    )


def upgrade() -> None:
    with op.batch_alter_table("documents", naming_convention=SQLITE_NAMES) as batch_op:
        batch_op.add_column(
            sa.Column("scope", sa.String(length=64), nullable=False, server_default="staff")
        )
        batch_op.drop_constraint(_old_unique_name(), type_="unique")
        batch_op.create_unique_constraint("uq_documents_sha256_scope", ["sha256", "scope"])
        batch_op.create_index(batch_op.f("ix_documents_sha256"), ["sha256"], unique=False)
    by_citizen = (
        "FROM receipts r JOIN users u ON u.id = r.user_id"
        " WHERE r.document_id = documents.id AND r.source = 'upload' AND u.role = 'citoyen'"
    )
    op.execute(
        f"UPDATE documents SET scope = 'citizen:' || (SELECT r.user_id {by_citizen}"
        " ORDER BY r.id LIMIT 1)"
        f" WHERE EXISTS (SELECT 1 {by_citizen})"
        " AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.document_id = documents.id"
        " AND r.source <> 'upload')"
    )

    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.add_column(sa.Column("verdict", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("checked_on", sa.Date(), nullable=True))
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("fields", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("twoddocs", sa.JSON(), nullable=True))
    with op.batch_alter_table("pages") as batch_op:
        batch_op.add_column(sa.Column("quality", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch_op:
        batch_op.drop_column("quality")
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("twoddocs")
        batch_op.drop_column("fields")
    with op.batch_alter_table("dossiers") as batch_op:
        batch_op.drop_column("checked_on")
        batch_op.drop_column("verdict")
    with op.batch_alter_table("documents", naming_convention=SQLITE_NAMES) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_sha256"))
        batch_op.drop_constraint("uq_documents_sha256_scope", type_="unique")
        batch_op.create_unique_constraint(_old_unique_name(), ["sha256"])
        batch_op.drop_column("scope")
