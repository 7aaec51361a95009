"""The shipped models, the installed scikit-learn and the pin in pyproject.toml agree:
otherwise every document would silently go to review in production."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import sklearn

from paperasse.classify.model.store import shipped_model_path
from paperasse.classify.modelfile import read_header
from paperasse.classify.triage import default_model_path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def pinned_sklearn() -> str:
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    pins = [re.fullmatch(r"scikit-learn==([\w.]+)", d) for d in dependencies]
    found = [m.group(1) for m in pins if m]
    assert len(found) == 1, "scikit-learn must be pinned exactly (==) in pyproject.toml"
    return found[0]


def test_shipped_models_were_written_by_the_pinned_scikit_learn() -> None:
    pin = pinned_sklearn()
    assert sklearn.__version__ == pin
    for path, kind in ((shipped_model_path(), "doctype"), (default_model_path(), "service")):
        header = read_header(path, kind)
        assert header["sklearn_version"] == pin, path
        assert path.stat().st_size < 1_500_000, "shipped model files stay small"
