"""Confirm a valid MRZ reading, row by row, with the page's other readings.

Check digits leave gaps: the names of TD1-TD3 are under none, ``K`` and ``<`` weigh
the same, and a repaired field passes its digit by luck one time in ten. A second,
independent reading that gives the same row closes them. Rows are compared, not
whole readings: a reading may get one row right and garble the other. A row of
another reading confirms a row of the candidate when, put in its place, the MRZ
still parses with every check and comes out the same.
"""

from __future__ import annotations

import datetime as dt

from paperasse.reading.mrz.parse import MrzResult, parse_mrz

MIN_ROW = 20  # characters: shorter lines are noise beside the MRZ


def rows_of(text: str) -> list[str]:
    """The rows of one reading: long lines, and the empty rows a filler-aware reading
    leaves where it failed (they keep the rows after them in place)."""
    return [line.strip() for line in text.split("\n") if not line.strip() or len(line) >= MIN_ROW]


def _confirms(candidate: MrzResult, index: int, row: str, today: dt.date) -> bool:
    if len(row) < MIN_ROW:
        return False
    hybrid = list(candidate.lines)
    hybrid[index] = row
    parsed = parse_mrz(hybrid, today=today)
    return parsed is not None and parsed.valid and parsed.lines == candidate.lines


def confirmed(candidate: MrzResult, source: int, readings: list[list[str]],
              today: dt.date) -> bool:  # fmt: skip
    """Whether every row of ``candidate`` (read by ``readings[source]``) is read the same
    by another reading, wherever the MRZ sits among that reading's rows."""
    size = len(candidate.lines)
    for index in range(size):
        if not any(
            _confirms(candidate, index, rows[start + index], today)
            for number, rows in enumerate(readings)
            if number != source
            for start in range(len(rows) - size + 1)
        ):
            return False
    return True
