"""The corpus generator: every type, with the wording real documents carry, by seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paperasse.training.corpus import (
    DOC_LABELS,
    generate_corpus,
    generate_texts,
    load_corpus,
)
from paperasse.training.corpus.generate import Job, produce
from paperasse.training.corpus.render import draw_style, pdf_text, render_pdf
from paperasse.training.corpus.templates import doc_rng, make_doc

KEY_WORDING = {
    "carte_identite": ["CARTE NATIONALE D'IDENTITÉ", "IDFRA", "Nom"],
    "passeport": ["PASSPORT", "P<", "Surname"],
    "titre_sejour": ["TITRE DE SÉJOUR", "IRFRA", "Surname"],
    "permis_conduire": ["PERMIS DE CONDUIRE"],
    "carte_vitale": ["carte Vitale"],
    "carte_grise": ["CERTIFICAT D'IMMATRICULATION", "D.1"],
    "acte_naissance": ["ACTE DE NAISSANCE", "officier de l'état civil"],
    "acte_mariage": ["ACTE DE MARIAGE", "maison commune"],
    "acte_deces": ["DÉCÈS", "Dressé le"],
    "livret_famille": ["LIVRET DE FAMILLE"],
    "facture_energie": ["Facture du", "Référence client", "kWh", "Abonnement", "TVA"],
    "facture_eau": ["m3", "Agence de l'eau", "Compteur"],
    "facture_telecom": ["Abonnements et forfaits", "Montant TTC"],
    "quittance_loyer": ["QUITTANCE", "Loyer"],
    "attestation_assurance_habitation": ["ATTESTATION D'ASSURANCE", "Responsabilité civile"],
    "avis_imposition": [
        "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES",
        "Numéro fiscal",
        "Référence de l'avis",
    ],
    "bulletin_salaire": [
        "Salaire de base",
        "Net à payer avant impôt sur le revenu",
        "Cotisations",
        "URSSAF",
        "SIRET",
        "Convention collective",
    ],
    "releve_bancaire": ["Solde", "IBAN"],
    "rib": ["IBAN", "BIC", "Code guichet"],
    "attestation_caf": ["Numéro allocataire", "caf"],
    "certificat_scolarite": ["CERTIFICAT DE SCOLARITÉ"],
    "certificat_vaccination": ["VACCINATION"],
    "formulaire_cerfa": ["loi n° 78-17", "Signature du demandeur", "Identité du demandeur"],
    "courrier": ["Objet :", "salutations"],
    "autre": [],
}
EXPECTED_PHRASES = {
    "avis_imposition": ["Revenu fiscal de référence", "Nombre de parts", "Avis d'impôt"],
    "facture_energie": ["Point de livraison (PDL)"],
}


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    by_type: dict[str, list[str]] = {label: [] for label in DOC_LABELS}
    for text in generate_texts(7, per_type=12):
        by_type[text.label].append(text.text)
    return by_type


def test_every_type_is_generated_with_its_key_wording(texts: dict[str, list[str]]) -> None:
    assert set(texts) == set(DOC_LABELS) == set(KEY_WORDING)
    for label, phrases in KEY_WORDING.items():
        docs = texts[label]
        assert len(docs) == 12, label
        if label != "autre":  # photos of things carry a caption at most
            assert all(len(doc) > 60 for doc in docs), label
        for phrase in phrases:
            hits = sum(phrase.lower() in doc.lower() for doc in docs)
            assert hits >= 6, f"{label}: « {phrase} » in only {hits}/12 documents"
    for label, phrases in EXPECTED_PHRASES.items():
        for phrase in phrases:
            assert any(phrase.lower() in doc.lower() for doc in texts[label]), (label, phrase)


def test_identity_cards_carry_a_valid_looking_mrz(texts: dict[str, list[str]]) -> None:
    mrz_lines = [
        line
        for doc in texts["carte_identite"] + texts["passeport"]
        for line in doc.splitlines()
        if re.fullmatch(r"[A-Z0-9<]{30,44}", line)
    ]
    assert len(mrz_lines) >= 12
    assert any(line.startswith("P<FRA") and len(line) == 44 for line in mrz_lines)


def test_types_come_in_several_layouts_and_no_two_documents_match() -> None:
    generated = generate_texts(7, per_type=12)
    variants: dict[str, set[str]] = {}
    for text in generated:
        variants.setdefault(text.label, set()).add(text.variant)
    assert len({text.text for text in generated}) == len(generated)
    assert sum(len(names) >= 2 for names in variants.values()) >= 18
    assert len(variants["autre"]) >= 4


def test_generation_is_deterministic_by_seed() -> None:
    first = generate_texts(11, per_type=2)
    again = generate_texts(11, per_type=2)
    other = generate_texts(12, per_type=2)
    assert [t.text for t in first] == [t.text for t in again]
    assert [t.text for t in first] != [t.text for t in other]


def test_heldout_split_draws_other_documents() -> None:
    train = generate_texts(11, per_type=3)
    heldout = generate_texts(11, per_type=3, split="heldout")
    assert {t.split for t in heldout} == {"heldout"}
    assert not {t.text for t in train} & {t.text for t in heldout}
    assert not {t.doc_id for t in train} & {t.doc_id for t in heldout}


def test_pdf_has_a_text_layer_with_the_accented_wording() -> None:
    rng = doc_rng(3, "train", "avis_imposition", 0)
    doc = make_doc(_faker(), rng, "avis_imposition")
    text = pdf_text(render_pdf(doc, draw_style(rng, doc)))
    assert "DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES" in text
    assert "Numéro fiscal" in text


def test_a_scanned_document_goes_through_real_ocr() -> None:
    job = Job(seed=3, split="heldout", label="rib", index=1, scan=True)
    scanned = produce(job)
    digital = produce(Job(seed=3, split="heldout", label="rib", index=1, scan=False))
    assert scanned.variant.endswith("/scan") and scanned.source == "scan"
    assert digital.source == "digital"
    assert scanned.text != digital.text
    words = set(re.findall(r"\w{4,}", digital.text.lower()))
    read = set(re.findall(r"\w{4,}", scanned.text.lower()))
    assert len(words & read) >= len(words) // 2


def test_generate_corpus_writes_and_reuses_its_cache(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    labels = ["rib", "courrier"]
    manifest = generate_corpus(
        out, seed=5, per_type=2, heldout_per_type=0, workers=1, labels=labels
    )
    assert (manifest.documents, manifest.train, manifest.heldout) == (4, 4, 0)
    texts = load_corpus(out)
    assert [t.label for t in texts] == ["rib", "rib", "courrier", "courrier"]
    assert [t.source for t in texts][0::2] == ["digital", "digital"]
    assert {t.source for t in texts[1::2]} <= {"scan", "photo"}
    assert all(len(t.text) > 50 for t in texts[0::2])
    stamp = (out / "corpus.jsonl").stat().st_mtime_ns
    again = generate_corpus(out, seed=5, per_type=2, heldout_per_type=0, workers=1, labels=labels)
    assert again == manifest
    assert (out / "corpus.jsonl").stat().st_mtime_ns == stamp
    forced = generate_corpus(
        out, seed=5, per_type=2, heldout_per_type=0, workers=1, labels=labels, force=True
    )
    assert (out / "corpus.jsonl").stat().st_mtime_ns != stamp  # after the OCR changed
    assert load_corpus(out) == texts and forced.documents == manifest.documents


def _faker() -> object:
    from faker import Faker

    return Faker("fr_FR")


def _check_digit(data: str) -> str:
    """ICAO 9303 check digit, written again here so the generator's is not checked by itself."""
    values = [int(c) if c.isdigit() else ord(c) - 55 if c.isalpha() else 0 for c in data]
    return str(sum(v * (7, 3, 1)[i % 3] for i, v in enumerate(values)) % 10)


def _mrz_lines(text: str, width: int) -> list[str]:
    return [line for line in text.splitlines() if re.fullmatch(rf"[A-Z0-9<]{{{width}}}", line)]


def test_machine_readable_zones_have_valid_check_digits() -> None:
    texts = [t for t in generate_texts(13, per_type=16) if t.label in ("carte_identite",
             "passeport", "titre_sejour")]  # fmt: skip
    seen = {"td1": 0, "td3": 0, "cni_1988": 0}
    for text in texts:
        td1, td3, old = (_mrz_lines(text.text, n) for n in (30, 44, 36))
        if len(td1) == 3:
            first, second = td1[0], td1[1]
            assert first[14] == _check_digit(first[5:14])
            assert second[6] == _check_digit(second[0:6]) and second[14] == _check_digit(
                second[8:14]
            )
            assert second[29] == _check_digit(
                first[5:30] + second[0:7] + second[8:15] + second[18:29]
            )
            seen["td1"] += 1
        if len(td3) == 2:
            second = td3[1]
            assert second[9] == _check_digit(second[0:9])
            assert second[43] == _check_digit(second[0:10] + second[13:20] + second[21:43])
            seen["td3"] += 1
        if len(old) == 2:
            assert old[0].startswith("IDFRA") and old[1][12] == _check_digit(old[1][0:12])
            assert old[1][35] == _check_digit(old[0] + old[1][:35])
            seen["cni_1988"] += 1
    assert all(count >= 3 for count in seen.values()), seen


def test_card_templates_carry_what_real_cards_print() -> None:
    texts = generate_texts(17, per_type=24)
    cards = [t.text for t in texts if t.label == "carte_identite"]
    assert any(
        "ADRESSE / Address" in t and "DATE DE DÉLIVRANCE / Date of issue" in t for t in cards
    )
    assert any("Prénom(s) :" in t and "Taille :" in t for t in cards)  # the 1988 card
    passports = [t.text for t in texts if t.label == "passeport"]
    assert any("Couleur des yeux / Colour of eyes" in t for t in passports)
    assert any("Page réservée aux autorités compétentes" in t for t in passports)
    assert any(re.search(r"^P<(?!FRA)[A-Z]{3}", t, re.M) for t in passports)  # foreign ones too
    grey = [t.text for t in texts if t.label == "carte_grise"]
    assert all("C.1" in t and "D.1" in t and "E." in t for t in grey)


def test_negatives_are_what_citizens_send_by_mistake() -> None:
    negatives = [t for t in generate_texts(19, per_type=40) if t.label == "autre"]
    kinds = {t.variant for t in negatives}
    assert {"facture_entreprise", "lettre_entreprise", "photo"} <= kinds
    assert kinds & {"formulaire_mairie", "attestation_deplacement"}
    invoices = [t.text for t in negatives if t.variant == "facture_entreprise"]
    assert all("Désignation" in t and "SIRET" in t and "TTC" in t for t in invoices)
    assert not any("cerfa" in t.text.lower() for t in negatives)
    photos = [t.text for t in negatives if t.variant == "photo"]
    assert all(len(t) < 120 for t in photos)
