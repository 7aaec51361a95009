"""Notifications reach a real SMTP server from the outbox: once, in French, with no more
personal data than needed; a crash repeats one (same Message-ID) rather than losing it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from paperasse.auth import add_user, identity_of
from paperasse.auth.identity import Identity
from paperasse.auth.users import get_user
from paperasse.context import Context
from paperasse.dossiers import ask_complement, create_dossier, submit_dossier, write_message
from paperasse.errors import InputError
from paperasse.models.dossier_tables import Notification
from paperasse.models.tables import utcnow
from paperasse.notify import contact_preferences, send_pending, set_contact_preferences
from paperasse.notify.sender import claim, message_of, smtp_connection
from tests.notify.conftest import Inbox

PASSWORD = "correct-horse-battery-42"


def person(ctx: Context, username: str, role: str, **kwargs: object) -> Identity:
    add_user(ctx, username, PASSWORD, role, actor="test", **kwargs)  # type: ignore[arg-type]
    with ctx.sessions() as session:
        return identity_of(get_user(session, username))


def citizen_with_dossier(ctx: Context, *, wants: bool = True) -> tuple[Identity, str]:
    citizen = person(ctx, "jeanne", "citoyen", display_name="DUPONT Jeanne")
    set_contact_preferences(ctx, citizen, "jeanne.dupont@example.org", wants)
    view = create_dossier(ctx, citizen, "inscription_listes_electorales", {})
    return citizen, view.id


def rows(ctx: Context) -> list[Notification]:
    with ctx.sessions() as session:
        return list(session.execute(select(Notification).order_by(Notification.id)).scalars())


def test_a_status_change_is_mailed_once_in_french_without_personal_data(
    mail_ctx: Context, inbox: Inbox
) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx)
    view = submit_dossier(mail_ctx, citizen, dossier_id)
    [queued] = rows(mail_ctx)
    assert queued.status == "pending" and queued.to_address == "jeanne.dupont@example.org"
    assert send_pending(mail_ctx) == 1
    assert send_pending(mail_ctx) == 0
    [message] = inbox.messages
    assert message["To"] == "jeanne.dupont@example.org"
    assert message["Subject"] == f"Votre dossier n° {view.number} : dossier reçu"
    assert message["Auto-Submitted"] == "auto-generated"
    body = message.get_content()
    assert "Inscription sur les listes électorales" in body
    assert f"https://demarches.saint-exemple.fr/dossiers/{dossier_id}" in body
    assert "https://demarches.saint-exemple.fr/compte" in body
    assert "DUPONT" not in body and "Jeanne" not in body and "Mairie de Saint-Exemple" in body
    [sent] = rows(mail_ctx)
    assert sent.status == "sent" and sent.sent_at is not None and sent.attempts == 1


def test_an_agents_request_and_message_are_mailed_but_not_their_words(
    mail_ctx: Context, inbox: Inbox
) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx)
    agent = person(mail_ctx, "karim", "agent", services=("elections",))
    submit_dossier(mail_ctx, citizen, dossier_id)
    ask_complement(mail_ctx, agent, dossier_id, "Votre facture du 3 mars est trop ancienne.")
    write_message(mail_ctx, agent, dossier_id, "Passez au guichet mardi avec l'original.")
    write_message(mail_ctx, citizen, dossier_id, "Entendu, merci.")
    assert send_pending(mail_ctx) == 3
    subjects = [m["Subject"].split(" : ")[1] for m in inbox.messages]
    assert subjects == ["dossier reçu", "dossier à compléter", "nouveau message de la mairie"]
    for message in inbox.messages:
        body = message.get_content()
        assert "facture" not in body and "guichet" not in body


def test_nothing_is_queued_for_a_citizen_who_did_not_ask(mail_ctx: Context, inbox: Inbox) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx, wants=False)
    submit_dossier(mail_ctx, citizen, dossier_id)
    assert rows(mail_ctx) == [] and send_pending(mail_ctx) == 0 and inbox.messages == []
    assert contact_preferences(mail_ctx, citizen).email == "jeanne.dupont@example.org"


def test_preferences_refuse_an_invalid_address_or_a_wish_without_one(mail_ctx: Context) -> None:
    citizen = person(mail_ctx, "paul", "citoyen")
    for address, wants in (("pas-une-adresse", True), ("", True)):
        try:
            set_contact_preferences(mail_ctx, citizen, address, wants)
        except InputError as e:
            assert "adresse" in e.message
        else:  # pragma: no cover - the assertion is the point
            raise AssertionError(f"{address!r} accepted")


def test_an_unreachable_server_delays_the_mail_and_a_later_pass_sends_it(
    mail_ctx: Context, inbox: Inbox, smtp_port: int
) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx)
    submit_dossier(mail_ctx, citizen, dossier_id)
    mail_ctx.settings.smtp.port = smtp_port + 1 if smtp_port < 65535 else smtp_port - 1
    assert send_pending(mail_ctx) == 0
    [waiting] = rows(mail_ctx)
    assert waiting.status == "pending" and waiting.attempts == 1 and waiting.last_error
    assert waiting.next_attempt_at > utcnow() and waiting.lease_until is None
    assert send_pending(mail_ctx) == 0  # not due yet
    mail_ctx.settings.smtp.port = smtp_port
    with mail_ctx.transaction() as session:
        session.execute(update(Notification).values(next_attempt_at=utcnow()))
    assert send_pending(mail_ctx) == 1 and len(inbox.messages) == 1


def test_a_permanent_refusal_gives_the_mail_up_at_once(mail_ctx: Context, inbox: Inbox) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx)
    submit_dossier(mail_ctx, citizen, dossier_id)
    inbox.refuse = True
    assert send_pending(mail_ctx) == 0
    [given_up] = rows(mail_ctx)
    assert given_up.status == "failed" and "550" in (given_up.last_error or "")


def test_a_crash_after_the_server_accepted_repeats_the_mail_with_the_same_message_id(
    mail_ctx: Context, inbox: Inbox
) -> None:
    citizen, dossier_id = citizen_with_dossier(mail_ctx)
    submit_dossier(mail_ctx, citizen, dossier_id)
    # a sender claims the row and hands it to the server, then dies before marking it sent
    [item] = claim(mail_ctx)
    with smtp_connection(mail_ctx.settings.smtp) as server:
        server.send_message(message_of(item, mail_ctx.settings))
    assert send_pending(mail_ctx) == 0  # its lease still holds: nobody sends it meanwhile
    with mail_ctx.transaction() as session:
        past = utcnow() - dt.timedelta(seconds=1)
        session.execute(update(Notification).values(lease_until=past))
    assert send_pending(mail_ctx) == 1
    first, second = inbox.messages
    assert first["Message-ID"] == second["Message-ID"] and first["Message-ID"]
    [sent] = rows(mail_ctx)
    assert sent.status == "sent" and sent.attempts == 2
