"""Fixtures shared by every test package: settings in a temporary folder, and the
database on SQLite always and on PostgreSQL when PAPERASSE_TEST_POSTGRES_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from paperasse.context import Context, open_context
from paperasse.settings import Settings

POSTGRES_URL = os.environ.get("PAPERASSE_TEST_POSTGRES_URL", "")


def pytest_report_header() -> list[str]:
    if POSTGRES_URL:
        return [f"PostgreSQL tests: on ({make_url(POSTGRES_URL).render_as_string()})"]
    return ["PostgreSQL tests: skipped (set PAPERASSE_TEST_POSTGRES_URL to run them)"]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'paperasse.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not configured: set PAPERASSE_TEST_POSTGRES_URL")
    with postgres_schema(POSTGRES_URL) as url:
        yield url


@contextmanager
def postgres_schema(server_url: str, prefix: str = "test") -> Iterator[str]:
    """A fresh schema on the PostgreSQL server of ``server_url``, dropped afterwards."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    """Settings rooted in a temporary folder, ignoring the developer's environment."""
    values: dict[str, object] = {"data_dir": tmp_path / "var"}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url=database_url)


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    context = open_context(settings)
    yield context
    context.close()


@pytest.fixture
def sqlite_ctx(sqlite_settings: Settings) -> Iterator[Context]:
    context = open_context(sqlite_settings)
    yield context
    context.close()
