"""The field specifications: every packaged file loads, and broken files are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperasse.errors import ConfigurationError
from paperasse.reading.layout import load_specs, load_vocabulary
from paperasse.reading.layout.specs import GENERIC, load_specs_from, parse_spec

REQUIRED = {
    "carte_identite": {"surname", "given_names", "birth_date", "document_number", "issue_date",
                       "expiry_date", "address"},
    "passeport": {"surname", "given_names", "birth_date", "document_number", "issue_date",
                  "expiry_date", "issuer"},
    "titre_sejour": {"surname", "given_names", "birth_date", "document_number", "expiry_date"},
    "permis_conduire": {"surname", "given_names", "birth_date", "document_number", "issue_date",
                        "expiry_date", "issuer"},
    "carte_vitale": {"document_number"},
    "carte_grise": {"full_name", "address", "document_number", "issue_date"},
    "rib": {"full_name", "iban", "address"},
    "facture_energie": {"full_name", "address", "issue_date"},
    "facture_eau": {"full_name", "address", "issue_date"},
    "facture_telecom": {"full_name", "address", "issue_date"},
    "quittance_loyer": {"full_name", "address", "issue_date"},
    "avis_imposition": {"full_name", "issue_date", "tax_number"},
    "bulletin_salaire": {"full_name", "issue_date", "social_security_number"},
    "acte_naissance": {"surname", "given_names", "birth_date", "issue_date"},
    "acte_mariage": {"marriage_date", "issue_date"},
    GENERIC: {"iban"},
}  # fmt: skip

GOOD = """
doc_type: rib
title: RIB
sources: ["ISO 13616"]
fields:
  - name: iban
    kind: iban
    labels: [IBAN]
"""


def test_every_required_type_has_its_fields() -> None:
    specs = load_specs()
    for doc_type, names in REQUIRED.items():
        assert names <= {f.name for f in specs[doc_type].fields}, doc_type


def test_every_specification_cites_its_sources() -> None:
    for spec in load_specs().values():
        assert spec.sources and all(len(s) > 20 for s in spec.sources), spec.doc_type
    assert load_vocabulary().sources


def test_a_directory_of_specifications_loads(tmp_path: Path) -> None:
    (tmp_path / "rib.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "README.txt").write_text("not a spec", encoding="utf-8")
    assert list(load_specs_from(tmp_path)) == ["rib"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("doc_type: rib", "doc_type: bon_de_commande"), "type de document inconnu"),
        (("    labels: [IBAN]", "    labels: []"), "au moins un libellé"),
        (("    kind: iban", "    kind: number"), "motif"),
        (("    labels: [IBAN]", "    labels: [IBAN]\n    label_patterns: ['(']"), "invalide"),
        (("    labels: [IBAN]", "    kind: surname\n    where: anywhere"), "clé de contrôle"),
        (('sources: ["ISO 13616"]', "sources: []"), "sources"),
        (("    kind: iban", "    kind: iban\n    colour: blue"), "colour"),
    ],
)
def test_a_broken_specification_is_refused_naming_the_file(
    change: tuple[str, str], message: str
) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(ConfigurationError) as error:
        parse_spec(text, "rib.yaml")
    assert "rib.yaml" in error.value.message and message in error.value.message


def test_a_file_must_be_named_after_its_type() -> None:
    with pytest.raises(ConfigurationError, match="nom du fichier"):
        parse_spec(GOOD, "facture_eau.yaml")


def test_yaml_that_does_not_parse_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="YAML"):
        parse_spec("doc_type: [rib", "rib.yaml")
