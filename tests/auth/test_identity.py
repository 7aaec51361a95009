"""Principals held by each role and carried by documents, without a database."""

from __future__ import annotations

from paperasse.auth.identity import (
    Identity,
    ReceiptFacts,
    can_see,
    document_principals,
    principals,
)


def person(role: str, *services: str, user_id: str = "u1") -> Identity:
    return Identity(user_id=user_id, username=f"{role}-{user_id}", role=role, services=services)


def test_principals_of_each_role() -> None:
    assert principals(person("citoyen", user_id="a1")) == ["citizen:a1"]
    assert principals(person("agent", "urbanisme", "social", "urbanisme")) == [
        "service:social",
        "service:urbanisme",
    ]
    assert principals(person("courrier")) == ["role:courrier"]
    assert principals(person("archiviste")) == ["role:archiviste"]
    assert principals(person("admin")) == ["role:admin"]


def test_agent_without_service_and_unknown_role_hold_nothing() -> None:
    assert principals(person("agent")) == []
    assert principals(person("maire")) == []


def test_citizen_upload_carries_its_author_and_service() -> None:
    upload = ReceiptFacts(source="upload", service=None, user_id="a1", by_citizen=True)
    assert document_principals([upload], "etat_civil") == [
        "citizen:a1",
        "role:admin",
        "role:archiviste",
        "service:etat_civil",
    ]


def test_staff_receipt_does_not_make_a_citizen_principal() -> None:
    filed = ReceiptFacts(source="api", service="urbanisme", user_id="agent7", by_citizen=False)
    assert document_principals([filed], "finances") == [
        "role:admin",
        "role:archiviste",
        "service:finances",
        "service:urbanisme",
    ]


def test_mailroom_and_unrouted_documents_reach_the_mailroom() -> None:
    scanned = ReceiptFacts(source="mailroom")
    assert "role:courrier" in document_principals([scanned], "social")
    upload = ReceiptFacts(source="upload", user_id="a1", by_citizen=True)
    assert "role:courrier" in document_principals([upload], None)
    assert "role:courrier" not in document_principals([upload], "social")


def test_can_see_is_a_set_intersection() -> None:
    doc = document_principals(
        [ReceiptFacts(source="upload", user_id="a1", by_citizen=True)], "social"
    )
    assert can_see(person("citoyen", user_id="a1"), doc)
    assert not can_see(person("citoyen", user_id="b2"), doc)
    assert can_see(person("agent", "social"), doc)
    assert not can_see(person("agent", "urbanisme"), doc)
    assert can_see(person("archiviste"), doc) and can_see(person("admin"), doc)
    assert not can_see(person("courrier"), doc)
