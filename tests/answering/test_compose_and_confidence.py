"""Two-part answers put together, and the calibration file read and applied."""

import json

import pytest

from issqa.answering import Calibration, Evidence, analyse_question, combine_parts
from issqa.answering.confidence import FEATURES, LogisticModel
from issqa.types import Answer, Citation, RelatedPage


def citation(n: int, doc_id: str) -> Citation:
    return Citation(n, doc_id, f"{doc_id}#0", doc_id.title(), f"/station/{doc_id}", "overview",
                    "snippet", 0, 10, 0.9)


def test_parts_are_joined_with_citations_numbered_through():
    analysis = analyse_question("How big is it, and how many people live there?")
    first = Answer("It is big. [1] Really big. [2]", (citation(1, "size"), citation(2, "mass")),
                   False, 0.9, "extractive")
    second = Answer("Seven people. [1]", (citation(1, "crew"),), False, 0.7, "faq")
    answer = combine_parts(list(zip(analysis.parts, [first, second], strict=True)))
    assert answer.text == "It is big. [1] Really big. [2] Seven people. [3]"
    assert [(c.n, c.doc_id) for c in answer.citations] == [(1, "size"), (2, "mass"),
                                                            (3, "crew")]
    assert answer.confidence == 0.7 and answer.strategy == "extractive" and not answer.partial


def test_a_sentence_quoted_for_an_earlier_part_is_not_repeated():
    analysis = analyse_question("When will it be retired, and what happens to it after that?")
    whole_faq = Answer("Until 2030. Then a reentry. [1]", (citation(1, "end"),), False, 0.8,
                       "faq")
    # The second part's first sentence lies within what the first part quoted (the same
    # document and span): only its own sentence stays.
    second = Answer("Until 2030. [1] Over the Pacific. [2]",
                    (citation(1, "end"), citation(2, "pacific")), False, 0.7, "extractive")
    answer = combine_parts(list(zip(analysis.parts, [whole_faq, second], strict=True)))
    assert answer.text == "Until 2030. Then a reentry. [1] Over the Pacific. [2]"
    assert [(c.n, c.doc_id) for c in answer.citations] == [(1, "end"), (2, "pacific")]
    # A part all of whose sentences were quoted already adds nothing.
    repeat = Answer("Until 2030. [1]", (citation(1, "end"),), False, 0.7, "extractive")
    answer = combine_parts(list(zip(analysis.parts, [whole_faq, repeat], strict=True)))
    assert answer.text == "Until 2030. Then a reentry. [1]" and len(answer.citations) == 1


def test_the_same_sentence_from_another_document_is_not_quoted_twice():
    # "Can astronauts drink coffee on the ISS? Do they use straws?": a page and a FAQ state
    # the same sentence, and each part had found it in a different one.
    analysis = analyse_question("Can astronauts drink coffee? Do they use straws?")
    page = Answer("They drink coffee through a straw. [1]", (citation(1, "food"),), False, 0.9,
                  "extractive")
    faq = Answer("They drink coffee through a straw [1] From a pouch. [2]",
                 (citation(1, "faq-coffee"), citation(2, "pouch")), False, 0.8, "extractive")
    answer = combine_parts(list(zip(analysis.parts, [page, faq], strict=True)))
    assert answer.text == "They drink coffee through a straw. [1] From a pouch. [2]"
    assert [(c.n, c.doc_id) for c in answer.citations] == [(1, "food"), (2, "pouch")]


def test_a_part_without_an_answer_is_named_and_marks_the_answer_partial():
    analysis = analyse_question("When was Zarya launched? What colour is it?")
    answered = Answer("In 1998. [1]", (citation(1, "zarya"),), False, 0.8, "extractive")
    abstained = Answer("I could not find ...", (), True, 0.1, "abstain",
                       (RelatedPage("zarya", "Zarya", "/z", "modules", 0.4),))
    answer = combine_parts(list(zip(analysis.parts, [answered, abstained], strict=True)))
    assert not answer.abstained and answer.partial
    assert answer.text.startswith("In 1998. [1] I could not find an answer to")
    assert "What colour is it?" in answer.text


def test_all_parts_abstaining_abstain_with_their_related_pages():
    analysis = analyse_question("Who is the pilot? What is the wifi password?")
    related = RelatedPage("comms", "Comms", "/c", "systems", 0.3)
    abstained = Answer("none", (), True, 0.2, "abstain", (related,))
    answer = combine_parts([(p, abstained) for p in analysis.parts])
    assert answer.abstained and answer.related == (related,)


def evidence(**changes) -> Evidence:
    values = dict(faq_similarity=0.5, top_dense=0.5, bm25_agrees=True, semantic=0.5, lexical=0.5,
                  typed=True, expects_type=True, unknown_share=0.0, missing_focus=0.0, faq=False,
                  partial=False)
    return Evidence(**{**values, **changes})


def test_shipped_calibration_prefers_strong_evidence():
    calibration = Calibration.default()
    strong = calibration.predict(evidence(semantic=0.8, lexical=1.0, top_dense=0.75))
    weak = calibration.predict(evidence(semantic=0.2, lexical=0.0, top_dense=0.2,
                                        unknown_share=1.0, missing_focus=1.0, typed=False))
    assert strong[0] > calibration.abstain_below > weak[0]
    assert strong[1] > weak[1]


def test_calibration_file_round_trips_and_bad_files_say_how_to_fix(tmp_path):
    model = LogisticModel(tuple(float(i) for i in range(len(FEATURES))), -1.0)
    path = tmp_path / "c.json"
    path.write_text(Calibration(model, model, 0.4, "test").to_json())
    assert Calibration.load(path) == Calibration(model, model, 0.4, "test")
    data = json.loads(path.read_text())
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"c\.json: not a calibration file .* eval/calibrate\.py"):
        Calibration.load(path)
    with pytest.raises(ValueError, match="a model needs"):
        LogisticModel((1.0,), 0.0)
