"""The ANTS tables a 2D-Doc is read with: data identifiers and document types.

Both live as YAML under ``data/`` (copied from the specification v3.2.6, each file
citing its section) and are validated when loaded: a typo in a length or a
duplicate identifier stops the service at start-up rather than misreading codes.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paperasse.errors import ConfigurationError
from paperasse.models.domain import DOC_TYPES

log = logging.getLogger(__name__)

_ID = r"^[0-9A-Z]{2}$"
FieldType = Literal["alphanumerique", "numerique", "alphabetique", "decimal", "symboles"]
FieldFormat = Literal["date_hex", "date", "datetime", "date_iso", "base32"]


class FieldSpec(BaseModel):
    """One data identifier (DI) of the message zone and how its value is bounded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=2, description="French name as printed in the specification")
    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=1, description="None: no maximum")
    type: FieldType
    format: FieldFormat | None = None
    section: str = Field(pattern=r"^7\.\d+$")

    @model_validator(mode="after")
    def _check_bounds(self) -> FieldSpec:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"DI {self.id} : longueur max {self.max} < min {self.min}")
        if self.format in ("date", "date_iso") and not self.min == self.max == 8:
            raise ValueError(f"DI {self.id} : une date JJMMAAAA a 8 caractères")
        if self.format == "date_hex" and not self.min == self.max == 4:
            raise ValueError(f"DI {self.id} : une date hexadécimale a 4 caractères")
        return self

    @property
    def fixed(self) -> bool:
        """A fixed-length value is followed by the next identifier, without <GS>."""
        return self.max is not None and self.min == self.max


class DocumentType(BaseModel):
    """A document type code of the header, its French label and what it proves to us."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=_ID)
    label: str = Field(min_length=2)
    category: str = Field(min_length=2)
    issue_date: bool
    paperasse_type: str | None = None

    @model_validator(mode="after")
    def _check_type(self) -> DocumentType:
        if self.paperasse_type is not None and self.paperasse_type not in DOC_TYPES:
            raise ValueError(f"type {self.code} : « {self.paperasse_type} » n'est pas un type")
        return self


class _FieldTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: str
    perimeter: str = Field(pattern=_ID)
    fields: list[FieldSpec] = Field(min_length=1)


class _TypeTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spec: str
    perimeter: str = Field(pattern=_ID)
    types: list[DocumentType] = Field(min_length=1)


_Table = TypeVar("_Table", _FieldTable, _TypeTable)


def _load(resource: Traversable, model: type[_Table]) -> _Table:
    try:
        return model.model_validate(yaml.safe_load(resource.read_text(encoding="utf-8")))
    except (yaml.YAMLError, ValidationError) as e:
        raise ConfigurationError(
            f"La table 2D-Doc « {resource.name} » est invalide : {e}",
            details={"file": resource.name},
        ) from e


def _unique(keys: list[str], what: str, source: str) -> None:
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ConfigurationError(
            f"La table 2D-Doc « {source} » a des {what} en double : {', '.join(duplicates)}",
            details={"file": source},
        )


def load_field_specs(resource: Traversable) -> dict[str, FieldSpec]:
    """Validate a data-identifier table (``fields.yaml``), keyed by identifier."""
    table = _load(resource, _FieldTable)
    _unique([f.id for f in table.fields], "identifiants", resource.name)
    return {f.id: f for f in table.fields}


def load_document_types(resource: Traversable) -> dict[str, DocumentType]:
    """Validate a document-type table (``document_types.yaml``), keyed by code."""
    table = _load(resource, _TypeTable)
    _unique([t.code for t in table.types], "codes", resource.name)
    return {t.code: t for t in table.types}


def _data(name: str) -> Traversable:
    return resources.files("paperasse.reading.twoddoc").joinpath("data", name)


@functools.cache
def field_specs() -> dict[str, FieldSpec]:
    """The shipped data identifiers of perimeter 01 (loaded once)."""
    specs = load_field_specs(_data("fields.yaml"))
    log.debug("loaded %d 2D-Doc data identifiers", len(specs))
    return specs


@functools.cache
def document_types() -> dict[str, DocumentType]:
    """The shipped document types of perimeter 01 (loaded once)."""
    return load_document_types(_data("document_types.yaml"))


@functools.cache
def names_to_ids() -> dict[str, tuple[str, ...]]:
    """French field name -> the identifiers printed with that name (some names repeat)."""
    index: dict[str, list[str]] = {}
    for spec in field_specs().values():
        index.setdefault(spec.name, []).append(spec.id)
    return {name: tuple(ids) for name, ids in index.items()}
