"""Who and what a document is about: validated entities, holder, issue and expiry dates.

Entry points, each a pure function of the page texts:

* ``extract_entities(pages)`` -> ``list[Entity]`` (labels in French snake_case:
  personne, lieu, organisation, date, montant, iban, bic, siren, siret, nir,
  telephone, email, adresse, numero_fiscal, reference_avis, numero_allocataire,
  mrz, numero_document, date_naissance, date_expiration);
* ``find_issue_date`` / ``find_expiry_date`` -> ``date | None`` (and the
  ``locate_*`` variants that also give confidence and cue);
* ``parse_mrz(lines)`` and the ``validate_*`` functions for single values.
"""

from __future__ import annotations

from paperasse.reading.entities.amounts import find_amounts, parse_amount
from paperasse.reading.entities.checksums import (
    iban_check_digits,
    luhn_check_digit,
    nir_key,
    numero_fiscal_key,
    validate_bic,
    validate_iban,
    validate_nir,
    validate_numero_fiscal,
    validate_siren,
    validate_siret,
)
from paperasse.reading.entities.contact import (
    normalise_address,
    validate_email,
    validate_phone,
    validate_postcode,
)
from paperasse.reading.entities.dates import find_dates, parse_french_date
from paperasse.reading.entities.doc_dates import (
    DateFinding,
    find_expiry_date,
    find_issue_date,
    locate_expiry_date,
    locate_issue_date,
)
from paperasse.reading.entities.extract import extract_entities
from paperasse.reading.entities.ner import load_ner_model
from paperasse.reading.mrz.parse import MrzResult, parse_mrz
from paperasse.reading.mrz.repair import check_digit

__all__ = [
    "DateFinding",
    "MrzResult",
    "check_digit",
    "extract_entities",
    "find_amounts",
    "find_dates",
    "find_expiry_date",
    "find_issue_date",
    "iban_check_digits",
    "load_ner_model",
    "locate_expiry_date",
    "locate_issue_date",
    "luhn_check_digit",
    "nir_key",
    "normalise_address",
    "numero_fiscal_key",
    "parse_amount",
    "parse_french_date",
    "parse_mrz",
    "validate_bic",
    "validate_email",
    "validate_iban",
    "validate_nir",
    "validate_numero_fiscal",
    "validate_phone",
    "validate_postcode",
    "validate_siren",
    "validate_siret",
]
