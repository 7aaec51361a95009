"""Who sees which document, decided from real rows, by one document and in the query."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from paperasse.auth.identity import Identity, can_see, identity_of
from paperasse.auth.users import add_user
from paperasse.auth.visibility import (
    can_see_document,
    document_principals_of,
    visible_documents_clause,
)
from paperasse.context import Context
from paperasse.errors import NotFoundError
from paperasse.models.tables import Document, Receipt

PEOPLE = {
    "citizen_a": ("citoyen", ()),
    "citizen_b": ("citoyen", ()),
    "urbanisme": ("agent", ("urbanisme",)),
    "social": ("agent", ("social",)),
    "courrier": ("courrier", ()),
    "archiviste": ("archiviste", ()),
    "admin": ("admin", ()),
}

# document -> who sees it, written out by hand from the rules in identity.py.
EXPECTED = {
    "a_upload": {"citizen_a", "archiviste", "admin"},
    "b_upload_social": {"citizen_b", "social", "archiviste", "admin"},
    "mail_social": {"social", "courrier", "archiviste", "admin"},
    "filed_by_urbanisme_routed_finances": {"urbanisme", "archiviste", "admin"},
    "a_upload_unrouted": {"citizen_a", "courrier", "archiviste", "admin"},
    "brought_by_a_and_b": {"citizen_a", "citizen_b", "urbanisme", "archiviste", "admin"},
}


def _document(name: str, service: str | None) -> Document:
    return Document(
        id=hashlib.md5(name.encode()).hexdigest(),
        sha256=hashlib.sha256(name.encode()).hexdigest(),
        size=1,
        mime="application/pdf",
        original_filename=f"{name}.pdf",
        source="upload",
        service=service,
    )


def _receipt(
    doc: Document, source: str, user_id: str | None, service: str | None = None
) -> Receipt:
    return Receipt(
        document_id=doc.id,
        source=source,
        filename=doc.original_filename,
        actor="test",
        service=service,
        user_id=user_id,
    )


@pytest.fixture
def world(ctx: Context) -> tuple[dict[str, Identity], dict[str, str]]:
    """The people above and six documents with their receipts."""
    people = {
        name: identity_of(add_user(ctx, name.replace("_", "."), None, role, services))
        for name, (role, services) in PEOPLE.items()
    }
    a, b = people["citizen_a"].user_id, people["citizen_b"].user_id
    urb = people["urbanisme"].user_id
    docs = {
        "a_upload": _document("a_upload", "etat_civil"),
        "b_upload_social": _document("b_upload_social", "social"),
        "mail_social": _document("mail_social", "social"),
        "filed_by_urbanisme_routed_finances": _document("filed", "finances"),
        "a_upload_unrouted": _document("a_upload_unrouted", None),
        "brought_by_a_and_b": _document("both", "urbanisme"),
    }
    with ctx.transaction() as session:
        session.add_all(docs.values())
        session.flush()
        session.add_all(
            [
                _receipt(docs["a_upload"], "upload", a, "etat_civil"),
                _receipt(docs["b_upload_social"], "upload", b),
                _receipt(docs["mail_social"], "mailroom", people["courrier"].user_id),
                _receipt(docs["filed_by_urbanisme_routed_finances"], "api", urb, "urbanisme"),
                _receipt(docs["a_upload_unrouted"], "upload", a),
                _receipt(docs["brought_by_a_and_b"], "upload", a),
                _receipt(docs["brought_by_a_and_b"], "upload", b),
            ]
        )
    return people, {name: doc.id for name, doc in docs.items()}


def test_truth_table_by_document(
    ctx: Context, world: tuple[dict[str, Identity], dict[str, str]]
) -> None:
    people, docs = world
    with ctx.sessions() as session:
        seen = {
            doc: {
                who for who, identity in people.items() if can_see_document(session, identity, id_)
            }
            for doc, id_ in docs.items()
        }
    assert seen == EXPECTED


def test_truth_table_in_the_query(
    ctx: Context, world: tuple[dict[str, Identity], dict[str, str]]
) -> None:
    people, docs = world
    names = {id_: name for name, id_ in docs.items()}
    for who, identity in people.items():
        stmt = select(Document.id).where(visible_documents_clause(identity)).order_by(Document.id)
        with ctx.sessions() as session:
            listed = {names[id_] for id_ in session.execute(stmt).scalars()}
        assert listed == {doc for doc, viewers in EXPECTED.items() if who in viewers}, who


def test_clause_composes_with_other_filters_and_counts(
    ctx: Context, world: tuple[dict[str, Identity], dict[str, str]]
) -> None:
    people, _ = world
    stmt = (
        select(func.count())
        .select_from(Document)
        .where(Document.service == "social", visible_documents_clause(people["citizen_b"]))
    )
    with ctx.sessions() as session:
        assert session.execute(stmt).scalar_one() == 1


def test_index_principals_agree_with_the_clause(
    ctx: Context, world: tuple[dict[str, Identity], dict[str, str]]
) -> None:
    people, docs = world
    with ctx.sessions() as session:
        for id_ in docs.values():
            carried = document_principals_of(session, id_)
            assert not any(p == f"citizen:{people['urbanisme'].user_id}" for p in carried)
            for identity in people.values():
                in_query = session.execute(
                    select(Document.id).where(
                        Document.id == id_, visible_documents_clause(identity)
                    )
                ).first()
                assert can_see(identity, carried) == (in_query is not None)


def test_strangers_see_nothing(sqlite_ctx: Context) -> None:
    nobody = Identity(user_id="x", username="x", role="agent", services=())
    odd = Identity(user_id="y", username="y", role="maire")
    with sqlite_ctx.transaction() as session:
        doc = _document("lonely", "social")
        session.add(doc)
    with sqlite_ctx.sessions() as session:
        for identity in (nobody, odd):
            assert (
                session.execute(select(Document).where(visible_documents_clause(identity))).first()
                is None
            )
            assert not can_see_document(session, identity, doc.id)


def test_missing_document(sqlite_ctx: Context) -> None:
    admin = Identity(user_id="x", username="x", role="admin")
    with sqlite_ctx.sessions() as session:
        assert not can_see_document(session, admin, "0" * 32)
        with pytest.raises(NotFoundError, match="introuvable"):
            document_principals_of(session, "0" * 32)
