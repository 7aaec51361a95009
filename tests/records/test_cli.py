"""``paperasse records`` and ``paperasse rgpd`` as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_commands import run
from tests.samples import make_pdf


@pytest.mark.slow
def test_disposal_from_the_command_line(tmp_path: Path) -> None:
    letter = tmp_path / "lettre.pdf"
    letter.write_bytes(
        make_pdf("Monsieur le Maire,\nJe vous écris au sujet de l'éclairage de la rue des Lilas.")
    )
    assert run(tmp_path, "ingest", "-q", str(letter)).returncode == 0
    schedule = run(tmp_path, "records", "schedule")
    assert "document:courrier\t5 an(s)" in schedule.stdout and "[non vérifiée]" in schedule.stdout

    assert json.loads(run(tmp_path, "records", "due", "--json").stdout) == []
    later = json.loads(run(tmp_path, "records", "due", "--json", "--date", "2040-01-01").stdout)
    assert len(later) == 1

    proposed = run(tmp_path, "records", "propose", "--tri", "--date", "2040-01-01")
    assert proposed.returncode == 0, proposed.stderr
    disposal_id = proposed.stdout.split()[1]
    refused = run(tmp_path, "records", "approve", disposal_id, "--visa", "", "--date", "2040-01-01")
    assert (
        refused.returncode == 2 and "visa" in refused.stderr and "Traceback" not in refused.stderr
    )
    approved = run(
        tmp_path, "records", "approve", disposal_id, "--visa", "AD 2040-3", "--date", "2040-01-01"
    )
    assert approved.returncode == 0, approved.stderr
    assert "1 document(s) détruit(s)" in approved.stdout
    assert run(tmp_path, "records", "verify", disposal_id).returncode == 0
    assert run(tmp_path, "audit", "verify").returncode == 0
    out = tmp_path / "bordereau"
    assert run(tmp_path, "records", "certificate", disposal_id, "--out", str(out)).returncode == 0
    assert (out / "bordereau.pdf").read_bytes().startswith(b"%PDF")
    assert json.loads((out / "bordereau.json").read_text())["nombre"] == 1


def test_rgpd_needs_a_full_name_or_an_account(tmp_path: Path) -> None:
    result = run(tmp_path, "rgpd", "find", "--name", "DUPONT")
    assert result.returncode == 2 and "NOM Prénom" in result.stderr
    result = run(tmp_path, "rgpd", "find", "--name", "DUPONT Jeanne")
    assert result.returncode == 0 and "0 document(s)" in result.stdout
