"""What the browser tests share: their markers, window sizes, and the
e-mails the live server's SMTP server caught (the fixtures are in ``conftest``)."""

from __future__ import annotations

import time

import pytest

from tests.notify.conftest import Inbox
from tests.web.live import CHROMIUM

BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent (Debian chromium)"),
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def mails(box: Inbox, count: int, timeout: float = 60) -> list[str]:
    """The subjects of the first ``count`` e-mails, once the sender has sent them."""
    end = time.monotonic() + timeout
    while len(box.messages) < count and time.monotonic() < end:
        time.sleep(0.2)
    return [str(m["Subject"]) for m in box.messages]
