"""Entity extraction over realistic French documents, with real spaCy and real rules."""

from __future__ import annotations

import datetime as dt
import random

from paperasse.models.domain import Entity, PageText
from paperasse.reading.entities import extract_entities
from tests.reading.test_entities_support import (
    build_td1,
    group4,
    make_iban,
    make_nir,
    make_numero_fiscal,
    make_siret,
)

TODAY = dt.date(2026, 3, 1)
RNG = random.Random(7)
IBAN = make_iban("FR", "30006000011234567890189")
SIRET = make_siret(RNG)
NIR = make_nir(2, 88, 4, "69", 123, 45)
FISCAL = make_numero_fiscal(1_234_567_890)
NIR_SPACED = " ".join([NIR[0], NIR[1:3], NIR[3:5], NIR[5:7], NIR[7:10], NIR[10:13], NIR[13:]])


def _page(text: str, number: int = 1) -> PageText:
    return PageText(number=number, text=text, source="ocr")


def _values(entities: list[Entity], label: str) -> list[str]:
    return [e.value for e in entities if e.label == label]


EDF_BILL = f"""EDF
Électricité de France - SA au capital de 1 463 719 402 euros
SIRET {SIRET[:3]} {SIRET[3:6]} {SIRET[6:9]} {SIRET[9:]}
                                          M. Jean DUPONT
                                          12 bis rue Victor Hugo
                                          69100 VILLEURBANNE
Facture du 14 janvier 2026
N° de facture : 10123456789
Titulaire du contrat : M. Jean DUPONT
Date limite de paiement : 28/01/2026
Montant total TTC : 84,37 €
Prélèvement sur le compte {group4(IBAN)}
Service client : 09 69 32 15 15 - service-client@edf.fr
"""


def test_edf_bill() -> None:
    entities = extract_entities([_page(EDF_BILL)], today=TODAY)
    assert _values(entities, "iban") == [IBAN]
    assert _values(entities, "siret") == [SIRET]
    assert _values(entities, "adresse") == ["12 BIS RUE VICTOR HUGO, 69100 VILLEURBANNE"]
    assert set(_values(entities, "date")) == {"2026-01-14", "2026-01-28"}
    assert "84.37" in _values(entities, "montant")
    assert _values(entities, "telephone") == ["+33969321515"]
    assert _values(entities, "email") == ["service-client@edf.fr"]
    assert "Jean DUPONT" in _values(entities, "personne")
    # Nothing is read twice, nor inside the IBAN, and the order is the reading order.
    iban = next(e for e in entities if e.label == "iban")
    assert not [e for e in entities if e.label in {"telephone", "date", "montant"}
                and e.start < iban.end and iban.start < e.end]  # fmt: skip
    assert entities == sorted(entities, key=lambda e: (e.page, e.start, e.end, e.label))
    keys = [(e.label, e.page, e.start, e.end) for e in entities]
    assert len(keys) == len(set(keys))
    for entity in entities:
        assert EDF_BILL[entity.start : entity.end] == entity.text


def test_wrong_identifiers_are_not_entities() -> None:
    bad_iban = IBAN[:2] + f"{(int(IBAN[2:4]) + 1) % 100:02d}" + IBAN[4:]
    bad_siret = SIRET[:-1] + str((int(SIRET[-1]) + 1) % 10)
    bad_nir = NIR[:13] + f"{int(NIR[13:]) % 97 + 1:02d}"
    text = (f"IBAN : {group4(bad_iban)}\nSIRET : {bad_siret}\nN° sécurité sociale : {bad_nir}\n"
            "Date : 31/02/2026\n3 rue des Lilas\n96000 Nulle-Part\n")  # fmt: skip
    entities = extract_entities([_page(text)], use_ner=False)
    labels = {e.label for e in entities}
    assert not labels & {"iban", "siret", "nir", "date", "adresse"}


PAYSLIP = f"""BULLETIN DE PAIE
Employeur : BOULANGERIE MARTIN SARL - SIRET : {SIRET}
Salarié : MARTIN Sophie
N° de sécurité sociale : {NIR_SPACED}
Emploi : Vendeuse
Période du 01/12/2025 au 31/12/2025
Salaire de base 1 801,80 €
Net à payer avant impôt 1 423,45 €
Date de paiement : 31/12/2025
"""


def test_payslip() -> None:
    entities = extract_entities([_page(PAYSLIP)], today=TODAY)
    assert _values(entities, "nir") == [NIR]
    assert _values(entities, "siret") == [SIRET]
    assert _values(entities, "montant") == ["1801.80", "1423.45"]
    assert _values(entities, "date").count("2025-12-31") == 2
    # Field labels ("Salarié :") and headings glued to a name are not entities.
    named = [e.text for e in entities if e.label in {"personne", "lieu", "organisation"}]
    assert not {"Salarié", "Emploi", "Employeur"} & set(named)
    assert not [t for t in named if t.endswith("SIRET")]


TAX_NOTICE = f"""DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES
AVIS D'IMPÔT 2025 SUR LES REVENUS DE L'ANNÉE 2024
                                   M LEROY PAUL
                                   5 place de la République
                                   13001 MARSEILLE
Numéro fiscal : {FISCAL[:2]} {FISCAL[2:4]} {FISCAL[4:7]} {FISCAL[7:10]} {FISCAL[10:]}
Référence de l'avis : 25 13 A123456 78
Date de mise en recouvrement : 31/07/2025
Date d'établissement : 08/07/2025
Revenu fiscal de référence : 28 450 €
Montant de votre impôt : 1 245 €
"""


def test_tax_notice() -> None:
    entities = extract_entities([_page(TAX_NOTICE)], today=TODAY)
    assert _values(entities, "numero_fiscal") == [FISCAL]
    assert _values(entities, "reference_avis") == ["2513A12345678"]
    assert _values(entities, "adresse") == ["5 PLACE DE LA REPUBLIQUE, 13001 MARSEILLE"]
    assert _values(entities, "montant") == ["28450.00", "1245.00"]
    assert "Paul LEROY" in _values(entities, "personne")


def _cni_text(mrz: list[str]) -> str:
    front = (
        "RÉPUBLIQUE FRANÇAISE\nCARTE NATIONALE D'IDENTITÉ\nNOM / Surname\nMARTIN\n"
        "Prénoms / Given names\nMarie, Claire\nDate de naissance : 17/05/1990\n"
        "Date d'expiration : 01/08/2031\nN° du document : X4RTBPFW4\n\n"
    )
    return front + "\n".join(mrz)


def test_identity_card_with_mrz() -> None:
    mrz = build_td1("MARTIN", ["MARIE", "CLAIRE"], "X4RTBPFW4", dt.date(1990, 5, 17), "F",
                    dt.date(2031, 8, 1))  # fmt: skip
    entities = extract_entities([_page(_cni_text(mrz))], today=TODAY)
    (mrz_entity,) = [e for e in entities if e.label == "mrz"]
    assert mrz_entity.confidence > 0.9 and mrz_entity.value.split("\n") == mrz
    assert set(_values(entities, "numero_document")) == {"X4RTBPFW4"}
    assert set(_values(entities, "date_naissance")) == {"1990-05-17"}
    assert set(_values(entities, "date_expiration")) == {"2031-08-01"}
    assert "Marie Claire MARTIN" in _values(entities, "personne")


def test_mrz_with_bad_check_digit_is_flagged_and_yields_nothing() -> None:
    mrz = build_td1("MARTIN", ["MARIE"], "X4RTBPFW4", dt.date(1990, 5, 17), "F",
                    dt.date(2031, 8, 1))  # fmt: skip
    mrz[1] = mrz[1][:6] + str((int(mrz[1][6]) + 1) % 10) + mrz[1][7:]
    entities = extract_entities([_page("\n".join(mrz))], today=TODAY, use_ner=False)
    assert [(e.label, e.confidence) for e in entities] == [("mrz", 0.2)]


LETTER = """Claire Fontaine
8 allée des Tilleuls
33000 Bordeaux

Bordeaux, le 5 février 2026

Objet : demande d'inscription scolaire

Madame la Directrice,
Je vous écris au sujet de mon fils Hugo Fontaine, qui entrera en CP à la rentrée.
Son père, Thomas Lambert, travaille à Toulouse.
Je vous prie d'agréer, Madame, l'expression de mes salutations distinguées.

FACTURE
Total TTC
"""


def test_spacy_finds_persons_and_places_in_a_letter() -> None:
    entities = extract_entities([_page(LETTER)], today=TODAY)
    persons = _values(entities, "personne")
    assert {"Claire Fontaine", "Hugo Fontaine", "Thomas Lambert"} <= set(persons)
    assert "Toulouse" in _values(entities, "lieu")
    # Headings and salutations are not names.
    named = [e.text for e in entities if e.label in {"personne", "lieu", "organisation"}]
    assert not {"FACTURE", "Total TTC", "Madame", "Objet", "Madame la Directrice"} & set(named)
    assert all(len(t) > 1 and not t.isdigit() for t in named)


def test_rules_only_mode_and_pages() -> None:
    pages = [_page("Facture du 14/01/2026"), _page("Total : 12,00 €", 2), _page("", 3)]
    entities = extract_entities(pages, use_ner=False)
    assert [(e.page, e.label, e.value) for e in entities] == [
        (1, "date", "2026-01-14"),
        (2, "montant", "12.00"),
    ]


def test_caf_and_bic_need_their_labels() -> None:
    text = "N° allocataire : 1234567\nBIC : BNPAFRPPXXX\nFACTURES 7654321 CONTRATS"
    entities = extract_entities([_page(text)], use_ner=False)
    assert _values(entities, "numero_allocataire") == ["1234567"]
    assert _values(entities, "bic") == ["BNPAFRPPXXX"]
