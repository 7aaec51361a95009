"""Citizens' dossiers: the documents a procedure needs, checked as they arrive.

- ``service``: open a dossier, add a document, see its checks, submit it; list
  dossiers and overrule a finding (agents);
- ``access``: which service instructs which procedure, and who sees which dossier;
- ``schemas``: the answer to an upload.

The verdict itself (documents read back, overrides applied, stored) is the checks
stage's, in :mod:`paperasse.checks.verdict`, which the pipeline also runs when a
worker finishes one of the dossier's documents.
"""

from __future__ import annotations

from paperasse.checks.views import (
    DocumentState,
    DossierDocument,
    DossierFinding,
    DossierView,
    Override,
)
from paperasse.dossiers.access import service_of, visible_dossiers_clause
from paperasse.dossiers.schemas import UploadResult
from paperasse.dossiers.service import (
    add_document,
    create_dossier,
    dossier_checks,
    list_dossiers,
    override_finding,
    submit_dossier,
)

__all__ = [
    "DocumentState",
    "DossierDocument",
    "DossierFinding",
    "DossierView",
    "Override",
    "UploadResult",
    "add_document",
    "create_dossier",
    "dossier_checks",
    "list_dossiers",
    "override_finding",
    "service_of",
    "submit_dossier",
    "visible_dossiers_clause",
]
