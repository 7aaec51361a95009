"""The procedure catalogue: which pieces each town-hall procedure needs.

Procedures are data, one YAML file per procedure under ``procedures/`` in this
package, so a town can read and amend them without touching code. Each file is
validated on load by the pydantic schema below; a broken file raises a
``ConfigurationError`` that names the file and the faulty field.

Vocabulary: a *procedure* (démarche) lists *pieces* (pièces justificatives); a
piece accepts one or more document types, is needed once per person it is for,
and carries a ``RuleSpec`` of checks (age, expiry, holder). Its ``silence``
says what the administration's silence on a submitted dossier becomes, and
when, as the acknowledgement of receipt must tell (CRPA R112-5).
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from paperasse.errors import ConfigurationError, NotFoundError
from paperasse.models.domain import DOC_LABELS, SERVICES

log = logging.getLogger(__name__)


def _known_type(label: str) -> str:
    if label not in DOC_LABELS:
        raise ValueError(f"type de document inconnu : {label!r}")
    return label


DocType = Annotated[str, AfterValidator(_known_type)]


def _known_service(service: str) -> str:
    if service not in SERVICES:
        raise ValueError(f"service inconnu : {service!r} (possibles : {', '.join(SERVICES)})")
    return service


Service = Annotated[str, AfterValidator(_known_service)]

ForWhom = Literal["demandeur", "chaque_partenaire", "chaque_majeur_du_foyer", "enfant"]

_SNAKE = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(_Strict):
    """The checks a document must pass to satisfy a piece, with their parameters."""

    max_age_months: int | None = Field(
        default=None, ge=1, description="issue date at most this many months before submission"
    )
    max_age_months_born_abroad: int | None = Field(
        default=None, ge=1, description="longer limit for a person born abroad (acte de naissance)"
    )
    max_age_months_by_type: dict[DocType, int] = Field(
        default_factory=dict, description="per document type limit, overrides max_age_months"
    )
    must_be_valid: bool = Field(default=False, description="expiry date must not be past")
    expired_tolerance_years: int | None = Field(
        default=None, ge=1, description="accepted until this many years after expiry"
    )
    holder_must_match: bool = Field(
        default=True, description="the holder's name must be the person's the piece is for"
    )
    holder_waived_by: str | None = Field(
        default=None,
        description="id of a piece (attestation d'hébergement) that excuses another holder",
    )

    @model_validator(mode="after")
    def _tolerance_needs_expiry(self) -> RuleSpec:
        if self.expired_tolerance_years is not None and not self.must_be_valid:
            raise ValueError("expired_tolerance_years demande must_be_valid: true")
        return self


class Piece(_Strict):
    """One supporting document a procedure asks for."""

    id: str = Field(pattern=_SNAKE)
    label: str = Field(min_length=3, description="title in French, for checklists")
    noun: str = Field(
        min_length=3, description="French noun phrase with its article, for sentences"
    )
    accepted_types: list[DocType] = Field(min_length=1, description="any of these types")
    min_count: int = Field(default=1, ge=1, description="documents needed per person")
    for_whom: ForWhom = "demandeur"
    required: bool = True
    condition: str | None = Field(default=None, description="when an optional piece is needed")
    agent_check: bool = Field(
        default=False, description="only an agent can judge it (timbre fiscal): never flagged"
    )
    advice: str | None = Field(default=None, description="French advice appended to hints")
    rules: RuleSpec = Field(default_factory=RuleSpec)


class Silence(_Strict):
    """The decision the administration's silence becomes, after how long, and why."""

    months: int | None = Field(default=None, ge=1, description="delay in calendar months")
    days: int | None = Field(default=None, ge=1, description="delay in days")
    decision: Literal["acceptation", "rejet"]
    source: str = Field(min_length=10, description="the text that says so")
    appeal: str | None = Field(
        default=None,
        description="French: delays and means of appeal against an implicit rejection",
    )

    @model_validator(mode="after")
    def _one_delay_and_appeal(self) -> Silence:
        if (self.months is None) == (self.days is None):
            raise ValueError("silence : donnez soit months, soit days")
        if self.decision == "rejet" and not self.appeal:
            raise ValueError("silence : un rejet implicite doit dire les voies de recours (appeal)")
        return self


GENERAL_SILENCE = Silence(
    months=2,
    decision="acceptation",
    source="Code des relations entre le public et l'administration, article L231-1 "
    "(règle générale : le silence gardé pendant deux mois vaut acceptation)",
)


class Procedure(_Strict):
    """A town-hall procedure and the pieces its dossier needs."""

    id: str = Field(pattern=_SNAKE)
    title: str = Field(min_length=3)
    description: str = Field(min_length=3)
    reference: str = Field(pattern=r"^https://[a-z.]*service-public\.fr/\S+$")
    service: Service = Field(description="the town-hall service that instructs the dossiers")
    notes: list[str] = Field(default_factory=list)
    silence: Silence = Field(
        default=GENERAL_SILENCE, description="what silence on a submitted dossier becomes"
    )
    pieces: list[Piece] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_piece_references(self) -> Procedure:
        ids = [p.id for p in self.pieces]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"identifiants de pièce en double : {', '.join(duplicates)}")
        for piece in self.pieces:
            waiver = piece.rules.holder_waived_by
            if waiver is not None and waiver not in ids:
                raise ValueError(f"pièce {piece.id} : holder_waived_by '{waiver}' n'existe pas")
        return self

    def piece(self, piece_id: str) -> Piece:
        """The piece with this id; NotFoundError otherwise."""
        for piece in self.pieces:
            if piece.id == piece_id:
                return piece
        raise NotFoundError(f"La démarche « {self.title} » ne demande pas la pièce « {piece_id} ».")


def _describe_errors(error: ValidationError) -> list[str]:
    lines = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(racine)"
        lines.append(f"{where} : {item['msg']}")
    return lines


def parse_procedure(text: str, source: str) -> Procedure:
    """Validate one procedure's YAML text; ``source`` names the file in errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigurationError(
            f"Le fichier de démarche « {source} » n'est pas du YAML valide : {e}",
            details={"file": source},
        ) from e
    try:
        procedure = Procedure.model_validate(data)
    except ValidationError as e:
        problems = _describe_errors(e)
        raise ConfigurationError(
            f"Le fichier de démarche « {source} » est invalide : " + " ; ".join(problems),
            details={"file": source, "errors": problems},
        ) from e
    stem = source.rsplit("/", 1)[-1].removesuffix(".yaml")
    if procedure.id != stem:
        raise ConfigurationError(
            f"Le fichier de démarche « {source} » est invalide : id : "
            f"« {procedure.id} » doit être le nom du fichier (« {stem} »)",
            details={"file": source, "errors": [f"id : différent de {stem}"]},
        )
    return procedure


def load_catalogue_from(directory: Traversable | Path) -> dict[str, Procedure]:
    """Load and validate every ``*.yaml`` procedure in ``directory``, keyed by id."""
    catalogue: dict[str, Procedure] = {}
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        procedure = parse_procedure(entry.read_text(encoding="utf-8"), entry.name)
        catalogue[procedure.id] = procedure
    log.debug("loaded %d procedures from %s", len(catalogue), directory)
    return catalogue


@functools.cache
def _packaged_catalogue() -> dict[str, Procedure]:
    return load_catalogue_from(resources.files("paperasse.checks").joinpath("procedures"))


def load_catalogue() -> dict[str, Procedure]:
    """The packaged procedures, keyed by id (loaded once, then cached)."""
    return dict(_packaged_catalogue())


def get_procedure(procedure_id: str) -> Procedure:
    """The packaged procedure ``procedure_id``; NotFoundError in French otherwise."""
    procedure = _packaged_catalogue().get(procedure_id)
    if procedure is None:
        known = ", ".join(sorted(_packaged_catalogue()))
        raise NotFoundError(
            f"La démarche « {procedure_id} » n'existe pas. Démarches connues : {known}.",
            details={"procedure": procedure_id},
        )
    return procedure
