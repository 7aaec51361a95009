"""Turn engine snippets into safe HTML with <mark> around the matches.

Engines report matches either as byte ranges (tantivy) or with tags we choose
(OpenSearch). Either way the text around the matches is HTML-escaped here, so
a document containing "<script>" can never inject markup into a results page.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

# Private-use characters as tags: they cannot occur in extracted text, so the
# split below never confuses document text with a tag.
PRE_TAG = "\ue000"
POST_TAG = "\ue001"


def _escape(raw: bytes) -> str:
    return html.escape(raw.decode(errors="ignore"), quote=False)


def mark_byte_ranges(fragment: str, ranges: Iterable[tuple[int, int]]) -> str:
    """Escape ``fragment`` and wrap the given UTF-8 byte ranges in <mark>."""
    raw = fragment.encode()
    out: list[str] = []
    pos = 0
    for start, end in sorted(ranges):
        if start < pos:
            continue
        out.append(_escape(raw[pos:start]))
        out.append("<mark>" + _escape(raw[start:end]) + "</mark>")
        pos = end
    out.append(_escape(raw[pos:]))
    return "".join(out).strip()


def mark_tagged(text: str) -> str:
    """Escape ``text`` whose matches are between PRE_TAG and POST_TAG."""
    out: list[str] = []
    for chunk in text.split(PRE_TAG):
        marked, sep, rest = chunk.partition(POST_TAG)
        if sep:
            out.append(
                "<mark>"
                + html.escape(marked, quote=False)
                + "</mark>"
                + html.escape(rest, quote=False)
            )
        else:
            out.append(html.escape(chunk, quote=False))
    return "".join(out).strip()


def clip_to_page(
    pages: list[str], fragment_start: int, fragment: str, ranges: list[tuple[int, int]]
) -> tuple[int, str, list[tuple[int, int]]]:
    """Keep only the part of a snippet that lies on the page of its first match.

    ``fragment_start`` is the fragment's byte offset in the pages joined by
    single spaces; ``ranges`` are byte ranges relative to the fragment.
    Returns the 1-based page, the clipped fragment and the shifted ranges.
    """
    first = min(ranges)[0] + fragment_start
    page_start = 0
    for number, page in enumerate(pages, start=1):
        page_end = page_start + len(page.encode())
        if first < page_end or number == len(pages):
            lo = max(page_start - fragment_start, 0)
            raw = fragment.encode()
            hi = min(page_end - fragment_start, len(raw))
            kept = [(s - lo, e - lo) for s, e in ranges if s >= lo and e <= hi]
            return number, raw[lo:hi].decode(errors="ignore"), kept
        page_start = page_end + 1
    return 1, fragment, ranges
