"""One handler maps the error tree to HTTP responses, another the parameters FastAPI refuses.

FastAPI answers a malformed parameter (a date that is not one, a limit out of
range, a value outside its list) with a 422 in English; callers get the same
``{"code", "message"}`` shape as every other error, in French, instead.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from paperasse.errors import AuthenticationError, PaperasseError, RateLimitedError

log = logging.getLogger(__name__)

WHERE = {"query": "paramètre", "path": "identifiant", "body": "champ", "header": "en-tête"}


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


async def validation_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(error) for error in exc.errors()[:10]]
    body = {
        "code": "invalid_input",
        "message": "Demande invalide : " + " ; ".join(text for _, text in problems) + ".",
        "details": {"fields": [field for field, _ in problems]},
    }
    return JSONResponse(body, status_code=422)


def _problem(error: dict[str, Any]) -> tuple[str, str]:
    """(field, French sentence) for one of pydantic's errors; never echoes the value."""
    loc: Sequence[Any] = error.get("loc", ())
    where = WHERE.get(str(loc[0]), "valeur") if loc else "valeur"
    field = ".".join(str(part) for part in loc[1:]) or where
    return field, f"{where} « {field} » : {_expected(error)}"


def _expected(error: dict[str, Any]) -> str:
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    if kind == "missing":
        return "obligatoire"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "date attendue, au format AAAA-MM-JJ"
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "nombre entier attendu"
    if kind in ("float_parsing", "float_type"):
        return "nombre attendu"
    if kind in ("bool_parsing", "bool_type"):
        return "true ou false attendu"
    if kind in ("greater_than_equal", "greater_than"):
        return f"au moins {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"au plus {ctx.get('le', ctx.get('lt'))}"
    if kind == "literal_error" or kind == "enum":
        return f"valeurs possibles : {ctx.get('expected', '')}".replace("'", "")
    if kind == "string_too_short":
        return f"au moins {ctx.get('min_length')} caractère(s)"
    if kind == "string_too_long":
        return f"au plus {ctx.get('max_length')} caractères"
    if kind in ("json_invalid", "model_attributes_type", "dict_type", "model_type"):
        return "corps JSON attendu, bien formé"
    return "valeur invalide"


def install(app: FastAPI) -> None:
    app.add_exception_handler(PaperasseError, paperasse_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
