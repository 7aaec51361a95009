"""Citizens' dossiers: the documents a procedure needs, checked as they arrive.

- ``service``: open a dossier, add a document, see its checks, submit it; list
  dossiers and overrule a finding (agents);
- ``access``: which service instructs which procedure, and who sees which dossier;
- ``evidence``: the dossier's documents read back for the checks engine;
- ``checking``: the verdict recomputed, overrides applied, stored when it changes;
- ``schemas``: the views returned to the API and the CLI.
"""

from __future__ import annotations

from paperasse.dossiers.access import PROCEDURE_SERVICES, service_of, visible_dossiers_clause
from paperasse.dossiers.schemas import (
    DocumentState,
    DossierDocument,
    DossierFinding,
    DossierView,
    Override,
    UploadResult,
)
from paperasse.dossiers.service import (
    CheckOptions,
    add_document,
    create_dossier,
    dossier_checks,
    list_dossiers,
    override_finding,
    submit_dossier,
)

__all__ = [
    "PROCEDURE_SERVICES",
    "CheckOptions",
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
