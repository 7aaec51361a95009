"""OCR repairs for machine-readable zones, applied only where a check digit agrees.

OCR engines read the filler ``<`` as ``K``, ``«`` or a space and swap ``0``/``O``,
``1``/``I``, ``5``/``S``, ``8``/``B`` between numeric and alphabetic fields. Each
field with a check digit is tried as read, then with the substitutions its kind
allows; a repair is kept only if the check digit then passes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import Literal

FieldKind = Literal["numeric", "alnum", "composite"]
_WEIGHTS = (7, 3, 1)
TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "U": "0", "I": "1", "L": "1",
                          "Z": "2", "S": "5", "B": "8", "G": "6", "T": "7"})  # fmt: skip
TO_LETTER = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
# Swaps a check digit can confirm. K and <, 6 and G weigh the same modulo 10
# (20 and 0, 16 and 6), so no check digit tells them apart: those are left to
# ``fix_fillers`` and never "confirmed".
_AMBIGUOUS = {"0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8",
              "2": "Z", "Z": "2"}  # fmt: skip
_MAX_AMBIGUOUS = 8
# Each variant tried is one more chance in ten to pass a check digit by luck: OCR
# rarely swaps more than a few look-alikes in one field.
_MAX_SWAPS = 3
_FILLER_LOOKALIKES = str.maketrans({"«": "<", "‹": "<", "(": "<", "[": "<", "{": "<",
                                    "£": "<", "¢": "<", "c": "<"})  # fmt: skip


def char_value(char: str) -> int:
    """ICAO 9303 value of an MRZ character: digits, A=10 ... Z=35, filler 0."""
    if char.isdigit():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - 55
    return 0


def check_digit(data: str) -> str:
    """ICAO 9303 check digit: weights 7-3-1 repeated, sum modulo 10."""
    total = sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data))
    return str(total % 10)


def clean_line(line: str, *, drop_inner_spaces: bool = False) -> str:
    """Uppercase an OCR'd MRZ line, turning filler look-alikes and spaces into ``<``.

    With ``drop_inner_spaces``, a space between two letters or digits is taken
    as an OCR artefact and removed instead (``300109 7`` -> ``3001097``).
    """
    text = line.strip().translate(_FILLER_LOOKALIKES).upper()
    if drop_inner_spaces:
        text = re.sub(r"(?<=[A-Z0-9])\s+(?=[A-Z0-9])", "", text)
    return re.sub(r"\s", "<", text)


def fit(line: str, length: int) -> str:
    """Add or drop fillers to reach ``length``, where OCR most likely lost or added them.

    A line ending in fillers is padded or trimmed at its end; otherwise the
    longest run of fillers inside it absorbs the difference.
    """
    if len(line) == length:
        return line
    runs = list(re.finditer(r"<+", line))
    if line.endswith("<") or not runs:
        return (
            (line.rstrip("<") + "<" * length)[:length]
            if len(line.rstrip("<")) <= length
            else line[:length]
        )
    run = max(runs, key=lambda m: len(m[0]))
    size = max(1, len(run[0]) + length - len(line))
    fitted = line[: run.start()] + "<" * size + line[run.end() :]
    return (fitted + "<" * length)[:length]


def _alnum_variants(field: str) -> Iterator[str]:
    """The field with every combination of look-alike swaps, fewest swaps first."""
    positions = [i for i, c in enumerate(field) if c in _AMBIGUOUS][:_MAX_AMBIGUOUS]
    for count in range(1, min(len(positions), _MAX_SWAPS) + 1):
        for chosen in itertools.combinations(positions, count):
            chars = list(field)
            for index in chosen:
                chars[index] = _AMBIGUOUS[chars[index]]
            yield "".join(chars)


def repair(field: str, check: str, kind: FieldKind) -> tuple[str, str, bool, bool]:
    """Try to make ``field`` agree with ``check``.

    Answers (field, check, passed, corrected). ``numeric`` fields (dates) must
    be digits: letters are mapped to their look-alike digits in one go.
    ``alnum`` fields (document numbers) try look-alike swaps, fewest first.
    ``composite`` strings are only confirmed, never changed: they merely repeat
    fields already repaired. In every kind the check character is read as a digit.
    """
    digit = check.translate(TO_DIGIT).replace("<", "0")
    candidates: list[str] | Iterator[str]
    if kind == "numeric":
        candidates = [field.translate(TO_DIGIT)]
    elif kind == "alnum":
        candidates = itertools.chain([field], _alnum_variants(field))
    else:
        candidates = [field]
    for candidate in candidates:
        if kind == "numeric" and not candidate.isdigit():
            break
        if check_digit(candidate) == digit:
            corrected = candidate != field or digit != check
            return candidate, digit, True, corrected
    return field, check, False, False


def fix_fillers(field: str) -> str:
    """Turn trailing runs of ``K``/``<`` (fillers misread as K) back into fillers."""

    def fillers(match: re.Match[str]) -> str:
        run = match[0]
        if run.startswith("K<"):  # a name ending in K, then fillers
            return "K" + "<" * (len(run) - 1)
        return "<" * len(run) if "<" in run or len(run) >= 3 else run

    return re.sub(r"[K<]+$", fillers, field)


def fix_name_field(field: str) -> str:
    """Letters for digits, and fillers read as K at the end, around fillers, or as a
    ``KK`` name separator when the field has no ``<<`` (French names rarely hold KK)."""
    text = fix_fillers(field.translate(TO_LETTER))
    text = re.sub(r"(?<=<)K(?=<)", "<", text)
    if "<<" not in text.rstrip("<"):
        text = re.sub(r"(?<=[A-Z])KK(?=[A-Z])", "<<", text, count=1)
    return text


_NAME = r"[^<]+(?:<[^<]+)*"
_HOLDER_NAMES = re.compile(rf"{_NAME}(?:<<(?:{_NAME})?)?")
_SURNAME_ONLY = re.compile(_NAME)


def end_names(field: str, *, given: bool = True) -> str:
    """Fillers after the names: in a ``SURNAME<<GIVEN<NAMES`` field (or a surname
    alone with ``given=False``) the names end at the next ``<<``, so whatever OCR
    read after it (fillers seen as ``K``, ``L``, ``E``...) can only be fillers."""
    match = (_HOLDER_NAMES if given else _SURNAME_ONLY).match(field)
    if match is None:
        return field
    return match[0] + "<" * (len(field) - match.end())


def first_passing(variants: list[str], test: Callable[[str], bool]) -> str | None:
    """The first variant for which ``test`` holds."""
    return next((v for v in variants if test(v)), None)
