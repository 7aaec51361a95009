"""Fields read from documents drawn here, through real Tesseract or a real text layer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from paperasse.models.domain import ReadField
from paperasse.reading.entities.checksums import nir_key, numero_fiscal_key
from paperasse.reading.layout import read_fields
from paperasse.reading.ocr import ocr_page
from paperasse.reading.text import extract_pages
from tests.pagemaker import FONT_DIR, PageMaker

TODAY = dt.date(2026, 3, 1)
NIR = "1900775123456"
NIR_FULL = NIR + nir_key(NIR)
TAX_NUMBER = "1234567890" + numero_fiscal_key("1234567890")
Cell = tuple[int, int, str, int, bool]  # left, top, text, font size in pixels, bold


def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / f"DejaVuSans{'-Bold' if bold else ''}.ttf"), size)


def draw(size: tuple[int, int], cells: list[Cell], *, background: int = 255) -> Image.Image:
    """A grayscale page with each text drawn at its place."""
    image = Image.new("L", size, background)
    pen = ImageDraw.Draw(image)
    for left, top, text, font_size, bold in cells:
        pen.text((left, top), text, font=_font(font_size, bold), fill=15)
    return image


def read(doc_type: str, image: Image.Image) -> dict[str, ReadField]:
    page = ocr_page(image, number=1, dpi=300)
    return {f.name: f for f in read_fields(doc_type, [page], today=TODAY)}


def identity_card() -> Image.Image:
    """A card laid out like the 2021 identity card: small bilingual labels, values below."""
    x, label, value = 700, 34, 60
    cells: list[Cell] = [
        (80, 50, "RÉPUBLIQUE FRANÇAISE", 52, True),
        (x, 140, "CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD", 40, True),
        (x, 240, "NOM / Surname", label, False),
        (x, 290, "MARTIN", value, False),
        (x, 390, "Prénoms / Given names", label, False),
        (x, 440, "Jean-Noël, Marie", value, False),
        (x, 540, "SEXE / Sex", label, False),
        (x + 300, 540, "NATIONALITÉ / Nationality", label, False),
        (x + 900, 540, "DATE DE NAISS. / Date of birth", label, False),
        (x, 590, "F", value, False),
        (x + 300, 590, "FRA", value, False),
        (x + 900, 590, "13 07 1990", value, False),
        (x, 840, "N° DU DOCUMENT / Document No", label, False),
        (x + 900, 840, "DATE D'EXPIR. / Expiry date", label, False),
        (x, 890, "D2H6862M2", value, False),
        (x + 900, 890, "11 02 2030", value, False),
    ]
    card = draw((2300, 1300), cells, background=235)
    ImageDraw.Draw(card).rectangle((80, 240, 600, 940), fill=170)  # the photo
    return card


def test_identity_card_values_below_bilingual_labels() -> None:
    found = read("carte_identite", identity_card())
    values = {name: f.value for name, f in found.items()}
    assert values["surname"] == "MARTIN"
    assert values["given_names"] == "Jean-Noël, Marie"
    assert values["birth_date"] == "1990-07-13"
    assert values["expiry_date"] == "2030-02-11"
    assert values["document_number"] == "D2H6862M2"
    assert all(f.source == "label" and 0.8 <= f.confidence <= 1 for f in found.values())


def energy_bill() -> Image.Image:
    size = 40
    cells: list[Cell] = [
        (150, 100, "Électricité de France", 56, True),
        (1400, 100, "M. Jean DUPONT", size, False),
        (1400, 160, "12 RUE DES LILAS", size, False),
        (1400, 220, "42000 SAINT-ÉTIENNE", size, False),
        (150, 420, "Facture d'électricité", 50, True),
        (150, 540, "Date de facture : 02/02/2026", size, False),
        (150, 610, "N° de facture : 10045678912", size, False),
        (150, 760, "Titulaire du contrat", size, True),
        (1300, 760, "Adresse de consommation", size, True),
        (150, 820, "M. Jean DUPONT", size, False),
        (1300, 820, "12 RUE DES LILAS", size, False),
        (1300, 880, "42000 SAINT-ÉTIENNE", size, False),
        (150, 1050, "Montant à payer", size, True),
        (1900, 1050, "84,37 €", size, True),
        (150, 1120, "Date limite de paiement : 17/02/2026", size, False),
    ]
    return draw((2480, 1300), cells)


def test_bill_holder_address_and_dates() -> None:
    found = read("facture_energie", energy_bill())
    values = {name: f.value for name, f in found.items()}
    assert values["full_name"] == "Jean DUPONT"
    assert (values["surname"], values["given_names"]) == ("DUPONT", "Jean")
    assert values["address"] == "12 RUE DES LILAS, 42000 SAINT-ÉTIENNE"
    assert values["issue_date"] == "2026-02-02"
    assert values["document_number"] == "10045678912"
    assert values["amount_due"] == "84.37"
    assert values["due_date"] == "2026-02-17"


def payslip() -> Image.Image:
    size = 38
    spaced_nir = f"{NIR_FULL[0]} {NIR_FULL[1:3]} {NIR_FULL[3:5]} {NIR_FULL[5:7]} "
    spaced_nir += f"{NIR_FULL[7:10]} {NIR_FULL[10:13]} {NIR_FULL[13:]}"
    cells: list[Cell] = [
        (150, 100, "BULLETIN DE PAIE", 56, True),
        (150, 220, "Employeur : Boulangerie des Lilas", size, False),
        (150, 290, "Période du 01/01/2026 au 31/01/2026", size, False),
        (150, 420, "Salarié : M. Jean Luc PICARD", size, False),
        (150, 490, f"N° de sécurité sociale : {spaced_nir}", size, False),
        (150, 560, "Emploi : Boulanger", size, False),
        (150, 760, "Net à payer avant impôt sur le revenu", size, True),
        (1900, 760, "1 845,20 €", size, True),
        (150, 840, "Date de paiement : 31/01/2026", size, False),
    ]
    return draw((2480, 1000), cells)


def test_payslip_employee_and_social_security_number() -> None:
    found = read("bulletin_salaire", payslip())
    values = {name: f.value for name, f in found.items()}
    assert values["full_name"] == "Jean Luc PICARD"
    assert (values["surname"], values["given_names"]) == ("PICARD", "Jean Luc")
    assert values["social_security_number"] == NIR_FULL
    assert values["net_pay"] == "1845.20"
    assert values["issue_date"] == "2026-01-31"
    assert values["period_end"] == "2026-01-31"
    assert values["employer"] == "Boulangerie des Lilas"


def blank_form() -> Image.Image:
    size = 36
    dots = "." * 60
    cells: list[Cell] = [
        (150, 80, "DEMANDE D'INSCRIPTION SUR LES LISTES ÉLECTORALES", 46, True),
        (150, 200, "1. ÉTAT CIVIL", 40, True),
        (150, 290, f"NOM : {dots}", size, False),
        (150, 340, "Indiquer le nom de jeune fille pour les femmes mariées", 28, False),
        (150, 410, f"NOM MARITAL (facultatif) : {dots}", size, False),
        (150, 490, f"PRÉNOM(S) : {dots}", size, False),
        (150, 570, "SEXE : M  F", size, False),
        (150, 650, "NÉ(E) LE : ...... / ...... / ............", size, False),
        (150, 730, "Adresse :", size, False),
        (150, 810, "Code postal :", size, False),
        (900, 810, "Commune :", size, False),
    ]
    return draw((2480, 950), cells)


def test_blank_form_with_dotted_lines_and_instructions_gives_nothing() -> None:
    assert read("formulaire_cerfa", blank_form()) == {}


def tax_notice() -> Image.Image:
    size = 36
    cells: list[Cell] = [
        (150, 80, "AVIS D'IMPÔT 2025", 52, True),
        (150, 150, "SUR LES REVENUS DE L'ANNÉE 2024", 40, False),
        (1500, 80, "M DUPONT JEAN", size, False),
        (1500, 135, "12 RUE DES LILAS", size, False),
        (1500, 190, "42000 SAINT-ETIENNE", size, False),
        (150, 360, "Vos références", 40, True),
        (150, 430, f"Numéro fiscal : {TAX_NUMBER}", size, False),
        (150, 490, "Référence de l'avis : 2542A12345678", size, False),
        (150, 550, "Date de mise en recouvrement : 31/07/2025", size, False),
        (150, 610, "Date d'établissement : 08/07/2025", size, False),
        (150, 760, "Revenu fiscal de référence", size, True),
        (1700, 760, "25 340", size, True),
        (150, 830, "Montant de votre impôt", size, True),
        (1700, 830, "1 234 €", size, True),
    ]
    return draw((2480, 950), cells)


def test_tax_notice_references_and_dates() -> None:
    found = read("avis_imposition", tax_notice())
    values = {name: f.value for name, f in found.items()}
    assert values["tax_number"] == TAX_NUMBER
    assert values["document_number"] == "2542A12345678"
    assert values["issue_date"] == "2025-07-08"
    assert values["collection_date"] == "2025-07-31"
    assert values["reference_income"] == "25340.00"
    assert values["tax_amount"] == "1234.00"
    assert "full_name" not in values  # the addressee block has no label


def test_born_digital_bill_gets_words_and_its_fields(pages: PageMaker) -> None:
    data = pages.digital_pdf(
        [
            [
                "Free Service Abonné",
                "Nom de l'abonné : de Lattre Alexis",
                "Adresse de l'installation : 35 RUE DU LOGICIEL LIBRE",
                "69100 VILLEURBANNE",
                "Facture n°562044387 du 02 Juillet 2015",
                "Somme à payer 29.99 € TTC",
            ]
        ]
    )
    [page] = extract_pages(data, "application/pdf")
    assert page.source == "text-layer" and page.words
    assert all(w.confidence == 100 for w in page.words)
    assert max(w.left + w.width for w in page.words) <= page.width
    found = {f.name: f for f in read_fields("facture_telecom", [page], today=TODAY)}
    assert found["full_name"].value == "de Lattre Alexis"
    assert found["full_name"].confidence == 1.0
    assert found["address"].value == "35 RUE DU LOGICIEL LIBRE, 69100 VILLEURBANNE"
    assert found["issue_date"].value == "2015-07-02"
    assert found["document_number"].value == "562044387"
    assert found["amount_due"].value == "29.99"


def _form_pdf(value: str) -> bytes:
    """A one-page PDF: a printed ``Nom :`` label and a filled text field beside it."""
    content = b"BT /F1 12 Tf 50 750 Td (Nom :) Tj ET BT /F1 12 Tf 300 750 Td (Prenom :) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> /Annots [5 0 R] >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nom) /V (" + value.encode("latin-1")
        + b") /Rect [90 745 290 762] /DA (/Helv 10 Tf 0 g) /P 3 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.mark.parametrize(("typed", "surname"), [("Dupré", "DUPRÉ"), ("", None)])
def test_a_filled_form_field_is_a_word_beside_its_label(typed: str, surname: str | None) -> None:
    pages = extract_pages(_form_pdf(typed), "application/pdf")
    texts = [w.text for w in pages[0].words]
    assert texts[:2] == ["Nom", ":"] and (typed in texts) == bool(typed)
    found = {f.name: f.value for f in read_fields("formulaire_cerfa", pages, today=TODAY)}
    assert found.get("surname") == surname


CARD_TRUTH = {
    "surname": "MARTIN",
    "given_names": "Jean-Noël, Marie",
    "birth_date": "1990-07-13",
    "expiry_date": "2030-02-11",
    "document_number": "D2H6862M2",
}


def _jpeg(image: Image.Image, scale: float, quality: int) -> Image.Image:
    small = image.resize((int(image.width * scale), int(image.height * scale)))
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def test_a_small_compressed_card_gives_only_right_fields() -> None:
    found = read("carte_identite", _jpeg(identity_card(), 0.35, 35))
    assert found, "a legible card gives some field"
    assert {name: f.value for name, f in found.items()}.items() <= CARD_TRUTH.items()


def test_a_blurred_grainy_card_gives_nothing_rather_than_guesses(pages: PageMaker) -> None:
    card = pages.grain(identity_card().filter(ImageFilter.GaussianBlur(2.0)), 20.0)
    found = read("carte_identite", card)
    assert {name: f.value for name, f in found.items()}.items() <= CARD_TRUTH.items()
    assert len(found) < len(CARD_TRUTH)


def test_text_laid_over_a_scan_carries_no_name_but_a_checked_iban(pages: PageMaker) -> None:
    iban = "FR7630006000011234567890189"
    hidden = (
        "Titulaire du compte : M. Jean DUPONT\n"
        f"IBAN : {iban}\n" + "Relevé d'identité bancaire à remettre à vos créanciers.\n" * 8
    )
    data = pages.scan_pdf([pages.text_page(["RELEVÉ D'IDENTITÉ BANCAIRE"])], hidden_text=hidden)
    [page] = extract_pages(data, "application/pdf")
    assert page.source == "text-layer"
    assert page.words and all(w.confidence < 100 for w in page.words)
    found = {f.name: f.value for f in read_fields("rib", [page], today=TODAY)}
    assert found == {"iban": iban}


def old_identity_card() -> Image.Image:
    """A card laid out like the 1988-2021 model: labels and values on one line."""
    size = 44
    cells: list[Cell] = [
        (650, 60, "CARTE NATIONALE D'IDENTITÉ N° : 880692310285", 46, True),
        (650, 170, "Nom : BERTHIER", size, False),
        (650, 250, "Prénom(s) : CORINNE", size, False),
        (650, 330, "Sexe : F", size, False),
        (1100, 330, "Né(e) le : 06.12.1965", size, False),
        (650, 410, "à : PARIS 1ER (75)", size, False),
        (650, 490, "Taille : 1,70m", size, False),
        (650, 650, "Carte valable jusqu'au : 21.02.2006", size, False),
        (650, 730, "délivrée le : 22.02.1996", size, False),
        (650, 810, "par : PRÉFECTURE DE L'ESSONNE (91)", size, False),
    ]
    card = draw((2200, 950), cells, background=240)
    ImageDraw.Draw(card).rectangle((60, 170, 560, 800), fill=170)  # the photo
    return card


def test_old_identity_card_values_right_of_their_labels() -> None:
    found = read("carte_identite", old_identity_card())
    assert {name: f.value for name, f in found.items()} == {
        "surname": "BERTHIER",
        "given_names": "Corinne",
        "birth_date": "1965-12-06",
        "document_number": "880692310285",
        "expiry_date": "2006-02-21",
        "issue_date": "1996-02-22",
        "issuer": "PRÉFECTURE DE L'ESSONNE (91)",
    }
