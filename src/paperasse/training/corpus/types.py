"""Types shared by the corpus generator and the document-type model.

A generated document is a list of blocks (title, key/value line, paragraph,
table row, MRZ line...) so that one description can be rendered both as a
born-digital PDF and as a degraded scan, and give the same plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from paperasse.models.domain import DOC_TYPES, UNKNOWN_TYPE

__all__ = ["DOC_TYPES", "UNKNOWN_TYPE"]


BlockKind = Literal["title", "heading", "line", "kv", "para", "row", "mrz", "small", "gap"]
PageFormat = Literal["a4", "card"]
Split = Literal["train", "heldout"]
Source = Literal["digital", "scan", "text", "correction"]


@dataclass(frozen=True)
class Block:
    """One piece of a page: ``kv`` uses ``key`` and ``text``, ``row`` uses ``cells``."""

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
    """Plain text of one block."""
    if block.kind == "kv":
        return f"{block.key} {block.text}".strip()
    if block.kind == "row":
        return "  ".join(block.cells)
    return block.text


class LabelledText(BaseModel):
    """A text with its document type: a generated document or an agent's correction."""

    text: str
    label: str
    doc_id: str = ""
    variant: str = ""
    source: Source = "text"
    split: Split = "train"


class CorpusManifest(BaseModel):
    """What a generated corpus holds and how it was made, stored beside the JSONL."""

    generator_version: int
    seed: int
    per_type: int
    heldout_per_type: int
    labels: list[str] = Field(default_factory=lambda: list(DOC_TYPES))
    scan_share: float
    documents: int
    train: int
    heldout: int
    counts: dict[str, int] = Field(default_factory=dict)
    seconds: float = 0.0
    corpus_file: str = "corpus.jsonl"
