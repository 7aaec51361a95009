"""Rule evidence for the service: keyword cues, CERFA numbers and the document type.

Rules are what make a decision explainable: every point of evidence keeps the
words that produced it. They also stand alone when no statistical model is usable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperasse.classify.triage.cues import SERVICE_CUES, SERVICES, STRONG, WEAK
from paperasse.classify.triage.text import first_match

# A document type read by the document classifier that settles the service alone.
DOC_TYPE_SERVICE: dict[str, str] = {
    "acte_naissance": "etat_civil",
    "acte_mariage": "etat_civil",
    "acte_deces": "etat_civil",
    "livret_famille": "etat_civil",
    "certificat_scolarite": "education",
    "carte_electorale": "elections",
    "permis_construire": "urbanisme",
    "declaration_prealable": "urbanisme",
    "certificat_urbanisme": "urbanisme",
}
DOC_TYPE_WEIGHT = 3.0
# Invoice addressed to the commune: a supplier bill, not a citizen's proof of address.
SUPPLIER_INVOICE_WEIGHT = 2.0
CITIZEN_INVOICE_WEIGHT = WEAK

CERFA_SERVICE: dict[str, str] = {
    "13406": "urbanisme",
    "13409": "urbanisme",
    "13703": "urbanisme",
    "13404": "urbanisme",
    "13410": "urbanisme",
    "13411": "urbanisme",
    "13405": "urbanisme",
    "13407": "urbanisme",
    "13408": "urbanisme",
    "12669": "elections",
    "14952": "elections",
    "15725": "etat_civil",
    "15726": "etat_civil",
}
_CERFA_RE = re.compile(r"cerfa\s*(?:n\s*[°o]?\s*)?[:.]?\s*(\d{5})")
_COMMUNE_ADDRESSEE = re.compile(
    r"\b(?:mairie de|commune de|ville de|ccas|centre communal|mandat administratif|chorus"
    r"|bon de commande|service de gestion comptable|tresor public)\b"
)

# Decisive: the leading service has at least one strong cue's worth of evidence and
# at least twice the evidence of any other service.
DECISIVE_MIN_SCORE = STRONG
DECISIVE_RATIO = 2.0


@dataclass
class RuleEvidence:
    """Weighted evidence per service, and the words behind it."""

    scores: dict[str, float] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, service: str, weight: float, cue: str) -> None:
        """Record one cue for a service (each distinct cue counts once)."""
        if cue in self.cues.get(service, []):
            return
        self.scores[service] = self.scores.get(service, 0.0) + weight
        self.cues.setdefault(service, []).append(cue)

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    def ranked(self) -> list[tuple[str, float]]:
        """Services by decreasing evidence, ties broken by the fixed service order."""
        return sorted(self.scores.items(), key=lambda kv: (-kv[1], SERVICES.index(kv[0])))

    def shares(self) -> dict[str, float]:
        """Evidence as a distribution over all services (zeros when nothing fired)."""
        total = self.total
        return {s: (self.scores.get(s, 0.0) / total if total else 0.0) for s in SERVICES}

    def decisive(self) -> str | None:
        """The service the rules settle on their own, or None when they do not."""
        ranked = self.ranked()
        if not ranked or ranked[0][1] < DECISIVE_MIN_SCORE:
            return None
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        return ranked[0][0] if ranked[0][1] >= DECISIVE_RATIO * runner_up else None


def _keyword_evidence(folded: str, evidence: RuleEvidence) -> None:
    for service, cues in SERVICE_CUES.items():
        for phrase, weight in cues.items():
            found = first_match(folded, (phrase,))
            if found is not None:
                evidence.add(service, weight, found)


def _cerfa_evidence(folded: str, evidence: RuleEvidence) -> None:
    for number in _CERFA_RE.findall(folded):
        service = CERFA_SERVICE.get(number)
        if service is not None:
            evidence.add(service, STRONG, f"cerfa {number}")


def _doc_type_evidence(doc_type: str | None, folded: str, evidence: RuleEvidence) -> None:
    if not doc_type:
        return
    if doc_type in DOC_TYPE_SERVICE:
        service = DOC_TYPE_SERVICE[doc_type]
        evidence.add(service, DOC_TYPE_WEIGHT, f"type de document {doc_type}")
        evidence.notes.append(f"type de document « {doc_type} » : relève de {service}")
    elif doc_type.startswith("facture"):
        if _COMMUNE_ADDRESSEE.search(folded):
            evidence.add("finances", SUPPLIER_INVOICE_WEIGHT, f"type de document {doc_type}")
            evidence.notes.append(
                f"type de document « {doc_type} » adressé à la commune : facture fournisseur"
            )
        else:
            evidence.add("finances", CITIZEN_INVOICE_WEIGHT, f"type de document {doc_type}")
            evidence.notes.append(
                f"type de document « {doc_type} » sans mention de la commune : "
                "peut-être un justificatif joint par un usager, indice faible"
            )
    elif doc_type == "formulaire_cerfa":
        evidence.notes.append("formulaire CERFA : le service se déduit du texte et du numéro")
    else:
        evidence.notes.append(f"type de document « {doc_type} » : pas de service attitré")


def service_evidence(folded: str, doc_type: str | None) -> RuleEvidence:
    """Collect the rule evidence for the service from folded text and document type."""
    evidence = RuleEvidence()
    _keyword_evidence(folded, evidence)
    _cerfa_evidence(folded, evidence)
    _doc_type_evidence(doc_type, folded, evidence)
    return evidence
