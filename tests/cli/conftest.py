"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest

from tests.pagemaker import FONT_DIR, PageMaker


@pytest.fixture(scope="session")
def pages() -> PageMaker:
    if not (FONT_DIR / "DejaVuSerif.ttf").exists():
        pytest.fail("DejaVu fonts missing: apt-get install fonts-dejavu-core")
    return PageMaker()
