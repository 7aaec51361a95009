"""Small PNG previews of a document's first page, rendered on the server.

Phones cannot show a PDF inside a page (``<object>``), and a card or a slot
needs a glance, not the original: the first page is rendered once (pypdfium2
for PDFs, Pillow for images, within the pixel and page limits of
``settings.ocr``) and cached by the original's SHA-256 under
``DATA_DIR/thumbnails``. Only documents the pipeline could read get one: their
bytes have already been opened within those limits once.
"""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from PIL import Image, ImageOps

from paperasse import originals
from paperasse.archive.documents import visible_document
from paperasse.context import Context
from paperasse.errors import NotFoundError, PaperasseError
from paperasse.reading.images import pixel_guard
from paperasse.reading.pdf import open_pdf
from paperasse.reading.text import PDF_MIME
from paperasse.settings import Settings
from paperasse.web.access import PageRoute, ViewerDep

log = logging.getLogger(__name__)

router = APIRouter(route_class=PageRoute, include_in_schema=False)

WIDTH, HEIGHT = 240, 340
READABLE = frozenset({"processed", "needs_review"})


def _from_pdf(data: bytes, settings: Settings) -> Image.Image:
    pdf = open_pdf(data, max_pages=settings.ocr.max_pages)
    try:
        page = pdf[0]
        width, height = page.get_size()
        scale = min(WIDTH / max(width, 1), HEIGHT / max(height, 1))
        image: Image.Image = page.render(scale=scale).to_pil().convert("RGB")
        image.thumbnail((WIDTH, HEIGHT))
        return image
    finally:
        pdf.close()


def _from_image(data: bytes, settings: Settings) -> Image.Image:
    with pixel_guard(settings.ocr.max_pixels), Image.open(io.BytesIO(data)) as opened:
        opened.seek(0)
        opened.draft("RGB", (WIDTH * 2, HEIGHT * 2))
        image = ImageOps.exif_transpose(opened).convert("RGB")
    image.thumbnail((WIDTH, HEIGHT))
    return image


def render_thumbnail(data: bytes, mime: str, settings: Settings) -> bytes:
    """The first page of an original as a small PNG."""
    image = _from_pdf(data, settings) if mime == PDF_MIME else _from_image(data, settings)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cached_thumbnail(ctx: Context, sha256: str, mime: str) -> bytes:
    """The preview of an original, rendered on first use and then read from the cache."""
    folder = ctx.settings.data_dir / "thumbnails"
    path = folder / f"{sha256}.png"
    if path.exists():
        return path.read_bytes()
    png = render_thumbnail(originals.read(ctx, sha256), mime, ctx.settings)
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, png)
    return png


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


@router.get("/documents/{document_id}/apercu.png")
def thumbnail(request: Request, document_id: str, viewer: ViewerDep) -> Response:
    """The first page of a document the viewer may see, as a small PNG."""
    ctx: Context = request.app.state.ctx
    with ctx.sessions() as session:
        doc = visible_document(session, viewer.identity, document_id)
        sha256, mime, status = doc.sha256, doc.mime, doc.status
    if status not in READABLE:
        raise NotFoundError("Pas d'aperçu pour un document qui n'a pas pu être lu.")
    try:
        png = cached_thumbnail(ctx, sha256, mime)
    except PaperasseError:
        raise
    except Exception as e:
        log.warning("document %s: no preview (%s: %s)", document_id, type(e).__name__, e)
        raise NotFoundError("L'aperçu de ce document n'a pas pu être produit.") from e
    headers = {"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"}
    return Response(png, media_type="image/png", headers=headers)
