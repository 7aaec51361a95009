"""Cheap judgements on page content: is a text layer usable, is a page blank.

A PDF's text layer is only worth keeping when it reads as text. Broken font encodings
give ``(cid:12)`` sequences, U+FFFD, private-use glyphs or letters from the wrong
alphabet; scanners sometimes add a few words of text (a stamp, a page number) on top of
a full-page image, which hides the real content from search. Both must go to OCR.

Blank detection decides whether a page deserves OCR at all and whether it separates
documents in a scanned batch. It counts dark pixels on a reduced image, so scanner
grain and isolated speckles (averaged away) do not count as content.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
from PIL import Image

CID_RE = re.compile(r"\(cid:\d+\)")
LATIN_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿæœ")

MIN_WORDLIKE_RATIO = 0.7  # letters, digits, usual punctuation among non-space characters
USUAL_PUNCTUATION = frozenset(".,;:!?'\"()[]{}-_/\\€$£%+*=<>&@#°§«»‘’“”–—…|~^")
MAX_BAD_RATIO = 0.05  # U+FFFD, private use, controls among non-space characters
MAX_CID_COUNT = 3
MIN_LATIN_RATIO = 0.8  # Latin letters among letters, for French documents
VOWEL_RANGE = (0.25, 0.65)  # French prose is near 0.45
VOWEL_MIN_LETTERS = 200
SCAN_IMAGE_COVERAGE = 0.5  # a page mostly covered by images is likely a scan
SCAN_MIN_CHARS = 200  # below this, a text layer on a scan is a stamp, not the page

INK_THRESHOLD = 160  # a reduced pixel darker than this is ink
INK_REDUCED_DPI = 75  # resolution at which ink is counted
ASSUMED_DPI = 300
INK_MARGIN = 0.03  # scanner edges and shadows are not content
CLEARLY_BLANK_INK = 0.00005  # below this, no OCR is spent on the page
SPARSE_INK = 0.003  # below this, a page without any real word is blank


def text_layer_problem(text: str, *, image_coverage: float = 0.0) -> str | None:
    """Say why a text layer is unusable (a short English reason), or None if it is fine.

    ``image_coverage`` is the fraction of the page area covered by images (0 to 1);
    a page mostly covered by images with only a few words of text is a scan whose
    text layer is a stamp or a header, so it is not trusted either.
    """
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return "empty"
    if len(CID_RE.findall(text)) > MAX_CID_COUNT:
        return "cid-glyphs"
    bad = sum(1 for c in chars if _is_bad_char(c))
    if bad / len(chars) > MAX_BAD_RATIO:
        return "unmapped-glyphs"
    wordlike = sum(1 for c in chars if c.isalnum() or c in USUAL_PUNCTUATION)
    if wordlike / len(chars) < MIN_WORDLIKE_RATIO:
        return "symbols"
    letters = [c for c in chars if c.isalpha()]
    latin = [c for c in letters if _is_latin(c)]
    if letters and len(latin) / len(letters) < MIN_LATIN_RATIO:
        return "foreign-script"
    if len(latin) >= VOWEL_MIN_LETTERS:
        vowels = sum(1 for c in latin if c.lower() in LATIN_VOWELS)
        if not VOWEL_RANGE[0] <= vowels / len(latin) <= VOWEL_RANGE[1]:
            return "unlikely-letters"
    if image_coverage >= SCAN_IMAGE_COVERAGE and len(chars) < SCAN_MIN_CHARS:
        return "too-short-for-scan"
    return None


def is_usable_text_layer(text: str, *, image_coverage: float = 0.0) -> bool:
    """True when the text layer reads as real text and covers the page."""
    return text_layer_problem(text, image_coverage=image_coverage) is None


def _is_bad_char(c: str) -> bool:
    if c == "\ufffd":
        return True
    category = unicodedata.category(c)
    return category in ("Co", "Cn", "Cs") or (category == "Cc" and c not in "\t\r\n")


def _is_latin(c: str) -> bool:
    if c.isascii():
        return True
    try:
        return unicodedata.name(c).startswith("LATIN")
    except ValueError:
        return False


def ink_ratio(image: Image.Image, *, dpi: int | None = None) -> float:
    """Fraction of the page (inside a small margin) that is dark, on a reduced copy.

    Reducing to about 75 dpi by averaging blocks first makes single-pixel speckles
    and grain vanish while strokes of text, even thin ones, stay dark. ``dpi`` is the
    image's resolution (300 is assumed when unknown).
    """
    gray = image if image.mode == "L" else image.convert("L")
    width, height = gray.size
    mx, my = int(width * INK_MARGIN), int(height * INK_MARGIN)
    inner = gray.crop((mx, my, width - mx, height - my))
    factor = max(1, round((dpi or ASSUMED_DPI) / INK_REDUCED_DPI))
    if min(inner.size) < 100 * factor:
        factor = 1
    small = inner.reduce(factor) if factor > 1 else inner
    pixels = np.asarray(small)
    if pixels.size == 0:
        return 0.0
    return float(np.count_nonzero(pixels < INK_THRESHOLD)) / pixels.size


def is_clearly_blank(image: Image.Image, *, dpi: int | None = None) -> bool:
    """True when a page has so little ink that OCR could not find anything on it."""
    return ink_ratio(image, dpi=dpi) < CLEARLY_BLANK_INK
