"""The town's own labelled examples: documents whose type an agent set."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from paperasse.context import Context
from paperasse.models.domain import DOC_LABELS
from paperasse.models.tables import Document
from paperasse.training.corpus.types import LabelledText


def corrections(ctx: Context) -> list[LabelledText]:
    """Documents whose type a person set: the town's own labelled examples."""
    stmt = (
        select(Document)
        .where(Document.doc_type_by.is_not(None), Document.doc_type.is_not(None))
        .options(selectinload(Document.pages))
    )
    with ctx.sessions() as session:
        return [
            LabelledText(
                text="\n\n".join(p.text for p in doc.pages),
                label=doc.doc_type or "",
                doc_id=doc.id,
                source="text",
            )
            for doc in session.execute(stmt).scalars()
            if doc.pages and doc.doc_type in DOC_LABELS
        ]
