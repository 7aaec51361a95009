"""The one model-file format of paperasse, for the document-type and the service models.

A model file is a gzip stream: a magic line, one line of JSON header, then the
pickled payload. The header is read and checked before anything is unpickled: a
file of another kind, of another format version, written with another
scikit-learn (whose pickles are not portable) or whose payload's SHA-256 differs
from the header's is refused with a French ``ModelError``, and callers then send
documents to review instead of crashing. Files are written atomically (temporary
file, fsync, rename), so a reader sees the old file or the new one. Only load
model files you made or shipped: unpickling runs code.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import sklearn

from paperasse.errors import ModelError

log = logging.getLogger(__name__)

MAGIC = b"PAPERASSE-MODEL\n"
KIND_NAMES = {"doctype": "de classement des documents", "service": "de tri du courrier"}


def write_model_file(path: Path, kind: str, header: dict[str, Any], payload: object) -> str:
    """Write ``payload`` with its header to ``path`` atomically; returns the payload's SHA-256.

    ``header`` is completed with the kind, the scikit-learn version and the
    checksum. The gzip stream carries no timestamp, so one payload always gives
    the same bytes.
    """
    data = pickle.dumps(payload, protocol=5)
    digest = hashlib.sha256(data).hexdigest()
    full = {**header, "kind": kind, "sklearn_version": sklearn.__version__}
    full["payload_sha256"] = digest
    line = json.dumps(full, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.name)
    tmp = Path(tmp_name)
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out,
        ):
            out.write(MAGIC + line + data)
        tmp.chmod(0o644)  # mkstemp creates 0600; the file may be shipped data
        with tmp.open("rb") as done:
            os.fsync(done.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("%s model written to %s (%d bytes)", kind, path, path.stat().st_size)
    return digest


def read_header(path: Path, kind: str) -> dict[str, Any]:
    """The checked header of a model file, without unpickling its payload."""
    return _read(path, kind, payload=False)[0]


def read_model_file(path: Path, kind: str) -> tuple[dict[str, Any], Any]:
    """The header and the unpickled payload of a model file of ``kind``; ModelError if unusable."""
    header, payload = _read(path, kind, payload=True)
    try:
        return header, pickle.loads(payload)
    except Exception as e:  # unpickling can fail in many ways; all mean "unusable"
        raise ModelError(_damaged(path, kind), details={"path": str(path)}) from e


def _read(path: Path, kind: str, *, payload: bool) -> tuple[dict[str, Any], bytes]:
    try:
        with gzip.open(path, "rb") as stream:
            if stream.readline() != MAGIC:
                raise ModelError(
                    f"Le fichier {path} n'est pas un modèle {KIND_NAMES.get(kind, kind)} de "
                    "paperasse.",
                    details={"path": str(path)},
                )
            header = _parse_header(stream.readline(), path, kind)
            check_header(header, path, kind)
            data = stream.read() if payload else b""
    except (OSError, EOFError) as e:
        raise ModelError(
            f"Le modèle {KIND_NAMES.get(kind, kind)} est introuvable ou illisible ({path}) : "
            "les documents seront envoyés en vérification manuelle. Relancez « paperasse "
            "train » pour le recréer.",
            details={"path": str(path)},
        ) from e
    if payload and hashlib.sha256(data).hexdigest() != header.get("payload_sha256"):
        raise ModelError(_damaged(path, kind), details={"path": str(path)})
    return header, data


def _parse_header(line: bytes, path: Path, kind: str) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except ValueError as e:
        raise ModelError(_damaged(path, kind), details={"path": str(path)}) from e
    if not isinstance(header, dict):
        raise ModelError(_damaged(path, kind), details={"path": str(path)})
    return header


def check_header(header: dict[str, Any], path: Path, kind: str) -> None:
    """Refuse a file of another kind or written by another scikit-learn."""
    name = KIND_NAMES.get(kind, kind)
    if header.get("kind") != kind:
        raise ModelError(
            f"Le fichier {path} n'est pas un modèle {name} de paperasse.",
            details={"path": str(path), "kind": header.get("kind")},
        )
    if header.get("sklearn_version") != sklearn.__version__:
        raise ModelError(
            f"Le modèle {name} {path} a été entraîné avec scikit-learn "
            f"{header.get('sklearn_version')}, mais scikit-learn {sklearn.__version__} est "
            "installé : relancez « paperasse train » pour le réentraîner. En attendant, les "
            "documents sont envoyés en vérification manuelle.",
            details={
                "path": str(path),
                "model_sklearn": header.get("sklearn_version"),
                "installed_sklearn": sklearn.__version__,
            },
        )


def _damaged(path: Path, kind: str) -> str:
    return (
        f"Le fichier du modèle {KIND_NAMES.get(kind, kind)} {path} est illisible ou endommagé : "
        "les documents seront envoyés en vérification manuelle. Relancez « paperasse train » "
        "pour le recréer."
    )
