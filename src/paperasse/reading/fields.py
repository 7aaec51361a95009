"""The fields stage: what a document states, from every reader, merged by trust.

Each reader gives fields with a source and a confidence: the 2D-Docs found on the
page images (``twoddoc``), the first valid machine-readable zone (``mrz``), the
labels and values laid out on the page (``layout``), and the dates written after an
unambiguous label in the page's text (``entities.doc_dates``: "Date de facture",
"Date d'expiration"...), whose confidence is scaled by how well the page was read.
``trust.merge_fields`` keeps one trusted field per name.
"""

from __future__ import annotations

import datetime as dt

from paperasse.models.domain import ReadField
from paperasse.reading.document import DocumentReading
from paperasse.reading.entities import locate_expiry_date, locate_issue_date
from paperasse.reading.entities.doc_dates import DateFinding
from paperasse.reading.layout import read_fields as layout_fields
from paperasse.reading.mrz import mrz_fields
from paperasse.reading.trust import merge_fields
from paperasse.reading.twoddoc import twoddoc_fields

# Cues a date is read after in flattened text that name the date beyond doubt; the
# generic ones ("Date :", "le ...", the latest date on the page) are left out.
UNAMBIGUOUS_CUES = frozenset(
    {
        "mise_en_recouvrement",
        "date_etablissement",
        "date_facture",
        "date_emission",
        "date_delivrance",
        "date_paiement",
        "date_edition",
        "fait_le",
        "date_expiration",
    }
)


def read_document_fields(
    doc_type: str | None, reading: DocumentReading, *, today: dt.date
) -> list[ReadField]:
    """Every trusted field of the document, one per name, the most trusted source first."""
    groups = [twoddoc_fields(doc) for doc in reading.twoddocs]
    if reading.mrz is not None:
        groups.append(mrz_fields(reading.mrz, reading.mrz_page))
    groups.append(layout_fields(doc_type, reading.pages, today=today))
    groups.append(labelled_dates(doc_type, reading, today=today))
    return merge_fields(groups)


def labelled_dates(
    doc_type: str | None, reading: DocumentReading, *, today: dt.date
) -> list[ReadField]:
    """Issue and expiry dates written after an unambiguous label in the page's text."""
    found = [
        ("issue_date", locate_issue_date(doc_type, reading.pages, [], today=today)),
        ("expiry_date", locate_expiry_date(doc_type, reading.pages, [], today=today)),
    ]
    return [
        _as_field(name, finding, reading)
        for name, finding in found
        if finding is not None and finding.cue in UNAMBIGUOUS_CUES
    ]


def _as_field(name: str, finding: DateFinding, reading: DocumentReading) -> ReadField:
    page = reading.pages[finding.page - 1]
    legibility = 1.0 if page.ocr_confidence is None else page.ocr_confidence / 100
    return ReadField(
        name=name,
        value=finding.value.isoformat(),
        source="label",
        confidence=round(finding.confidence * legibility, 3),
        page=finding.page,
        text=finding.cue,
    )
