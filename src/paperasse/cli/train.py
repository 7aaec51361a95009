"""paperasse train: rebuild the document-type model from the generated corpus and
the agents' corrections, and print its figures on the held-out scans."""

from __future__ import annotations

import argparse
import importlib.util
import os
from pathlib import Path

from paperasse.cli.common import Subparsers, context
from paperasse.errors import ConfigurationError, ModelError
from paperasse.settings import Settings


def shipped_corpus_plan() -> dict[str, int]:
    """Seed and sizes the shipped model was trained with, so training can reproduce it."""
    from paperasse.classify.model.store import read_header, shipped_model_path

    try:
        header = read_header(shipped_model_path())
    except (ModelError, OSError):
        return {}
    keys = ("seed", "per_type", "heldout_per_type")
    return {k: int(header.corpus[k]) for k in keys if k in header.corpus}


def require_training_extra() -> None:
    """Training needs the ``[training]`` extra (Faker); say how to install it when missing."""
    if importlib.util.find_spec("faker") is None:
        raise ConfigurationError(
            "Le réentraînement demande les paquets d'entraînement, absents de cette "
            "installation : installez-les avec « .venv/bin/pip install -e '.[training]' » "
            "(ou « pip install 'paperasse[training]' »), puis relancez « paperasse train »."
        )


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    require_training_extra()
    from paperasse.training.corpus.generate import DEFAULT_SEED, generate_corpus
    from paperasse.training.corpus.types import LabelledText
    from paperasse.training.corrections import corrections
    from paperasse.training.doctype_eval import format_report
    from paperasse.training.doctype_train import train_from_corpus

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    plan = shipped_corpus_plan()
    corpus_dir = Path(args.corpus)
    print(f"corpus : {corpus_dir} (généré s'il manque ; plusieurs minutes avec l'OCR)")
    generate_corpus(
        corpus_dir,
        seed=args.seed or plan.get("seed", DEFAULT_SEED),
        per_type=args.per_type or plan.get("per_type", 48),
        heldout_per_type=args.heldout_per_type or plan.get("heldout_per_type", 15),
        workers=args.workers,
        force=args.regenerate,
    )
    extra: list[LabelledText] = []
    if not args.no_corrections:
        with context(settings) as ctx:
            extra = corrections(ctx)
    out = Path(args.out) if args.out else settings.data_dir / "models" / "doctype.pkl.gz"
    report = train_from_corpus(corpus_dir, extra, out, evaluate=args.eval)
    print(f"modèle écrit : {out} ({len(extra)} corrections d'agents incluses)")
    if report is not None:
        print(format_report(report))
    from paperasse.classify.model.store import shipped_model_path

    if out.resolve() not in (settings.classify.model_path, shipped_model_path().resolve()):
        print(f"pour l'utiliser : PAPERASSE_CLASSIFY__MODEL_PATH={out}")
    return 0


def register(sub: Subparsers) -> None:
    train = sub.add_parser("train", help="réentraîner le modèle de types de documents")
    train.add_argument(
        "--eval",
        action="store_true",
        help="mesurer précision, rappel et F1 par type sur les scans mis de côté",
    )
    train.add_argument("--corpus", default=".corpus", help="dossier du corpus généré")
    train.add_argument("--out", help="fichier du modèle (défaut : DATA_DIR/models/doctype.pkl.gz)")
    train.add_argument(
        "--no-corrections",
        action="store_true",
        help="sans les corrections des agents (reproduit le modèle livré)",
    )
    train.add_argument("--seed", type=int, help="graine du corpus (défaut : celle du modèle livré)")
    train.add_argument("--per-type", type=int, help="documents d'entraînement par type")
    train.add_argument("--heldout-per-type", type=int, help="scans mis de côté par type")
    train.add_argument(
        "--regenerate",
        action="store_true",
        help="régénérer le corpus même s'il existe (après un changement de l'OCR)",
    )
    train.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processus Tesseract pour générer le corpus (défaut : 1, la machine est partagée)",
    )
    train.set_defaults(handler=cmd_train)
