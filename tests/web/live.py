"""A real paperasse server on 127.0.0.1 (uvicorn in a thread, workers and indexer
running) and a Debian Chromium driven by Playwright, for the browser tests and the
screenshots."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from paperasse.api.app import create_app
from paperasse.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class LiveServer:
    url: str
    settings: Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(data_dir: Path, **overrides: Any) -> Iterator[LiveServer]:
    """``create_app(settings, background=True)`` served by uvicorn until the block ends."""
    values: dict[str, Any] = {"data_dir": data_dir, "jobs": {"workers": 1}}
    values.update(overrides)
    settings = Settings(_env_file=None, **values)  # type: ignore[call-arg]
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, background=True), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="paperasse-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=60)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    """Fill in the sign-in form like a person."""
    page.goto(f"{base}/connexion")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
