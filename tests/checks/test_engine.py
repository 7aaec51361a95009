"""How documents are assigned to pieces, and the findings that follow from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from paperasse.checks import (
    CheckedDocument,
    Persons,
    check_dossier,
    evaluate_dossier,
    get_procedure,
    persons_for,
)

DocFactory = Callable[..., CheckedDocument]
Dossier = tuple[Persons, list[CheckedDocument]]
LISTES = "inscription_listes_electorales"


def _without(docs: list[CheckedDocument], *ids: str) -> list[CheckedDocument]:
    return [d for d in docs if d.id not in ids]


def test_valid_document_preferred_over_an_old_one(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    old = doc("vieille", "facture_eau", "Sophie LEROY", issue=dt.date(2025, 6, 1))
    result = evaluate_dossier(get_procedure(LISTES), [old, *docs], persons, today)
    assert result.findings == []
    (address,) = [p for p in result.pieces if p.piece == "justificatif_domicile"]
    assert (address.documents, address.extra_documents) == (["loyer"], ["vieille"])


def test_someone_elses_id_is_reported_as_such_not_as_missing(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    mothers = doc("cni_mere", "carte_identite", "LEROY Catherine", expiry=dt.date(2030, 1, 1))
    findings = check_dossier(
        get_procedure(LISTES), [*_without(docs, "cni"), mothers], persons, today
    )
    assert [(f.code, f.document) for f in findings] == [("titulaire_different", "cni_mere")]
    assert "au nom de LEROY Catherine, pas de Sophie LEROY" in findings[0].hint
    # no attestation d'hébergement suggestion for an identity document
    assert "hébergé" not in findings[0].hint


def test_own_flawed_document_preferred_over_someone_elses(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    other = doc("autre_cni", "carte_identite", "Paul LEROY", expiry=dt.date(2030, 1, 1))
    own_old = doc("cni", "carte_identite", "Sophie LEROY", expiry=dt.date(2019, 1, 1))
    findings = check_dossier(
        get_procedure(LISTES), [other, *_without(docs, "cni"), own_old], persons, today
    )
    assert [(f.code, f.document) for f in findings] == [("document_expire", "cni")]


def test_attestation_hebergement_excuses_another_holder(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    hosts_bill = doc("edf", "facture_energie", "Jean MARTIN", issue=dt.date(2026, 3, 1))
    attestation = doc("attestation", "courrier", "Jean MARTIN")
    docs = [*_without(docs, "loyer"), hosts_bill, attestation]
    result = evaluate_dossier(get_procedure(LISTES), docs, persons, today)
    assert result.findings == []
    assert {p.piece: p.documents for p in result.pieces}["attestation_hebergement"] == [
        "attestation"
    ]


def test_witness_ids_do_not_stand_for_a_spouse(
    complete_dossiers: dict[str, Dossier], today: dt.date
) -> None:
    persons, docs = complete_dossiers["mariage"]
    findings = check_dossier(get_procedure("mariage"), _without(docs, "cni_hugo"), persons, today)
    # The witnesses' two ids stay with the witnesses; Hugo's id is missing.
    assert [(f.code, f.piece, f.person) for f in findings] == [
        ("piece_manquante", "piece_identite", "Hugo GIRARD")
    ]
    assert findings[0].hint.startswith(
        "Il manque une pièce d'identité en cours de validité pour Hugo GIRARD"
    )


def test_document_serves_one_piece_only(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["pacs"]
    # One CERFA cannot be both the convention and the joint declaration.
    findings = check_dossier(get_procedure("pacs"), _without(docs, "convention"), persons, today)
    assert [(f.code, f.piece) for f in findings] == [("piece_manquante", "convention")]


def test_joint_tax_notice_serves_both_adults(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["logement_social"]
    own = doc("avis", "avis_imposition", "SAIDI Ahmed", issue=dt.date(2025, 8, 1))
    findings = check_dossier(
        get_procedure("logement_social"), [*_without(docs, "avis"), own], persons, today
    )
    assert [(f.code, f.person) for f in findings] == [("piece_manquante", "Fatima SAIDI")]


def test_problem_with_optional_piece_is_a_warning(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["logement_social"]
    old_caf = doc("caf", "attestation_caf", "SAIDI Ahmed", issue=dt.date(2025, 10, 1))
    result = evaluate_dossier(get_procedure("logement_social"), [*docs, old_caf], persons, today)
    assert [(f.code, f.severity) for f in result.findings] == [("document_trop_ancien", "warning")]
    assert result.complete


def test_agent_checked_piece_is_never_flagged(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["attestation_accueil"]
    stamp = doc("timbre", "autre", pages=[20.0])
    result = evaluate_dossier(get_procedure("attestation_accueil"), [*docs, stamp], persons, today)
    assert result.findings == []
    # the bail (courrier) keeps its piece; the stamp goes to the timbre fiscal
    by_piece = {p.piece: p.documents for p in result.pieces}
    assert by_piece["titre_propriete_ou_bail"] == ["bail"]
    assert by_piece["timbre_fiscal"] == ["timbre"]


def test_unnamed_child_still_needs_the_child_pieces(
    complete_dossiers: dict[str, Dossier], today: dt.date
) -> None:
    _, docs = complete_dossiers["inscription_scolaire"]
    persons = Persons.of("Marie DUPONT")
    assert check_dossier(get_procedure("inscription_scolaire"), docs, persons, today) == []
    findings = check_dossier(
        get_procedure("inscription_scolaire"), _without(docs, "vaccins"), persons, today
    )
    assert [(f.code, f.piece, f.person) for f in findings] == [
        ("piece_manquante", "vaccinations", None)
    ]


def test_two_children_need_two_vaccination_records(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    _, docs = complete_dossiers["inscription_scolaire"]
    persons = Persons.of("Marie DUPONT", children=["Léa MARTIN", "Noé MARTIN"])
    findings = check_dossier(get_procedure("inscription_scolaire"), docs, persons, today)
    assert [(f.code, f.piece, f.person) for f in findings] == [
        ("piece_manquante", "etat_civil_enfant", "Noé MARTIN"),
        ("piece_manquante", "vaccinations", "Noé MARTIN"),
    ]
    assert "pour Noé MARTIN" in findings[1].hint


def test_illegible_document_hides_its_other_problems(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    blurred = doc("loyer", "quittance_loyer", "X Y", issue=dt.date(2020, 1, 1), pages=[12.0])
    findings = check_dossier(
        get_procedure(LISTES), [*_without(docs, "loyer"), blurred], persons, today
    )
    # Unreadable, it fills no piece: the proof of address is missing, and why is said.
    assert [(f.code, f.piece) for f in findings] == [
        ("piece_manquante", "justificatif_domicile"),
        ("document_illisible", None),
    ]
    assert findings[1].hint.startswith('Le document "loyer.pdf" est illisible')


def test_blank_and_illegible_pages(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    procedure = get_procedure(LISTES)
    back_blank = doc("cerfa", "formulaire_cerfa", pages=[88.0, None], blank=1)
    assert check_dossier(procedure, [*_without(docs, "cerfa"), back_blank], persons, today) == []
    all_blank = doc("cerfa", "formulaire_cerfa", pages=[None, None], blank=2)
    missing, finding = check_dossier(
        procedure, [*_without(docs, "cerfa"), all_blank], persons, today
    )
    assert (missing.code, missing.piece) == ("piece_manquante", "formulaire")
    assert "est vide (pages blanches)" in finding.hint
    two_bad = doc("cerfa", "formulaire_cerfa", pages=[30.0, 95.0, 41.0], filename="f.pdf")
    _, finding = check_dossier(procedure, [*_without(docs, "cerfa"), two_bad], persons, today)
    assert finding.hint.startswith('Les pages 1 et 3 de "f.pdf" sont illisibles')
    lenient = check_dossier(
        procedure, [*_without(docs, "cerfa"), two_bad], persons, today, min_ocr_confidence=25
    )
    assert lenient == []


def test_duplicate_does_not_count_twice(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["logement_social"]
    copy = doc(
        "bs3bis", "bulletin_salaire", "SAIDI Ahmed", issue=dt.date(2026, 3, 31), content="bs3"
    )
    findings = check_dossier(
        get_procedure("logement_social"), [*_without(docs, "bs1"), copy], persons, today
    )
    assert [(f.code, f.document) for f in findings] == [
        ("nombre_insuffisant", None),
        ("doublon", "bs3bis"),
    ]


def test_unknown_label_is_not_expected(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["copie_acte_etat_civil"]
    odd = doc("x", "ordonnance_medicale", filename="x.png")
    (finding,) = check_dossier(get_procedure("copie_acte_etat_civil"), [*docs, odd], persons, today)
    assert finding.code == "document_non_attendu"
    assert finding.hint.startswith('Le document "x.png" ne correspond à aucune pièce demandée')


def test_persons_for_each_kind_of_piece() -> None:
    persons = Persons.of(
        "Ahmed SAIDI",
        partners=["Fatima SAIDI"],
        household_adults=["Fatima Saïdi", "Youssef SAIDI"],
        children=["Lina SAIDI"],
    )
    social = get_procedure("logement_social")
    adults = persons_for(social.piece("piece_identite"), persons)
    assert [p.full_name for p in adults if p] == ["Ahmed SAIDI", "Fatima SAIDI", "Youssef SAIDI"]
    assert [p.full_name for p in persons_for(social.piece("formulaire"), persons) if p] == [
        "Ahmed SAIDI"
    ]
    pacs = get_procedure("pacs")
    assert len(persons_for(pacs.piece("acte_naissance"), persons)) == 2
    school = get_procedure("inscription_scolaire")
    child = persons_for(school.piece("vaccinations"), persons)
    assert [p.full_name for p in child if p] == ["Lina SAIDI"]


def test_partners_flawed_document_stays_with_the_partner(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    _, docs = complete_dossiers["pacs"]
    at_home = Persons.of("Julie MOREAU", partners=["Thomas PETIT"])
    old = doc("acte_thomas", "acte_naissance", "PETIT Thomas", issue=dt.date(2025, 10, 1))
    docs = [*_without(docs, "acte_julie", "acte_thomas"), old]
    findings = check_dossier(get_procedure("pacs"), docs, at_home, today)
    assert [(f.code, f.person) for f in findings] == [
        ("piece_manquante", "Julie MOREAU"),
        ("document_trop_ancien", "Thomas PETIT"),
    ]


def test_a_blurred_photo_fills_no_piece_and_hides_no_finding(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    """A blurred photo typed as a letter must not pass for the attestation d'hébergement,
    which would excuse the real proof of address being in someone else's name."""
    persons, docs = complete_dossiers[LISTES]
    other = doc("edf", "facture_energie", "Paul MARTIN", issue=today - dt.timedelta(days=20))
    blurred = doc("photo", "courrier", pages=[71.0]).model_copy(
        update={"page_verdicts": ["floue"], "filename": "photo.jpg"}
    )
    result = evaluate_dossier(
        get_procedure(LISTES), [*_without(docs, "loyer"), other, blurred], persons, today
    )
    codes = {(f.code, f.document) for f in result.findings}
    assert ("titulaire_different", "edf") in codes
    assert ("document_illisible", "photo") in codes
    assert not result.complete
    assert all("photo" not in p.documents for p in result.pieces)
    [illegible] = [f for f in result.findings if f.code == "document_illisible"]
    assert illegible.hint == (
        'Le document "photo.jpg" ne peut pas être lu. Votre photo est floue : '
        "reprenez-la à plat, bien éclairée, sans reflet."
    )


def test_an_undecided_type_fills_no_piece_until_someone_decides(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    unsure = doc("loyer", "quittance_loyer", "Sophie LEROY", issue=today).model_copy(
        update={"typed": False}
    )
    findings = check_dossier(
        get_procedure(LISTES), [*_without(docs, "loyer"), unsure], persons, today
    )
    assert [(f.code, f.document) for f in findings] == [
        ("piece_manquante", None),
        ("document_non_reconnu", "loyer"),
    ]
    confirmed = unsure.model_copy(update={"typed": True})
    assert (
        check_dossier(get_procedure(LISTES), [*_without(docs, "loyer"), confirmed], persons, today)
        == []
    )
