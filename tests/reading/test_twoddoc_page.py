"""Finding 2D-Docs on generated pages: A4 scans, tiny crops, turned pages, transparency."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from paperasse.reading.twoddoc import decode_barcodes, read_2ddocs
from tests.pagemaker import A4_PX
from tests.reading.twoddoc_support import (
    GS,
    bill_page,
    datamatrix,
    fr00_signer,
    header,
    make_authority,
    qr_code,
    sign,
)

BODY = "10MME/SPECIMEN/NATACHA" + GS + "22145 AVENUE DES SPECIMENS" + GS + "2475000" + "25PARIS"


@pytest.fixture(scope="module")
def signed() -> tuple[bytes, object]:
    authority = make_authority()
    signer = authority.issue("AB12", secret=0x2D0C)
    return sign(header(version="04") + BODY, signer), authority.store(signer)


def test_a_2ddoc_on_an_a4_page_at_300_dpi(signed: tuple[bytes, object]) -> None:
    raw, store = signed
    docs = read_2ddocs(bill_page(datamatrix(raw)), page=2, trust=store)  # type: ignore[arg-type]
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.status, doc.page, doc.version, doc.authority) == ("valide", 2, "04", "FR99")
    assert doc.document_label.startswith("Facture")
    assert doc.fields["Ligne 1 de la norme adresse postale du bénéficiaire de la prestation"] == (
        "MME/SPECIMEN/NATACHA"
    )


def test_a_page_turned_by_90_degrees(signed: tuple[bytes, object]) -> None:
    raw, store = signed
    page = bill_page(datamatrix(raw)).rotate(90, expand=True)
    docs = read_2ddocs(page, trust=store)  # type: ignore[arg-type]
    assert [d.status for d in docs] == ["valide"]


def test_a_tiny_blurred_code_is_read_after_enlarging() -> None:
    raw = sign(header(version="02", authority="FR00", certificate="0001") + BODY, fr00_signer())
    sharp = datamatrix(raw, module_px=8)
    # About 1.3 px per module, resampled with anti-aliasing, as thumbnails are cut from PDFs.
    tiny = sharp.resize((sharp.width // 6, sharp.height // 6), Image.Resampling.BILINEAR)
    assert decode_barcodes(tiny) == [raw]
    docs = read_2ddocs(tiny)
    assert [(d.status, d.version) for d in docs] == [("autorite_test", "02")]


def test_a_bill_scanned_at_100_dpi_is_read_after_enlarging(signed: tuple[bytes, object]) -> None:
    raw, store = signed
    page = bill_page(datamatrix(raw))
    low = page.resize((page.width // 3, page.height // 3), Image.Resampling.LANCZOS)
    plain = zxingcpp.read_barcodes(low, formats=zxingcpp.BarcodeFormat.DataMatrix)
    assert plain == []  # 1.7 px per module: zxing-cpp alone does not read it
    docs = read_2ddocs(low, trust=store)  # type: ignore[arg-type]
    assert [d.status for d in docs] == ["valide"]


def test_a_code_on_a_transparent_background() -> None:
    raw = sign(header(version="03", authority="FR00", certificate="0001") + BODY, fr00_signer())
    modules = np.asarray(datamatrix(raw, module_px=3))
    rgba = np.zeros((*modules.shape, 4), dtype=np.uint8)  # transparent black everywhere
    rgba[..., 3] = np.where(modules < 128, 255, 0)  # only the dark modules are opaque
    image = Image.fromarray(rgba, mode="RGBA")
    assert decode_barcodes(image.convert("L")) == []  # as a plain gray image it is all black
    docs = read_2ddocs(image)
    assert [(d.status, d.version) for d in docs] == [("autorite_test", "03")]


def test_a_2ddoc_in_a_qr_code(signed: tuple[bytes, object]) -> None:
    raw, store = signed
    docs = read_2ddocs(bill_page(qr_code(raw)), trust=store)  # type: ignore[arg-type]
    assert [d.status for d in docs] == ["valide"]


def test_other_datamatrix_codes_are_ignored(signed: tuple[bytes, object]) -> None:
    raw, store = signed
    other = "EEEEEEEEEEEEEEEEEEEEEEEEMaëlys-Gaëlle;MARTIN;13/07/1990".encode()
    page = bill_page(datamatrix(other))
    page.paste(datamatrix(raw), (200, 200))
    assert set(decode_barcodes(page)) == {other, raw}
    assert [d.authority for d in read_2ddocs(page, trust=store)] == ["FR99"]  # type: ignore[arg-type]
    assert read_2ddocs(bill_page(datamatrix(other))) == []


def test_a_page_without_code_gives_nothing() -> None:
    assert decode_barcodes(Image.new("L", A4_PX, 255)) == []
    assert read_2ddocs(bill_page(Image.new("L", (10, 10), 255))) == []
