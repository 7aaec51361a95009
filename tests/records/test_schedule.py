"""The retention schedule: every type and procedure has a rule, each rule a source."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from paperasse.checks.catalogue import load_catalogue
from paperasse.errors import ConfigurationError
from paperasse.models.domain import DOC_LABELS
from paperasse.records.schedule import load_schedule, parse_schedule


def _text() -> str:
    return resources.files("paperasse.records").joinpath("schedule.yaml").read_text("utf-8")


def test_the_shipped_schedule_covers_every_type_and_procedure() -> None:
    schedule = load_schedule()
    assert set(schedule.documents) == set(DOC_LABELS)
    assert set(schedule.dossiers) == set(load_catalogue())
    for rule in (*schedule.documents.values(), *schedule.dossiers.values()):
        assert rule.source in schedule.sources
        if not rule.verified:  # an unverified value says so in its note
            assert "confirmer" in rule.note or "non établie" in rule.note or rule.dua_years is None
    assert schedule.document_rule("autre")[1].dua_years is None


def test_a_missing_type_or_procedure_is_refused() -> None:
    data = yaml.safe_load(_text())
    del data["documents"]["rib"]
    with pytest.raises(ConfigurationError, match="rib"):
        parse_schedule(yaml.safe_dump(data), "essai.yaml")
    data = yaml.safe_load(_text())
    del data["dossiers"]["pacs"]
    with pytest.raises(ConfigurationError, match="pacs"):
        parse_schedule(yaml.safe_dump(data), "essai.yaml")


def test_a_loose_document_cannot_run_from_a_dossier_event() -> None:
    data = yaml.safe_load(_text())
    data["documents"]["rib"] = {**data["documents"]["rib"], "runs_from": "cloture"}
    with pytest.raises(ConfigurationError, match="rib"):
        parse_schedule(yaml.safe_dump(data), "essai.yaml")
    data = yaml.safe_load(_text())
    data["dossiers"]["pacs"] = {**data["dossiers"]["pacs"], "source": "inventee"}
    with pytest.raises(ConfigurationError, match="inventee"):
        parse_schedule(yaml.safe_dump(data), "essai.yaml")
