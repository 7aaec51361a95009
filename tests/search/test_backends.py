"""What is particular to each backend: opening, persistence, locks, aliases, errors."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from opensearchpy import OpenSearch

from paperasse.errors import ConfigurationError, InputError, SearchError
from paperasse.search import SearchQuery, make_search_index
from paperasse.search.tantivy_index import TantivySearchIndex
from tests.search.corpus import ALL_SERVICES, archive


def test_unknown_backend_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="Moteur de recherche inconnu"):
        make_search_index("elasticsearch", path=None)


def test_opensearch_without_url_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="adresse"):
        make_search_index("opensearch", url=None)


def test_tantivy_index_persists_across_reopening(tmp_path: Path) -> None:
    first = make_search_index("tantivy", path=tmp_path / "idx")
    first.index(archive())
    first.commit()
    first.close()
    again = make_search_index("tantivy", path=tmp_path / "idx")
    assert again.count() == 6
    found = again.query(SearchQuery(text="électricité", principals=ALL_SERVICES))
    assert {hit.id for hit in found.hits} == {"facture-edf", "courriel-piege"}
    again.close()


def test_tantivy_uncommitted_changes_are_dropped_on_close(tmp_path: Path) -> None:
    index = TantivySearchIndex(tmp_path / "idx")
    index.index(archive())
    index.close()
    assert TantivySearchIndex(tmp_path / "idx").count() == 0


def test_tantivy_second_writer_gets_a_french_error(tmp_path: Path) -> None:
    writer = TantivySearchIndex(tmp_path / "idx")
    writer.index(archive()[:1])
    reader = TantivySearchIndex(tmp_path / "idx")
    with pytest.raises(SearchError, match="verrouillé"):
        reader.index(archive()[1:2])
    writer.commit()
    assert reader.count() == 1  # readers of other handles see the commit
    writer.close()


def test_opensearch_unreachable_is_a_search_error() -> None:
    index = make_search_index("opensearch", url="http://127.0.0.1:9", index_name="absent")
    with pytest.raises(SearchError, match="OpenSearch"):
        index.count()


def test_opensearch_reindex_swaps_the_alias(osmem_server_url: str) -> None:
    alias = f"paperasse-test-{uuid.uuid4().hex[:10]}"
    index = make_search_index("opensearch", url=osmem_server_url, index_name=alias)
    client = OpenSearch(hosts=[osmem_server_url])
    try:
        index.index(archive())
        index.commit()
        (before,) = client.indices.get_alias(name=alias)
        assert index.reindex(iter(archive()[:2])) == 2
        (after,) = client.indices.get_alias(name=alias)
        assert after != before
        assert after.startswith(f"{alias}-")
        assert not client.indices.exists(index=before)
        mapping = client.indices.get_mapping(index=after)[after]["mappings"]
        assert mapping["properties"]["content"]["analyzer"] == "french"
        assert mapping["properties"]["pages"]["type"] == "nested"
        assert index.count() == 2
    finally:
        for name in client.indices.get_alias(name=alias):
            client.indices.delete(index=name)
        index.close()
        client.close()


def test_relevance_pages_stop_at_the_documented_depth(tmp_path: Path) -> None:
    index = TantivySearchIndex(tmp_path / "idx")
    from paperasse.search.cursor import encode_cursor

    deep = encode_cursor("relevance", {"o": 9_990})
    with pytest.raises(InputError, match="triez par date"):
        index.query(SearchQuery(principals=ALL_SERVICES, limit=20, search_after=deep))
    index.close()
