"""Reading one e-mail: its headers, its text, its attachments, within limits.

MIME is parsed by the standard library's ``email`` package with ``policy.default``
(RFC 2047 headers and RFC 2231 file names decoded). The caller bounds the size of
the bytes; here the number of parts, the depth of nesting and the length of the
text are bounded too, and what is cut or could not be read is said in ``notes``,
in French, for the rendering that the mailroom reads.

Every leaf part that is not the text of the message is an attachment, inline
images included: a citizen's phone often sends the photo of a document inline,
and a logo taken once too often costs less than a document lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import mimetypes
import re
import unicodedata
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr

from paperasse.ingest.mail.htmltext import html_to_text

log = logging.getLogger(__name__)

MAX_PARTS = 200
MAX_DEPTH = 10
MAX_TEXT_CHARS = 100_000
MAX_NAME_CHARS = 255
TEXT_TYPES = ("text/plain", "text/html")


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    content_type: str


@dataclass
class Letter:
    """One e-mail as the mailroom reads it."""

    sender_name: str | None = None
    sender_address: str | None = None
    to: str = ""
    cc: str = ""
    date: dt.datetime | None = None
    subject: str = ""
    text: str = ""
    forwarded: list[Letter] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ParsedMail:
    """The message, and every attachment found in it (those of forwarded messages too)."""

    letter: Letter
    attachments: list[Attachment]


@dataclass
class _Walk:
    parts: int = 0
    attachments: list[Attachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def parse_mail(raw: bytes) -> ParsedMail:
    """The letter and attachments of a raw RFC 5322 message."""
    walk = _Walk()
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        letter = _letter(message, 0, walk)
    except RecursionError:
        log.warning("a message nested too deeply was read from its headers only")
        letter = parse_headers(raw)
        letter.notes.append("La structure de ce courriel est trop imbriquée pour être lue.")
        return ParsedMail(letter, [])
    letter.notes[:0] = walk.notes
    return ParsedMail(letter, walk.attachments)


def parse_headers(raw: bytes) -> Letter:
    """The letter of a message read from its headers alone (its body was not fetched)."""
    message = BytesParser(policy=policy.default).parsebytes(raw, headersonly=True)
    return _headers(message)


def _letter(message: MIMEPart, depth: int, walk: _Walk) -> Letter:
    letter = _headers(message)
    texts: list[str] = []
    _collect(message, depth, walk, texts, letter)
    text = "\n\n".join(t for t in texts if t)
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        letter.notes.append(
            f"Le texte de ce courriel a été coupé après {MAX_TEXT_CHARS:,} caractères.".replace(
                ",", " "
            )
        )
    letter.text = text
    return letter


def _collect(part: MIMEPart, depth: int, walk: _Walk, texts: list[str], letter: Letter) -> None:
    walk.parts += 1
    if walk.parts > MAX_PARTS:
        if walk.parts == MAX_PARTS + 1:
            walk.notes.append(
                f"Ce courriel a plus de {MAX_PARTS} parties : la suite n'a pas été lue."
            )
        return
    content_type = part.get_content_type()
    if content_type == "message/rfc822" and depth < MAX_DEPTH:
        inner = part.get_payload(0) if isinstance(part.get_payload(), list) else None
        if isinstance(inner, EmailMessage):
            letter.forwarded.append(_letter(inner, depth + 1, walk))
            return
    if part.is_multipart():
        if depth >= MAX_DEPTH:
            walk.notes.append("Une partie de ce courriel est trop imbriquée pour être lue.")
            return
        children = list(part.iter_parts())
        if content_type == "multipart/alternative":
            children = _preferred(children)
        for child in children:
            _collect(child, depth + 1, walk, texts, letter)
        return
    disposition = part.get_content_disposition()
    if content_type in TEXT_TYPES and disposition != "attachment":
        texts.append(_text_of(part, content_type))
        return
    _attach(part, content_type, walk)


def _preferred(children: list[MIMEPart]) -> list[MIMEPart]:
    """Of the alternatives of one text, the plain text, else the HTML, else the richest."""
    for wanted in TEXT_TYPES:
        for child in children:
            if child.get_content_type() == wanted:
                return [child]
    return children[-1:]


def _text_of(part: MIMEPart, content_type: str) -> str:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    charset = part.get_content_charset() or "utf-8"
    try:
        text = data.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        text = data.decode("utf-8", errors="replace")
    if content_type == "text/html":
        return html_to_text(text)
    return text.replace("\r\n", "\n").strip()


def _attach(part: MIMEPart, content_type: str, walk: _Walk) -> None:
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    number = len(walk.attachments) + 1
    walk.attachments.append(Attachment(_filename(part, content_type, number), data, content_type))


def _filename(part: MIMEPart, content_type: str, number: int) -> str:
    """A plain file name: the sender's, without folders or control characters, or one made up."""
    try:
        given = part.get_filename() or ""
    except (ValueError, LookupError, IndexError, AttributeError):
        given = ""
    name = re.split(r"[/\\]", unicodedata.normalize("NFC", given))[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if name in ("", ".", ".."):
        name = f"piece-jointe-{number}{mimetypes.guess_extension(content_type) or ''}"
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:16] if dot else ""
        name = (stem if dot else name)[: MAX_NAME_CHARS - len(ext) - 1] + (f".{ext}" if ext else "")
    return name


def _headers(message: MIMEPart) -> Letter:
    name, address = _sender(message)
    return Letter(
        sender_name=name,
        sender_address=address,
        to=_header(message, "to"),
        cc=_header(message, "cc"),
        date=_date(message),
        subject=_header(message, "subject")[:1000],
    )


def _header(message: MIMEPart, name: str) -> str:
    """A header decoded (RFC 2047), on one line; empty when absent or unreadable."""
    try:
        value = message.get(name)
    except (ValueError, LookupError, IndexError, AttributeError, TypeError):
        value = None
    text = "" if value is None else str(value)
    return _one_line(text)


def _one_line(text: str) -> str:
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return re.sub(r"\s+", " ", text).strip()


def _sender(message: MIMEPart) -> tuple[str | None, str | None]:
    try:
        header = message.get("from")
        addresses: tuple[Address, ...] = getattr(header, "addresses", ())
    except (ValueError, LookupError, IndexError, AttributeError, TypeError):
        addresses = ()
    if addresses:
        first = addresses[0]
        name, address = first.display_name, first.addr_spec
    else:
        name, address = parseaddr(_header(message, "from"))
    name, address = _one_line(name)[:255], _one_line(address)[:320]
    return name or None, address or None


def _date(message: MIMEPart) -> dt.datetime | None:
    try:
        header = message.get("date")
        when = getattr(header, "datetime", None)
    except (ValueError, LookupError, IndexError, AttributeError, TypeError, OverflowError):
        return None
    return when if isinstance(when, dt.datetime) else None
