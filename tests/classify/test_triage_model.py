"""The service model file: shipped, versioned, refused when incompatible, degraded safely."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import pytest
import sklearn

from paperasse.classify.triage import (
    ServiceModel,
    default_model_path,
    load_default_service_model,
    load_service_model,
    triage,
)
from paperasse.classify.triage.cues import SERVICES
from paperasse.classify.triage.text import fold
from paperasse.errors import ModelError

RECEIVED = dt.date(2026, 3, 10)


@pytest.fixture(scope="module")
def shipped() -> ServiceModel:
    model = load_default_service_model()
    assert model is not None
    return model


def test_shipped_model_is_small_and_matches_installed_sklearn(shipped: ServiceModel) -> None:
    assert default_model_path().stat().st_size < 1_000_000
    assert shipped.info.sklearn_version == sklearn.__version__
    assert sorted(shipped.labels) == sorted(SERVICES)
    probs = shipped.predict_proba(fold("Demande d'inscription sur les listes électorales"))
    assert max(probs, key=lambda s: probs[s]) == "elections"
    assert sum(probs.values()) == pytest.approx(1.0)


def _written_by(sklearn_version: str, shipped: ServiceModel, path: Path) -> Path:
    """A copy of the shipped model whose header says another scikit-learn wrote it."""
    shipped.save(path)
    raw = gzip.decompress(path.read_bytes())
    stamp = f'"sklearn_version": "{sklearn.__version__}"'.encode()
    assert stamp in raw
    path.write_bytes(
        gzip.compress(raw.replace(stamp, f'"sklearn_version": "{sklearn_version}"'.encode(), 1))
    )
    return path


def test_model_of_another_sklearn_version_is_refused(shipped: ServiceModel, tmp_path: Path) -> None:
    path = _written_by("1.0.2", shipped, tmp_path / "old.pkl.gz")
    with pytest.raises(ModelError, match=r"scikit-learn 1\.0\.2") as caught:
        load_service_model(path)
    assert caught.value.details["installed_sklearn"] == sklearn.__version__


def test_round_trip_gives_the_same_probabilities(shipped: ServiceModel, tmp_path: Path) -> None:
    path = tmp_path / "copy.pkl.gz"
    shipped.save(path)
    text = fold("Le lampadaire de la rue des Lilas ne s'allume plus.")
    assert load_service_model(path).predict_proba(text) == shipped.predict_proba(text)
    assert not list(tmp_path.glob(".tmp-*")), "atomic write must leave no temporary file"


def test_missing_corrupt_or_foreign_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="introuvable"):
        load_service_model(tmp_path / "absent.pkl.gz")
    garbage = tmp_path / "garbage.pkl.gz"
    garbage.write_bytes(b"not gzip at all")
    with pytest.raises(ModelError):
        load_service_model(garbage)
    foreign = tmp_path / "foreign.pkl.gz"
    foreign.write_bytes(gzip.compress(b"SOMETHING ELSE\n{}\n"))
    with pytest.raises(ModelError, match="n'est pas un modèle"):
        load_service_model(foreign)


def test_tampered_payload_is_refused(shipped: ServiceModel, tmp_path: Path) -> None:
    path = tmp_path / "tampered.pkl.gz"
    shipped.save(path)
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[-10] ^= 0xFF
    path.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(ModelError, match="endommagé"):
        load_service_model(path)


def test_refused_model_degrades_to_rules(shipped: ServiceModel, tmp_path: Path) -> None:
    path = _written_by("0.24", shipped, tmp_path / "old.pkl.gz")
    try:
        model: ServiceModel | None = load_service_model(path)
    except ModelError:
        model = None
    assert model is None
    decisive = triage(
        "Je dépose une déclaration préalable pour un abri de jardin.",
        doc_type=None,
        received=RECEIVED,
        model=model,
    )
    assert decisive.service.label == "urbanisme"
    assert not decisive.service.needs_review
    assert "modèle statistique indisponible" in " ".join(decisive.service.explanation)
    vague = triage(
        "Bonjour, j'aimerais avoir des nouvelles de mon dossier. Merci.",
        doc_type=None,
        received=RECEIVED,
        model=model,
    )
    assert vague.service.needs_review and vague.needs_review
    conflicting = triage(
        "Facture de cantine de mon fils contestée.", doc_type=None, received=RECEIVED, model=model
    )
    assert conflicting.service.needs_review


def test_training_is_deterministic_and_evaluation_prints_every_service() -> None:
    from paperasse.training.triage_train import (
        evaluate_service_model,
        print_evaluation,
        train_service_model,
    )

    first = train_service_model(5, n_per_service=12, split="train")
    second = train_service_model(5, n_per_service=12, split="train")
    text = fold("Ma fille entre au CP en septembre, comment l'inscrire à l'école ?")
    assert first.predict_proba(text) == second.predict_proba(text)
    results = evaluate_service_model(first, seed=11, n_per_service=4)
    assert [r.name for r in results] == ["modèle seul", "règles seules", "modèle + règles"]
    lines: list[str] = []
    print_evaluation(results, out=lines.append)
    for service in SERVICES:
        assert any(line.startswith(service) for line in lines)
    assert all(0.0 <= r.accuracy <= 1.0 for r in results)


def test_held_out_split_uses_unseen_templates() -> None:
    from paperasse.training.triage_corpus import generate_letters

    train = {letter.template for letter in generate_letters(1, 60, split="train")}
    test = {letter.template for letter in generate_letters(2, 60, split="test")}
    assert train and test
    assert not train & test


# Retraining on another machine need not give the same bytes (BLAS, library builds),
# but it must score as well: within this many points of accuracy on held-out letters.
RETRAIN_TOLERANCE = 0.03


@pytest.mark.slow
def test_retraining_scores_within_tolerance_of_the_shipped_model(shipped: ServiceModel) -> None:
    from paperasse.training.triage_train import evaluate_service_model, train_service_model

    fresh = train_service_model(shipped.info.seed)
    scores = [
        {r.name: r.accuracy for r in evaluate_service_model(model, seed=777, n_per_service=25)}
        for model in (shipped, fresh)
    ]
    for name, accuracy in scores[0].items():
        assert abs(scores[1][name] - accuracy) <= RETRAIN_TOLERANCE, name
