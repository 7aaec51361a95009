"""Personal names as documents write them: civility, surname in capitals, given names.

French documents write ``M. Jean DUPONT``, ``DUPONT Jean``, ``Mme MARTIN MARIE``
or ``Marie Martin``. We take capitalised tokens as the surname when the name
mixes cases; an all-capitals name is read surname first (the administrative
order of tax notices and forms), a name in title case given names first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CIVILITY = (
    r"(?:Monsieur|Madame|Mademoiselle|MONSIEUR|MADAME|MADEMOISELLE|Mme|MME|Mlle|MLLE|Mr|MR"
    r"|M\.|MM\.|M(?=\s+[A-ZÀ-Þ]))\.?"
)
NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+"
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "di", "da", "del", "ben", "el"}
# Words that follow a civility without being a name ("Monsieur le Maire").
_TITLE_WORDS = """MAIRE PRESIDENT PRÉSIDENT DIRECTEUR DIRECTRICE PREFET PRÉFET ADJOINT
    CHEF RESPONSABLE CONSEILLER CONSEILLÈRE AGENT ET OU CLIENT CLIENTE TITULAIRE
    DOCTEUR MAITRE MAÎTRE SERVICE VOTRE NOTRE"""
TITLE_WORDS = frozenset(_TITLE_WORDS.split())


@dataclass(frozen=True)
class PersonName:
    """A person's name split into surname and given names, when we can tell them apart."""

    surname: str | None
    given_names: tuple[str, ...]
    text: str

    @property
    def full_name(self) -> str:
        """``Jean Pierre DUPONT``: given names in title case, then the surname in capitals."""
        if self.surname is None:
            return " ".join(self.given_names) or self.text
        return " ".join([*self.given_names, self.surname]).strip()


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title(token: str) -> str:
    return "-".join(part.capitalize() for part in token.split("-"))


def split_name(text: str, *, surname_first: bool | None = None) -> PersonName | None:
    """Split ``text`` (without civility) into surname and given names, None if no name.

    ``surname_first`` forces the order when case does not tell (``Nom et
    prénom :`` fields); by default all capitals means surname first.
    """
    tokens = [t.strip(",;:") for t in text.split() if t.strip(",;:")]
    if len(tokens) > 1 and tokens[0].upper() in {"LE", "LA"} and tokens[1].upper() in TITLE_WORDS:
        return None
    tokens = [t for t in tokens if t.upper() not in TITLE_WORDS or t.lower() in _PARTICLES]
    if not tokens or not any(c.isalpha() for c in "".join(tokens)):
        return None
    caps = [t for t in tokens if _is_caps(t)]
    if caps and len(caps) < len(tokens) and surname_first is None:
        rest = [_title(t) for t in tokens if not _is_caps(t) and t.lower() not in _PARTICLES]
        return PersonName(" ".join(caps), tuple(rest), text)
    if len(tokens) == 1:
        return PersonName(tokens[0].upper(), (), text)
    first = surname_first if surname_first is not None else bool(caps)
    if first:
        return PersonName(tokens[0].upper(), tuple(_title(t) for t in tokens[1:]), text)
    return PersonName(tokens[-1].upper(), tuple(_title(t) for t in tokens[:-1]), text)


CIVILITY_NAME = re.compile(
    rf"\b{CIVILITY}\s+(?:(?:et|&)\s+{CIVILITY}\s+)?"
    rf"(?P<name>{NAME_TOKEN}(?:[ \t]+(?:(?:de|du|des|d'|le|la)[ \t]+)?{NAME_TOKEN}){{0,3}})"
)


def civility_names(text: str) -> list[tuple[int, int, PersonName]]:
    """Names introduced by a civility (``M.``, ``Mme``, ``Madame``...), with their spans."""
    found: list[tuple[int, int, PersonName]] = []
    for match in CIVILITY_NAME.finditer(text):
        name = split_name(match["name"])
        if name is not None and name.surname and name.surname not in TITLE_WORDS:
            found.append((match.start("name"), match.end("name"), name))
    return found
