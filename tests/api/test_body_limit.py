"""Huge request bodies are refused before they are read: by their declared length, or
cut at the limit when they come without one."""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from paperasse.api.app import create_app
from paperasse.context import Context
from tests.samples import make_pdf
from tests.web.live import free_port

GB = 1024 * 1024 * 1024
BOUNDARY = "paperasse-limite"


@pytest.fixture
def server(sqlite_ctx: Context) -> Iterator[tuple[str, int]]:
    """The app under uvicorn on a local port (no workers: nothing here is processed)."""
    port = free_port()
    app = create_app(sqlite_ctx.settings, sqlite_ctx)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    while not app_server.started:
        assert thread.is_alive()
        time.sleep(0.05)
    yield "127.0.0.1", port
    app_server.should_exit = True
    thread.join(timeout=30)


def _head(path: str, length: int | None, extra: str = "") -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\n{framing}\r\n{extra}"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\r\n"
    ).encode()


def _part_head(name: str = "file") -> bytes:
    return (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
        'filename="enorme.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n'
    ).encode()


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def _send_until_answered(sock: socket.socket, chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send chunks until the server answers; returns its answer and the bytes sent."""
    sent = 0
    for chunk in chunks:
        readable, _, _ = select.select([sock], [], [], 0)
        if readable:
            break
        try:
            sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            break
        sent += len(chunk)
    sock.settimeout(30)
    return sock.recv(65536), sent


@pytest.mark.parametrize("path", ["/api/v1/documents", "/courrier/depot"])
def test_a_declared_gigabyte_is_refused_before_it_is_sent(
    server: tuple[str, int], path: str
) -> None:
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(_head(path, GB) + _part_head())
        answer = sock.recv(65536)
    assert _status(answer) == 413, answer[:200]
    assert "dépasse la limite de" in answer.decode("utf-8", "replace")


def test_an_anonymous_gigabyte_is_answered_413_not_spooled_then_401(
    server: tuple[str, int],
) -> None:
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(_head("/api/v1/documents", GB, "Authorization: Bearer faux\r\n"))
        answer = sock.recv(65536)
    assert _status(answer) == 413


def test_a_chunked_body_is_cut_at_the_limit(server: tuple[str, int]) -> None:
    block = b"\0" * (1024 * 1024)
    chunk = b"%x\r\n" % len(block) + block + b"\r\n"

    def body() -> Iterator[bytes]:
        first = _part_head()
        yield b"%x\r\n" % len(first) + first + b"\r\n"
        for _ in range(1024):  # a gigabyte, if nobody stops it
            yield chunk

    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(_head("/api/v1/documents", None))
        answer, sent = _send_until_answered(sock, body())
    assert _status(answer) == 413, answer[:200]
    assert sent < 200 * 1024 * 1024, f"{sent} bytes were taken before the answer"


def test_an_ordinary_upload_still_goes_through(
    server: tuple[str, int], sqlite_ctx: Context
) -> None:
    payload = (
        _part_head().replace(b"%PDF-1.7\n", b"")
        + make_pdf("Lettre")
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )
    with socket.create_connection(server, timeout=30) as sock:
        sock.sendall(_head("/api/v1/documents", len(payload)) + payload)
        answer = sock.recv(65536)
    assert _status(answer) == 401, "read in full, then refused for want of a signature"
