"""What every command module shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from paperasse.audit.digest import head_seq, write_digest
from paperasse.context import Context, open_context
from paperasse.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]
if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


@contextmanager
def context(settings: Settings, *, seal: bool = True) -> Iterator[Context]:
    """The services for one command; a command that appended audit events seals them at its end.

    Sealing at the end keeps the events a command wrote out of the unprotected
    stretch of the audit trail, even when no ``serve`` runs to seal them.
    """
    ctx = open_context(settings)
    try:
        with ctx.sessions() as session:
            start = head_seq(session)
        yield ctx
        if seal:
            with ctx.sessions() as session:
                moved = head_seq(session) != start
            if moved:
                with ctx.transaction() as session:
                    write_digest(session, ctx.store)
    finally:
        ctx.close()
