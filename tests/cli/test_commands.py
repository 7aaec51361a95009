"""The paperasse command, run as a user runs it: a real process, French one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.samples import make_pdf, make_png


def run(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    environ["PAPERASSE_DATA_DIR"] = str(tmp_path / "var")
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "paperasse.cli", *args],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("command", [[], ["serve"], ["ingest"], ["audit"], ["audit", "verify"]])
def test_help_on_each_command(tmp_path: Path, command: list[str]) -> None:
    result = run(tmp_path, *command, "--help")
    assert result.returncode == 0 and "usage: paperasse" in result.stdout


def test_ingest_stores_good_files_and_refuses_bad_ones(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "lettre.pdf").write_bytes(make_pdf("Monsieur le Maire"))
    (inbox / "photo.png").write_bytes(make_png())
    (inbox / "vide.pdf").write_bytes(b"")
    (inbox / "notes.txt").write_text("pas un document")
    result = run(tmp_path, "ingest", str(inbox))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    refused = result.stderr.strip().splitlines()
    assert len(refused) == 2 and all(line.startswith("refusé : ") for line in refused)
    assert "vide" in result.stderr and "PDF, TIFF, JPEG ou PNG" in result.stderr
    processed = result.stdout.strip().splitlines()
    states = {line.split("\t")[1] for line in processed}
    assert len(processed) == 2 and states <= {"traité", "à vérifier"}
    again = run(tmp_path, "ingest", "--no-wait", str(inbox / "lettre.pdf"))
    assert again.returncode == 0 and "déjà reçu" in again.stderr


def test_missing_path_is_one_clear_line(tmp_path: Path) -> None:
    result = run(tmp_path, "ingest", str(tmp_path / "absent.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "n'existe pas" in result.stderr


def test_audit_verify_names_the_altered_event(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    for text in ("un", "deux", "trois"):
        pdf.write_bytes(make_pdf(text))
        assert run(tmp_path, "ingest", "--no-wait", str(pdf)).returncode == 0
    assert run(tmp_path, "audit", "seal").returncode == 0
    ok = run(tmp_path, "audit", "verify")
    # each ingest sealed the events it wrote
    assert ok.returncode == 0 and "3 événements" in ok.stdout and "3 empreintes" in ok.stdout
    with sqlite3.connect(tmp_path / "var" / "paperasse.db") as db:
        db.execute("UPDATE audit_events SET actor = 'intrus' WHERE seq = 2")
    bad = run(tmp_path, "audit", "verify")
    assert bad.returncode == 1 and "n°2" in bad.stderr and "Traceback" not in bad.stderr


def test_bad_configuration_is_one_line(tmp_path: Path) -> None:
    env_result = subprocess.run(
        [sys.executable, "-m", "paperasse.cli", "audit", "verify"],
        env={**os.environ, "PAPERASSE_PORT": "not-a-port", "PAPERASSE_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert env_result.returncode == 8 and "PAPERASSE_PORT" in env_result.stderr


def test_users_and_search_from_the_command_line(tmp_path: Path) -> None:
    env = {"PAPERASSE_NEW_PASSWORD": "une-phrase-de-passe-longue"}
    added = subprocess.run(
        [
            sys.executable,
            "-m",
            "paperasse.cli",
            "users",
            "add",
            "lucie",
            "--role",
            "agent",
            "--service",
            "urbanisme",
            "--name",
            "Lucie Martin",
        ],
        env={**os.environ, **env, "PAPERASSE_DATA_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    listed = run(tmp_path, "users", "list")
    assert "lucie\tagent\turbanisme\tactif\tLucie Martin" in listed.stdout
    letter = tmp_path / "permis.pdf"
    letter.write_bytes(make_pdf("Recours gracieux contre le permis de construire de M. Lefèvre"))
    assert run(tmp_path, "ingest", "--service", "urbanisme", str(letter)).returncode == 0
    found = run(tmp_path, "search", "lefevre", "permis", "--json")
    assert found.returncode == 0, found.stderr
    assert '"total": 1' in found.stdout and '"page": 1' in found.stdout
    as_lucie = run(tmp_path, "search", "lefevre", "--as", "lucie")
    assert as_lucie.stdout.startswith("1 document")
    assert run(tmp_path, "users", "disable", "lucie").returncode == 0
    assert "désactivé" in run(tmp_path, "users", "list").stdout
