"""Training, evaluation and model files, on a tiny generated corpus (text only, no OCR)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from paperasse.classify.model import (
    DocTypeModel,
    classify_text,
    load_model,
    load_model_or_none,
    save_model,
)
from paperasse.classify.model.store import sidecar_path
from paperasse.classify.modelfile import MAGIC
from paperasse.errors import InputError, ModelError
from paperasse.training.corpus import DOC_LABELS, LabelledText, generate_texts
from paperasse.training.corpus.generate import write_corpus
from paperasse.training.doctype_eval import evaluate, format_report
from paperasse.training.doctype_train import train, train_from_corpus


@pytest.fixture(scope="module")
def corpus() -> list[LabelledText]:
    return generate_texts(21, per_type=6)


@pytest.fixture(scope="module")
def heldout() -> list[LabelledText]:
    return generate_texts(21, per_type=3, split="heldout")


@pytest.fixture(scope="module")
def model(corpus: list[LabelledText]) -> DocTypeModel:
    return train(corpus)


def test_trained_model_scores_every_type(model: DocTypeModel, heldout: list[LabelledText]) -> None:
    report = evaluate(model, heldout)
    assert [score.label for score in report.per_type] == sorted(DOC_LABELS)
    assert all(score.support == 3 for score in report.per_type)
    assert report.documents == len(heldout)
    assert report.macro_f1 > 0.85
    table = format_report(report)
    assert "macro-F1" in table
    assert all(label in table for label in DOC_LABELS)


def test_evaluation_counts_mistakes(model: DocTypeModel, heldout: list[LabelledText]) -> None:
    relabelled = [text.model_copy(update={"label": "courrier"}) for text in heldout[:6]]
    report = evaluate(model, relabelled)
    assert report.accuracy == 0.0
    assert report.macro_f1 == 0.0


def test_corrections_teach_the_model(corpus: list[LabelledText]) -> None:
    odd = "Note de service interne : planning des astreintes de la voirie pour le week-end."
    corrections = [LabelledText(text=odd, label="facture_eau", source="correction")] * 4
    model = train(corpus, corrections)
    assert classify_text(odd, model, threshold=0.0).label == "facture_eau"
    assert model.header.corrections == 4


def test_training_needs_two_types() -> None:
    with pytest.raises(InputError):
        train([LabelledText(text="Facture du 12/03 kWh", label="facture_energie")] * 3)


def test_save_then_load_gives_the_same_decisions(model: DocTypeModel, tmp_path: Path) -> None:
    path = tmp_path / "doctype.pkl.gz"
    save_model(model, path)
    loaded = load_model(path)
    assert gzip.decompress(path.read_bytes()).startswith(MAGIC)
    assert sidecar_path(path).is_file()
    text = "Relevé d'identité bancaire IBAN FR76 3000 4000 BIC BNPAFRPP Titulaire du compte"
    assert classify_text(text, loaded) == classify_text(text, model)


def test_same_corpus_gives_the_same_model(model: DocTypeModel, corpus: list[LabelledText]) -> None:
    again = train(corpus)
    assert (again.classifier.coef_ == model.classifier.coef_).all()
    for (_, mine), (_, theirs) in zip(
        again.vectorizer.transformer_list, model.vectorizer.transformer_list, strict=True
    ):
        assert list(mine.vocabulary_.items()) == list(theirs.vocabulary_.items())


def test_fresh_processes_write_the_same_model_file(tmp_path: Path) -> None:
    # Byte identity holds between fresh processes, as `paperasse train` runs: within one
    # long process, pickle may share string objects differently.
    script = (
        "import sys; from pathlib import Path\n"
        "from paperasse.training.corpus import generate_texts\n"
        "from paperasse.classify.model import save_model\n"
        "from paperasse.training.doctype_train import train\n"
        "save_model(train(generate_texts(23, per_type=4)), Path(sys.argv[1]))\n"
    )
    for name in ("one.pkl.gz", "two.pkl.gz"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / name)], check=True)
    assert (tmp_path / "one.pkl.gz").read_bytes() == (tmp_path / "two.pkl.gz").read_bytes()


def test_model_from_another_sklearn_is_refused(model: DocTypeModel, tmp_path: Path) -> None:
    path = tmp_path / "old.pkl.gz"
    save_model(model, path)
    data = gzip.decompress(path.read_bytes())
    old = data.replace(
        f'"sklearn_version": "{model.header.sklearn_version}"'.encode(),
        b'"sklearn_version": "1.2.0"',
        1,
    )
    assert old != data
    path.write_bytes(gzip.compress(old))
    with pytest.raises(ModelError) as caught:
        load_model(path)
    assert "scikit-learn 1.2.0" in caught.value.message
    assert load_model_or_none(path) is None


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip"])
def test_corrupt_model_is_refused(model: DocTypeModel, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "doctype.pkl.gz"
    save_model(model, path)
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = os.urandom(2048)
    else:
        data = data[:-10] + bytes(b ^ 0xFF for b in data[-10:])
    path.write_bytes(data)
    with pytest.raises(ModelError):
        load_model(path)
    degraded = classify_text("Relevé d'identité bancaire IBAN BIC", load_model_or_none(path))
    assert degraded.needs_review and degraded.label == "autre"


def test_failed_save_leaves_the_old_file_whole(
    model: DocTypeModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "doctype.pkl.gz"
    save_model(model, path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        save_model(model, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doctype.metrics.json", "doctype.pkl.gz"]


def test_train_from_corpus_reproduces_its_figures(tmp_path: Path) -> None:
    small = generate_texts(22, per_type=3) + generate_texts(22, per_type=1, split="heldout")
    corpus_dir = tmp_path / "corpus"
    write_corpus(corpus_dir, small, seed=22, per_type=3, heldout_per_type=1)
    first = train_from_corpus(corpus_dir, [], tmp_path / "one.pkl.gz", evaluate=True)
    second = train_from_corpus(corpus_dir, [], tmp_path / "two.pkl.gz", evaluate=True)
    assert first is not None and first == second
    assert first.documents == len(DOC_LABELS)
    one, two = load_model(tmp_path / "one.pkl.gz"), load_model(tmp_path / "two.pkl.gz")
    assert (one.classifier.coef_ == two.classifier.coef_).all()
    header = one.header
    assert header.corpus["seed"] == 22 and header.corpus["heldout_documents"] == len(DOC_LABELS)
    assert header.metrics is not None
    assert header.metrics["macro_f1"] == round(first.macro_f1, 4)
    assert "macro_f1_without_cues" in header.metrics


def test_negatives_train_autre_and_short_texts_are_left_out(corpus: list[LabelledText]) -> None:
    empty = [LabelledText(text="  ", label="passeport"), LabelledText(text="ab", label="rib")]
    model = train([*corpus, *empty])
    assert "autre" in model.labels
    assert model.header.corpus == {"documents": len(corpus) + 2}
    again = train(corpus)
    assert (again.classifier.coef_ == model.classifier.coef_).all()  # the two were not used


def test_calibration_improves_the_probabilities_on_unseen_documents(
    corpus: list[LabelledText], heldout: list[LabelledText]
) -> None:
    calibrated, raw = train(corpus), train(corpus, calibrate=False)
    assert raw.header.temperature == 1.0 and calibrated.header.temperature != 1.0

    def log_loss(model: DocTypeModel) -> float:
        rows = model.features([t.text for t in heldout])
        probabilities = model.probabilities(rows)
        truth = [model.labels.index(t.label) for t in heldout]
        return -float(np.mean(np.log(probabilities[np.arange(len(truth)), truth] + 1e-12)))

    assert log_loss(calibrated) < log_loss(raw)
    same = [
        m.probabilities(m.features([t.text for t in heldout])).argmax(1) for m in (calibrated, raw)
    ]
    assert (same[0] == same[1]).all()  # one temperature never changes the ranking
