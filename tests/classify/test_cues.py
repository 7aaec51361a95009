"""Layout cues: tokens for what the reading stages found beside the words, as features."""

from __future__ import annotations

import numpy as np
import pytest

from paperasse.classify.model import DocTypeModel, classify_text
from paperasse.classify.model.cues import (
    cue_matrix,
    describe_cue,
    format_cues,
    mrz_cues,
    text_cues,
    twoddoc_cues,
)
from paperasse.training.corpus import LabelledText, generate_texts
from paperasse.training.doctype_train import train

PASSPORT_CUES = ["mrz", "mrz:td3", "mrz:P"]
CARD_CUES = ["mrz", "mrz:td1", "mrz:ID", "format:id1"]
# What Tesseract makes of a card on a security background: a few labels in gibberish.
GIBBERISH = "ee Lu ji ré TS CE +8 Friaes di ler UE FE ei ss F2 Le KE EVA Date Nom Surname FRA ee"


def test_cue_helpers_spell_the_documented_tokens() -> None:
    assert mrz_cues("td3", "P<") == PASSPORT_CUES
    assert mrz_cues("TD1", "ID") == ["mrz", "mrz:td1", "mrz:ID"]
    assert mrz_cues("td1", "<<") == ["mrz", "mrz:td1"]
    assert twoddoc_cues(" 01") == ["2ddoc", "2ddoc:01"]
    assert format_cues(856, 540) == ["format:id1"] == format_cues(540, 856)
    assert format_cues(2480, 3508) == []  # A4
    assert format_cues(4032, 3024) == []  # a whole 4:3 photo
    assert format_cues(0, 10) == []
    assert "MRZ" in describe_cue("mrz:td3") and "2D-Doc" in describe_cue("2ddoc:04")


def test_the_text_shows_an_mrz_even_misread() -> None:
    # as Tesseract read the 2021 card's verso and the ICAO specimen passport
    misread = "IDFRAX&RTBPFWGO<K<<<<<<<<K<<<<<<\n9007138F3002T19FRA<<<<<<<<<<<6É"
    assert text_cues(misread) == ["text:mrz", "text:mrz:ID"]
    assert text_cues("P<UTOERIKSSONÉCANNA MARIA CCE LE LE LCL ELLE") == ["text:mrz", "text:mrz:P"]
    assert text_cues("L898902C36UT07408122F1204159ZE184226B<<<<<10") == ["text:mrz"]
    assert text_cues("Total TTC : 56,02 €  < 60 €\nPCE GI424762") == []


def test_cue_matrix_marks_known_cues_and_ignores_the_others() -> None:
    vocabulary = ["2ddoc", "format:id1", "mrz"]
    rows = cue_matrix([["mrz", "mrz", "licorne"], [], ["format:id1", "2ddoc"]], vocabulary)
    assert rows.shape == (3, 3)
    assert rows.toarray().tolist() == [[0, 0, 1], [0, 0, 0], [1, 1, 0]]


@pytest.fixture(scope="module")
def model() -> DocTypeModel:
    texts = []
    for text in generate_texts(41, per_type=8):
        if text.label == "passeport":
            text = text.model_copy(update={"cues": PASSPORT_CUES})
        elif text.label == "carte_identite":
            text = text.model_copy(update={"cues": CARD_CUES})
        texts.append(text)
    # junk readings of cards: the words say little, the cues say which card
    texts += [LabelledText(text=GIBBERISH, label="passeport", cues=PASSPORT_CUES)] * 3
    texts += [LabelledText(text=GIBBERISH, label="carte_identite", cues=CARD_CUES)] * 3
    return train(texts)


def test_the_model_knows_the_cues_it_was_trained_with(model: DocTypeModel) -> None:
    assert {*PASSPORT_CUES, *CARD_CUES} <= set(model.header.cues)
    assert {"text:mrz", "text:mrz:P", "text:mrz:ID"} <= set(model.header.cues)
    rows = model.features(["un texte"], [["mrz:td3", "inconnu"]])
    assert rows.shape[1] == model.header.features


def test_cues_move_a_reading_towards_the_document_they_belong_to(model: DocTypeModel) -> None:
    def probability(cues: list[str], label: str) -> float:
        rows = model.features([GIBBERISH], [cues])
        return float(model.probabilities(rows)[0][model.labels.index(label)])

    assert probability(PASSPORT_CUES, "passeport") > probability([], "passeport") + 0.2
    assert probability(CARD_CUES, "carte_identite") > probability([], "carte_identite") + 0.2
    unknown = model.features([GIBBERISH], [["2ddoc:ZZ", "licorne"]])
    assert np.allclose(
        model.probabilities(unknown), model.probabilities(model.features([GIBBERISH]))
    )


def test_a_cue_that_decided_is_named_in_the_explanation(model: DocTypeModel) -> None:
    decision = classify_text(GIBBERISH, model, cues=PASSPORT_CUES, threshold=0.0)
    assert decision.label == "passeport"
    assert any("MRZ" in reason or "zone de lecture" in reason for reason in decision.explanation)


def test_cues_never_classify_an_empty_text(model: DocTypeModel) -> None:
    decision = classify_text("  <<<  ", model, cues=PASSPORT_CUES)
    assert (decision.label, decision.needs_review, decision.confidence) == ("autre", True, 0.0)
