"""The signing secret: configured, or generated once and kept private."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import SecretStr

from paperasse.auth.secret import secret_key
from paperasse.errors import ConfigurationError
from tests.conftest import make_settings


def test_generated_once_private_and_reused(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    key = secret_key(settings)
    path = settings.data_dir / "secret_key"
    assert len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_key(make_settings(tmp_path)) == key
    assert [p.name for p in settings.data_dir.iterdir()] == ["secret_key"]


def test_two_installations_get_different_keys(tmp_path: Path) -> None:
    assert secret_key(make_settings(tmp_path / "a")) != secret_key(make_settings(tmp_path / "b"))


def test_configured_key_wins(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, secret_key=SecretStr("une clé configurée assez longue"))
    assert secret_key(settings) == "une clé configurée assez longue".encode()
    assert not (settings.data_dir / "secret_key").exists()


def test_short_or_broken_keys_are_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="trop courte"):
        secret_key(make_settings(tmp_path, secret_key=SecretStr("court")))
    settings = make_settings(tmp_path)
    settings.data_dir.mkdir(parents=True)
    (settings.data_dir / "secret_key").write_text("pas de l'hexadécimal")
    with pytest.raises(ConfigurationError, match="illisible"):
        secret_key(settings)
