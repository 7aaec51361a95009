"""The date by which the town hall must answer a letter.

By default the administration has two months (after which its silence is a decision,
CRPA L231-1). Each town may set other delays per service, a shorter one for urgent
mail, and a deadline stated in the letter itself wins when it comes earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from paperasse.classify.triage.dates import StatedDeadline
from paperasse.errors import ConfigurationError
from paperasse.models.calendar import add_months


@dataclass(frozen=True)
class TriageDeadlines:
    """Answer delays a town configures; days win over months for the same service."""

    default_months: int = 2
    service_months: Mapping[str, int] = field(default_factory=dict)
    service_days: Mapping[str, int] = field(default_factory=dict)
    urgent_days: int | None = 8

    def __post_init__(self) -> None:
        values = [self.default_months, *self.service_months.values()]
        values += [*self.service_days.values()]
        if self.urgent_days is not None:
            values.append(self.urgent_days)
        if any(v <= 0 for v in values):
            raise ConfigurationError(
                "Les délais de réponse doivent être des nombres de jours ou de mois "
                "strictement positifs : corrigez la configuration des délais du tri.",
                details={"deadlines": repr(self)},
            )


@dataclass(frozen=True)
class DueDate:
    """An answer deadline and why it was set."""

    due: dt.date
    reasons: list[str]


def _base_delay(received: dt.date, service: str, deadlines: TriageDeadlines) -> DueDate:
    if service in deadlines.service_days:
        days = deadlines.service_days[service]
        return DueDate(
            received + dt.timedelta(days=days), [f"délai du service {service} : {days} jours"]
        )
    if service in deadlines.service_months:
        months = deadlines.service_months[service]
        return DueDate(
            add_months(received, months), [f"délai du service {service} : {months} mois"]
        )
    months = deadlines.default_months
    reason = f"délai par défaut : {months} mois après réception"
    if months == 2:
        reason += " (silence de l'administration, CRPA L231-1)"
    return DueDate(add_months(received, months), [reason])


def compute_due_date(
    received: dt.date,
    *,
    service: str,
    urgent: bool,
    stated: StatedDeadline | None,
    deadlines: TriageDeadlines | None = None,
) -> DueDate:
    """The answer deadline: the service's delay, shortened for urgent mail or by the letter.

    The earliest of the applicable dates wins, and each candidate that was considered
    is listed in the reasons so an agent can see why.
    """
    deadlines = deadlines or TriageDeadlines()
    result = _base_delay(received, service, deadlines)
    due, reasons = result.due, list(result.reasons)
    if urgent and deadlines.urgent_days is not None:
        urgent_due = received + dt.timedelta(days=deadlines.urgent_days)
        if urgent_due < due:
            due = urgent_due
            reasons.append(f"courrier urgent : délai raccourci à {deadlines.urgent_days} jours")
    if stated is not None and stated.due < due:
        due = stated.due
        reasons.append(f'délai fixé par le courrier, plus court : "{stated.quote}"')
    reasons.append(f"échéance retenue : {due.isoformat()}")
    return DueDate(due, reasons)
