"""Settings: read from the environment, nested with __, listed in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperasse.errors import ConfigurationError
from paperasse.settings import get_settings, settings_rows, settings_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_lists_every_setting_as_generated() -> None:
    text = README.read_text()
    block = text.split("<!-- settings:start -->\n")[1].split("\n<!-- settings:end -->")[0]
    assert block == settings_table(), "run: python -m paperasse.settings, paste into README"


def test_every_setting_has_a_description() -> None:
    assert all(desc for _, _, desc in settings_rows())


def test_nested_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERASSE_BLOB__BACKEND", "minio")
    monkeypatch.setenv("PAPERASSE_SEARCH__BATCH_SIZE", "42")
    monkeypatch.setenv("PAPERASSE_DATA_DIR", "/srv/paperasse")
    settings = get_settings()
    assert settings.blob.backend == "minio" and settings.search.batch_size == 42
    assert settings.sqlalchemy_url == "sqlite:////srv/paperasse/paperasse.db"


def test_invalid_setting_is_a_clear_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPERASSE_BLOB__BACKEND", "ftp")
    with pytest.raises(ConfigurationError, match="PAPERASSE_BLOB__BACKEND"):
        get_settings()
