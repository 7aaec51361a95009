"""The command that reads the town hall's mailbox once, or keeps reading it."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import TYPE_CHECKING

from paperasse.cli.common import Subparsers, context
from paperasse.settings import Settings

if TYPE_CHECKING:
    from paperasse.ingest.mail.reader import PassReport


def cmd_mailbox(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.errors import MailboxError
    from paperasse.ingest.mail.reader import MailboxReader, PassReport

    stop = threading.Event()
    if args.watch:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
    with context(settings) as ctx:
        reader = MailboxReader(ctx)
        if not args.watch:
            report = reader.read_once()
            if report.skipped:
                print("une autre relève de cette boîte est en cours : rien à faire")
                return 0
            print(_summary(report))
            return 2 if report.failed else 0
        print(
            f"relève de {reader.mailbox} toutes les {settings.mailbox.poll_seconds:g} s ; "
            "Ctrl+C pour arrêter"
        )
        while not stop.is_set():
            try:
                report = reader.read_once(stop)
            except MailboxError as e:
                wait = settings.mailbox.poll_seconds
                print(f"erreur : {e.message} (nouvel essai dans {wait:g} s)", flush=True)
                report = PassReport()
            if report.taken or report.failed:
                print(_summary(report), flush=True)
            stop.wait(settings.mailbox.poll_seconds)
    return 0


def _summary(report: PassReport) -> str:
    line = (
        f"{report.taken} courriel(s) relevé(s) : {report.attachments} pièce(s) jointe(s) "
        f"enregistrée(s), {report.refused} refusée(s)"
    )
    if report.failed:
        line += (
            f" ; {report.failed} courriel(s) non relevé(s), laissé(s) dans la boîte "
            "(voir le journal)"
        )
    return line


def register(sub: Subparsers) -> None:
    mailbox = sub.add_parser(
        "mailbox", help="relever la boîte aux lettres de la mairie (IMAP, PAPERASSE_MAILBOX__*)"
    )
    mailbox.add_argument("--watch", action="store_true", help="continuer à relever jusqu'à Ctrl+C")
    mailbox.set_defaults(handler=cmd_mailbox)
