"""Fixtures shared by the tests of this folder."""

from __future__ import annotations

import pytest

from tests.pagemaker import FONT_DIR, PageMaker


@pytest.fixture(scope="session")
def pages() -> PageMaker:
    if not (FONT_DIR / "DejaVuSerif.ttf").exists():
        pytest.fail("DejaVu fonts missing: apt-get install fonts-dejavu-core")
    return PageMaker()


from tests.api.conftest import app_client, client_as  # noqa: E402, F401 (fixtures)
from tests.web.conftest import page_as, web_client  # noqa: E402, F401 (fixtures)
