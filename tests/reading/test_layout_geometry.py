"""Labels and values found by position, on pages whose word boxes are laid out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.models.domain import PageText, ReadField, Word
from paperasse.reading.entities.checksums import iban_check_digits, nir_key
from paperasse.reading.layout import THRESHOLD, read_fields
from paperasse.reading.layout.lines import group_lines

TODAY = dt.date(2026, 3, 1)
CHAR = 0.55  # width of a character, in heights
SPACE = 0.4


def row(
    text: str, left: int, top: int, *, height: int = 30, confidence: float = 95.0
) -> list[Word]:
    """The words of ``text`` set on one line from ``left``, like an OCR engine boxes them."""
    words = []
    x = float(left)
    for part in text.split():
        width = round(len(part) * CHAR * height)
        words.append(
            Word(
                text=part, confidence=confidence, left=round(x), top=top, width=width, height=height
            )
        )
        x += width + SPACE * height
    return words


def page(*rows: list[Word], source: str = "ocr", number: int = 1) -> PageText:
    words = [w for r in rows for w in r]
    return PageText(
        number=number,
        text=" ".join(w.text for w in words),
        source=source,
        words=words,
        width=2480,
        height=3508,
    )


def fields(doc_type: str | None, *pages: PageText) -> dict[str, ReadField]:
    return {f.name: f for f in read_fields(doc_type, list(pages), today=TODAY)}


def values(doc_type: str | None, *pages: PageText) -> dict[str, str]:
    return {name: f.value for name, f in fields(doc_type, *pages).items()}


def test_words_group_into_lines_and_columns_stay_on_their_line() -> None:
    words = [*row("Nom :", 100, 100), *row("DUPONT", 400, 104), *row("Prénom : Jean", 1300, 98),
             *row("12 rue des Lilas", 100, 160)]  # fmt: skip
    lines = group_lines(words)
    assert [line.text for line in lines] == ["Nom : DUPONT Prénom : Jean", "12 rue des Lilas"]


def test_value_below_a_bilingual_label_as_on_the_2021_identity_card() -> None:
    card = page(
        row("NOM / Surname", 400, 100, height=22),
        row("MARTIN", 400, 135, height=34),
        row("Prénoms / Given names", 400, 200, height=22),
        row("Maëlis-Gaëlle, Marie", 400, 235, height=34),
        row("SEXE / Sex", 400, 300, height=22)
        + row("NATIONALITÉ / Nationality", 650, 300, height=22)
        + row("DATE DE NAISS. / Date of birth", 1100, 300, height=22),
        row("F", 400, 335, height=34)
        + row("FRA", 650, 335, height=34)
        + row("13 07 1990", 1100, 335, height=34),
        row("N° DU DOCUMENT / Document No", 400, 400, height=22)
        + row("DATE D'EXPIR. / Expiry date", 1100, 400, height=22),
        row("X4RTBPFW4", 400, 435, height=34) + row("11022030", 1100, 435, height=34),
    )
    found = fields("carte_identite", card)
    assert {name: f.value for name, f in found.items()} == {
        "surname": "MARTIN",
        "given_names": "Maëlis-Gaëlle, Marie",
        "birth_date": "1990-07-13",
        "document_number": "X4RTBPFW4",
        "expiry_date": "2030-02-11",
    }
    assert all(f.source == "label" and f.page == 1 for f in found.values())
    assert found["expiry_date"].text == "11022030"
    assert found["expiry_date"].confidence < found["birth_date"].confidence


def test_value_to_the_right_stops_at_the_next_label() -> None:
    card = page(
        row("Nom : BERTHIER", 100, 100) + row("Prénom(s) : Corinne", 900, 100),
        row("Né(e) le : 06.12.1965", 100, 160) + row("à : PARIS 1ER (75)", 900, 160),
    )
    assert values("carte_identite", card) == {
        "surname": "BERTHIER",
        "given_names": "Corinne",
        "birth_date": "1965-12-06",
    }


def test_ocr_slips_in_a_bilingual_label_are_tolerated() -> None:
    card = page(row("NOM/Sumame", 400, 100, height=22), row("MARTIN", 400, 135, height=34),
                row("Prenoms / Glven names", 400, 200, height=22),
                row("Marie", 400, 235, height=34))  # fmt: skip
    found = fields("carte_identite", card)
    assert found["surname"].value == "MARTIN" and found["surname"].confidence > 0.9
    assert found["given_names"].value == "Marie"
    assert found["given_names"].confidence < found["surname"].confidence


def test_a_blank_form_gives_no_field() -> None:
    form = page(
        row("Nom : ____________________", 100, 100) + row("Prénom : ___________", 1200, 100),
        row("Date de naissance : ....................", 100, 160),
        row("NOM :", 100, 260),
        row("NOM MARITAL (facultatif) :", 100, 310),
    )
    assert values("formulaire_cerfa", form) == {}
    assert values("acte_naissance", form) == {}


def test_a_label_followed_by_instructions_gives_no_field() -> None:
    form = page(
        row("NOM :", 100, 100),
        row("Indiquer le nom de jeune fille pour les femmes mariées", 100, 145),
        row("PRÉNOM(S) :", 100, 210),
        row("(dans l'ordre de l'état civil)", 100, 255),
    )
    assert values("formulaire_cerfa", form) == {}


def test_only_the_first_name_of_a_form_counts() -> None:
    form = page(
        row("1 - Identité du demandeur", 100, 50),
        row("Nom :", 100, 100) + row("Prénom :", 1200, 100),
        row("Nom de l'architecte : DURAND", 100, 200),
        row("Nom : LEBLANC", 100, 300),
    )
    assert values("formulaire_cerfa", form) == {}
    filled = page(row("Nom : dupont", 100, 100) + row("Prénom : jean", 1200, 100),
                  row("Nom : LEBLANC", 100, 300))  # fmt: skip
    assert values("formulaire_cerfa", filled) == {"surname": "DUPONT", "given_names": "Jean"}


def test_a_longer_label_hides_the_shorter_one_inside_it() -> None:
    card = page(row("NOM D'USAGE : VVE DUBOIS", 100, 100),
                row("Nom de l'architecte : DURAND", 100, 160))  # fmt: skip
    assert "surname" not in values("carte_identite", card)


def test_low_ocr_confidence_leaves_the_field_out() -> None:
    good = page(row("Nom :", 100, 100), row("DUPONT", 300, 100, confidence=93))
    weak = page(row("Nom :", 100, 100), row("DUPONT", 300, 100, confidence=55))
    assert fields("carte_identite", good)["surname"].confidence >= THRESHOLD
    assert values("carte_identite", weak) == {}


def test_a_text_layer_counts_as_fully_confident() -> None:
    bill = page(row("Titulaire du contrat : M. Jean DUPONT", 100, 100, confidence=100),
                source="text-layer")  # fmt: skip
    found = fields("facture_energie", bill)
    assert found["full_name"].confidence == 1.0
    assert (found["full_name"].value, found["surname"].value, found["given_names"].value) == (
        "Jean DUPONT", "DUPONT", "Jean",
    )  # fmt: skip


def test_a_holder_that_is_not_a_name_is_refused() -> None:
    bill = page(
        row("Titulaire du contrat", 100, 100),
        row("DU CLIENT LES PROCHAINES ÉTAPES", 100, 145),
        row("Client : M. et Mme DURAND", 100, 250),
        row("Nom du titulaire : 12 rue des Lilas", 100, 320),
    )
    assert values("facture_energie", bill) == {}


def test_a_name_ends_where_the_sentence_goes_on() -> None:
    receipt = page(row("Reçu de M. Jean DUPONT la somme de 650,00 €", 100, 100))
    found = values("quittance_loyer", receipt)
    assert found["full_name"] == "Jean DUPONT"
    assert found["amount"] == "650.00"


def test_an_address_runs_to_its_postcode_line() -> None:
    bill = page(
        row("Adresse de consommation", 100, 100) + row("Date de facture : 02/02/2026", 1300, 100),
        row("12 RUE DES LILAS", 100, 145),
        row("BÂTIMENT B", 100, 190),
        row("42000 SAINT-ÉTIENNE", 100, 235),
        row("Votre contrat", 100, 330),
    )
    assert values("facture_energie", bill) == {
        "address": "12 RUE DES LILAS, BÂTIMENT B, 42000 SAINT-ÉTIENNE",
        "issue_date": "2026-02-02",
    }


def test_an_address_without_a_postcode_is_not_an_address() -> None:
    bill = page(row("Adresse de consommation", 100, 100), row("12 RUE DES LILAS", 100, 145))
    assert values("facture_energie", bill) == {}


def _iban(bban: str) -> str:
    return "FR" + iban_check_digits("FR", bban) + bban


def test_an_iban_is_read_only_when_its_key_holds() -> None:
    iban = _iban("30006000011234567890189")
    spaced = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    wrong = spaced[:-1] + str((int(spaced[-1]) + 1) % 10)
    assert values("rib", page(row(f"IBAN : {spaced}", 100, 100))) == {"iban": iban}
    assert values("rib", page(row(f"IBAN : {wrong}", 100, 100))) == {}


@pytest.mark.parametrize("doc_type", [None, "autre"])
def test_an_unknown_type_gives_only_fields_that_cannot_mislead(doc_type: str | None) -> None:
    iban = _iban("30006000011234567890189")
    letter = page(row("Nom : DUPONT", 100, 100), row("Date de naissance : 12/03/1980", 100, 160),
                  row(f"IBAN {iban}", 100, 220))  # fmt: skip
    assert values(doc_type, letter) == {"iban": iban}


def test_implausible_dates_are_refused() -> None:
    card = page(row("Date de naissance : 12/03/2031", 100, 100),
                row("Date d'expiration : 31/02/2030", 100, 160))  # fmt: skip
    assert values("carte_identite", card) == {}


def test_dates_in_french_forms() -> None:
    passport = page(
        row("Date de naissance / Date of birth", 100, 100, height=22),
        row("12 AUG/AOÛT 74", 100, 135),
        row("Date de délivrance / Date of issue", 100, 200, height=22),
        row("2 juillet 2015", 100, 235),
        row("Date d'expiration / Date of expiry", 100, 300, height=22),
        row("01.07.2025", 100, 335),
    )
    assert values("passeport", passport) == {
        "birth_date": "1974-08-12",
        "issue_date": "2015-07-02",
        "expiry_date": "2025-07-01",
    }


def test_driving_licence_numbered_fields() -> None:
    licence = page(
        row("1. PICARD", 600, 100),
        row("2. JEAN LUC", 600, 150),
        row("3. 13.07.1990 PARIS", 600, 200),
        row("4a. 02.03.2015", 600, 250) + row("4c. Préfecture de la Gironde", 1100, 250),
        row("4b. 01.03.2030", 600, 300),
        row("5. 150333100123", 600, 350),
    )
    assert values("permis_conduire", licence) == {
        "surname": "PICARD",
        "given_names": "Jean Luc",
        "birth_date": "1990-07-13",
        "issue_date": "2015-03-02",
        "expiry_date": "2030-03-01",
        "issuer": "Préfecture de la Gironde",
        "document_number": "150333100123",
    }


def test_fields_are_read_on_any_page_and_say_which() -> None:
    first = page(row("Madame, Monsieur,", 100, 100), number=1)
    second = page(row("Salarié : M. Jean Luc PICARD", 100, 100), number=2)
    found = fields("bulletin_salaire", first, second)
    assert found["full_name"].page == 2 and found["surname"].value == "PICARD"


def test_specks_of_a_security_background_between_label_and_value_are_looked_through() -> None:
    card = page(
        row("NOM / Surname", 400, 100, height=22),
        row("~ ,. =", 410, 128, height=12, confidence=12),
        row("MARTIN", 400, 145, height=34),
    )
    assert values("carte_identite", card) == {"surname": "MARTIN"}
    legible = page(row("NOM / Surname", 400, 100, height=22), row("CARTE", 410, 128, height=20),
                   row("MARTIN", 400, 155, height=34))  # fmt: skip
    assert values("carte_identite", legible) == {}


def test_a_carte_vitale_number_is_read_only_when_its_key_holds() -> None:
    nir = "2850675123456"
    key = nir_key(nir)
    printed = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {key}"
    wrong = printed[:-1] + str((int(printed[-1]) + 1) % 10)
    card = page(row("carte Vitale", 100, 50), row(f"N° {printed}", 100, 400))
    assert values("carte_vitale", card) == {"document_number": nir + key}
    assert values("carte_vitale", page(row(wrong, 100, 400))) == {}


def test_back_of_the_2021_card_issue_date_and_address() -> None:
    back = page(
        row("TAILLE / Height", 630, 94, height=28)
        + row("DATE DE DÉLIVRANCE / Date of issue", 974, 93, height=28),
        row("1,68m", 627, 130, height=47) + row("12 O22020", 969, 129, height=47),
        row("ADRESSE / Address", 627, 229, height=28),
        row("44 rue DÉSIRÉ SAINT CLÉMENT", 629, 281, height=34),
        row("RÉSIDENCE DU PLEIN AIR BÂT 4", 633, 332, height=34),
        row("33000 BORDEAUX", 630, 394, height=33),
        row("FRANCE", 633, 451, height=33),
    )
    found = fields("carte_identite", back)
    assert {name: f.value for name, f in found.items()} == {
        "issue_date": "2020-02-12",
        "address": "44 rue DÉSIRÉ SAINT CLÉMENT, RÉSIDENCE DU PLEIN AIR BÂT 4, 33000 BORDEAUX",
    }
    assert found["issue_date"].text == "12 O22020"


def test_a_label_written_for_either_gender_is_the_label() -> None:
    slip = page(row("Salarié(e) : M. Jean Luc PICARD", 100, 100))
    assert values("bulletin_salaire", slip)["full_name"] == "Jean Luc PICARD"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Bailleur : SCI LES LILAS", None),
        ("Bailleur : M. et Mme DURAND", None),
        ("Bailleur : Mme Claire MARTIN, 3 rue Neuve", "Claire MARTIN"),
        ("Bailleur : Mme Claire MARTIN et son fils", "Claire MARTIN"),
    ],
)
def test_a_name_is_whole_or_nothing(printed: str, expected: str | None) -> None:
    assert values("quittance_loyer", page(row(printed, 100, 100))).get("landlord") == expected


def test_an_address_in_a_column_runs_past_the_lines_of_the_next_column() -> None:
    bill = page(
        row("Votre contrat", 100, 95) + row("Adresse de consommation", 1300, 100),
        row("Électricité", 100, 122) + row("12 RUE DES LILAS", 1300, 145),
        row("Option Base", 100, 167) + row("42000 SAINT-ÉTIENNE", 1300, 190),
    )
    assert values("facture_energie", bill) == {"address": "12 RUE DES LILAS, 42000 SAINT-ÉTIENNE"}
