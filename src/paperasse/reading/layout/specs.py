"""Field specifications: which labels name which field on each type of document.

What a document prints, and under which label, changes more often than code (a new
card model, a supplier's new bill), so it is data: one YAML file per document type
under ``specs/``, validated on load by the schema below, each citing the models or
the rules its labels come from. ``vocabulary.yaml`` holds what every type shares:
labels that end a value without naming a field of ours (``Sexe``, ``Taille``...),
the words of instructions printed on forms, and the small words a name never holds.

A broken file raises a ``ConfigurationError`` naming the file and the faulty field.
"""

from __future__ import annotations

import functools
import logging
import re
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paperasse.errors import ConfigurationError
from paperasse.models.domain import DOC_TYPES

log = logging.getLogger(__name__)

GENERIC = "generique"
Where = Literal["right", "below", "right_or_below", "below_or_right", "anywhere"]
Kind = Literal["surname", "given_names", "person", "date", "number", "address", "iban",
               "amount", "text"]  # fmt: skip
DateRange = Literal["birth", "issue", "expiry", "any"]
Checksum = Literal["iban", "nir", "numero_fiscal", "siren", "siret"]
SELF_CHECKING: frozenset[str] = frozenset({"iban", "nir", "numero_fiscal", "siren", "siret"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(_Strict):
    """One field of a document type: its labels, where its value lies, what it looks like."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="surname, expiry_date...")
    kind: Kind = Field(description="how the value is read and checked")
    labels: list[str] = Field(default_factory=list, description="printed labels, any case")
    label_patterns: list[str] = Field(
        default_factory=list,
        description="regular expressions on folded text (lower case, no accents), "
        "for labels that hold a variable part (``facture n° 123 du``)",
    )
    where: Where = Field(default="right_or_below", description="where the value lies")
    capitals: bool = Field(default=False, description="the value is printed in capitals")
    pattern: str | None = Field(
        default=None, description="number: regular expression its compact form matches"
    )
    checksum: Checksum | None = Field(default=None, description="number: key to verify")
    dates: DateRange | None = Field(
        default=None, description="date: plausible range (default from the field's name)"
    )
    max_lines: int = Field(default=1, ge=1, le=6, description="lines the value may span")
    skip_lines: int = Field(
        default=0, ge=0, le=3, description="address: lines of a name block before it"
    )
    surname_first: bool = Field(default=False, description="person: printed surname first")
    max_gap: float = Field(
        default=12.0,
        gt=0,
        le=100,
        description="widest gap from the label to a value on its right, in label heights "
        "(wider for amounts aligned at the right edge of a bill)",
    )
    whole_units: bool = Field(
        default=False, description="amount: may be printed without cents or currency"
    )
    first_only: bool = Field(
        default=False,
        description="only the first place the label appears counts (forms that repeat "
        "``Nom :`` for other people): if it is blank, there is no field",
    )
    note: str = Field(default="", description="why this field reads this way, or its source")

    @model_validator(mode="after")
    def _consistent(self) -> FieldSpec:
        if self.where == "anywhere":
            if self.kind != "iban" and self.checksum not in SELF_CHECKING:
                raise ValueError("« anywhere » n'est permis que pour une valeur à clé de contrôle")
        elif not self.labels and not self.label_patterns:
            raise ValueError("il faut au moins un libellé (labels ou label_patterns)")
        if self.kind == "number" and self.pattern is None and self.checksum is None:
            raise ValueError("un numéro doit avoir un motif (pattern) ou une clé (checksum)")
        for regex in [*self.label_patterns, *([self.pattern] if self.pattern else [])]:
            try:
                re.compile(regex)
            except re.error as e:
                raise ValueError(f"expression régulière invalide {regex!r} : {e}") from e
        return self

    @property
    def date_range(self) -> DateRange:
        if self.dates is not None:
            return self.dates
        if self.name.startswith("birth"):
            return "birth"
        if self.name.startswith(("expiry", "valid")):
            return "expiry"
        if self.name.startswith("issue") or self.name.endswith("_date"):
            return "issue"
        return "any"


class DocSpec(_Strict):
    """The fields of one document type, and where its labels come from."""

    doc_type: str = Field(description="a DOC_TYPES label, or generique for unknown types")
    title: str
    sources: list[str] = Field(min_length=1, description="models, specimens, rules cited")
    fields: list[FieldSpec] = Field(min_length=1)
    stop_labels: list[str] = Field(
        default_factory=list, description="labels of this type that end a value, no field"
    )

    @model_validator(mode="after")
    def _known_type(self) -> DocSpec:
        if self.doc_type not in DOC_TYPES and self.doc_type != GENERIC:
            raise ValueError(f"type de document inconnu : {self.doc_type!r}")
        return self


class Vocabulary(_Strict):
    """Words shared by every type: stop labels, instructions, words no name holds."""

    sources: list[str] = Field(min_length=1)
    stop_labels: list[str] = Field(min_length=1)
    instruction_words: list[str] = Field(min_length=1)
    not_name_words: list[str] = Field(min_length=1)
    particles: list[str] = Field(min_length=1, description="de, du, van... allowed in names")
    civilities: list[str] = Field(min_length=1, description="M., Mme... dropped before names")


def _problems(error: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in item['loc']) or '(racine)'} : {item['msg']}"
        for item in error.errors()
    ]


def _load_yaml(text: str, source: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigurationError(
            f"Le fichier de champs « {source} » n'est pas du YAML valide : {e}",
            details={"file": source},
        ) from e


def _invalid(source: str, problems: list[str]) -> ConfigurationError:
    return ConfigurationError(
        f"Le fichier de champs « {source} » est invalide : " + " ; ".join(problems),
        details={"file": source, "errors": problems},
    )


def parse_spec(text: str, source: str) -> DocSpec:
    """Validate one document type's YAML text; ``source`` names the file in errors."""
    try:
        spec = DocSpec.model_validate(_load_yaml(text, source))
    except ValidationError as e:
        raise _invalid(source, _problems(e)) from e
    stem = source.rsplit("/", 1)[-1].removesuffix(".yaml")
    if spec.doc_type != stem:
        raise _invalid(source, [f"doc_type : « {spec.doc_type} » doit être le nom du fichier"])
    return spec


def load_specs_from(directory: Traversable | Path) -> dict[str, DocSpec]:
    """Load and validate every ``*.yaml`` specification in ``directory``, keyed by type."""
    specs: dict[str, DocSpec] = {}
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            spec = parse_spec(entry.read_text(encoding="utf-8"), entry.name)
            specs[spec.doc_type] = spec
    log.debug("loaded %d field specifications from %s", len(specs), directory)
    return specs


def parse_vocabulary(text: str, source: str) -> Vocabulary:
    """Validate the shared vocabulary's YAML text."""
    try:
        return Vocabulary.model_validate(_load_yaml(text, source))
    except ValidationError as e:
        raise _invalid(source, _problems(e)) from e


@functools.cache
def _packaged_specs() -> dict[str, DocSpec]:
    return load_specs_from(resources.files("paperasse.reading.layout").joinpath("specs"))


def load_specs() -> dict[str, DocSpec]:
    """The packaged field specifications, keyed by document type (loaded once)."""
    return dict(_packaged_specs())


@functools.cache
def load_vocabulary() -> Vocabulary:
    """The packaged shared vocabulary (loaded once)."""
    entry = resources.files("paperasse.reading.layout").joinpath("vocabulary.yaml")
    return parse_vocabulary(entry.read_text(encoding="utf-8"), "vocabulary.yaml")
