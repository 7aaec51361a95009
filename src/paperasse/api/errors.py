"""One handler maps the error tree to HTTP responses."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from paperasse.errors import AuthenticationError, PaperasseError, RateLimitedError

log = logging.getLogger(__name__)


async def paperasse_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PaperasseError)
    if exc.status >= 500:
        log.error("%s: %s", exc.code, exc.message)
    headers = {}
    if isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = "Bearer"
    retry_after = exc.details.get("retry_after")
    if isinstance(exc, RateLimitedError) and isinstance(retry_after, int | float):
        headers["Retry-After"] = str(int(retry_after))
    return JSONResponse(exc.to_dict(), status_code=exc.status, headers=headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(PaperasseError, paperasse_error_handler)
