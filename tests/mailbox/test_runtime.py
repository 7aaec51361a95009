"""serve reads the mailbox in the background, and its workers read what came in."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from paperasse.context import Context
from paperasse.errors import ConfigurationError
from paperasse.models.tables import Document, Page
from paperasse.runtime import Background
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf

FINISHED = {"processed", "needs_review"}


@pytest.mark.slow
def test_serve_reads_new_mail_and_the_workers_read_each_document(
    ctx: Context, dovecot: Dovecot
) -> None:
    ctx.settings.mailbox.enabled = True
    letter = ("courrier.pdf", make_pdf("Demande de permis de construire"), "application/pdf")
    dovecot.append(raw(message("Permis de construire", attachments=(letter,))))
    background = Background(ctx, workers=1, indexing=False)
    background.start()
    try:
        deadline = time.monotonic() + 240
        while True:
            with ctx.sessions() as session:
                statuses = list(session.execute(select(Document.status)).scalars())
            if len(statuses) == 2 and set(statuses) <= FINISHED:
                break
            assert time.monotonic() < deadline, statuses
            time.sleep(0.5)
        dovecot.append(raw(message("Un deuxième courriel")))
        while len(statuses) < 3:
            assert time.monotonic() < deadline, "the next message was not read"
            time.sleep(0.3)
            with ctx.sessions() as session:
                statuses = list(session.execute(select(Document.status)).scalars())
    finally:
        background.stop()
    with ctx.sessions() as session:
        mail = session.execute(
            select(Document).where(
                Document.subject == "Permis de construire", Document.parent_id.is_(None)
            )
        ).scalar_one()
        (page,) = session.execute(select(Page).where(Page.document_id == mail.id)).scalars()
    assert page.source == "text-layer", "the rendering is read without OCR"
    assert "Je souhaite recevoir une copie de mon acte de naissance." in page.text
    assert "courrier.pdf : enregistrée comme document." in page.text


def test_serve_refuses_to_start_with_a_mailbox_set_up_wrong(ctx: Context) -> None:
    ctx.settings.mailbox.enabled = True
    ctx.settings.mailbox.host = ""
    background = Background(ctx, workers=1, indexing=False)
    with pytest.raises(ConfigurationError, match="PAPERASSE_MAILBOX__HOST"):
        background.start()
    assert background.pool is not None and not background.pool.alive(), "nothing was started"
