"""Save and load model files: versioned, checked, written atomically.

A model file is ``MAGIC``, one line of JSON header, then the joblib payload
(compress=3). The header is read and checked before anything is unpickled: a file
made with another scikit-learn or another format version is refused with a
``ModelError``, and so is a payload whose SHA-256 differs from the header's. Only
load model files you made or shipped: unpickling runs code.

Beside the model, ``<name>.metrics.json`` repeats the header for people to read.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from importlib import resources
from pathlib import Path

import joblib
import sklearn

from paperasse.classify.model.core import MODEL_FORMAT, DocTypeModel, ModelHeader
from paperasse.errors import ModelError

log = logging.getLogger(__name__)

MAGIC = b"PAPERASSE-DOCTYPE-MODEL\n"
SHIPPED_NAME = "doctype.joblib"


def shipped_model_path() -> Path:
    """Where the model shipped with the package lies."""
    return Path(str(resources.files("paperasse.classify") / "data" / SHIPPED_NAME))


def sidecar_path(path: Path) -> Path:
    """The human-readable metrics file beside a model file."""
    return path.with_name(path.name.split(".")[0] + ".metrics.json")


def save_model(model: DocTypeModel, path: Path) -> None:
    """Write ``model`` to ``path`` atomically (temporary file then rename), and its sidecar."""
    for _, part in model.vectorizer.transformer_list:
        # scikit-learn caches id() of the stop-word list: a memory address, different in
        # every process, that would make two trainings on one corpus differ byte-wise.
        part.__dict__.pop("_stop_words_id", None)
    payload = _dump({"vectorizer": model.vectorizer, "classifier": model.classifier})
    model.header.payload_sha256 = hashlib.sha256(payload).hexdigest()
    header = model.header.model_dump_json().encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomic(path, MAGIC + header + b"\n" + payload)
    _write_atomic(
        sidecar_path(path), model.header.model_dump_json(indent=2).encode("utf-8") + b"\n"
    )
    log.info("document-type model saved to %s (%d bytes)", path, len(payload))


def _dump(parts: object) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(parts, buffer, compress=3)
    return buffer.getvalue()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def read_header(path: Path) -> tuple[ModelHeader, bytes]:
    """The checked header of a model file and its payload bytes."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ModelError(
            f"Le modèle de classement est introuvable ({path}) : les documents seront "
            "envoyés en vérification manuelle. Lancez « paperasse train » pour le recréer.",
            details={"path": str(path)},
        ) from e
    if not data.startswith(MAGIC) or b"\n" not in data[len(MAGIC) :]:
        raise ModelError(_unreadable(path), details={"path": str(path)})
    header_line, payload = data[len(MAGIC) :].split(b"\n", 1)
    try:
        header = ModelHeader.model_validate(json.loads(header_line))
    except ValueError as e:
        raise ModelError(_unreadable(path), details={"path": str(path)}) from e
    _check_versions(header, path)
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        raise ModelError(_unreadable(path), details={"path": str(path)})
    return header, payload


def _check_versions(header: ModelHeader, path: Path) -> None:
    if header.format_version != MODEL_FORMAT:
        raise ModelError(
            f"Le modèle de classement {path} est au format {header.format_version}, cette "
            f"version de paperasse attend le format {MODEL_FORMAT} : relancez « paperasse train ».",
            details={"path": str(path), "format_version": header.format_version},
        )
    if header.sklearn_version != sklearn.__version__:
        raise ModelError(
            f"Le modèle de classement {path} a été entraîné avec scikit-learn "
            f"{header.sklearn_version}, mais scikit-learn {sklearn.__version__} est installé : "
            "relancez « paperasse train » pour le réentraîner. En attendant, les documents "
            "sont envoyés en vérification manuelle.",
            details={"path": str(path), "sklearn_version": header.sklearn_version},
        )


def _unreadable(path: Path) -> str:
    return (
        f"Le fichier de modèle {path} est illisible ou endommagé : les documents seront envoyés "
        "en vérification manuelle. Relancez « paperasse train » pour le recréer."
    )


def load_model(path: Path | None = None) -> DocTypeModel:
    """Load a model file (default: the one shipped with paperasse), or raise ``ModelError``."""
    path = path or shipped_model_path()
    header, payload = read_header(path)
    try:
        parts = joblib.load(io.BytesIO(payload))
        model = DocTypeModel(parts["vectorizer"], parts["classifier"], header)
        labels = model.labels
    except Exception as e:  # unpickling can fail in many ways; all mean "unusable"
        raise ModelError(_unreadable(path), details={"path": str(path)}) from e
    if labels != header.labels:
        raise ModelError(_unreadable(path), details={"path": str(path)})
    return model


def load_model_or_none(path: Path | None = None) -> DocTypeModel | None:
    """The model, or None when it cannot be used: callers then send documents to review."""
    try:
        return load_model(path)
    except ModelError as e:
        log.error("document-type model unusable: %s", e.message)
        return None
