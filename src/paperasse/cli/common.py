"""What every command module shares."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from paperasse.context import Context, open_context
from paperasse.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]
if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
else:
    Subparsers = argparse._SubParsersAction


@contextmanager
def context(settings: Settings) -> Iterator[Context]:
    ctx = open_context(settings)
    try:
        yield ctx
    finally:
        ctx.close()
