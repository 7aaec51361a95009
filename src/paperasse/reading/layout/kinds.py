"""Read a value by its kind, and refuse it when it does not look like one.

A label can point at a blank, at instructions (``Indiquer le nom de jeune fille``),
at the next label, or at OCR noise. Each kind accepts only what it should hold:

* ``surname``, ``given_names``, ``person``: letters, hyphens, apostrophes (and the
  dots of initials or of a civility, which is dropped), a few words, none of them a
  label word, an instruction word or a small word no name holds (``les``, ``pour``);
  a surname printed in capitals where the document prints it so. A ``person`` (a
  bill's holder) gives its surname and given names too when the case tells them
  apart (``Jean DUPONT``), or when the type prints the surname first.
* ``date``: a date in the field's plausible range (see ``dates``).
* ``number``: the value's first chunks whose compact form matches the type's pattern,
  and its check key when it has one (see ``parse_number``).
* ``iban``: a valid IBAN (length and mod-97 key), with or without spaces.
* ``address``: one to three lines ending with a line holding a postcode.
* ``amount``: an amount with cents or a currency.
* ``text``: one line of a few words (an issuing authority, a place), no instructions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paperasse.reading.entities.checksums import (
    validate_iban,
    validate_nir,
    validate_numero_fiscal,
    validate_siren,
    validate_siret,
)
from paperasse.reading.layout.dates import find_date
from paperasse.reading.layout.labels import fold
from paperasse.reading.layout.specs import FieldSpec

CHECKERS = {
    "iban": validate_iban, "nir": validate_nir, "numero_fiscal": validate_numero_fiscal,
    "siren": validate_siren, "siret": validate_siret,
}  # fmt: skip
MAX_NAME_WORDS = 4
MAX_GIVEN_NAMES = 6
MAX_PERSON_WORDS = 6
MAX_CHUNKS = 8
MAX_TEXT_LENGTH = 60
CAPITALS_SHARE = 0.8
ORDER_FACTOR = 0.9  # surname told from given names by the printing order, not by case
_NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*\.?$")
_POSTCODE = re.compile(r"(?<![\d])(?:\d{5}|\d{2} \d{3})(?![\d])\s*[^\W\d_]")
_AMOUNT = re.compile(
    r"^(?P<cur1>€\s*)?(?P<units>\d{1,3}(?:[ .\u202f\u00a0]\d{3})+|\d+)(?:[,.](?P<cents>\d{2}))?"
    r"(?!\d)\s*(?P<cur2>€|eur\b|euros?\b)?",
    re.IGNORECASE,
)
_USAGE_NAME = frozenset({"epouse", "ep", "veuve", "vve", "dite", "dit", "nee"})


@dataclass(frozen=True)
class Lexicon:
    """Folded words that tell a name from a label or an instruction."""

    not_name: frozenset[str]
    instructions: frozenset[str]
    particles: frozenset[str]
    civilities: frozenset[str]


@dataclass(frozen=True)
class Parsed:
    """A value read by its kind: normalised, where it lies in the text, how sure the form is.

    ``checked`` means a check key confirmed it; ``extra`` holds fields derived from it
    (a bill holder's surname and given names).
    """

    value: str
    start: int
    end: int
    factor: float = 1.0
    checked: bool = False
    extra: tuple[tuple[str, str], ...] = ()


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\s,;]+", text)]


def word_key(word: str) -> str:
    """A word as the lexicon holds it: folded, without edge dots, apostrophes, hyphens."""
    return fold(word).strip(".'’-")


def _name_words(text: str, lexicon: Lexicon, limit: int) -> list[tuple[int, int, str]] | None:
    words = _words(text.split("\n", 1)[0])
    if not words or len(words) > limit:
        return None
    for _, _, word in words:
        key = word_key(word)
        if not _NAME_WORD.match(word) or key in lexicon.not_name or key in lexicon.instructions:
            return None
    letters = [w for _, _, w in words if word_key(w) not in lexicon.particles]
    if not any(sum(c.isalpha() for c in w) >= 2 for w in letters):
        return None
    return words


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def parse_surname(spec: FieldSpec, text: str, lexicon: Lexicon) -> Parsed | None:
    """A surname: a few name words, in capitals where the document prints it so."""
    first_line = text.split("\n", 1)[0]
    words = _words(first_line)
    cut = next((i for i, (_, _, w) in enumerate(words) if word_key(w) in _USAGE_NAME), None)
    if cut is not None:
        first_line = first_line[: words[cut][0]]
    found = _name_words(first_line, lexicon, MAX_NAME_WORDS)
    if found is None:
        return None
    if spec.capitals:
        core = [w for _, _, w in found if word_key(w) not in lexicon.particles]
        letters = "".join(c for w in core for c in w if c.isalpha())
        if sum(c.isupper() for c in letters) < CAPITALS_SHARE * len(letters):
            return None
    value = " ".join(w.rstrip(".") for _, _, w in found).upper()
    return Parsed(value, found[0][0], found[-1][1])


def parse_given_names(text: str, lexicon: Lexicon) -> Parsed | None:
    """Given names, each in title case, separated as printed (commas kept)."""
    first_line = text.split("\n", 1)[0]
    found = _name_words(first_line, lexicon, MAX_GIVEN_NAMES)
    if found is None:
        return None
    start, end = found[0][0], found[-1][1]
    value = re.sub(r"\s*,\s*", ", ", " ".join(first_line[start:end].split()))
    value = re.sub(r"[^\W\d_][^\s,]*", lambda m: _title(m.group()), value)
    return Parsed(value, start, end)


def _name_prefix(words: list[tuple[int, int, str]], lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """The words of a name at the start of a value, up to where the sentence goes on.

    ``Reçu de M. Jean DUPONT la somme de...`` gives ``Jean DUPONT``: the name stops at a
    word in lower case (not a particle) or holding digits. A capitalised word no name
    holds (``SCI LES LILAS``, ``DU CLIENT``, ``M. et Mme``) means this is not one name:
    nothing. Trailing particles are dropped.
    """
    taken: list[tuple[int, int, str]] = []
    for word in words:
        key = word_key(word[2])
        if key in lexicon.particles:
            taken.append(word)
            continue
        if key in lexicon.not_name or key in lexicon.instructions:
            if word[2][:1].isupper():
                return []
            break
        if not _NAME_WORD.match(word[2]) or not word[2][:1].isupper():
            break
        taken.append(word)
    while taken and word_key(taken[-1][2]) in lexicon.particles:
        taken.pop()
    return taken


def parse_person(spec: FieldSpec, text: str, lexicon: Lexicon) -> Parsed | None:
    """A holder's name as printed, civility dropped; surname and given names when clear.

    Only a field named ``full_name`` (the document's holder) gives the surname and
    given names as extra fields; a marriage act's spouses do not.
    """
    words = _words(text.split("\n", 1)[0])
    while words and word_key(words[0][2]) in lexicon.civilities:
        words = words[1:]
    found = _name_prefix(words, lexicon)
    if not found or len(found) > MAX_PERSON_WORDS:
        return None
    if not any(
        sum(c.isalpha() for c in w) >= 2
        for _, _, w in found
        if word_key(w) not in lexicon.particles
    ):
        return None
    start, end = found[0][0], found[-1][1]
    names = [w.rstrip(".,") if len(w) > 2 else w for _, _, w in found]
    if len(names) == 1 and sum(c.isalpha() for c in names[0]) < 3:
        return None
    value = " ".join(names)
    extra: tuple[tuple[str, str], ...] = ()
    factor = 1.0
    capitals = [n for n in names if _is_capitals(n) and word_key(n) not in lexicon.particles]
    others = [n for n in names if not _is_capitals(n) and word_key(n) not in lexicon.particles]
    if spec.name != "full_name":
        pass
    elif capitals and others:
        surname = [n for n in names if _is_capitals(n) or word_key(n) in lexicon.particles]
        extra = (
            ("surname", " ".join(surname).upper()),
            ("given_names", " ".join(_title(n) for n in others)),
        )
    elif spec.surname_first and len(names) >= 2 and not others:
        lead = 0
        while lead < len(names) - 2 and word_key(names[lead]) in lexicon.particles:
            lead += 1
        extra = (
            ("surname", " ".join(names[: lead + 1]).upper()),
            ("given_names", " ".join(_title(n) for n in names[lead + 1 :])),
        )
        factor = ORDER_FACTOR
    return Parsed(value, start, end, extra=extra, factor=factor)


def _chunks(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text.split("\n")[0])]


def _number(spec: FieldSpec, chunks: list[str]) -> str | None:
    candidate = re.sub(r"[\s.]", "", "".join(chunks)).upper()
    if spec.pattern is not None and not re.fullmatch(spec.pattern, candidate):
        return None
    if spec.checksum is not None:
        return CHECKERS[spec.checksum](candidate)
    return candidate


def parse_number(spec: FieldSpec, text: str) -> Parsed | None:
    """The document number at the start of the value.

    The fewest first chunks that match the pattern (and the key), extended by the next
    chunks while they are all digits and still match: ``880 692 310 285`` is one
    number, ``562044387 du 02 juillet`` gives ``562044387``. A number with a key is
    taken with as many chunks as keep the key right.
    """
    chunks = _chunks(text)[:MAX_CHUNKS]
    texts = [c for _, _, c in chunks]
    for count in range(1, len(chunks) + 1):
        number = _number(spec, texts[:count])
        if number is None:
            continue
        end = count
        for more in range(count + 1, len(chunks) + 1):
            if not texts[more - 1].isdigit() and spec.checksum is None:
                break
            longer = _number(spec, texts[:more])
            if longer is not None:
                number, end = longer, more
        checked = spec.checksum is not None
        return Parsed(number, chunks[0][0], chunks[end - 1][1], checked=checked)
    return None


def parse_iban(text: str) -> Parsed | None:
    """A valid IBAN at the start of the value (after an ``IBAN`` word if printed)."""
    chunks = _chunks(text)
    if chunks and fold(chunks[0][2]).strip(":") == "iban":
        chunks = chunks[1:]
    best: Parsed | None = None
    for count in range(1, min(len(chunks), MAX_CHUNKS + 1) + 1):
        iban = validate_iban("".join(c for _, _, c in chunks[:count]))
        if iban is not None:
            best = Parsed(iban, chunks[0][0], chunks[count - 1][1], checked=True)
    return best


def parse_address(spec: FieldSpec, text: str, lexicon: Lexicon) -> Parsed | None:
    """One to three lines ending with the first line that holds a postcode."""
    lines = text.split("\n")
    offsets = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    for index in range(spec.skip_lines, len(lines)):
        if not _POSTCODE.search(lines[index]):
            continue
        first = max(spec.skip_lines, index - 2)
        chosen = [" ".join(line.split()) for line in lines[first : index + 1]]
        for line in chosen:
            keys = {word_key(w) for w in line.split()}
            if keys & lexicon.instructions or not any(c.isalpha() for c in line):
                return None
        start = offsets[first]
        return Parsed(", ".join(chosen), start, offsets[index] + len(lines[index]))
    return None


def parse_amount(spec: FieldSpec, text: str) -> Parsed | None:
    """An amount at the start of the value, with cents or a currency: ``1234.56``."""
    match = _AMOUNT.match(text.strip())
    marked = match is not None and (match["cents"] or match["cur1"] or match["cur2"])
    if match is None or not (marked or spec.whole_units):
        return None
    offset = len(text) - len(text.lstrip())
    units = re.sub(r"\D", "", match["units"])
    value = f"{int(units)}.{match['cents'] or '00'}"
    return Parsed(value, offset + match.start(), offset + match.end())


def parse_text(text: str, lexicon: Lexicon) -> Parsed | None:
    """One line of a few words, not instructions: an authority, a place."""
    raw = text.split("\n", 1)[0]
    line = " ".join(raw.split())
    if len(line) > MAX_TEXT_LENGTH or sum(c.isalpha() for c in line) < 2:
        return None
    if {word_key(w) for w in line.split()} & lexicon.instructions:
        return None
    start = len(raw) - len(raw.lstrip())
    return Parsed(line, start, len(raw.rstrip()))


def parse_value(spec: FieldSpec, text: str, lexicon: Lexicon, *, today: dt.date) -> Parsed | None:
    """Read ``text`` as the field's kind; None when it is not one."""
    if spec.kind == "surname":
        return parse_surname(spec, text, lexicon)
    if spec.kind == "given_names":
        return parse_given_names(text, lexicon)
    if spec.kind == "person":
        return parse_person(spec, text, lexicon)
    if spec.kind == "date":
        found = find_date(text.split("\n", 1)[0], spec.date_range, today)
        if found is None:
            return None
        return Parsed(found.value.isoformat(), found.start, found.end, factor=found.factor)
    if spec.kind == "number":
        return parse_number(spec, text)
    if spec.kind == "iban":
        return parse_iban(text)
    if spec.kind == "address":
        return parse_address(spec, text, lexicon)
    if spec.kind == "amount":
        return parse_amount(spec, text)
    return parse_text(text, lexicon)
