"""The statistical service classifier and its model file.

TF-IDF word and character n-grams (the latter survive OCR noise) feed a linear SVM
whose scores are calibrated into probabilities. The file has the format of
``classify.modelfile``: a model built with another scikit-learn is refused before
anything is unpickled.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from paperasse.classify.modelfile import read_model_file, write_model_file
from paperasse.errors import ModelError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
KIND = "service"
MODEL_FILENAME = "service.pkl.gz"
_SET_ON_WRITE = frozenset({"payload_sha256", "sklearn_version"})


@dataclass(frozen=True)
class ModelInfo:
    """What a model file says about itself, checked before it is used."""

    format_version: int
    sklearn_version: str
    seed: int
    labels: list[str]
    n_train: int
    payload_sha256: str = ""


def build_pipeline(seed: int) -> Pipeline:
    """The untrained pipeline: word and char n-gram TF-IDF into a calibrated linear SVM.

    Feature counts are capped so that the shipped file stays well under 1 MB.
    """
    words = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        min_df=2,
        max_features=5000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    chars = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=3,
        max_features=9000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    svm = LinearSVC(C=0.5, random_state=seed)
    classifier = CalibratedClassifierCV(svm, method="sigmoid", cv=3, ensemble=False)
    return Pipeline(
        [
            ("features", FeatureUnion([("words", words), ("chars", chars)])),
            ("classifier", classifier),
        ]
    )


# Function words carry weight in the model but tell an agent nothing.
_FUNCTION_WORDS = frozenset(
    [
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cette",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "plus",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "devant",
        "merci",
        "bonjour",
        "madame",
        "monsieur",
        "cordialement",
        "est",
        "sont",
        "ete",
        "etre",
        "tres",
        "fait",
    ]
)


def _telling(term: str) -> bool:
    return any(len(w) > 2 and w not in _FUNCTION_WORDS for w in term.split())


class ServiceModel:
    """A trained service classifier with the information recorded in its file."""

    def __init__(self, pipeline: Pipeline, info: ModelInfo) -> None:
        self.pipeline = pipeline
        self.info = info

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]

    def predict_proba(self, folded: str) -> dict[str, float]:
        """Calibrated probability of each service for one folded text."""
        probs = self.pipeline.predict_proba([folded])[0]
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}

    def top_terms(self, folded: str, label: str, k: int = 4) -> list[str]:
        """The words that pushed the text most towards ``label``, for explanations."""
        union: FeatureUnion = self.pipeline.named_steps["features"]
        words: TfidfVectorizer = union.transformer_list[0][1]
        calibrated: CalibratedClassifierCV = self.pipeline.named_steps["classifier"]
        svm: Any = calibrated.calibrated_classifiers_[0].estimator
        row = self.labels.index(label)
        x = words.transform([folded])
        n_words = x.shape[1]
        weights = np.asarray(svm.coef_[row][:n_words]).ravel()
        contributions = np.asarray(x.multiply(weights).todense()).ravel()
        names = words.get_feature_names_out()
        terms: list[str] = []
        for i in np.argsort(-contributions):
            if contributions[i] <= 0 or len(terms) == k:
                break
            if _telling(str(names[i])):
                terms.append(str(names[i]))
        return terms

    def save(self, path: Path) -> None:
        """Write the model file atomically: a reader sees the old file or the new one."""
        header = {k: v for k, v in asdict(self.info).items() if k not in _SET_ON_WRITE}
        digest = write_model_file(path, KIND, header, self.pipeline)
        self.info = replace(self.info, payload_sha256=digest, sklearn_version=sklearn.__version__)


def load_service_model(path: Path) -> ServiceModel:
    """Load a model file, refusing one of another format or scikit-learn version.

    Raises ``ModelError`` (French message) when the file is missing, corrupt or
    incompatible; callers degrade to rules-only triage instead of crashing.
    """
    header, pipeline = read_model_file(path, KIND)
    try:
        info = ModelInfo(**{k: v for k, v in header.items() if k != "kind"})
    except TypeError as e:
        raise ModelError(
            f"L'en-tête du modèle {path.name} est illisible : régénérez le modèle.",
            details={"path": str(path)},
        ) from e
    if info.format_version != FORMAT_VERSION:
        raise ModelError(
            f"Le modèle {path.name} est au format {info.format_version}, "
            f"ce logiciel attend le format {FORMAT_VERSION} : régénérez le modèle.",
            details={"path": str(path), "format_version": info.format_version},
        )
    return ServiceModel(pipeline, info)


def default_model_path() -> Path:
    """Where the model shipped with paperasse lives."""
    return Path(str(resources.files("paperasse.classify") / "data" / MODEL_FILENAME))


@lru_cache(maxsize=4)
def load_default_service_model(path: Path | None = None) -> ServiceModel | None:
    """The model at ``path`` (default: shipped), loaded once; None (logged) if unusable."""
    path = path or default_model_path()
    try:
        return load_service_model(path)
    except ModelError as e:
        log.warning("service model unusable, triage falls back to rules: %s", e.message)
        return None
