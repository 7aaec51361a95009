"""The generator of each document type, and a seed-determined way to call it."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from paperasse.training.corpus import (
    tpl_autre,
    tpl_bills,
    tpl_cards,
    tpl_cerfa,
    tpl_civil,
    tpl_courrier,
    tpl_finance,
    tpl_housing,
    tpl_identity,
    tpl_misc,
)
from paperasse.training.corpus.types import DOC_LABELS, Doc

Template = Callable[[Any, random.Random], Doc]

TEMPLATES: dict[str, Template] = {
    "carte_identite": tpl_identity.carte_identite,
    "passeport": tpl_identity.passeport,
    "titre_sejour": tpl_identity.titre_sejour,
    "permis_conduire": tpl_cards.permis_conduire,
    "carte_vitale": tpl_cards.carte_vitale,
    "carte_grise": tpl_cards.carte_grise,
    "acte_naissance": tpl_civil.acte_naissance,
    "acte_mariage": tpl_civil.acte_mariage,
    "acte_deces": tpl_civil.acte_deces,
    "livret_famille": tpl_civil.livret_famille,
    "facture_energie": tpl_bills.facture_energie,
    "facture_eau": tpl_bills.facture_eau,
    "facture_telecom": tpl_bills.facture_telecom,
    "quittance_loyer": tpl_housing.quittance_loyer,
    "attestation_assurance_habitation": tpl_housing.attestation_assurance_habitation,
    "avis_imposition": tpl_finance.avis_imposition,
    "bulletin_salaire": tpl_finance.bulletin_salaire,
    "releve_bancaire": tpl_finance.releve_bancaire,
    "rib": tpl_finance.rib,
    "attestation_caf": tpl_finance.attestation_caf,
    "certificat_scolarite": tpl_misc.certificat_scolarite,
    "certificat_vaccination": tpl_misc.certificat_vaccination,
    "formulaire_cerfa": tpl_cerfa.formulaire_cerfa,
    "courrier": tpl_courrier.courrier,
    "autre": tpl_autre.autre,
}
assert tuple(TEMPLATES) == DOC_LABELS


# Documents that carry a 2D-Doc, its ANTS type (specification v3.2.6, annex 6.1:
# 00 proof of address, 01 invoice used as proof of address, 03 RIB, 04 income-tax
# notice, 06 payslip, 11 bank statement) and the share of them that do.
TWODDOCS: dict[str, tuple[str, float]] = {
    "facture_energie": ("01", 0.5),
    "facture_eau": ("01", 0.3),
    "facture_telecom": ("01", 0.5),
    "avis_imposition": ("04", 0.6),
    "bulletin_salaire": ("06", 0.15),
    "rib": ("03", 0.1),
    "releve_bancaire": ("11", 0.1),
    "quittance_loyer": ("00", 0.1),
    "attestation_assurance_habitation": ("00", 0.1),
}


def doc_rng(seed: int, split: str, label: str, index: int) -> random.Random:
    """The random source of one document: a function of its seed, split, type and index."""
    return random.Random(f"{seed}:{split}:{label}:{index}")


def make_doc(fake: Any, rng: random.Random, label: str) -> Doc:
    """Generate one document of type ``label``; ``fake`` is reseeded from ``rng``."""
    fake.seed_instance(rng.getrandbits(64))
    doc = TEMPLATES[label](fake, rng)
    kind, share = TWODDOCS.get(label, ("", 0.0))
    if rng.random() < share and doc.variant != "taxe_fonciere":
        doc.twoddoc = kind
    return doc
