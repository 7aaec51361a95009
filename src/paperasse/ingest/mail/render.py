"""An e-mail rendered as a readable PDF: the document the mailroom files and the worker reads.

The PDF carries a text layer (DejaVu fonts, which cover French and most European
scripts), so the worker reads the message without OCR. The same message always
renders to the same bytes: the PDF's date is the message's own, so a message taken
twice is recognised as the same document.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from paperasse.ingest.mail.parse import Letter

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
MISSING = "\u25a1"  # a white square where the font has no glyph
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def render_letter(
    letter: Letter, taken: Sequence[str] = (), refused: Sequence[tuple[str, str]] = ()
) -> bytes:
    """The message as a PDF: its headers, its text, its attachments and what became of them.

    ``taken`` names the attachments filed as documents of their own, ``refused``
    pairs each attachment that was not with its reason.
    """
    pdf = _new_pdf(letter)
    _letter(pdf, letter, "Courriel reçu")
    for number, inner in enumerate(letter.forwarded, start=1):
        pdf.ln(4)
        _letter(pdf, inner, f"Courriel joint n° {number}")
    if taken or refused:
        _heading(pdf, "Pièces jointes")
        for name in taken:
            _paragraph(pdf, f"• {name} : enregistrée comme document.")
        for name, reason in refused:
            _paragraph(pdf, f"• {name} : NON ENREGISTRÉE. {reason}")
    return bytes(pdf.output())


def letter_filename(letter: Letter) -> str:
    """The document's file name: the day it was sent and its subject, as plain characters."""
    words = unicodedata.normalize("NFKD", letter.subject)
    slug = "".join(c for c in words if not unicodedata.combining(c))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", slug).strip("-").lower()[:80].strip("-")
    day = f"{letter.date:%Y-%m-%d}-" if letter.date else ""
    return f"courriel-{day}{slug or 'sans-objet'}.pdf"


def french_date(when: dt.datetime | None) -> str:
    if when is None:
        return "date inconnue"
    zone = when.strftime("%z")
    shown = f" (UTC{zone[:3]}:{zone[3:]})" if zone else ""
    month = MONTHS[when.month - 1]
    return f"{when.day} {month} {when.year} à {when:%H:%M}{shown}"


def _new_pdf(letter: Letter) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_utc(letter.date) or EPOCH)
    pdf.set_title(_printable(letter.subject) or "Courriel sans objet")
    pdf.set_producer("paperasse")
    pdf.add_font("dejavu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("dejavu", style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    return pdf


def _letter(pdf: FPDF, letter: Letter, title: str) -> None:
    pdf.set_font("dejavu", style="B", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    sender = " ".join(
        p
        for p in (letter.sender_name, f"<{letter.sender_address}>" if letter.sender_address else "")
        if p
    )
    rows = (
        ("De", sender or "expéditeur inconnu"),
        ("À", letter.to),
        ("Cc", letter.cc),
        ("Date", french_date(letter.date)),
        ("Objet", letter.subject or "(sans objet)"),
    )
    for label, value in rows:
        if not value:
            continue
        pdf.set_font("dejavu", style="B", size=10)
        pdf.cell(18, 6, f"{label} :")
        pdf.set_font("dejavu", size=10)
        pdf.multi_cell(0, 6, _printable(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(3)
    pdf.set_font("dejavu", size=10)
    body = letter.text or "(Ce courriel n'a pas de texte.)"
    pdf.multi_cell(0, 5, _printable(body), new_x="LMARGIN", new_y="NEXT")
    for note in letter.notes:
        pdf.ln(2)
        pdf.set_font("dejavu", style="B", size=10)
        pdf.multi_cell(0, 5, _printable(f"Note : {note}"), new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font("dejavu", style="B", size=12)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.multi_cell(0, 5, _printable(text), new_x="LMARGIN", new_y="NEXT")


def _printable(text: str) -> str:
    """Text the font can draw: tabs as spaces, no control characters, a square for the rest."""
    glyphs = _glyphs()
    out = []
    for c in unicodedata.normalize("NFC", text.replace("\t", "    ").replace("\r", "")):
        if c == "\n" or ord(c) in glyphs:
            out.append(c)
        elif unicodedata.category(c)[0] == "C" or unicodedata.category(c) == "Zl":
            continue
        else:
            out.append(MISSING)
    return "".join(out)


@cache
def _glyphs() -> frozenset[int]:
    """The characters DejaVu Sans can draw (its bold face covers the same)."""
    pdf = FPDF()
    pdf.add_font("dejavu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    font = pdf.fonts["dejavu"]
    return frozenset(font.cmap) if isinstance(font, TTFFont) else frozenset()


def _utc(when: dt.datetime | None) -> dt.datetime | None:
    if when is None:
        return None
    return when.astimezone(dt.UTC) if when.tzinfo else when.replace(tzinfo=dt.UTC)
