"""Database tables (SQLAlchemy 2.0). The database is the source of truth.

A document is one original, identified by its SHA-256 within its owner's scope
(a citizen's own uploads, or the town hall's); each arrival of those bytes is a
receipt, so the same bytes received twice in one scope give one document and two
receipts, and rights follow the receipts. Identical bytes in two scopes are two
documents sharing one stored original.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    """Unguessable identifiers, so that ids cannot be probed one after another."""
    return uuid.uuid4().hex


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC times")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("sha256", "scope", name="uq_documents_sha256_scope"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    scope: Mapped[str] = mapped_column(String(64), default="staff")
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(64))
    original_filename: Mapped[str] = mapped_column(String(255))
    source: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int | None] = mapped_column(Integer)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"))
    parent_pages: Mapped[list[Any] | None] = mapped_column(JSON)
    doc_type: Mapped[str | None] = mapped_column(String(48), index=True)
    doc_type_confidence: Mapped[float | None] = mapped_column(Float)
    doc_type_review: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_type_explanation: Mapped[list[Any] | None] = mapped_column(JSON)
    doc_type_by: Mapped[str | None] = mapped_column(String(64))
    holder: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fields: Mapped[list[Any] | None] = mapped_column(JSON)
    twoddocs: Mapped[list[Any] | None] = mapped_column(JSON)
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    service: Mapped[str | None] = mapped_column(String(32), index=True)
    priority: Mapped[str | None] = mapped_column(String(16))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    triage: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sender_name: Mapped[str | None] = mapped_column(String(255))
    sender_address: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    receipts: Mapped[list[Receipt]] = relationship(back_populates="document")
    pages: Mapped[list[Page]] = relationship(
        back_populates="document", order_by="Page.number", cascade="all, delete-orphan"
    )


class Receipt(Base):
    """One arrival of a document's bytes: who brought it, from where, when."""

    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    source: Mapped[str] = mapped_column(String(16))
    filename: Mapped[str] = mapped_column(String(255))
    actor: Mapped[str] = mapped_column(String(128))
    service: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    piece: Mapped[str | None] = mapped_column(String(64))

    document: Mapped[Document] = relationship(back_populates="receipts")


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16))
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    words: Mapped[list[Any] | None] = mapped_column(JSON)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    blank: Mapped[bool] = mapped_column(Boolean, default=False)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="pages")


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    label: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(String(255), index=True)
    page: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer, default=-1)
    end: Mapped[int] = mapped_column(Integer, default=-1)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class Job(Base):
    """Durable background work on one document, claimed with a lease."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_claim", "status", "run_after"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="process")
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    run_after: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(String(32))
    pages_done: Mapped[int] = mapped_column(Integer, default=0)
    pages_total: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    display_name: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[str] = mapped_column(String(16))
    services: Mapped[list[Any]] = mapped_column(JSON, default=list)
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    email: Mapped[str | None] = mapped_column(String(255))
    notify_by_email: Mapped[bool] = mapped_column(Boolean, default=False)


class Dossier(Base):
    """A citizen's application for one procedure, with the documents it gathers.

    ``submitted_at`` is the first submission (documents' ages count from it);
    ``last_submitted_at`` the latest, after a complement (the administration's
    silence counts from it, CRPA L114-5), and ``due_on`` the day that silence
    becomes a decision.
    """

    __tablename__ = "dossiers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    procedure: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="brouillon", index=True)
    number: Mapped[str | None] = mapped_column(String(16), unique=True, index=True)
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), index=True)
    persons: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    findings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    overrides: Mapped[list[Any]] = mapped_column(JSON, default=list)
    verdict: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    checked_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)


class AuditEvent(Base):
    """One link of the hash chain. Rows are only ever inserted."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64), index=True)
    object: Mapped[str] = mapped_column(String(128), index=True)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """A single row locked by each append, so that writers chain one after another.

    ``sealed_seq`` is the event of the latest seal written to the blob store: the
    verifier refuses a store whose seals stop short of it.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    sealed_seq: Mapped[int] = mapped_column(Integer, default=0)


class AuthSession(Base):
    """A page session or an API token, kept here so that it can be ended before it expires.

    ``id`` is the SHA-256 of the value the browser or client holds; the value itself
    is never stored, so a copy of the database signs nobody in.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    client: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    ended_why: Mapped[str | None] = mapped_column(String(32))


class Outbox(Base):
    """Changes waiting to reach the search index, written in the same transaction."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    op: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MailMessage(Base):
    """One message taken from the town hall's mailbox, so that it is taken only once.

    ``uidvalidity`` and ``uid`` are IMAP's identity of the message in ``mailbox``
    (account and folder); ``sha256`` that of its raw bytes, which still knows it when
    the server renumbers the folder. The row is written in the transaction that
    records the message's documents; ``moved_at`` once it left the folder.
    ``document_id`` is the message's own document; ``refused`` its attachments that
    were not taken, each with its French reason (cleared when the message is erased).
    """

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("mailbox", "uidvalidity", "uid", name="uq_mail_messages_uid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mailbox: Mapped[str] = mapped_column(String(255))
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    document_id: Mapped[str | None] = mapped_column(String(32), index=True)
    attachments: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[list[Any] | None] = mapped_column(JSON)
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    moved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


# The other tables live beside this module; importing them registers them on Base,
# so that Base.metadata (migrations, tests) always holds every table.
from paperasse.models import dossier_tables, records_tables  # noqa: E402, F401
