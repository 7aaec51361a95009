"""Deterministic generator of scan-like French administrative pages.

Benchmarks need pages that look like what a town hall receives (letters, invoices,
certificates) with the exact text they carry, so that OCR accuracy can be measured.
Everything is derived from a seed: the same seed gives the same pages, byte for byte.

Scans are rendered at 300 dpi on A4, turned a little (±2°), blurred, grained and
speckled like a copier's output, and saved as PNG plus a single-page PDF wrapping the
same PNG losslessly (for tools that only take PDFs). Born-digital pages are real PDFs
with a text layer, written by fpdf2.

Usage: ``.venv/bin/python -m bench.scans --scans 20 --digital 5 --out bench/data/scans``.
"""

from __future__ import annotations

import argparse
import json
import random
import textwrap
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from faker import Faker
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
A4_PX = (2480, 3508)
A4_PT = (595.28, 841.89)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = ("DejaVuSerif.ttf", "DejaVuSans.ttf", "DejaVuSansCondensed.ttf")
MARGIN_PX = 240
CHARS_PER_LINE = 72


@dataclass
class Sample:
    """One generated page and the text it carries."""

    name: str
    kind: str  # "scan" or "digital"
    text: str
    png: str | None
    pdf: str


def _letter(fake: Faker, rng: random.Random) -> list[str]:
    motifs = [
        "demande de permis de construire pour l'extension de ma maison",
        "demande d'inscription de mon enfant à l'école maternelle",
        "réclamation concernant la collecte des ordures ménagères",
        "demande de logement social pour ma famille de quatre personnes",
        "demande d'autorisation d'occupation du domaine public",
    ]
    motif = rng.choice(motifs)
    body = (
        f"Je me permets de vous adresser ma {motif}. Vous trouverez ci-joint les "
        "pièces justificatives demandées : justificatif de domicile de moins de trois "
        "mois, copie de ma pièce d'identité et avis d'imposition de l'année dernière. "
        f"Je reste joignable au {fake.phone_number()} pour tout renseignement "
        "complémentaire et je vous remercie par avance de l'attention que vous "
        "porterez à mon dossier."
    )
    return [
        fake.name(),
        fake.street_address(),
        f"{fake.postcode()} {fake.city()}",
        "",
        f"Monsieur le Maire de {fake.city()}",
        f"Le {fake.date_this_year().strftime('%d/%m/%Y')}",
        "",
        f"Objet : {motif}",
        "",
        "Monsieur le Maire,",
        "",
        *textwrap.wrap(body, CHARS_PER_LINE),
        "",
        *textwrap.wrap(
            "Je vous prie d'agréer, Monsieur le Maire, l'expression de mes "
            "salutations distinguées.",
            CHARS_PER_LINE,
        ),
        "",
        fake.name(),
    ]


def _invoice(fake: Faker, rng: random.Random) -> list[str]:
    items = ["Fournitures de bureau", "Entretien des espaces verts", "Réparation toiture"]
    items += ["Location de salle", "Maintenance informatique", "Nettoyage des locaux"]
    lines = [
        fake.company(),
        fake.street_address(),
        f"{fake.postcode()} {fake.city()}",
        f"SIRET {rng.randrange(10**13, 10**14)}",
        "",
        f"FACTURE N° {rng.randrange(1000, 99999)}",
        f"Date : {fake.date_this_year().strftime('%d/%m/%Y')}",
        f"Client : Mairie de {fake.city()}",
        "",
        "Désignation                         Quantité    Prix HT",
    ]
    total = 0.0
    for item in rng.sample(items, 4):
        qty, price = rng.randrange(1, 20), rng.randrange(500, 90000) / 100
        total += qty * price
        lines.append(f"{item:<36}{qty:>8}    {price:>8.2f} €")
    lines += [
        "",
        f"Total HT : {total:.2f} €",
        f"TVA 20 % : {total * 0.2:.2f} €",
        f"Total TTC : {total * 1.2:.2f} €",
        "",
        f"Règlement par virement sur le compte {fake.iban()}",
        "à réception de la facture, sans escompte.",
    ]
    return lines


def _certificate(fake: Faker, rng: random.Random) -> list[str]:
    kind = rng.choice(["d'hébergement", "de domicile", "sur l'honneur"])
    body = (
        f"Je soussigné(e) {fake.name()}, né(e) le "
        f"{fake.date_of_birth(minimum_age=20, maximum_age=80).strftime('%d/%m/%Y')} à "
        f"{fake.city()}, demeurant {fake.street_address()} {fake.postcode()} "
        f"{fake.city()}, atteste sur l'honneur héberger à mon domicile depuis le "
        f"{fake.date_this_decade().strftime('%d/%m/%Y')} {fake.name()}. Je suis "
        "informé(e) que toute fausse déclaration expose son auteur aux sanctions "
        "prévues par l'article 441-7 du Code pénal."
    )
    return [
        f"ATTESTATION {kind.upper()}",
        "",
        *textwrap.wrap(body, CHARS_PER_LINE),
        "",
        "Pièces jointes : copie de la pièce d'identité de l'hébergeant,",
        "facture d'électricité de moins de trois mois.",
        "",
        f"Fait à {fake.city()}, le {fake.date_this_year().strftime('%d/%m/%Y')}",
        "",
        "Signature",
    ]


TEMPLATES: tuple[Callable[[Faker, random.Random], list[str]], ...] = (
    _letter,
    _invoice,
    _certificate,
)


def page_lines(seed: int) -> list[str]:
    """Return the lines of one administrative page, chosen and filled from ``seed``."""
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    return rng.choice(TEMPLATES)(fake, rng)


def render_page(lines: list[str], font_name: str, size_px: int = 46) -> Image.Image:
    """Render lines as black text on a white A4 page at 300 dpi (grayscale)."""
    page = Image.new("L", A4_PX, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / font_name), size_px)
    y = MARGIN_PX
    for line in lines:
        if line:
            draw.text((MARGIN_PX, y), line, font=font, fill=20)
        y += int(size_px * 1.5)
    return page


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """Make a clean page look scanned: tilt, blur, grain, grey paper and speckles."""
    angle = rng.uniform(-2.0, 2.0)
    out = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    nprng = np.random.default_rng(rng.randrange(2**32))
    arr = np.asarray(out, dtype=np.float32) * rng.uniform(0.92, 0.97)
    arr += nprng.normal(0.0, rng.uniform(5.0, 10.0), arr.shape)
    speckles = nprng.random(arr.shape) < 0.0004
    arr[speckles] = nprng.uniform(0, 80, int(speckles.sum()))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def _png_to_pdf(png: Path, pdf: Path) -> None:
    doc = FPDF(unit="pt", format=A4_PT)
    doc.add_page()
    doc.image(str(png), x=0, y=0, w=A4_PT[0], h=A4_PT[1])
    doc.output(str(pdf))


def digital_pdf(lines: list[str], path: Path) -> None:
    """Write a born-digital single-page PDF (with a text layer) carrying ``lines``."""
    doc = FPDF(unit="pt", format=A4_PT)
    doc.add_font("DejaVu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    doc.set_font("DejaVu", size=11)
    doc.add_page()
    for line in lines:
        doc.cell(0, 16, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))


def make_corpus(out: Path, *, scans: int, digital: int, seed: int = 2024) -> list[Sample]:
    """Generate ``scans`` scan-like pages and ``digital`` born-digital PDFs under ``out``.

    Files already generated with the same parameters are reused (the manifest records
    them), so repeated benchmark runs skip the rendering.
    """
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / "manifest.json"
    key = {"scans": scans, "digital": digital, "seed": seed}
    if manifest.exists():
        saved = json.loads(manifest.read_text("utf-8"))
        if saved.get("key") == key:
            return [Sample(**s) for s in saved["samples"]]
    samples = []
    for i in range(scans):
        rng = random.Random(seed * 1000 + i)
        lines = page_lines(seed * 1000 + i)
        image = degrade(render_page(lines, rng.choice(FONTS)), rng)
        png, pdf = out / f"scan-{i:03d}.png", out / f"scan-{i:03d}.pdf"
        image.save(png, dpi=(DPI, DPI))
        _png_to_pdf(png, pdf)
        samples.append(Sample(png.stem, "scan", "\n".join(lines), str(png), str(pdf)))
    for i in range(digital):
        lines = page_lines(seed * 1000 + 500 + i)
        pdf = out / f"digital-{i:03d}.pdf"
        digital_pdf(lines, pdf)
        samples.append(Sample(pdf.stem, "digital", "\n".join(lines), None, str(pdf)))
    manifest.write_text(
        json.dumps({"key": key, "samples": [asdict(s) for s in samples]}, ensure_ascii=False),
        "utf-8",
    )
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=20)
    parser.add_argument("--digital", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--out", type=Path, default=Path("bench/data/scans"))
    args = parser.parse_args()
    samples = make_corpus(args.out, scans=args.scans, digital=args.digital, seed=args.seed)
    print(f"{len(samples)} pages in {args.out}")


if __name__ == "__main__":
    main()
