"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from paperasse import __version__
from paperasse.api import errors
from paperasse.api.limits import BodyLimit
from paperasse.api.routes import auth, documents, dossiers, health, procedures, search
from paperasse.auth import PasswordAuthenticator, secret_key
from paperasse.context import Context, open_context
from paperasse.ingest.sandbox import readers
from paperasse.runtime import Background
from paperasse.settings import Settings
from paperasse.web import STATIC_DIR
from paperasse.web import router as web_router


def create_app(
    settings: Settings,
    ctx: Context | None = None,
    *,
    background: bool = False,
    processing: bool = True,
) -> FastAPI:
    """Build the app; it opens its own context (migrating the database) unless given one.

    With ``background`` it also indexes and seals the audit chain, and with
    ``processing`` runs the workers and the hot folder as well.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = ctx is None
        app.state.ctx = ctx or open_context(settings)
        app.state.secret = secret_key(settings)
        app.state.authenticator = PasswordAuthenticator(app.state.ctx)
        runner = Background(app.state.ctx, processing=processing) if background else None
        if runner:
            readers(settings).warm(settings)  # uploads read at once find a warm reader
            runner.start()
        try:
            yield
        finally:
            if runner:
                runner.stop()
            if own:
                app.state.ctx.close()

    app = FastAPI(
        title="paperasse",
        version=__version__,
        description="Gestion documentaire et tri automatique du courrier pour les mairies.",
        lifespan=lifespan,
    )
    errors.install(app)
    app.add_middleware(
        BodyLimit, file_bytes=settings.max_upload_bytes, request_bytes=settings.max_request_bytes
    )
    app.include_router(health.router)
    app.include_router(auth.router)
    app.include_router(documents.router)
    app.include_router(search.router)
    app.include_router(procedures.router)
    app.include_router(dossiers.router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
