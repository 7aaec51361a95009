"""Fixtures that run the search contract against every backend.

tantivy runs in a temporary directory. The OpenSearch backend always runs
against osmem-server (an in-memory OpenSearch-protocol server from the
``osmem-server`` package), started once per session on a free loopback port;
when PAPERASSE_TEST_OPENSEARCH_URL is set it also runs against that server.
Each test gets its own alias name, and its indices are deleted afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch
from osmem_server import OsmemServer

from paperasse.search import SearchIndex, make_search_index

OPENSEARCH_URL = os.environ.get("PAPERASSE_TEST_OPENSEARCH_URL", "")
BACKENDS = ["tantivy", "osmem", "opensearch"]

MakeIndex = Callable[[], SearchIndex]


@pytest.fixture(scope="session")
def osmem_server_url() -> Iterator[str]:
    """An osmem-server process for the whole session, stopped at the end."""
    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=60)
    try:
        OpenSearch(hosts=[server.url]).info()
        yield server.url
    finally:
        server.close()


def _drop_indices(url: str, alias: str) -> None:
    client = OpenSearch(hosts=[url])
    try:
        if client.indices.exists_alias(name=alias):
            for name in client.indices.get_alias(name=alias):
                client.indices.delete(index=name)
        client.indices.delete_index_template(name=f"{alias}-template", ignore=[404])
    finally:
        client.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "opensearch" and not OPENSEARCH_URL:
        pytest.skip("OpenSearch not configured: set PAPERASSE_TEST_OPENSEARCH_URL")
    return str(request.param)


@pytest.fixture
def make_index(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MakeIndex]:
    """Open (possibly several times) the one fresh index of this test."""
    opened: list[SearchIndex] = []
    alias = f"paperasse-test-{uuid.uuid4().hex[:10]}"
    url = ""
    if backend == "osmem":
        url = request.getfixturevalue("osmem_server_url")
    elif backend == "opensearch":
        url = OPENSEARCH_URL

    def make() -> SearchIndex:
        if backend == "tantivy":
            index = make_search_index("tantivy", path=tmp_path / "index")
        else:
            index = make_search_index("opensearch", url=url, index_name=alias)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()
    if url:
        _drop_indices(url, alias)


@pytest.fixture
def search_index(make_index: MakeIndex) -> SearchIndex:
    """A fresh, empty index of the backend under test."""
    return make_index()
