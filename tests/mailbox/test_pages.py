"""The mailroom page shows who wrote each e-mail and what about."""

from __future__ import annotations

from paperasse.context import Context
from paperasse.ingest.mail.reader import MailboxReader
from tests.mailbox.dovecot import Dovecot
from tests.mailbox.messages import message, raw
from tests.samples import make_pdf
from tests.web.conftest import PageClient


def test_the_mailroom_table_shows_sender_and_subject(
    ctx: Context, dovecot: Dovecot, page_as: PageClient
) -> None:
    attachment = ("justificatif.pdf", make_pdf("Justificatif de domicile"), "application/pdf")
    dovecot.append(
        raw(message("Inscription <script>alert(1)</script> cantine", attachments=(attachment,))),
        raw(message("Sans nom", sender="guichet@exemple.fr")),
    )
    assert MailboxReader(ctx).read_once().taken == 2

    table = page_as("courrier").get("/courrier/suivi").text
    assert '<th scope="col">Expéditeur</th><th scope="col">Objet</th>' in table
    assert table.count('title="jeanne.dupont@exemple.fr">Jeanne Dupont</td>') == 2, (
        "the message and its attachment"
    )
    assert table.count("Inscription &lt;script&gt;alert(1)&lt;/script&gt; cantine") == 2
    assert "<script>alert" not in table
    assert "<td>guichet@exemple.fr</td>" in table, "no name: the address"
    assert "justificatif.pdf" in table
