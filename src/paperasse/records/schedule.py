"""The retention schedule (tableau de gestion): one YAML file, validated on load.

For each document type received outside any dossier, and for each procedure's
dossier with every piece deposited in it, the schedule gives the administrative
utility period (DUA) in years, the event it runs from, the final fate, and the
source the rule rests on, with whether the value was read in that source. A town
amends ``schedule.yaml`` without touching code; a broken file raises a
ConfigurationError naming the faulty field, and a type or procedure missing from
it is refused too, so that nothing is ever kept or destroyed by default.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paperasse.checks.catalogue import load_catalogue
from paperasse.errors import ConfigurationError
from paperasse.models.domain import DOC_LABELS

Event = Literal["reception", "depot", "cloture", "fin_validite"]
Fate = Literal["destruction", "versement", "tri"]
DOCUMENT_EVENTS: tuple[str, ...] = ("reception", "fin_validite")
EVENT_LABELS = {
    "reception": "réception du document",
    "depot": "dépôt du dossier",
    "cloture": "clôture du dossier",
    "fin_validite": "fin de validité du document",
}
FATE_LABELS = {"destruction": "destruction", "versement": "versement", "tri": "tri"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A text a rule rests on, and where its reference was read."""

    title: str = Field(min_length=10)
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    seen_in: str | None = None


class Rule(_Strict):
    """How long one kind of record is kept, from when, and what becomes of it."""

    dua_years: int | None = Field(
        ge=0, description="years of administrative utility; null: not established, never due"
    )
    runs_from: Event
    fate: Fate
    source: str = Field(description="key of the source in ``sources``")
    verified: bool = Field(description="the value was read in the source itself")
    note: str = Field(min_length=3, description="what the rule covers, in French")


class Schedule(_Strict):
    version: Literal[1]
    sources: dict[str, Source]
    documents: dict[str, Rule]
    dossiers: dict[str, Rule]

    @model_validator(mode="after")
    def _check_coverage(self) -> Schedule:
        unknown_sources = sorted(
            {r.source for r in (*self.documents.values(), *self.dossiers.values())}
            - set(self.sources)
        )
        if unknown_sources:
            raise ValueError(f"sources inconnues : {', '.join(unknown_sources)}")
        missing = [t for t in DOC_LABELS if t not in self.documents]
        extra = [t for t in self.documents if t not in DOC_LABELS]
        if missing or extra:
            raise ValueError(
                "documents : "
                + (f"types sans règle : {', '.join(missing)} " if missing else "")
                + (f"types inconnus : {', '.join(extra)}" if extra else "")
            )
        for doc_type, rule in self.documents.items():
            if rule.runs_from not in DOCUMENT_EVENTS:
                raise ValueError(
                    f"documents.{doc_type} : un document hors dossier ne peut courir que de "
                    f"{' ou '.join(DOCUMENT_EVENTS)}"
                )
        return self

    def document_rule(self, doc_type: str | None) -> tuple[str, Rule]:
        """The rule of a document received outside any dossier, with its id."""
        label = doc_type if doc_type in self.documents else "autre"
        return f"document:{label}", self.documents[label]

    def dossier_rule(self, procedure: str) -> tuple[str, Rule]:
        """The rule of a procedure's dossier and its pieces, with its id."""
        return f"dossier:{procedure}", self.dossiers[procedure]

    def rule(self, rule_id: str) -> Rule:
        kind, _, name = rule_id.partition(":")
        table = self.documents if kind == "document" else self.dossiers
        return table[name]


def parse_schedule(text: str, source: str, procedures: set[str] | None = None) -> Schedule:
    """Validate the schedule's YAML; every procedure of the catalogue must have a rule."""
    try:
        data = yaml.safe_load(text)
        schedule = Schedule.model_validate(data)
    except yaml.YAMLError as e:
        raise ConfigurationError(
            f"Le tableau de gestion « {source} » n'est pas du YAML valide : {e}"
        ) from e
    except ValidationError as e:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(racine)'} : {err['msg']}"
            for err in e.errors()
        ]
        raise ConfigurationError(
            f"Le tableau de gestion « {source} » est invalide : " + " ; ".join(problems),
            details={"file": source, "errors": problems},
        ) from e
    wanted = set(load_catalogue()) if procedures is None else procedures
    missing = sorted(wanted - set(schedule.dossiers))
    extra = sorted(set(schedule.dossiers) - wanted)
    if missing or extra:
        raise ConfigurationError(
            f"Le tableau de gestion « {source} » est invalide : dossiers : "
            + (f"démarches sans règle : {', '.join(missing)} " if missing else "")
            + (f"démarches inconnues : {', '.join(extra)}" if extra else ""),
            details={"file": source},
        )
    return schedule


def load_schedule_from(path: Path) -> Schedule:
    return parse_schedule(path.read_text(encoding="utf-8"), path.name)


@functools.cache
def load_schedule() -> Schedule:
    """The packaged schedule (loaded once)."""
    text = resources.files("paperasse.records").joinpath("schedule.yaml").read_text("utf-8")
    return parse_schedule(text, "schedule.yaml")
