"""Tables of records management: sealed originals and their keys, holds, disposals, transfers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from paperasse.models.tables import Base, UTCDateTime, new_id, utcnow


class Original(Base):
    """One stored original and the key that seals it (crypto-shredding).

    ``sha256`` is the original's own hash, as documents know it; ``blob_key`` the
    key of the stored object, which holds the original encrypted with ``key``.
    Destroying the key (``shredded_at``) erases the original even while the store
    still locks its object; the object itself is deleted once its lock lapses
    (``blob_deleted_at``). Originals stored before encryption (``sealed`` false)
    are kept in clear under their own hash and can only be erased by deletion.
    The same bytes arriving after their key was destroyed get a new row.
    """

    __tablename__ = "originals"

    blob_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    sealed: Mapped[bool] = mapped_column(Boolean, default=True)
    key: Mapped[bytes | None] = mapped_column(LargeBinary(64))
    size: Mapped[int] = mapped_column(Integer)
    retain_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    shredded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime(), index=True)
    shred_reason: Mapped[str | None] = mapped_column(String(64))
    blob_deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Hold(Base):
    """A legal hold on a document or a dossier: never disposed of nor erased while on."""

    __tablename__ = "holds"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    target: Mapped[str] = mapped_column(String(48), index=True)
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(128))
    placed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    lifted_by: Mapped[str | None] = mapped_column(String(128))
    lifted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    lift_reason: Mapped[str | None] = mapped_column(Text)


class DisposalList(Base):
    """A list of documents proposed for destruction, then approved and carried out."""

    __tablename__ = "disposal_lists"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    proposed_by: Mapped[str] = mapped_column(String(128))
    proposed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    approved_by: Mapped[str | None] = mapped_column(String(128))
    approved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    visa: Mapped[str | None] = mapped_column(Text)
    certificate: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    items: Mapped[list[DisposalItem]] = relationship(
        back_populates="disposal", order_by="DisposalItem.id", cascade="all, delete-orphan"
    )


class DisposalItem(Base):
    """One document of a disposal list: what the certificate says of it, no personal data."""

    __tablename__ = "disposal_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    disposal_id: Mapped[str] = mapped_column(ForeignKey("disposal_lists.id"), index=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    doc_type: Mapped[str | None] = mapped_column(String(48))
    dossier_id: Mapped[str | None] = mapped_column(String(32))
    procedure: Mapped[str | None] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(96))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    due_on: Mapped[dt.date] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    outcome_reason: Mapped[str | None] = mapped_column(Text)

    disposal: Mapped[DisposalList] = relationship(back_populates="items")


class Transfer(Base):
    """An archive transfer package (SEDA) written for the archives service."""

    __tablename__ = "transfers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    package: Mapped[str] = mapped_column(String(255))
    package_sha256: Mapped[str] = mapped_column(String(64))
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
