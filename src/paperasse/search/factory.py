"""Build the search index from settings; callers never choose the engine themselves."""

from __future__ import annotations

from pathlib import Path

from paperasse.errors import ConfigurationError
from paperasse.search.base import SearchIndex
from paperasse.settings import Settings


def search_index_from_settings(settings: Settings) -> SearchIndex:
    """The configured index: tantivy in DATA_DIR/index by default, or OpenSearch."""
    conf = settings.search
    return make_search_index(
        conf.backend,
        path=settings.index_path,
        url=conf.opensearch_url,
        index_name=conf.index_name,
    )


def make_search_index(
    backend: str,
    *,
    path: Path | None = None,
    url: str | None = None,
    index_name: str = "paperasse",
) -> SearchIndex:
    """Open the search index of one backend.

    ``tantivy`` uses the directory ``path`` (in memory when None, for tests);
    ``opensearch`` needs ``url`` and keeps its documents behind the alias
    ``index_name``. Engine libraries are imported only for the backend used.
    """
    if backend == "tantivy":
        from paperasse.search.tantivy_index import TantivySearchIndex

        return TantivySearchIndex(path)
    if backend == "opensearch":
        if not url:
            raise ConfigurationError(
                "La recherche OpenSearch est choisie mais aucune adresse n'est configurée : "
                "renseignez l'URL du serveur OpenSearch (ex. http://localhost:9200)."
            )
        from paperasse.search.opensearch_index import OpenSearchSearchIndex

        return OpenSearchSearchIndex(url, index_name=index_name)
    raise ConfigurationError(
        f"Moteur de recherche inconnu : « {backend} ». Choisissez « tantivy » "
        "(intégré, par défaut) ou « opensearch »."
    )
