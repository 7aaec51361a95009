"""Hostile files made at test time: decompression bombs and malformed page trees.

Each one reproduces a finding of the security review (issue 12): the bytes are
built here, object by object, so that nothing hostile is stored in the repository.
"""

from __future__ import annotations

import struct
import zlib

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return dictionary[:-2] + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(objects: list[bytes], *, root: int = 1, header: bytes = b"%PDF-1.7\n") -> bytes:
    """A PDF of ``objects`` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(header + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _one_page(content: bytes) -> bytes:
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            HELVETICA,
            _stream(b"<< /Filter /FlateDecode >>", content),
        ]
    )


def _deflate_repeated(chunk: bytes, total: int, *, head: bytes = b"", tail: bytes = b"") -> bytes:
    """``head``, ``chunk`` repeated to ``total`` bytes and ``tail``, compressed piece by piece."""
    compressor = zlib.compressobj(9)
    block = chunk * max(1, (1 << 20) // len(chunk))
    parts, written = [compressor.compress(head)], 0
    while written < total:
        piece = block[: total - written]
        parts.append(compressor.compress(piece))
        written += len(piece)
    parts += [compressor.compress(tail), compressor.flush()]
    return b"".join(parts)


def text_operator_bomb(inflated: int = 10 * 1024 * 1024) -> bytes:
    """A ~26 KB PDF whose one content stream inflates to ``inflated`` bytes of text operators."""
    content = _deflate_repeated(b"(A) Tj ", inflated, head=b"BT /F1 1 Tf 72 720 Td ", tail=b" ET")
    return _one_page(content)


def space_bomb(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A ~1 MB PDF whose one content stream inflates to ``inflated`` bytes of spaces."""
    return _one_page(_deflate_repeated(b" ", inflated))


def png_bomb(side: int = 30_000) -> bytes:
    """A PNG of ``side`` x ``side`` white gray pixels, a few hundred kilobytes."""
    row = b"\x00" + b"\xff" * side
    compressor = zlib.compressobj(9)
    block = row * max(1, (4 << 20) // len(row))
    rows_per_block = len(block) // len(row)
    parts, done = [], 0
    while done < side:
        count = min(rows_per_block, side - done)
        parts.append(compressor.compress(block[: count * len(row)]))
        done += count
    parts.append(compressor.flush())
    idat = b"".join(parts)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def self_referring_page_tree() -> bytes:
    """A page tree whose node lists itself among its kids."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


def fan_out_page_tree(levels: int = 24) -> bytes:
    """A page tree where each node lists the next one twice: 2**levels pages from a few objects."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        number = len(objects) + 1
        child = number + 1
        count = 2 ** (levels - level)
        node = b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>"
        objects.append(node % (child, child, count))
    objects.append(b"<< /Type /Page /MediaBox [0 0 595 842] >>")
    return build_pdf(objects)


def html_with_pdf_marker() -> bytes:
    """An HTML page whose first kilobyte mentions the PDF magic in a comment."""
    return b"<html><!-- %PDF-1.4 --><body><script>alert(1)</script></body></html>\n"
