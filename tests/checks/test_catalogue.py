"""The packaged catalogue loads and every file passes the schema; broken files say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperasse.checks import (
    Procedure,
    get_procedure,
    load_catalogue,
    load_catalogue_from,
    parse_procedure,
)
from paperasse.errors import ConfigurationError, NotFoundError

EXPECTED = {
    "inscription_scolaire",
    "carte_identite_passeport",
    "inscription_listes_electorales",
    "copie_acte_etat_civil",
    "pacs",
    "mariage",
    "attestation_accueil",
    "logement_social",
    "aide_sociale_ccas",
}

VALID = """\
id: exemple
title: Démarche d'exemple
description: Pour les tests.
reference: https://www.service-public.fr/particuliers/vosdroits/F1367
service: elections
pieces:
  - id: justificatif_domicile
    label: Justificatif de domicile
    noun: un justificatif de domicile
    accepted_types: [facture_eau]
    rules:
      max_age_months: 3
"""


def test_catalogue_holds_the_nine_procedures() -> None:
    catalogue = load_catalogue()
    assert set(catalogue) == EXPECTED
    for procedure_id, procedure in catalogue.items():
        assert procedure.id == procedure_id
        assert procedure.reference.startswith("https://")
        assert "service-public.fr" in procedure.reference
        assert procedure.notes, f"{procedure_id} states no assumption"


@pytest.mark.parametrize("procedure_id", sorted(EXPECTED))
def test_piece_wording_fits_checklists_and_sentences(procedure_id: str) -> None:
    procedure = get_procedure(procedure_id)
    assert any(p.required for p in procedure.pieces)
    for piece in procedure.pieces:
        assert not piece.label[0].islower(), "labels are checklist titles"
        assert piece.noun[0].islower(), "noun phrases are used inside sentences"


def test_catalogue_is_cached_but_callers_get_their_own_dict() -> None:
    first = load_catalogue()
    first.pop("pacs")
    assert "pacs" in load_catalogue()
    assert get_procedure("pacs") is get_procedure("pacs")


def test_unknown_procedure_is_not_found_in_french() -> None:
    with pytest.raises(NotFoundError) as caught:
        get_procedure("permis_de_chasse")
    assert "La démarche « permis_de_chasse » n'existe pas" in caught.value.message
    assert "pacs" in caught.value.message


def test_unknown_piece_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="ne demande pas la pièce"):
        get_procedure("pacs").piece("photo")


def test_valid_text_parses() -> None:
    procedure = parse_procedure(VALID, "exemple.yaml")
    assert isinstance(procedure, Procedure)
    piece = procedure.pieces[0]
    assert (piece.required, piece.min_count, piece.for_whom) == (True, 1, "demandeur")
    assert piece.rules.holder_must_match


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "accepted_types: [facture_eau]",
            "accepted_types: [facture_gaz]",
            "pieces.0.accepted_types.0",
        ),
        ("max_age_months: 3", "max_age_month: 3", "pieces.0.rules.max_age_month"),
        ("max_age_months: 3", "max_age_months: 0", "pieces.0.rules.max_age_months"),
        ("    noun: un justificatif de domicile\n", "", "pieces.0.noun"),
        (
            "https://www.service-public.fr/particuliers/vosdroits/F1367",
            "http://exemple.org/F1367",
            "reference",
        ),
        ("id: justificatif_domicile", "id: Justificatif Domicile", "pieces.0.id"),
        ("max_age_months: 3", "expired_tolerance_years: 5", "pieces.0.rules"),
    ],
)
def test_broken_file_names_file_and_field(old: str, new: str, field: str) -> None:
    text = VALID.replace(old, new)
    assert text != VALID
    with pytest.raises(ConfigurationError) as caught:
        parse_procedure(text, "exemple.yaml")
    message = caught.value.message
    assert message.startswith("Le fichier de démarche « exemple.yaml » est invalide : ")
    assert field in message
    assert caught.value.details["file"] == "exemple.yaml"


def test_dangling_waiver_reference_is_refused() -> None:
    text = VALID.replace("max_age_months: 3", "holder_waived_by: attestation_hebergement")
    with pytest.raises(ConfigurationError, match="holder_waived_by 'attestation_hebergement'"):
        parse_procedure(text, "exemple.yaml")


def test_duplicate_piece_ids_are_refused() -> None:
    piece = VALID.split("pieces:\n", 1)[1]
    with pytest.raises(ConfigurationError, match="en double : justificatif_domicile"):
        parse_procedure(VALID + piece, "exemple.yaml")


def test_id_must_be_the_file_name() -> None:
    with pytest.raises(ConfigurationError, match="doit être le nom du fichier"):
        parse_procedure(VALID, "autre.yaml")


def test_yaml_syntax_error_names_the_file() -> None:
    with pytest.raises(ConfigurationError, match=r"« exemple\.yaml » n.est pas du YAML valide"):
        parse_procedure(VALID + "  - : [\n", "exemple.yaml")


def test_directory_loading_stops_at_the_broken_file(tmp_path: Path) -> None:
    (tmp_path / "exemple.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "lisez-moi.txt").write_text("pas une démarche", encoding="utf-8")
    assert list(load_catalogue_from(tmp_path)) == ["exemple"]
    (tmp_path / "casse.yaml").write_text(
        VALID.replace("id: exemple", "id: casse").replace("title: Démarche d'exemple\n", ""),
        encoding="utf-8",
    )
    with pytest.raises(ConfigurationError, match=r"« casse.yaml » est invalide : title"):
        load_catalogue_from(tmp_path)
