"""Sample documents for the demo, rendered from the classifier's synthetic corpus.

The mailroom receives a few letters and bills (the first one with its sender
known, so that it has an acknowledgement of receipt), one damaged scan fails so
the mailroom has a failure to show, and the demo citizen opens a school enrolment
dossier with two pieces so the dossier page shows its slots and hints. The
citizen also submitted an identity card dossier on which the agent asked for a
complement, so the agent's pages and the citizen's timeline have a story.
Documents are recognised by their demo file names, so a second run adds nothing.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from paperasse.archive.search import catch_up
from paperasse.auth import Identity, identity_of
from paperasse.auth.users import get_user
from paperasse.context import Context
from paperasse.dossiers import add_document, ask_complement, create_dossier, submit_dossier
from paperasse.dossiers.acknowledgements import record_sender
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.ingest.inline import process_now
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Dossier, Receipt
from paperasse.training.corpus.render import draw_style, render_pdf
from paperasse.training.corpus.templates import doc_rng, make_doc

log = logging.getLogger(__name__)

DEMO_SEED = 2026
MAIL_TYPES = (
    "courrier",
    "facture_energie",
    "courrier",
    "avis_imposition",
    "attestation_caf",
    "quittance_loyer",
    "courrier",
    "certificat_scolarite",
)
DOSSIER_PROCEDURE = "inscription_scolaire"
DOSSIER_TYPES = ("facture_energie", "acte_naissance")
SUBMITTED_PROCEDURE = "carte_identite_passeport"
SUBMITTED_PIECES = (
    ("carte_identite", "ancien_titre"),
    ("facture_energie", "justificatif_domicile"),
)
COMPLEMENT = (
    "Il manque le récapitulatif de votre pré-demande en ligne (ANTS) : ajoutez-le, "
    "puis déposez de nouveau votre dossier."
)
SENDER = ("Odile Perrin", "12 rue des Glycines, 69003 Lyon")
DAMAGED_NAME = "demo-scan-abime.pdf"
DAMAGED_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% page perdue au scanner"


@dataclass
class DemoReport:
    """What a run added, for the command to print."""

    mail: list[str] = field(default_factory=list)
    dossier_id: str | None = None
    dossier_files: list[str] = field(default_factory=list)
    indexed: int = 0


@functools.cache
def _faker() -> Any:
    """French fake names and addresses, built once (it is slow to build)."""
    from faker import Faker

    return Faker("fr_FR")


def sample_documents(types: tuple[str, ...], prefix: str) -> list[tuple[str, bytes]]:
    """Born-digital PDFs of these types, named ``<prefix>-NN-<type>.pdf``, seed-determined."""
    out: list[tuple[str, bytes]] = []
    for index, label in enumerate(types, start=1):
        rng = doc_rng(DEMO_SEED, prefix, label, index)
        doc = make_doc(_faker(), rng, label)
        out.append((f"{prefix}-{index:02d}-{label}.pdf", render_pdf(doc, draw_style(rng, doc))))
    return out


def _already(ctx: Context, filename: str) -> bool:
    with ctx.sessions() as session:
        return (
            session.execute(select(Receipt.id).where(Receipt.filename == filename)).first()
            is not None
        )


def _identity(ctx: Context, username: str) -> Identity:
    with ctx.sessions() as session:
        return identity_of(get_user(session, username))


def load_mail(ctx: Context, clerk: Identity, report: DemoReport) -> None:
    """The mailroom's sample letters and bills, processed at once, and one damaged scan."""
    depositor = Depositor("page", clerk.actor, clerk)
    for index, (filename, data) in enumerate(sample_documents(MAIL_TYPES, "demo")):
        if _already(ctx, filename):
            continue
        result = deposit(ctx, data, filename, depositor)
        process_now(ctx, result.document_id)
        if index == 0:
            name, address = SENDER
            record_sender(
                ctx, clerk, result.document_id, name=name, address=address, subject="Demande"
            )
        report.mail.append(filename)
    if not _already(ctx, DAMAGED_NAME):
        result = deposit(ctx, DAMAGED_BYTES, DAMAGED_NAME, depositor)
        work_once(ctx, "demo", only={result.document_id})
        report.mail.append(DAMAGED_NAME)


def load_dossier(ctx: Context, citizen: Identity, report: DemoReport) -> None:
    """The citizen's school enrolment dossier with a bill and a birth certificate."""
    with ctx.sessions() as session:
        existing = session.execute(
            select(Dossier.id).where(
                Dossier.owner_id == citizen.user_id, Dossier.procedure == DOSSIER_PROCEDURE
            )
        ).first()
    if existing:
        return
    persons = {"applicant": citizen.display_name, "children": ["DUPONT Léo"]}
    view = create_dossier(ctx, citizen, DOSSIER_PROCEDURE, persons)
    report.dossier_id = view.id
    for filename, data in sample_documents(DOSSIER_TYPES, "dossier"):
        add_document(ctx, citizen, view.id, data, filename)
        report.dossier_files.append(filename)


def load_submitted(ctx: Context, citizen: Identity, agent: Identity) -> None:
    """An identity card dossier the citizen submitted and the agent asked to complete."""
    with ctx.sessions() as session:
        existing = session.execute(
            select(Dossier.id).where(
                Dossier.owner_id == citizen.user_id, Dossier.procedure == SUBMITTED_PROCEDURE
            )
        ).first()
    if existing:
        return
    view = create_dossier(ctx, citizen, SUBMITTED_PROCEDURE, {})
    types = tuple(label for label, _piece in SUBMITTED_PIECES)
    for (filename, data), (_label, piece) in zip(
        sample_documents(types, "titre"), SUBMITTED_PIECES, strict=True
    ):
        add_document(ctx, citizen, view.id, data, filename, piece=piece)
    submit_dossier(ctx, citizen, view.id)
    ask_complement(ctx, agent, view.id, COMPLEMENT)


def load_demo(
    ctx: Context, *, clerk: str = "courrier", citizen: str = "citoyen", agent: str = "agent"
) -> DemoReport:
    """Add the demo documents and dossiers that are missing, then index them."""
    report = DemoReport()
    load_mail(ctx, _identity(ctx, clerk), report)
    load_dossier(ctx, _identity(ctx, citizen), report)
    load_submitted(ctx, _identity(ctx, citizen), _identity(ctx, agent))
    report.indexed = catch_up(ctx)
    log.info("demo: %d mail documents, dossier %s", len(report.mail), report.dossier_id)
    return report
