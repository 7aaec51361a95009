"""The triage stage: service, priority and answer deadline of one incoming letter."""

from __future__ import annotations

import datetime as dt
import logging

from paperasse.classify.triage.dates import stated_deadline
from paperasse.classify.triage.deadlines import TriageDeadlines, compute_due_date
from paperasse.classify.triage.model import ServiceModel
from paperasse.classify.triage.priority import URGENT, classify_priority
from paperasse.classify.triage.service import classify_service
from paperasse.classify.triage.text import fold, strip_appeal_notice
from paperasse.models.domain import Triage

log = logging.getLogger(__name__)


def triage(
    text: str,
    *,
    doc_type: str | None,
    received: dt.date,
    deadlines: TriageDeadlines | None = None,
    model: ServiceModel | None = None,
    review_threshold: float = 0.6,
) -> Triage:
    """Route a letter to a service, set its priority and the date it must be answered by.

    ``model`` is the service classifier (``load_default_service_model()`` gives the
    shipped one); ``None`` means rules only. Every decision carries its confidence and
    French reasons; the triage needs review when either decision does. The reasons for
    the due date are appended to the priority's explanation, prefixed "échéance".
    """
    folded = fold(text)
    # The appeal-rights footer states a delay for the citizen, not for the town hall.
    stated = stated_deadline(strip_appeal_notice(folded)[0], received) if folded else None
    service = classify_service(
        folded, doc_type=doc_type, model=model, review_threshold=review_threshold
    )
    priority = classify_priority(
        folded, received=received, stated=stated, review_threshold=review_threshold
    )
    due = compute_due_date(
        received,
        service=service.label,
        urgent=priority.label == URGENT,
        stated=stated,
        deadlines=deadlines,
    )
    priority.explanation.extend(f"échéance : {reason}" for reason in due.reasons)
    needs_review = service.needs_review or priority.needs_review
    log.debug(
        "triage: service=%s (%.2f) priority=%s due=%s review=%s",
        service.label,
        service.confidence,
        priority.label,
        due.due,
        needs_review,
    )
    return Triage(service=service, priority=priority, due_date=due.due, needs_review=needs_review)
