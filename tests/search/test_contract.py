"""The SearchIndex contract, run against every backend (see conftest.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from paperasse.search import IndexedDocument, SearchIndex, SearchQuery, SearchResult
from tests.search.corpus import ALL_SERVICES, FINANCES, IBAN, URBANISME, archive, when


@pytest.fixture
def filled(search_index: SearchIndex) -> SearchIndex:
    search_index.index(archive())
    search_index.commit()
    return search_index


def search(index: SearchIndex, text: str = "", **options: object) -> SearchResult:
    options.setdefault("principals", ALL_SERVICES)
    options.setdefault("limit", 50)
    return index.query(SearchQuery(text=text, **options))  # type: ignore[arg-type]


def ids(result: SearchResult) -> set[str]:
    return {hit.id for hit in result.hits}


def test_accents_are_folded_both_ways(filled: SearchIndex) -> None:
    assert "facture-edf" in ids(search(filled, "electricite"))
    assert "factures-electriciens" in ids(search(filled, "électriciens"))
    assert "facture-edf" in ids(search(filled, "ÉLECTRICITÉ"))


def test_plural_and_singular_share_a_stem(filled: SearchIndex) -> None:
    singular = ids(search(filled, "facture"))
    plural = ids(search(filled, "factures"))
    assert {"facture-edf", "factures-electriciens"} <= singular
    assert singular == plural


def test_elided_articles_are_ignored(filled: SearchIndex) -> None:
    # The page says "Facture d'électricité" and "panne d'électricité".
    with_article = ids(search(filled, "l'électricité"))
    assert with_article == ids(search(filled, "électricité"))
    assert {"facture-edf", "courriel-piege"} <= with_article
    assert "permis-lefevre" in ids(search(filled, "autorisation"))  # "l'autorisation"


def test_all_words_must_match_but_may_sit_on_different_pages(filled: SearchIndex) -> None:
    assert ids(search(filled, "permis construire")) == {"permis-lefevre", "arrete-garage"}
    assert ids(search(filled, "permis électricité")) == set()


def test_phrase_matches_consecutive_words_on_one_page(filled: SearchIndex) -> None:
    assert ids(search(filled, '"permis de construire"')) == {"permis-lefevre"}
    assert ids(search(filled, '"agrandir sa maison"')) == {"permis-lefevre"}
    assert ids(search(filled, '"maison agrandir"')) == set()
    # "... sous réserve." ends page 2 of the arrêté, "Construire un garage" opens page 3.
    assert ids(search(filled, '"réserve construire"')) == set()
    assert ids(search(filled, "réserve construire")) == {"arrete-garage"}


def test_hit_names_the_matching_page_and_highlights_it(filled: SearchIndex) -> None:
    result = search(filled, "agrandir maison")
    (hit,) = result.hits
    assert hit.id == "permis-lefevre"
    assert hit.page == 2
    # OpenSearch marks the elided article with the word ("<mark>d'agrandir</mark>").
    assert re.search(r"<mark>(d')?agrandir</mark>", hit.snippet)
    assert "<mark>maison</mark>" in hit.snippet
    assert "Service de l" not in hit.snippet  # text of page 1 stays out
    assert hit.title == "Demande de permis de construire"
    assert hit.doc_type == "courrier"
    assert hit.received_at == when(2025, 4, 10)
    (third,) = search(filled, "garage").hits
    assert third.page == 3


def test_snippet_escapes_document_html(filled: SearchIndex) -> None:
    (hit,) = search(filled, "panne").hits
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<mark>panne</mark>" in hit.snippet


def test_highlight_off_still_names_the_page(filled: SearchIndex) -> None:
    (hit,) = search(filled, "virement", highlight=False).hits
    assert hit.snippet == ""
    assert hit.page == 2


def test_filters_by_type_service_status_source(filled: SearchIndex) -> None:
    assert ids(search(filled, doc_types=["facture"])) == {"facture-edf", "factures-electriciens"}
    assert ids(search(filled, services=["etat_civil"])) == {"acte-martin"}
    assert ids(search(filled, statuses=["classe"], services=["urbanisme"])) == {"arrete-garage"}
    assert ids(search(filled, sources=["email"])) == {"factures-electriciens", "courriel-piege"}
    assert ids(search(filled, dossier_id="PC-2025-017")) == {"permis-lefevre"}


def test_filters_by_reception_and_issue_dates(filled: SearchIndex) -> None:
    in_2024 = search(filled, date_from=when(2024, 1, 1, 0), date_to=when(2025, 1, 1, 0))
    assert ids(in_2024) == {"facture-edf", "arrete-garage"}
    since = search(filled, date_from=when(2025, 4, 10))  # inclusive lower bound
    assert ids(since) == {"permis-lefevre"}
    before = search(filled, date_to=when(2025, 4, 10))  # exclusive upper bound
    assert "permis-lefevre" not in ids(before)
    issued = search(filled, issue_from=date(2024, 10, 28), issue_to=date(2025, 4, 2))
    assert ids(issued) == {"facture-edf", "permis-lefevre"}


def test_facets_count_documents_not_pages(search_index: SearchIndex) -> None:
    many_pages = IndexedDocument(
        id="registre",
        doc_type="registre",
        service="etat_civil",
        received_at=when(2022, 3, 1),
        pages=["naissance inscrite"] * 5,
        principals=[FINANCES],
    )
    search_index.index([*archive(), many_pages])
    search_index.commit()
    result = search(search_index, "naissance", facets=["doc_type", "service", "year"])
    assert result.total == 2
    assert result.facets == {
        "doc_type": {"courrier": 1, "registre": 1},
        "service": {"etat_civil": 2},
        "year": {"2023": 1, "2022": 1},
    }
    everything = search(search_index, facets=["year"])
    assert sum(everything.facets["year"].values()) == everything.total == 7


def test_sort_by_date_is_newest_first(filled: SearchIndex) -> None:
    result = search(filled, sort="date")
    dates = [hit.received_at for hit in result.hits]
    assert dates == sorted(dates, reverse=True)
    assert result.hits[0].id == "permis-lefevre"
    assert result.total == 6


def test_relevance_puts_the_better_match_first(filled: SearchIndex) -> None:
    result = search(filled, "électricité facture")
    assert result.hits[0].id == "facture-edf"
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_exact_entity_lookup(filled: SearchIndex) -> None:
    assert ids(search(filled, entity_value=IBAN)) == {"facture-edf"}
    compact = IBAN.replace(" ", "").lower()
    assert ids(search(filled, entity_value=compact)) == {"facture-edf"}
    assert ids(search(filled, entity_value="MARTÍN")) == {"acte-martin"}
    assert ids(search(filled, entity_value="FR7630006000011234567890")) == set()


def test_agent_sees_only_the_services_granted(filled: SearchIndex) -> None:
    result = search(filled, principals=[URBANISME], facets=["service", "doc_type"])
    assert ids(result) == {"permis-lefevre", "arrete-garage", "courriel-piege"}
    assert result.total == 3
    assert result.facets["service"] == {"urbanisme": 3}
    assert "facture" not in result.facets["doc_type"]
    hidden = search(filled, "électricité", principals=[URBANISME], facets=["service"])
    assert ids(hidden) == {"courriel-piege"}
    assert hidden.total == 1
    assert hidden.facets["service"] == {"urbanisme": 1}
    assert search(filled, entity_value=IBAN, principals=[URBANISME]).total == 0


def test_citizen_sees_only_their_own_documents(filled: SearchIndex) -> None:
    assert ids(search(filled, principals=["citizen:42"])) == {"permis-lefevre", "acte-martin"}
    assert ids(search(filled, "factures", principals=["citizen:7"])) == {"factures-electriciens"}
    assert search(filled, principals=["citizen:999"]).total == 0


def test_no_principal_sees_nothing(filled: SearchIndex) -> None:
    result = search(filled, "facture", principals=[], facets=["doc_type"])
    assert result.total == 0
    assert result.hits == []
    assert result.facets == {"doc_type": {}}


def test_reindexing_an_id_replaces_the_document(filled: SearchIndex) -> None:
    changed = archive()[0].model_copy(update={"pages": ["Demande retirée par la pétitionnaire."]})
    filled.index([changed])
    filled.commit()
    assert filled.count() == 6
    assert ids(search(filled, "agrandir")) == set()
    assert ids(search(filled, "retirée")) == {"permis-lefevre"}


def test_changes_are_visible_after_commit(search_index: SearchIndex) -> None:
    search_index.index(archive()[:2])
    search_index.commit()
    search_index.index(archive()[2:])
    search_index.delete(["facture-edf"])
    search_index.commit()
    assert search_index.count() == 5
    assert "facture-edf" not in ids(search(search_index))


def test_delete_removes_and_ignores_unknown_ids(filled: SearchIndex) -> None:
    filled.delete(["facture-edf", "jamais-vu"])
    filled.commit()
    assert filled.count() == 5
    assert search(filled, entity_value=IBAN).total == 0


def test_clear_and_count(filled: SearchIndex) -> None:
    assert filled.count() == 6
    filled.clear()
    assert filled.count() == 0
    assert search(filled, "facture").total == 0


def test_reindex_replaces_everything(filled: SearchIndex) -> None:
    fresh = archive()[3:5]
    assert filled.reindex(iter(fresh), batch_size=1) == 2
    assert filled.count() == 2
    assert ids(search(filled)) == {"acte-martin", "arrete-garage"}
    assert ids(search(filled, "naissance")) == {"acte-martin"}


def test_limit_zero_still_counts_and_facets(filled: SearchIndex) -> None:
    result = search(filled, "facture", limit=0, facets=["doc_type"])
    assert result.hits == []
    assert result.total == 2
    assert result.facets["doc_type"] == {"facture": 2}
    assert result.next_cursor is None
