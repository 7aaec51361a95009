"""Short constructors for page blocks, so templates read like the documents."""

from __future__ import annotations

from paperasse.training.corpus.types import Block


def title(text: str) -> Block:
    return Block("title", text)


def heading(text: str) -> Block:
    return Block("heading", text)


def line(text: str) -> Block:
    return Block("line", text)


def kv(key: str, value: str) -> Block:
    return Block("kv", value, key=key)


def para(text: str) -> Block:
    return Block("para", text)


def row(*cells: str) -> Block:
    return Block("row", cells=tuple(cells))


def mrz(text: str) -> Block:
    return Block("mrz", text)


def field(label: str, value: str) -> Block:
    """A card's field: ``label`` in small print above ``value``."""
    return Block("field", value, key=label)


def fields(*pairs: tuple[str, str]) -> Block:
    """Card fields side by side on one line: labels above, values below."""
    return Block("field", cells=tuple(part for pair in pairs for part in pair))


def photo() -> Block:
    """The holder's photo, on the left of the page."""
    return Block("photo")


def barcode(content: str) -> Block:
    """A DataMatrix (2D-Doc, or a card's visible digital seal) in the top right corner."""
    return Block("barcode", content)


def small(text: str) -> Block:
    return Block("small", text)


def gap() -> Block:
    return Block("gap")


def address_lines(name: str, street: str, postcode: str, city: str) -> list[Block]:
    """A postal address as printed in an envelope window."""
    return [line(name), line(street), line(f"{postcode} {city.upper()}")]
