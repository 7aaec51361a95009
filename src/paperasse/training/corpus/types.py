"""Types shared by the corpus generator and the document-type model.

A generated document is a list of blocks (title, key/value line, paragraph,
table row, MRZ line...) so that one description can be rendered both as a
born-digital PDF and as a degraded scan, and give the same plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from paperasse.models.domain import DOC_LABELS, DOC_TYPES, UNKNOWN_TYPE

__all__ = ["DOC_LABELS", "DOC_TYPES", "UNKNOWN_TYPE"]


BlockKind = Literal[
    "title", "heading", "line", "kv", "field", "para", "row", "mrz", "small", "gap", "photo",
    "barcode",
]  # fmt: skip
# a4: a sheet; id1: a bank-card-sized card (85.6 x 54 mm: ID card since 2021, residence
# permit, driving licence, carte Vitale); id3: a passport page (125 x 88 mm); slip: a
# small sheet (a RIB); scene: a photo of things, with a caption at most.
PageFormat = Literal["a4", "id1", "id3", "slip", "scene"]
Split = Literal["train", "heldout"]
Source = Literal["digital", "scan", "photo", "text", "correction"]


@dataclass(frozen=True)
class Block:
    """One piece of a page: ``kv`` uses ``key`` and ``text``, ``row`` uses ``cells``.

    ``field`` is a card's labelled value, the label in small print above the value
    (``NOM / Surname`` over ``MARTIN``); ``cells`` then holds (label, value) pairs
    printed side by side. ``photo`` reserves the left of the page for the holder's
    photo; ``barcode`` prints a DataMatrix of ``text`` in the top right corner. Neither
    has text of its own.
    """

    kind: BlockKind
    text: str = ""
    key: str = ""
    cells: tuple[str, ...] = ()


@dataclass
class Doc:
    """A generated document before rendering: its label, variant and blocks."""

    label: str
    variant: str
    page: PageFormat = "a4"
    blocks: list[Block] = field(default_factory=list)
    pages: list[list[Block]] = field(default_factory=list)
    mrz: tuple[str, str] | None = None
    """(format, document code) of the machine-readable zone drawn, e.g. ("td1", "ID")."""
    mrz_page: int = -1
    """Index in ``all_pages()`` of the page carrying the MRZ (-1: the last)."""
    twoddoc: str | None = None
    """ANTS document type of the 2D-Doc printed on the first page, e.g. "01"."""
    security: bool = False
    """Printed on a security background (guilloche), as identity documents are."""

    def all_pages(self) -> list[list[Block]]:
        """Pages to render: ``pages`` when set (recto/verso), else ``blocks`` alone."""
        return self.pages if self.pages else [self.blocks]

    def plain_text(self) -> str:
        """The text a perfect reader would get, one block per line."""
        lines: list[str] = []
        for page in self.all_pages():
            for block in page:
                lines.append(block_text(block))
        return "\n".join(line for line in lines if line)


def block_text(block: Block) -> str:
    """Plain text of one block (a row of card fields: the labels, then the values)."""
    if block.kind == "kv":
        return f"{block.key} {block.text}".strip()
    if block.kind == "row":
        return "  ".join(block.cells)
    if block.kind in ("photo", "barcode"):
        return ""
    if block.kind == "field":
        pairs = block.cells or (block.key, block.text)
        labels, values = pairs[0::2], pairs[1::2]
        return "\n".join(part for part in ("  ".join(labels), "  ".join(values)) if part.strip())
    return block.text


class LabelledText(BaseModel):
    """A text with its document type: a generated document or an agent's correction."""

    text: str
    label: str
    doc_id: str = ""
    variant: str = ""
    source: Source = "text"
    split: Split = "train"
    cues: list[str] = Field(
        default_factory=list, description="layout cues (paperasse.classify.model.cues)"
    )


class CorpusManifest(BaseModel):
    """What a generated corpus holds and how it was made, stored beside the JSONL."""

    generator_version: int
    seed: int
    per_type: int
    heldout_per_type: int
    labels: list[str] = Field(default_factory=lambda: list(DOC_LABELS))
    scan_share: float
    documents: int
    train: int
    heldout: int
    counts: dict[str, int] = Field(default_factory=dict)
    seconds: float = 0.0
    corpus_file: str = "corpus.jsonl"
