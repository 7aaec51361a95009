"""serve and worker refuse to start with an example password or key, unless told it is a dev box."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperasse.cli import main
from paperasse.cli.secrets import is_placeholder, refuse_placeholder_secrets
from paperasse.errors import ConfigurationError
from tests.conftest import make_settings


@pytest.mark.parametrize(
    "value",
    ["change-me", "CHANGE_ME_TOO", "change-me-as-well", "minioadmin", "à-changer", "Secret"],
)
def test_example_values_are_placeholders(value: str) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize(
    "value", ["4f1d0c8a9b2e7d3c6a5b", "jardin-bleu-clocher-42", "paperasse-2026-x"]
)
def test_real_secrets_are_not(value: str) -> None:
    assert not is_placeholder(value)


@pytest.mark.parametrize("command", ["serve", "worker"])
def test_services_refuse_to_start_with_an_example_secret(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PAPERASSE_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("PAPERASSE_SECRET_KEY", "change-me-as-well")
    monkeypatch.setenv("PAPERASSE_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    assert main([command]) == ConfigurationError.exit_code
    message = capsys.readouterr().err
    assert "PAPERASSE_SECRET_KEY" in message and "change-me" not in message
    assert "PAPERASSE_ALLOW_PLACEHOLDER_SECRETS=true" in message
    assert not (tmp_path / "var").exists(), "refused before anything was created"


def test_minio_needs_a_secret_and_postgres_a_real_password(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path,
        database_url="postgresql+psycopg://paperasse:postgres@db:5432/paperasse",
        blob={"backend": "minio", "minio_secret_key": ""},
    )
    with pytest.raises(ConfigurationError) as refused:
        refuse_placeholder_secrets(settings)
    assert refused.value.details["settings"] == [
        "PAPERASSE_DATABASE_URL",
        "PAPERASSE_BLOB__MINIO_SECRET_KEY",
    ]


def test_a_development_machine_may_keep_example_secrets(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, secret_key="change-me-as-well-please", allow_placeholder_secrets=True
    )
    refuse_placeholder_secrets(settings)  # no error: explicitly allowed
    assert settings.allow_placeholder_secrets
