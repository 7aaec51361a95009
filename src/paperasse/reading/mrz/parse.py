"""Machine-readable zones (ICAO 9303) of French identity documents and passports.

Formats read:

* ``td3``: passports (and MRV-A visas), 2 lines of 44.
* ``td2``: some residence permits, older identity cards of other states and MRV-B
  visas, 2 lines of 36. Visas (code ``V``) carry no composite check digit.
* ``td1``: the French identity card since 2021 and residence permits (codes
  ``IR``, ``AR``...), 3 lines of 30.
* ``cni_1988``: the French identity card of 1988-2021, 2 lines of 36. Line 1:
  ``IDFRA``, surname (25), administration code (6: department 3 + office 3).
  Line 2: card number (12: issue year 2, issue month 2, department 3, sequence
  5), its check digit, given names (14), birth date YYMMDD and check digit, sex,
  and a final check digit over both lines. This card carries no expiry date:
  we derive it from the issue month as 15 years for cards issued to adults
  from 2004 on (10 years + the 2014 five-year extension), otherwise 10 years,
  counted from the last day of the issue month (the issue day is not encoded).

``td2`` and ``cni_1988`` have the same size: the card starts ``IDFRA`` and its
line 2 starts with 12 digits, where a TD2 line 2 holds the nationality (letters)
at positions 10-12. When a reading is still ambiguous both layouts are tried.

Two-digit birth years are 20YY unless that is after ``today``, then 19YY;
expiry years are always 20YY. A result whose checks all passed is ``valid``;
the holder must not be taken from an invalid one. The names of TD1, TD2 and TD3
are under no check digit (those of ``cni_1988`` are, by the final digit): their
field is only cleaned by the layout's rules (the first ``<<`` after the given
names ends them; what follows can only be fillers).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from paperasse.reading.mrz.repair import (
    TO_DIGIT,
    TO_LETTER,
    FieldKind,
    clean_line,
    end_names,
    fit,
    fix_fillers,
    fix_name_field,
    repair,
)

MrzFormat = Literal["td1", "td2", "td3", "cni_1988"]
_LENGTHS: dict[MrzFormat, tuple[int, int]] = {
    "td1": (3, 30), "td2": (2, 36), "td3": (2, 44), "cni_1988": (2, 36),
}  # fmt: skip
_MRZ_CHARS = re.compile(r"[A-Z0-9<]")


@dataclass(frozen=True)
class MrzResult:
    """What a machine-readable zone says, and which of its check digits passed."""

    format: MrzFormat
    document_code: str
    issuing_state: str
    surname: str
    given_names: tuple[str, ...]
    document_number: str
    nationality: str | None
    birth_date: dt.date | None
    sex: Literal["M", "F"] | None
    expiry_date: dt.date | None
    lines: tuple[str, ...]
    checks: dict[str, bool] = field(default_factory=dict)
    corrected: bool = False
    expiry_derived: bool = False
    issue_date: dt.date | None = None
    # Check-digit fields that passed only after an OCR repair: a check digit is one
    # chance in ten, and the repairs try several look-alike swaps.
    repaired: tuple[str, ...] = ()
    # A second, independent reading of the image gave the same MRZ (see ``read_mrz``):
    # no check digit covers the names in TD1-TD3, K and < weigh the same in the 1988
    # card's, and a repair may pass its check digit by chance.
    confirmed: bool = False

    @property
    def valid(self) -> bool:
        """True when every check digit passed (after any confirmed repair)."""
        return bool(self.checks) and all(self.checks.values())


class _Checker:
    """Runs the field checks of one MRZ and remembers their outcome."""

    def __init__(self) -> None:
        self.checks: dict[str, bool] = {}
        self.corrected = False
        self.repaired: list[str] = []

    def field(self, name: str, value: str, check: str, kind: FieldKind) -> tuple[str, str]:
        fixed, digit, passed, corrected = repair(value, check, kind)
        self.checks[name] = passed
        self.corrected = self.corrected or corrected
        if corrected:
            self.repaired.append(name)
        return fixed, digit


def _yymmdd(text: str, *, birth: bool, today: dt.date) -> dt.date | None:
    digits = text.translate(TO_DIGIT)
    if not digits.isdigit() or len(digits) != 6:
        return None
    year = 2000 + int(digits[:2])
    if birth and year > today.year:
        year -= 100
    try:
        return dt.date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        return None


def _names(field_text: str) -> list[str]:
    return [p.replace("<", " ").strip() for p in re.split(r"<+", field_text) if p.strip("<")]


def _split_name(field_text: str) -> tuple[str, str, tuple[str, ...]]:
    """The cleaned field, surname and given names from ``SURNAME<PART<<GIVEN<NAMES``."""
    cleaned = end_names(fix_name_field(field_text))
    surname, _, given = cleaned.partition("<<")
    return cleaned, surname.replace("<", " ").strip(), tuple(_names(given))


def _sex(char: str) -> Literal["M", "F"] | None:
    if char == "M":
        return "M"
    if char == "F":
        return "F"
    return None


def _head(one: str, kinds: str) -> str:
    """Document code and issuing state (line 1, 0-4) in letters. The code's first
    letter is one of ``kinds`` (ICAO 9303); an ``L`` there is an ``I`` misread."""
    head = one[:5].translate(TO_LETTER)
    if head[0] == "L" and "I" in kinds:
        head = "I" + head[1:]
    return head


def _state(text: str) -> str:
    return text.translate(TO_LETTER).strip("<")


def _parse_two_lines(lines: list[str], today: dt.date, kind: MrzFormat) -> MrzResult:
    """TD3 (2 x 44) and TD2 (2 x 36): the same line 2 up to its optional data."""
    one, two = lines
    width = len(two)
    code = _head(one, "PV" if kind == "td3" else "ACIV")
    visa = code[0] == "V"
    c = _Checker()
    number, n_check = c.field("document_number", two[0:9], two[9], "alnum")
    birth, b_check = c.field("birth_date", two[13:19], two[19], kind="numeric")
    expiry, e_check = c.field("expiry_date", two[21:27], two[27], kind="numeric")
    nationality = two[10:13].translate(TO_LETTER)
    head = number + n_check + nationality + birth + b_check + two[20] + expiry + e_check
    if visa:  # MRV-A and MRV-B: optional data to the end, no composite digit
        fixed_two = head + fix_fillers(two[28:width])
    elif kind == "td3":
        personal, p_check = fix_fillers(two[28:42]), two[42]
        if personal.strip("<"):
            personal, p_check = c.field("personal_number", personal, two[42], kind="alnum")
        composite = head[0:10] + head[13:20] + head[21:28] + personal + p_check
        _, final = c.field("composite", composite, two[43], "composite")
        fixed_two = head + personal + p_check + final
    else:
        optional = fix_fillers(two[28:35])
        _, final = c.field("composite", head[0:10] + head[13:20] + head[21:28] + optional,
                           two[35], "composite")  # fmt: skip
        fixed_two = head + optional + final
    names, surname, given = _split_name(one[5:width])
    return MrzResult(
        format=kind, document_code=code[0:2].strip("<"), issuing_state=_state(code[2:5]),
        surname=surname, given_names=given, document_number=number.strip("<"),
        nationality=_state(nationality) or None, birth_date=_yymmdd(birth, birth=True, today=today),
        sex=_sex(two[20]), expiry_date=_yymmdd(expiry, birth=False, today=today),
        lines=(code + names, fixed_two), checks=c.checks, corrected=c.corrected,
        repaired=tuple(c.repaired),
    )  # fmt: skip


def _td1_number(one: str, c: _Checker) -> tuple[str, str]:
    """Document number and the line-1 text after the issuing state, repaired."""
    if one[14] == "<" and one[15:30].strip("<"):
        # Numbers longer than 9: the rest and the check digit are in the optional data.
        tail = one[15:30].split("<", 1)[0]
        number, digit = c.field("document_number", one[5:14] + tail[:-1], tail[-1:], "alnum")
        return number, one[5:14] + "<" + number[9:] + digit + one[15 + len(tail) : 30]
    number, digit = c.field("document_number", one[5:14], one[14], kind="alnum")
    return number, number + digit + fix_fillers(one[15:30])


def _parse_td1(lines: list[str], today: dt.date) -> MrzResult:
    one, two, three = lines
    c = _Checker()
    number, rest_one = _td1_number(one, c)
    birth, b_check = c.field("birth_date", two[0:6], two[6], kind="numeric")
    expiry, e_check = c.field("expiry_date", two[8:14], two[14], kind="numeric")
    optional_two = fix_fillers(two[18:29])
    composite = rest_one + birth + b_check + expiry + e_check + optional_two
    _, final = c.field("composite", composite, two[29], "composite")
    code = _head(one, "ACI")
    nationality = two[15:18].translate(TO_LETTER)
    fixed_one = code + rest_one
    fixed_two = birth + b_check + two[7] + expiry + e_check + nationality + optional_two + final
    fixed_three, surname, given = _split_name(three)
    return MrzResult(
        format="td1", document_code=code[0:2].strip("<"), issuing_state=_state(code[2:5]),
        surname=surname, given_names=given, document_number=number.replace("<", ""),
        nationality=_state(nationality) or None, birth_date=_yymmdd(birth, birth=True, today=today),
        sex=_sex(two[7]), expiry_date=_yymmdd(expiry, birth=False, today=today),
        lines=(fixed_one, fixed_two, fixed_three), checks=c.checks, corrected=c.corrected,
        repaired=tuple(c.repaired),
    )  # fmt: skip


def _old_cni_issue(number: str) -> dt.date | None:
    digits = number[:4]
    if not digits.isdigit() or not 1 <= int(digits[2:4]) <= 12:
        return None
    year = int(digits[:2]) + (1900 if int(digits[:2]) >= 88 else 2000)
    return dt.date(year, int(digits[2:4]), 1)


def old_cni_expiry(issue: dt.date, birth: dt.date | None) -> dt.date:
    """Derived expiry of a 1988-2021 card: see the module docstring."""
    adult = birth is not None and (issue.year - birth.year, issue.month) >= (18, birth.month)
    years = 15 if adult and issue >= dt.date(2004, 1, 1) else 10
    last_day = calendar.monthrange(issue.year + years, issue.month)[1]
    return dt.date(issue.year + years, issue.month, last_day)


def _parse_cni_1988(lines: list[str], today: dt.date) -> MrzResult:
    one, two = lines
    c = _Checker()
    number, n_check = c.field("document_number", two[0:12], two[12], "numeric")
    birth, b_check = c.field("birth_date", two[27:33], two[33], kind="numeric")
    surname_field, given_field = (
        end_names(fix_name_field(one[5:30]), given=False),
        fix_name_field(two[13:27]),
    )
    fixed_one = _head(one, "I") + surname_field + one[30:36].translate(TO_DIGIT)
    fixed_two = number + n_check + given_field + birth + b_check + two[34]
    _, final = c.field("composite", fixed_one + fixed_two, two[35], "composite")
    birth_date = _yymmdd(birth, birth=True, today=today)
    issue = _old_cni_issue(number)
    return MrzResult(
        format="cni_1988", document_code="ID", issuing_state=_state(fixed_one[2:5]),
        surname=surname_field.replace("<", " ").strip(), given_names=tuple(_names(given_field)),
        document_number=number, nationality=_state(fixed_one[2:5]) or None,
        birth_date=birth_date,
        sex=_sex(two[34]), expiry_date=old_cni_expiry(issue, birth_date) if issue else None,
        lines=(fixed_one, fixed_two + final), checks=c.checks, corrected=c.corrected,
        repaired=tuple(c.repaired),
        expiry_derived=issue is not None, issue_date=issue,
    )  # fmt: skip


def _old_card_first(lines: list[str]) -> bool:
    """``IDFRA`` and a line 2 opening on 12 digits (a TD2 has letters at 10-12)."""
    one, two = lines
    digits = sum(c.isdigit() for c in two[:13])
    return one[:5].translate(TO_LETTER) == "IDFRA" and digits >= 11 and two[10:13].isdigit()


def candidate_formats(lines: list[str]) -> list[MrzFormat]:
    """The layouts a group of cleaned lines may have, most likely first (2 characters
    of OCR slack on each line)."""
    lengths = [len(line) for line in lines]
    if len(lines) == 3 and all(27 <= n <= 33 for n in lengths):
        return ["td1"]
    if len(lines) != 2:
        return []
    if all(41 <= n <= 47 for n in lengths) and lines[0][:1] in ("P", "V"):
        return ["td3"]
    if not all(33 <= n <= 39 for n in lengths):
        return []
    if _old_card_first(lines):
        return ["cni_1988", "td2"]
    if lines[0][:2].translate(TO_LETTER) == "ID":
        return ["td2", "cni_1988"]
    return ["td2"] if lines[0][:1] in ("A", "C", "I", "V") else []


def detect_format(lines: list[str]) -> MrzFormat | None:
    """Which layout a group of cleaned lines most likely has, or None."""
    return next(iter(candidate_formats(lines)), None)


def _parse_as(kind: MrzFormat, cleaned: list[str], today: dt.date) -> MrzResult | None:
    rows, width = _LENGTHS[kind]
    fitted = [fit(line, width) for line in cleaned[:rows]]
    if any(len(_MRZ_CHARS.findall(line)) < width - 2 for line in fitted):
        return None
    fitted = [re.sub(r"[^A-Z0-9<]", "<", line) for line in fitted]
    if kind == "td1":
        return _parse_td1(fitted, today)
    if kind == "cni_1988":
        return _parse_cni_1988(fitted, today)
    return _parse_two_lines(fitted, today, kind)


def _parse_cleaned(cleaned: list[str], today: dt.date) -> MrzResult | None:
    results = []
    for kind in candidate_formats(cleaned):
        result = _parse_as(kind, cleaned, today)
        if result is not None and result.valid:
            return result
        if result is not None:
            results.append(result)
    return results[0] if results else None


def parse_mrz(lines: list[str], *, today: dt.date | None = None) -> MrzResult | None:
    """Parse 2 or 3 MRZ lines as OCR read them; None if no known layout fits.

    Spaces are read as fillers, and if that fails the checks, as OCR artefacts
    between characters; the reading whose check digits pass wins.
    ``today`` decides the century of two-digit birth years (default: today).
    """
    present = [line for line in lines if line.strip()]
    results: list[MrzResult] = []
    for drop in (False, True):
        cleaned = [clean_line(line, drop_inner_spaces=drop) for line in present]
        result = _parse_cleaned(cleaned, today or dt.date.today())
        if result is not None and result.valid:
            return result
        if result is not None:
            results.append(result)
    return max(results, key=lambda r: sum(r.checks.values()), default=None)


def looks_like_mrz_line(line: str) -> bool:
    """A line that could belong to an MRZ: 28-46 MRZ characters, with fillers or digits."""
    cleaned = clean_line(line)
    if not 27 <= len(cleaned) <= 47:
        return False
    valid = len(_MRZ_CHARS.findall(cleaned))
    return valid >= len(cleaned) - 2 and ("<<" in cleaned or sum(c.isdigit() for c in cleaned) > 8)
