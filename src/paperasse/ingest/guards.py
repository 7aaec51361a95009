"""Cheap checks of a PDF's structure before any reader parses it.

A few hundred kilobytes of PDF can inflate to gigabytes (a content stream of one
gigabyte of spaces) or to millions of drawing operations (ten megabytes of text
operators cost pdfium a gigabyte and pdfplumber minutes); a page tree can list
itself, or list one node twice at every level until it announces millions of
pages. These checks measure what the file declares and what its streams inflate
to, each inflation stopping at its limit, so that such files are refused in a
fraction of a second with the reason a person can act on. They run inside the
sandboxed reader (:mod:`paperasse.ingest.sandbox`), whose memory and time limits
remain the guard for whatever they do not foresee.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from paperasse.errors import UnreadableDocumentError

log = logging.getLogger(__name__)

MB = 1024 * 1024
CHUNK = 64 * 1024
STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
MAX_TREE_DEPTH = 64
MAX_FORM_DEPTH = 8
DICT_WINDOW = 4096


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF may declare and inflate to before it is read."""

    max_pages: int
    max_pixels: int
    max_stream_bytes: int
    max_page_content_bytes: int
    max_objects: int


def too_heavy(why: str, *, pdf: bool = True, **details: object) -> UnreadableDocumentError:
    """The refusal of a file that cannot be read within the reader's limits."""
    what = "Ce PDF est trop lourd" if pdf else "Ce fichier est trop lourd"
    return UnreadableDocumentError(
        f"{what} à lire sans risque : {why}. Imprimez-le puis numérisez-le, ou "
        "enregistrez-le de nouveau depuis un autre logiciel, puis déposez-le.",
        details={"reason": why, **details},
    )


def broken_page_tree(why: str) -> UnreadableDocumentError:
    return UnreadableDocumentError(
        f"Le PDF est endommagé : {why}. Ouvrez-le pour vérifier, puis déposez-le à nouveau "
        "ou numérisez le document."
    )


def check_pdf(data: bytes, limits: PdfLimits) -> None:
    """Refuse a PDF whose streams, objects, page tree or page contents exceed ``limits``.

    The streams pdfminer inflates whole to find objects (object and cross-reference
    streams) are measured first; then the page tree and each page's content, whose
    limit is small, so a content bomb is refused after a few megabytes; then every
    other stream (images, fonts) up to the larger stream limit.
    """
    check_streams(data, limits.max_stream_bytes, only=_holds_objects)
    document = _open(data)
    if document is not None:
        _check_document(document, limits)
    check_streams(data, limits.max_stream_bytes, only=lambda d, s: not _holds_objects(d, s))


def _check_document(document: PDFDocument, limits: PdfLimits) -> None:
    objects = sum(len(list(xref.get_objids())) for xref in document.xrefs)
    if objects > limits.max_objects:
        raise too_heavy(
            f"il compte {objects} objets (la limite est de {limits.max_objects})",
            objects=objects,
            max_objects=limits.max_objects,
        )
    _PageTree(limits).walk(document)


def check_streams(
    data: bytes, limit: int, *, only: Callable[[bytes, int], bool] | None = None
) -> None:
    """Inflate the compressed streams of the file up to ``limit`` bytes, keeping none.

    ``only(data, start)`` picks the streams to measure by what precedes them.
    """
    for match in STREAM_START.finditer(data):
        if only is not None and not only(data, match.start()):
            continue
        size = inflated_size(data, match.end(), limit)
        if size > limit:
            raise too_heavy(
                f"un de ses flux compressés occupe plus de {limit // MB} Mo une fois décompressé",
                max_stream_mb=limit // MB,
            )


def _holds_objects(data: bytes, start: int) -> bool:
    """Whether the stream starting at ``start`` is an object or cross-reference stream."""
    window = data[max(0, start - DICT_WINDOW) : start]
    dictionary = window[window.rfind(b"obj") :]
    return b"/ObjStm" in dictionary or b"/XRef" in dictionary


def inflated_size(data: bytes, start: int, limit: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counted up to just past ``limit``.

    Not zlib data counts as 0: other filters (images) are bounded by their pixels.
    """
    inflater = zlib.decompressobj()
    total, position = 0, start
    try:
        while total <= limit and position < len(data) and not inflater.eof:
            pending = data[position : position + CHUNK]
            position += CHUNK
            while pending and total <= limit and not inflater.eof:
                total += len(inflater.decompress(pending, MB))
                pending = inflater.unconsumed_tail
    except zlib.error:
        return total
    return total


def _open(data: bytes) -> PDFDocument | None:
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except Exception as e:  # pdfminer raises many types; pdfium judges those files
        log.info("structure not checked (%s: %s); pdfium will judge the file", type(e).__name__, e)
        return None


class _PageTree:
    """A walk over the page tree that stops at the first sign of a hostile file."""

    def __init__(self, limits: PdfLimits) -> None:
        self.limits = limits
        self.pages = 0
        self.forms_seen: set[int] = set()

    def walk(self, document: PDFDocument) -> None:
        try:
            root = document.catalog.get("Pages")
        except Exception:
            return
        self._visit(root, frozenset(), None, 0)

    def _visit(self, ref: Any, path: frozenset[int], resources: Any, depth: int) -> None:
        objid = ref.objid if isinstance(ref, PDFObjRef) else None
        if objid is not None and objid in path:
            raise broken_page_tree("son arbre de pages se contient lui-même (une boucle)")
        if depth > MAX_TREE_DEPTH:
            raise broken_page_tree(f"son arbre de pages a plus de {MAX_TREE_DEPTH} niveaux")
        node = _resolve(ref)
        if not isinstance(node, dict):
            return
        resources = node.get("Resources", resources)
        kids = _resolve(node.get("Kids"))
        if isinstance(kids, list) and _name(_resolve(node.get("Type"))) != "Page":
            inner = path | {objid} if objid is not None else path
            for kid in kids:
                self._visit(kid, inner, resources, depth + 1)
            return
        self.pages += 1
        if self.pages > self.limits.max_pages:
            limit = self.limits.max_pages
            raise UnreadableDocumentError(
                f"Le document compte plus de {limit} pages ; la limite est de {limit}. "
                "Découpez-le avant de le déposer.",
                details={"max_pages": limit},
            )
        self._check_page(node, resources)

    def _check_page(self, page: dict[str, Any], resources: Any) -> None:
        content = sum(self._size(s) for s in _streams(page.get("Contents")))
        content += self._forms(resources, MAX_FORM_DEPTH)
        limit = self.limits.max_page_content_bytes
        if content > limit:
            raise too_heavy(
                f"une de ses pages contient plus de {limit // MB} Mo d'instructions de dessin",
                page=self.pages,
                max_page_content_mb=limit // MB,
            )

    def _forms(self, resources: Any, depth: int) -> int:
        """Content bytes of the form XObjects a page may draw; checks its images' sizes."""
        xobjects = _resolve(_get(_resolve(resources), "XObject"))
        if not isinstance(xobjects, dict) or depth == 0:
            return 0
        total = 0
        for ref in xobjects.values():
            stream = _resolve(ref)
            if not isinstance(stream, PDFStream):
                continue
            kind = _name(_resolve(stream.get("Subtype")))
            if kind == "Image":
                self._check_image(stream)
            elif kind == "Form":
                objid = ref.objid if isinstance(ref, PDFObjRef) else None
                if objid is not None and objid in self.forms_seen:
                    continue
                if objid is not None:
                    self.forms_seen.add(objid)
                total += self._size(stream) + self._forms(stream.get("Resources"), depth - 1)
        return total

    def _check_image(self, stream: PDFStream) -> None:
        width, height = _resolve(stream.get("Width")), _resolve(stream.get("Height"))
        if not isinstance(width, int) or not isinstance(height, int):
            return
        pixels, limit = width * height, self.limits.max_pixels
        if pixels > limit:
            raise UnreadableDocumentError(
                f"Une image du PDF est trop grande ({pixels / 1e6:.0f} mégapixels ; la limite "
                f"est de {limit / 1e6:.0f}). Réduisez sa résolution avant de la déposer.",
                details={"pixels": pixels, "max_pixels": limit},
            )

    def _size(self, stream: PDFStream) -> int:
        """Decoded bytes of a content stream, counted up to just past the page limit."""
        raw = stream.rawdata
        if raw is None:
            return len(stream.data or b"")
        if stream.decipher is not None and stream.objid is not None:
            raw = stream.decipher(stream.objid, stream.genno or 0, raw, stream.attrs)
        filters = stream.get_filters()
        if filters and filters[0][0] in LITERALS_FLATE_DECODE:
            return inflated_size(raw, 0, self.limits.max_page_content_bytes)
        return len(raw)


def _streams(value: Any) -> list[PDFStream]:
    value = _resolve(value)
    if isinstance(value, PDFStream):
        return [value]
    if isinstance(value, list):
        return [s for s in (_resolve(v) for v in value) if isinstance(s, PDFStream)]
    return []


def _resolve(value: Any) -> Any:
    try:
        return resolve1(value)
    except Exception:  # a dangling or broken reference: pdfium will judge it
        return None


def _get(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _name(value: Any) -> str | None:
    if not isinstance(value, PSLiteral):
        return None
    name = value.name
    return name.decode("latin-1") if isinstance(name, bytes) else name
