"""E-mail notifications to citizens, sent from an outbox table.

- ``messages``: what each notification says, in French, with as little personal
  data as the message needs (the dossier's number, its procedure, a link);
- ``outbox``: write one in the transaction of the change it tells, when the
  citizen asked for them;
- ``sender``: hand waiting ones to the SMTP server (``paperasse serve`` runs it
  in a loop), retrying with backoff;
- ``preferences``: a citizen's address and whether they want e-mails.
"""

from __future__ import annotations

from paperasse.notify.outbox import notify_owner
from paperasse.notify.preferences import (
    ContactPreferences,
    contact_preferences,
    set_contact_preferences,
)
from paperasse.notify.sender import send_pending

__all__ = [
    "ContactPreferences",
    "contact_preferences",
    "notify_owner",
    "send_pending",
    "set_contact_preferences",
]
