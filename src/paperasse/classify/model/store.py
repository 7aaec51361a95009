"""Save and load document-type model files (see ``classify.modelfile`` for the format).

Beside the model, ``<name>.metrics.json`` repeats the header for people to read.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import sklearn

from paperasse.classify.model.core import MODEL_FORMAT, DocTypeModel, ModelHeader
from paperasse.classify.modelfile import read_header as read_file_header
from paperasse.classify.modelfile import read_model_file, write_model_file
from paperasse.errors import ModelError

log = logging.getLogger(__name__)

KIND = "doctype"
SHIPPED_NAME = "doctype.pkl.gz"


def shipped_model_path() -> Path:
    """Where the model shipped with the package lies."""
    return Path(str(resources.files("paperasse.classify") / "data" / SHIPPED_NAME))


def sidecar_path(path: Path) -> Path:
    """The human-readable metrics file beside a model file."""
    return path.with_name(path.name.split(".")[0] + ".metrics.json")


def save_model(model: DocTypeModel, path: Path) -> None:
    """Write ``model`` to ``path`` atomically, and its sidecar."""
    for _, part in model.vectorizer.transformer_list:
        # scikit-learn caches id() of the stop-word list: a memory address, different in
        # every process, that would make two trainings on one corpus differ byte-wise.
        part.__dict__.pop("_stop_words_id", None)
    header = model.header.model_dump(exclude={"payload_sha256", "sklearn_version"})
    payload = {"vectorizer": model.vectorizer, "classifier": model.classifier}
    model.header.payload_sha256 = write_model_file(path, KIND, header, payload)
    model.header.sklearn_version = sklearn.__version__
    sidecar = model.header.model_dump_json(indent=2) + "\n"
    sidecar_path(path).write_text(sidecar, encoding="utf-8")


def read_header(path: Path) -> ModelHeader:
    """The checked header of a model file, without unpickling it."""
    return _header(read_file_header(path, KIND), path)


def _header(raw: dict[str, object], path: Path) -> ModelHeader:
    try:
        header = ModelHeader.model_validate({k: v for k, v in raw.items() if k != "kind"})
    except ValueError as e:
        raise ModelError(_unusable(path), details={"path": str(path)}) from e
    if header.format_version != MODEL_FORMAT:
        raise ModelError(
            f"Le modèle de classement {path} est au format {header.format_version}, cette "
            f"version de paperasse attend le format {MODEL_FORMAT} : relancez « paperasse train ».",
            details={"path": str(path), "format_version": header.format_version},
        )
    return header


def _unusable(path: Path) -> str:
    return (
        f"Le fichier de modèle {path} est illisible ou endommagé : les documents seront envoyés "
        "en vérification manuelle. Relancez « paperasse train » pour le recréer."
    )


def load_model(path: Path | None = None) -> DocTypeModel:
    """Load a model file (default: the one shipped with paperasse), or raise ``ModelError``."""
    path = path or shipped_model_path()
    raw, parts = read_model_file(path, KIND)
    header = _header(raw, path)
    try:
        model = DocTypeModel(parts["vectorizer"], parts["classifier"], header)
        labels = model.labels
    except Exception as e:  # a payload of the wrong shape
        raise ModelError(_unusable(path), details={"path": str(path)}) from e
    if labels != header.labels:
        raise ModelError(_unusable(path), details={"path": str(path)})
    return model


def load_model_or_none(path: Path | None = None) -> DocTypeModel | None:
    """The model, or None when it cannot be used: callers then send documents to review."""
    try:
        return load_model(path)
    except ModelError as e:
        log.error("document-type model unusable: %s", e.message)
        return None
