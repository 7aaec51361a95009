"""paperasse train: trains on a corpus plus agents' corrections and prints per-type figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from paperasse.classify.model.store import load_model
from paperasse.context import open_context
from paperasse.ingest.intake import Origin, receive
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Document
from paperasse.training.corpus.generate import generate_texts, write_corpus
from paperasse.training.corrections import corrections
from tests.conftest import make_settings
from tests.samples import make_pdf

SEED, PER_TYPE, HELDOUT = 7, 3, 1


def test_train_uses_the_corpus_and_the_corrections(tmp_path: Path) -> None:
    texts = generate_texts(SEED, per_type=PER_TYPE) + generate_texts(
        SEED, per_type=HELDOUT, split="heldout"
    )
    corpus = tmp_path / "corpus"
    write_corpus(corpus, texts, seed=SEED, per_type=PER_TYPE, heldout_per_type=HELDOUT)

    settings = make_settings(tmp_path)
    ctx = open_context(settings)
    letter = make_pdf("Demande de subvention pour le club de pétanque du quartier des Lilas")
    doc_id = receive(ctx, letter, "subvention.pdf", Origin(source="api", actor="t")).document_id
    assert work_once(ctx, "test")
    with ctx.transaction() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None
        doc.doc_type, doc.doc_type_by = "courrier", "user:agent"
    found = corrections(ctx)
    ctx.close()
    assert [(c.label, c.doc_id) for c in found] == [("courrier", doc_id)]
    assert "pétanque" in found[0].text

    out = tmp_path / "model.bin"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env["PAPERASSE_DATA_DIR"] = str(tmp_path / "var")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "paperasse.cli",
            "train",
            "--eval",
            "--corpus",
            str(corpus),
            "--seed",
            str(SEED),
            "--per-type",
            str(PER_TYPE),
            "--heldout-per-type",
            str(HELDOUT),
            "--out",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 corrections d'agents incluses" in result.stdout
    assert "facture_energie" in result.stdout and "F1" in result.stdout
    model = load_model(out)
    assert model.header.corrections == 1 and model.header.metrics is not None
