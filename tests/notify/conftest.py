"""A real SMTP server for the notification tests (aiosmtpd, started by the test)."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from paperasse.context import Context, open_context
from tests.conftest import make_settings


@dataclass
class Inbox:
    """What the SMTP server accepted; ``refuse`` makes it refuse every recipient (550)."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: bool = False

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.refuse:
            return "550 5.1.1 Destinataire inconnu"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def mail_ctx(tmp_path: Path, database_url: str, smtp_port: int) -> Iterator[Context]:
    """A context whose notifications go to the test's SMTP server."""
    settings = make_settings(
        tmp_path,
        database_url=database_url,
        public_url="https://demarches.saint-exemple.fr",
        smtp={"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout_seconds": 5},
        town={"name": "Mairie de Saint-Exemple"},
    )
    context = open_context(settings)
    yield context
    context.close()
