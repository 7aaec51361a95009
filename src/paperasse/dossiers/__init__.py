"""Citizens' dossiers, from the first file to the town hall's decision.

- ``service``: open a dossier, put files in its slots, remove or replace them,
  see its checks; list dossiers and overrule a finding (agents);
- ``lifecycle``: submit (a number, an acknowledgement of receipt), the agent's
  decisions (take up, ask for a complement, accept, refuse) and messages;
- ``timeline``: the dated steps and messages both sides read, and the audit trail;
- ``acknowledgements``: the acknowledgements of receipt (CRPA L112-3) of
  dossiers and of mailroom letters whose sender is known;
- ``access``: which service instructs which procedure, and who sees which dossier;
- ``schemas``: the answer to an upload, a timeline entry.

The verdict itself (documents read back, overrides applied, laid out in slots,
stored) is the checks stage's, in :mod:`paperasse.checks.verdict`, which the
pipeline also runs when a worker finishes one of the dossier's documents.
"""

from __future__ import annotations

from paperasse.checks.views import (
    DocumentState,
    DossierDocument,
    DossierFinding,
    DossierStatus,
    DossierView,
    Override,
    Slot,
    SlotFile,
)
from paperasse.dossiers.access import service_of, visible_dossiers_clause
from paperasse.dossiers.lifecycle import (
    ask_complement,
    decide,
    submit_dossier,
    take_up,
    write_message,
)
from paperasse.dossiers.schemas import TimelineEntry, UploadResult
from paperasse.dossiers.service import (
    add_document,
    create_dossier,
    dossier_checks,
    list_dossiers,
    override_finding,
    remove_document,
)
from paperasse.dossiers.timeline import audit_history, timeline

__all__ = [
    "DocumentState",
    "DossierDocument",
    "DossierFinding",
    "DossierStatus",
    "DossierView",
    "Override",
    "Slot",
    "SlotFile",
    "TimelineEntry",
    "UploadResult",
    "add_document",
    "ask_complement",
    "audit_history",
    "create_dossier",
    "decide",
    "dossier_checks",
    "list_dossiers",
    "override_finding",
    "remove_document",
    "service_of",
    "submit_dossier",
    "take_up",
    "timeline",
    "visible_dossiers_clause",
    "write_message",
]
