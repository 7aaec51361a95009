"""Write a notification in the transaction of the change it tells.

The row commits with the change or not at all, so a notification is never lost
nor told of a change that was rolled back; the sender delivers it later.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from paperasse.checks import get_procedure
from paperasse.models.dossier_tables import Notification
from paperasse.models.tables import Dossier, User
from paperasse.notify.messages import NotificationKind, compose
from paperasse.settings import Settings

log = logging.getLogger(__name__)


def link(settings: Settings, path: str) -> str:
    """An absolute link to a page of the site, for e-mails."""
    return settings.public_url.rstrip("/") + path


def notify_owner(
    session: Session, settings: Settings, dossier: Dossier, kind: NotificationKind
) -> Notification | None:
    """Queue an e-mail to the dossier's citizen, if they asked for them; None otherwise."""
    owner = session.get(User, dossier.owner_id) if dossier.owner_id else None
    if owner is None or owner.disabled or not owner.notify_by_email or not owner.email:
        return None
    message = compose(
        kind,
        number=dossier.number,
        procedure_title=get_procedure(dossier.procedure).title,
        link=link(settings, f"/dossiers/{dossier.id}"),
        account_link=link(settings, "/compte"),
        town=settings.town.name,
    )
    row = Notification(
        dossier_id=dossier.id,
        user_id=owner.id,
        to_address=owner.email,
        subject=message.subject,
        body=message.body,
    )
    session.add(row)
    session.flush()
    log.info("dossier %s: notification %d (%s) queued", dossier.id, row.id, kind)
    return row
