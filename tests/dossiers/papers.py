"""Realistic French supporting documents, made at test time as real files.

Born-digital PDFs carry the wording real issuers print, so that they classify
and yield their holder and dates once the classifier is wired; ``scan_png``
draws the same text on a page as a scanner would deliver it.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from paperasse.training.corpus.fakes import mrz_check, mrz_name, mrz_pad
from tests.samples import make_pdf

SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def edf_bill_text(holder: str, issued: dt.date, number: str = "10012345678") -> str:
    """An EDF electricity bill, as printed on the first page."""
    start = issued.replace(day=1) - dt.timedelta(days=31)
    return "\n".join(
        [
            "EDF - Électricité de France",
            "Service clients particuliers - TSA 20012 - 41975 Blois Cedex 9",
            "Votre facture d'électricité",
            f"Facture n° {number}",
            f"Date de facture : {fr(issued)}",
            f"Titulaire du contrat : {holder}",
            "Adresse de consommation : 12 rue des Lilas, 42000 Saint-Étienne",
            "Référence client : 6001234567",
            "Offre : Tarif Bleu - électricité",
            "Point de livraison (PDL) : 09876543210123",
            "Puissance souscrite : 6 kVA - Option tarifaire : Base",
            f"Période de consommation : du {fr(start)} au {fr(issued - dt.timedelta(days=5))}",
            "Index relevé 45872",
            "Consommation 350 kWh 63,13 €",
            "Abonnement 15,32 €",
            "Accise sur l'électricité (ex-CSPE) 350 kWh 7,70 €",
            "Contribution Tarifaire d'Acheminement (CTA) 3,06 €",
            "Total hors TVA 89,21 €",
            "TVA 5,5 % et 20 % 15,17 €",
            "Montant total TTC 104,38 €",
            f"Ce montant sera prélevé le {fr(issued + dt.timedelta(days=12))} sur votre compte.",
        ]
    )


def edf_bill(holder: str, issued: dt.date, number: str = "10012345678") -> bytes:
    return make_pdf(edf_bill_text(holder, issued, number))


def cerfa_inscription(applicant: str) -> bytes:
    """The CERFA 12669 request for the electoral rolls, filled in."""
    surname, given = applicant.split(" ", 1)
    return make_pdf(
        "\n".join(
            [
                "RÉPUBLIQUE FRANÇAISE",
                "cerfa N° 12669*02",
                "Demande d'inscription sur les listes électorales",
                "à l'usage des citoyens français",
                "Ministère de l'Intérieur",
                "Articles L. 9 à L. 15-1 du code électoral",
                "1 - Identité du demandeur",
                "[X] Madame",
                f"Nom de naissance : {surname}",
                "Nom d'usage :",
                f"Prénom(s) : {given}",
                "Date de naissance : 03/05/1988",
                "Lieu de naissance : Lyon - Département : Rhône (69)",
                "2 - Coordonnées",
                "Adresse : 12 rue des Lilas",
                "Code postal : 42000 - Commune : Saint-Étienne",
                "3 - Engagement du demandeur",
                "Je certifie sur l'honneur l'exactitude des renseignements fournis dans le "
                "présent formulaire. Toute fausse déclaration est passible de sanctions "
                "(article 441-6 du code pénal).",
                "Fait à Saint-Étienne, le 10/01/2026",
                "Signature du demandeur",
            ]
        )
    )


def scan_png(text: str) -> bytes:
    """The text drawn at 300 dpi on a white page, like a flatbed scan (one page, no layer)."""
    lines = text.splitlines()
    font = ImageFont.truetype(str(SERIF), 40)
    page = Image.new("L", (2480, 300 + 64 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for i, line in enumerate(lines):
        draw.text((180, 150 + i * 64), line, font=font, fill=20)
    out = io.BytesIO()
    page.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def _td1(number: str, surname: str, given: str, birth: dt.date, expiry: dt.date) -> list[str]:
    """The three MRZ lines of the 2021 identity card, every check digit computed."""
    one = mrz_pad(f"IDFRA{number}{mrz_check(number)}", 30)
    born, ends = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    two = mrz_pad(f"{born}{mrz_check(born)}F{ends}{mrz_check(ends)}FRA", 29)
    composite = one[5:30] + two[0:7] + two[8:15] + two[18:29]
    three = mrz_pad(f"{mrz_name(surname)}<<{mrz_name(given)}", 30)
    return [one, two + mrz_check(composite), three]


def identity_card(surname: str, given: str, issued: dt.date, expiry: dt.date) -> bytes:
    """Both sides of a 2021 French identity card, as a born-digital PDF."""
    birth = dt.date(1988, 5, 3)
    number = "X4RTBPFW4"
    recto = [
        "RÉPUBLIQUE FRANÇAISE",
        "CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD",
        f"Nom / Surname : {surname.upper()}",
        f"Prénoms / Given names : {given}",
        "Sexe / Sex : F    Nationalité / Nationality : FRA",
        f"Date de naissance / Date of birth : {fr(birth)}",
        "Lieu de naissance / Place of birth : LYON",
        f"N° du document / Document No : {number}",
        f"Date d'expiration / Expiry date : {fr(expiry)}",
    ]
    verso = [
        "Adresse / Address : 12 RUE DES LILAS 42000 SAINT-ÉTIENNE",
        f"Date de délivrance / Date of issue : {fr(issued)}",
        "Autorité de délivrance / Issuing authority : Préfet de la Loire",
        "",
        *_td1(number, surname, given, birth, expiry),
    ]
    return make_pdf("\n".join(recto), "\n".join(verso))
