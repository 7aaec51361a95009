"""Text folding and OCR-tolerant patterns shared by the triage rules.

Scanned mail reaches us with lost accents, odd apostrophes and OCR confusions
(``l``/``1``, ``o``/``0``, ``m``/``rn``). Rules are written once, in plain French, and
compiled into patterns that match the folded text despite that noise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "‘": "'", "`": "'", "´": "'"}
)
_SPACES = re.compile(r"\s+")

# One character of the rule -> what OCR may have read instead (folded text).
_CONFUSIONS: dict[str, str] = {
    "o": "[o0]",
    "l": "[l1i|]",
    "i": "[il1|!]",
    "e": "[ec]",
    "s": "[s5]",
    "m": "(?:m|rn|nn)",
    "g": "[g9q]",
    "b": "[b6h]",
    "u": "[uv]",
    "n": "[nu]",
    "c": "[ce]",
    "t": "[tf]",
}
_GAP = r"[\s\-'.,_]*"
_NEGATION = re.compile(r"(?:(?:sans|aucun|aucune|pas de|ni|plus de) |pas d'|sans l')$")
_WORD_END = "(?:s|x)?"  # plural of an inner word: "listes electorales", "nids de poule"


def fold(text: str) -> str:
    """Lower-case, strip accents and ligatures, unify apostrophes, collapse spaces.

    Folding makes "Déclaration  Préalable" and "declaration prealable" the same
    string, so that rules and the statistical model see one spelling.
    """
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def _char_pattern(ch: str) -> str:
    if ch in _CONFUSIONS:
        return _CONFUSIONS[ch]
    if ch == "*":
        return "[a-z]*"
    if ch == " ":
        return _WORD_END + _GAP
    if ch in "-'":
        return _GAP
    return re.escape(ch)


@lru_cache(maxsize=2048)
def fuzzy(phrase: str) -> re.Pattern[str]:
    """Compile a French phrase into a pattern tolerant of OCR noise on folded text.

    A ``*`` accepts any letters ("effondr*" matches "effondrement");
    otherwise a plural ``s``/``x`` is allowed after every word. Words must start on a word boundary.
    Phrases shorter than six characters are matched exactly, without plural.
    """
    folded = fold(phrase)
    open_ending = folded.endswith("*")
    # Short words (PACS, PLU, CCAS) are matched exactly: noise would make them ambiguous.
    exact = len(folded) < 6
    body = "".join(
        re.escape(ch) if exact and ch not in " -'*" else _char_pattern(ch) for ch in folded
    )
    if open_ending:
        ending = ""
    elif exact:
        ending = "(?![a-z])"  # "PLU" must not match "plus"
    else:
        ending = "(?:s|x)?(?![a-z])"
    return re.compile(r"(?<![a-z0-9])" + body + ending)


def first_match(
    text_folded: str, phrases: tuple[str, ...], *, skip_negated: bool = False
) -> str | None:
    """The first of ``phrases`` found in the folded text, as an agent should read it.

    A plain phrase is returned as written in the rule; a wildcard one as it was read
    in the text ("mettons en demeure" for "m* en demeure"). With ``skip_negated``,
    occurrences right after a negation ("sans danger", "aucun danger") do not count.
    """
    for phrase in phrases:
        for match in fuzzy(phrase).finditer(text_folded):
            if skip_negated and _NEGATION.search(
                text_folded[max(0, match.start() - 20) : match.start()]
            ):
                continue
            return match[0] if "*" in phrase else phrase
    return None


# The standard "voies et délais de recours" footer of decisions: it tells how to
# appeal, it is not an appeal, so it must not make a letter urgent.
_APPEAL_NOTICE = re.compile(
    r"[^.]*(?:peut faire l'objet d'un recours|peuvent faire l'objet d'un recours|"
    r"voies et delais de recours|peut etre contestee?|delais et voies de recours)[^.]*\.?"
)


def strip_appeal_notice(folded: str) -> tuple[str, bool]:
    """Remove the appeal-rights footer from folded text; say whether one was found."""
    stripped, count = _APPEAL_NOTICE.subn(" ", folded)
    return stripped, count > 0


def percent(value: float) -> str:
    """A confidence as French readers write it: "87 %"."""
    return f"{round(value * 100)} %"
