"""E-mails for the tests, built with the standard library as a mail client would."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

SENT = dt.datetime(2026, 11, 30, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def message(
    subject: str = "Demande d'acte de naissance",
    text: str | None = "Bonjour,\n\nJe souhaite recevoir une copie de mon acte de naissance.",
    *,
    html: str | None = None,
    sender: str = "Jeanne Dupont <jeanne.dupont@exemple.fr>",
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    sent: dt.datetime = SENT,
) -> EmailMessage:
    """A message with a plain text, an HTML text, or both, and attachments (name, bytes, type)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "Mairie de Villeneuve <mairie@villeneuve.fr>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(sent)
    msg["Message-ID"] = make_msgid(domain="exemple.fr")
    if text is not None:
        msg.set_content(text)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    for name, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def raw(msg: EmailMessage) -> bytes:
    """The bytes a server stores: CRLF line ends."""
    return msg.as_bytes(policy=policy.SMTP)
