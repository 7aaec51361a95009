"""Tables of a dossier's journey: its timeline, acknowledgements of receipt, numbers, e-mails."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from paperasse.models.tables import Base, UTCDateTime, utcnow


class DossierEvent(Base):
    """One dated step of a dossier's life: a status change, a message, a lifted finding.

    The timeline citizens and agents read; the audit trail traces the same
    decisions with their actor.
    """

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    by_town_hall: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str | None] = mapped_column(Text)


class Acknowledgement(Base):
    """An acknowledgement of receipt (CRPA L112-3) as issued: its PDF is kept in the blob store."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    received_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64))


class Counter(Base):
    """A named sequence (dossier numbers per year), incremented under its row lock."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Notification(Base):
    """An e-mail waiting to be sent, written in the same transaction as the change it tells.

    A sender claims a row with a lease, hands it to the SMTP server, then marks
    it sent; a crash between the two sends it again with the same Message-ID.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), index=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    to_address: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
