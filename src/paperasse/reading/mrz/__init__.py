"""Machine-readable zones (ICAO 9303) of identity documents and passports."""

from __future__ import annotations

from paperasse.reading.mrz.parse import MrzResult, parse_mrz
from paperasse.reading.mrz.repair import check_digit

__all__ = ["MrzResult", "check_digit", "parse_mrz"]
