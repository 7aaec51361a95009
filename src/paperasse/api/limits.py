"""Refuse request bodies over the limit before reading them.

Without this, a 1 GB multipart body is spooled to disk in full before anyone
looks at it, even for an anonymous caller who will be answered 401. A body whose
declared length is over the limit is answered 413 at once, nothing read; a body
sent without a length (chunked) is cut at the limit and answered 413 likewise.
The JSON API takes one file per request, so its limit is one file's; the pages
take several files in one form, up to ``PAPERASSE_MAX_REQUEST_MB``.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paperasse.errors import FileTooLargeError

log = logging.getLogger(__name__)

API_PREFIX = "/api/"
FORM_OVERHEAD = 1024 * 1024  # multipart boundaries and the small fields beside the file


class BodyLimit:
    """ASGI middleware: 413 for a request body over its route's limit."""

    def __init__(self, app: ASGIApp, *, file_bytes: int, request_bytes: int) -> None:
        self.app = app
        self.file_bytes = file_bytes
        self.request_bytes = request_bytes

    def limit_for(self, path: str) -> int:
        if path.startswith(API_PREFIX):
            return min(self.file_bytes + FORM_OVERHEAD, self.request_bytes)
        return self.request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            log.warning("%s: body of %s bytes refused unread", scope["path"], declared)
            await _refuse(send, limit)
            return
        received = 0
        over = False
        answered = False

        async def counted() -> Message:
            nonlocal received, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    log.warning("%s: streamed body cut at %d bytes", scope["path"], limit)
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def answer(message: Message) -> None:
            nonlocal answered
            if not over:
                await send(message)
            elif not answered:  # whatever the app says about a cut body, the answer is 413
                answered = True
                await _refuse(send, limit)

        try:
            await self.app(scope, counted, answer)
        except Exception:
            if not over:
                raise
        if over and not answered:
            await _refuse(send, limit)


def too_large_body(limit: int) -> FileTooLargeError:
    return FileTooLargeError(
        f"L'envoi dépasse la limite de {limit // 1_048_576} Mo : il n'a pas été lu. "
        "Envoyez des fichiers plus petits, ou moins de fichiers à la fois.",
        details={"limit": limit},
    )


async def _refuse(send: Send, limit: int) -> None:
    error = too_large_body(limit)
    body = json.dumps(error.to_dict(), ensure_ascii=False).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
