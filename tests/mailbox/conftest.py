"""Fixtures of the mailbox tests: a Dovecot of their own, and settings that read it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from paperasse.settings import Settings
from tests.conftest import make_settings
from tests.mailbox.dovecot import DOVECOT, Dovecot


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot with an empty mailbox."""
    if not shutil.which("dovecot") and not Path(DOVECOT).exists():
        pytest.fail("Dovecot missing: scripts/setup.sh test installs dovecot-imapd")
    server = Dovecot()
    try:
        yield server.start()
    finally:
        server.remove()


@pytest.fixture
def settings(tmp_path: Path, database_url: str, dovecot: Dovecot) -> Settings:
    """Settings that read the test's Dovecot; attachments above 1 MB are refused."""
    return make_settings(
        tmp_path,
        database_url=database_url,
        max_upload_mb=1,
        mailbox=dovecot.mailbox_settings(),
    )


from tests.web.conftest import page_as, web_client  # noqa: E402, F401 (fixtures)
