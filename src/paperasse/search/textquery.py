"""Split what a person typed into words and "quoted phrases".

Both backends build their engine query from the same parts so that a search
means the same thing on tantivy and on OpenSearch: every part must match, a
word in any text field, a phrase as consecutive words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PART = re.compile(r'"([^"]*)"?|(\S+)')
# Characters the person did not mean as words: query-language operators of
# either engine. Removing them keeps a stray ":" or "(" from failing a search.
_NOISE = re.compile(r"[()\[\]{}^~*?:\\+!<>=|&]")


@dataclass(frozen=True)
class TextPart:
    """A word (``phrase`` False) or a quoted phrase to match in order."""

    text: str
    phrase: bool


def parse_text(text: str) -> list[TextPart]:
    """Return the words and phrases of ``text``, noise characters removed."""
    parts: list[TextPart] = []
    for match in _PART.finditer(text):
        quoted, word = match.group(1), match.group(2)
        raw = quoted if quoted is not None else word
        cleaned = " ".join(_NOISE.sub(" ", raw).split())
        if cleaned:
            parts.append(TextPart(cleaned, phrase=quoted is not None and " " in cleaned))
    return parts
