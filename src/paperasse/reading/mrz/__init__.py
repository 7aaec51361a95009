"""Machine-readable zones (ICAO 9303) of identity documents and passports.

* ``read_mrz(image, words, page=, today=)``: find the MRZ band on a page image,
  read it with the MRZ alphabet and parse it; only a result whose check digits all
  hold is returned.
* ``mrz_fields(result, page)``: its holder, number and dates as trusted fields.
* ``document_type_hint(result)``: the document type the MRZ makes certain, if any.
* ``parse_mrz(lines)``: parse MRZ lines read elsewhere (valid or not: see ``valid``).
"""

from __future__ import annotations

from paperasse.reading.mrz.fields import document_type_hint, mrz_fields
from paperasse.reading.mrz.parse import MrzResult, parse_mrz
from paperasse.reading.mrz.read import read_mrz
from paperasse.reading.mrz.repair import check_digit

__all__ = ["MrzResult", "check_digit", "document_type_hint", "mrz_fields", "parse_mrz", "read_mrz"]
