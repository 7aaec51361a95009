"""Mail triage: which town-hall service must answer a letter, how urgently, by when.

    triage(text, doc_type=..., received=..., model=load_default_service_model())

Every decision is explained in French and flagged for review when unsure. Training
and evaluation (``train_service_model``, ``evaluate_service_model``) live in
``paperasse.training.triage_train`` and need the ``corpus`` extra (Faker).
"""

from __future__ import annotations

from paperasse.classify.triage.deadlines import DueDate, TriageDeadlines, compute_due_date
from paperasse.classify.triage.decide import triage
from paperasse.classify.triage.model import (
    ServiceModel,
    default_model_path,
    load_default_service_model,
    load_service_model,
)
from paperasse.classify.triage.priority import classify_priority
from paperasse.classify.triage.service import UNDETERMINED, classify_service
from paperasse.models.calendar import add_months

__all__ = [
    "UNDETERMINED",
    "DueDate",
    "ServiceModel",
    "TriageDeadlines",
    "add_months",
    "classify_priority",
    "classify_service",
    "compute_due_date",
    "default_model_path",
    "load_default_service_model",
    "load_service_model",
    "triage",
]
