"""An HTML e-mail body reduced to plain text, safely and in linear time.

Only the text is kept: no script runs, no image or style is fetched, nothing of
the HTML is ever rendered. Paragraphs and list items keep their line breaks, and
a link keeps its address beside its words (town halls receive forms with links).

The standard library's ``HTMLParser`` takes quadratic time on some inputs (tens
of seconds for 50 KB of ``<a``), so the tags are found here by a single forward
scan: every character is looked at a bounded number of times, and the input is
cut at ``limit`` characters first.
"""

from __future__ import annotations

import html
import re

HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
        *("ol", "p", "pre", "section", "table", "tr", "ul"),
    }
)
CELLS = frozenset({"td", "th"})
LINKED = ("http://", "https://", "mailto:")
MAX_HTML_CHARS = 1_000_000

_TAG_NAME = re.compile(r"/?([a-zA-Z][a-zA-Z0-9:-]*)")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


class _Text:
    """What has been read so far: the text, and the link being read."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.href: str | None = None
        self.link_start = 0

    def data(self, raw: str) -> None:
        self.parts.append(_SPACES.sub(" ", html.unescape(raw)))

    def tag(self, name: str, closing: bool, inside: str) -> None:
        if name in BLOCKS:
            self.parts.append("\n")
            if name == "li" and not closing:
                self.parts.append("• ")
        elif name in CELLS and not closing:
            self.parts.append(" ")
        elif name == "a" and not closing:
            self.href, self.link_start = _href(inside), len(self.parts)
        elif name == "a" and self.href:
            shown = "".join(self.parts[self.link_start :])
            address = self.href.removeprefix("mailto:")
            if address not in shown:
                self.parts.append(f" ({address})")
            self.href = None


def _href(inside: str) -> str | None:
    found = _HREF.search(inside)
    if found is None:
        return None
    href = html.unescape(next(g for g in found.groups() if g is not None)).strip()
    return href if href.lower().startswith(LINKED) else None


def html_to_text(source: str, limit: int = MAX_HTML_CHARS) -> str:
    """The readable text of an HTML body, one paragraph per line."""
    s = source[:limit]
    text = _Text()
    pos = scan = 0  # text not yet read starts at pos; the next "<" is looked for from scan
    while True:
        start = s.find("<", scan)
        if start < 0:
            text.data(s[pos:])
            break
        if not _opens_markup(s, start):
            scan = start + 1
            continue
        if start > pos:
            text.data(s[pos:start])
        pos = scan = _markup(s, start, text)
    lines = (line.strip() for line in "".join(text.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _opens_markup(s: str, start: int) -> bool:
    after = s[start + 1 : start + 2]
    return after.isascii() and (after.isalpha() or after in "/!?")


def _markup(s: str, start: int, text: _Text) -> int:
    """Read the markup that begins at ``start``; returns where the text goes on."""
    if s.startswith("<!--", start):
        close = s.find("-->", start + 4)
        return len(s) if close < 0 else close + 3
    close = s.find(">", start + 1)
    if close < 0:  # no tag can end anywhere after this: the rest is text
        text.data(s[start:])
        return len(s)
    inside = s[start + 1 : close]
    named = _TAG_NAME.match(inside)
    if named is None:  # <!DOCTYPE ...>, <?xml ...?>
        return close + 1
    name = named.group(1).lower()
    closing = inside.startswith("/")
    if name in HIDDEN and not closing and not inside.endswith("/"):
        return _skip_hidden(s, close + 1, name)
    if name != "body":
        text.tag(name, closing, inside)
    return close + 1


def _skip_hidden(s: str, pos: int, name: str) -> int:
    """Skip a script, style or head up to its end tag (an unclosed <head> stops at <body>)."""
    ends = [f"</{name}"] + (["<body"] if name == "head" else [])
    pattern = re.compile("|".join(re.escape(e) for e in ends), re.IGNORECASE)
    found = pattern.search(s, pos)
    if found is None:
        return len(s)
    if found.group(0).lower() == "<body":
        return found.start()
    close = s.find(">", found.end())
    return len(s) if close < 0 else close + 1
