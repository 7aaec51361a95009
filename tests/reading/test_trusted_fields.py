"""Holder and dates come only from trusted fields: a valid MRZ, a labelled value read by
the positions of its words, a date after an unambiguous label; otherwise nothing.

Documents are real born-digital PDFs read through the reading stages (text layer with
its word boxes, page image for the MRZ), with the document type given, so that these
tests judge reading and not the classifier.
"""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.models.domain import Holder
from paperasse.reading.document import read_document
from paperasse.reading.fields import read_document_fields
from paperasse.reading.text import PDF_MIME
from paperasse.reading.trust import date_field, holder_from
from paperasse.settings import OcrSettings
from tests.reading.test_entities import EDF_BILL, LETTER, PAYSLIP, TAX_NOTICE
from tests.reading.test_entities_support import build_td1, build_td3
from tests.samples import make_pdf

TODAY = dt.date(2026, 3, 1)
BIRTH = dt.date(1990, 5, 17)


def _read(doc_type: str | None, *texts: str) -> tuple[Holder | None, dict[str, dt.date | None]]:
    reading = read_document(make_pdf(*texts), PDF_MIME, OcrSettings(), today=TODAY)
    fields = read_document_fields(doc_type, reading, today=TODAY)
    dates = {n: date_field(fields, n) for n in ("issue_date", "expiry_date", "birth_date")}
    return holder_from(fields), dates


def test_identity_card_holder_and_dates_come_from_its_valid_mrz() -> None:
    mrz = build_td1("MARTIN", ["MARIE", "CLAIRE"], "X4RTBPFW4", BIRTH, "F", dt.date(2031, 8, 1))
    front = "CARTE NATIONALE D'IDENTITÉ\nNom : MARTIM\nPrénoms : Marie\n"  # a typo on the front
    holder, dates = _read("carte_identite", front + "\n".join(mrz))
    assert holder is not None and holder.source == "mrz"
    assert (holder.surname, holder.given_names) == ("MARTIN", ["Marie", "Claire"])
    assert dates["expiry_date"] == dt.date(2031, 8, 1) and dates["birth_date"] == BIRTH


def test_an_mrz_whose_check_digit_fails_states_nothing() -> None:
    mrz = build_td3("MARTIN", ["MARIE"], "21AB34567", BIRTH, "F", dt.date(2031, 8, 1))
    mrz[1] = mrz[1][:19] + str((int(mrz[1][19]) + 1) % 10) + mrz[1][20:]
    holder, dates = _read("passeport", "PASSEPORT\n" + "\n".join(mrz))
    assert holder is None or holder.source != "mrz"
    assert dates["expiry_date"] is None


def test_energy_bill_holder_from_its_label_and_the_bill_date() -> None:
    holder, dates = _read("facture_energie", EDF_BILL)
    assert holder is not None and holder.source == "label"
    assert holder.surname == "DUPONT" and holder.given_names == ["Jean"]
    # The bill's date, not the payment deadline printed after it.
    assert dates["issue_date"] == dt.date(2026, 1, 14)
    assert dates["expiry_date"] is None


def test_payslip() -> None:
    holder, _ = _read("bulletin_salaire", PAYSLIP)
    assert holder is not None and (holder.surname, holder.given_names) == ("MARTIN", ["Sophie"])


def test_tax_notice_names_its_declarant_and_its_date() -> None:
    text = TAX_NOTICE.replace("Numéro fiscal", "Déclarant 1\nLEROY PAUL\nNuméro fiscal")
    holder, dates = _read("avis_imposition", text)
    assert holder is not None and holder.surname == "LEROY"
    assert dates["issue_date"] == dt.date(2025, 7, 8)  # date d'établissement


def test_an_addressee_block_without_a_label_names_no_holder() -> None:
    holder, dates = _read("avis_imposition", TAX_NOTICE)
    assert holder is None
    assert dates["issue_date"] == dt.date(2025, 7, 8)


@pytest.mark.parametrize(
    ("doc_type", "text"),
    [
        ("courrier", LETTER),  # a signature at the foot of a letter
        (None, "Né le 01/01/1990\nÀ régler avant le 20/02/2026\nObjet traité le 03/02/2026\n"),
    ],
)
def test_without_a_trusted_source_nothing_is_stated(doc_type: str | None, text: str) -> None:
    holder, dates = _read(doc_type, text)
    assert holder is None
    assert dates["issue_date"] is None and dates["expiry_date"] is None


def test_a_label_with_instructions_instead_of_a_value_gives_no_name() -> None:
    blank_form = (
        "Demande d'inscription sur les listes électorales\n"
        "Nom : INDIQUER LE NOM DE JEUNE FILLE POUR LES FEMMES MARIÉES\n"
        "Prénoms : ........................................\n"
        "Numéro DE L'ARCHITECTE : ..............\n"
    )
    holder, _ = _read("formulaire_cerfa", blank_form)
    assert holder is None


def test_expiry_after_its_label() -> None:
    text = "TITRE DE SÉJOUR\nNom : DIALLO\nPrénoms : Aminata\nValable jusqu'au 14/06/2029\n"
    holder, dates = _read("titre_sejour", text)
    assert dates["expiry_date"] == dt.date(2029, 6, 14)
    assert holder is not None and holder.surname == "DIALLO"


def test_no_text_gives_no_holder_nor_dates() -> None:
    holder, dates = _read(None, "")
    assert holder is None and not any(dates.values())
