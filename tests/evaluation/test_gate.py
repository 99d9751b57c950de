"""The quality gate and the eval sets' loader."""

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from issqa.errors import InvalidRequestError
from issqa.evaluation import check_thresholds, load_set, load_thresholds
from issqa.evaluation.gate import format_regressions
from issqa.evaluation.metrics import contains_fact
from issqa.evaluation.sets import SET_NAMES, SPLITS

from tests.conftest import REPO


def test_regressions_are_listed_with_mode_minimum_and_measured(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("[faq_paraphrases]\nrecall_at_5 = 0.8\nanswer_contains = 0.7\n"
                    "[overall]\nabstention_precision = 0.9\n"
                    "[bm25.faq_paraphrases]\nrecall_at_5 = 0.6\n")
    thresholds = load_thresholds(path)
    assert thresholds["bm25"] == {"faq_paraphrases": {"recall_at_5": 0.6}}
    metrics = {"hybrid": {"faq_paraphrases": {"recall_at_5": 0.85, "answer_contains": 0.65},
                          "overall": {}},
               "bm25": {"faq_paraphrases": {"recall_at_5": 0.5}}}
    regressions = check_thresholds(metrics, thresholds)
    assert [(r.mode, r.set_name, r.metric, r.measured) for r in regressions] == [
        ("hybrid", "faq_paraphrases", "answer_contains", 0.65),
        ("hybrid", "overall", "abstention_precision", None),
        ("bm25", "faq_paraphrases", "recall_at_5", 0.5)]
    table = format_regressions(regressions)
    assert "answer_contains" in table and "0.6500" in table and "missing" in table
    assert "bm25" in table
    good = {"hybrid": {"faq_paraphrases": {"recall_at_5": 0.8, "answer_contains": 0.7},
                       "overall": {"abstention_precision": 0.95}},
            "bm25": {"faq_paraphrases": {"recall_at_5": 0.6}}}
    assert check_thresholds(good, thresholds) == []


def test_bad_threshold_files_are_explained(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("[faq_paraphrases]\nrecall_at_5 = 'high'\n")
    with pytest.raises(InvalidRequestError, match="recall_at_5 must be a number"):
        load_thresholds(path)


def _dev_file(root: Path, set_name: str) -> Path:
    """The dev split file of ``set_name`` under ``root``, its folder made."""
    (root / set_name).mkdir()
    return root / set_name / "dev.jsonl"


def test_set_loader_names_file_and_line(tmp_path):
    dev = _dev_file(tmp_path, "page_facts")
    dev.write_text(
        '{"id": "a", "question": "Q?", "gold_doc_ids": ["x"], "answers": [["y"]]}\n'
        '{"id": "b", "question": "Q?", "gold_doc_ids": ["x"], "answers": ["y"]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:2: 'answers' must be"):
        load_set(tmp_path, "page_facts", "dev")


def test_visitor_set_rows_are_checked(tmp_path):
    dev = _dev_file(tmp_path, "visitor_questions")
    dev.write_text(
        '{"id": "a", "question": "Q?", "style": "child", "abstain": true}\n'
        '{"id": "b", "question": "Q?", "style": "shouting", "gold_doc_ids": ["x"], '
        '"answers": [["y"]]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:2: 'style' must be one of"):
        load_set(tmp_path, "visitor_questions", "dev")
    dev.write_text(
        '{"id": "a", "question": "Q?", "abstain": true, "gold_doc_ids": ["x"]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:1: a question expected to "
                                                  r"abstain has no"):
        load_set(tmp_path, "visitor_questions", "dev")
    dev.write_text('{"id": "a", "question": "Q?", "abstain": true}\n')
    [item] = load_set(tmp_path, "visitor_questions", "dev")
    assert item.expects_abstention


def test_shipped_sets_are_well_formed_and_reference_real_documents(shipped_engine):
    documents = shipped_engine.index.documents
    counts = {}
    for set_name in SET_NAMES:
        for split in SPLITS:
            items = load_set(REPO / "eval", set_name, split)
            counts[set_name] = counts.get(set_name, 0) + len(items)
            for item in items:
                assert all(d in documents for d in item.gold_doc_ids), item.item_id
                # Every fact is written as the corpus writes it, in at least one gold document.
                gold_text = " ".join(documents[d].body for d in item.gold_doc_ids)
                for variants in item.answers:
                    assert any(contains_fact(gold_text, [v]) for v in variants), \
                        (item.item_id, variants)
    assert counts["faq_paraphrases"] >= 150 and counts["page_facts"] >= 100
    assert counts["out_of_scope"] >= 50 and counts["visitor_questions"] >= 300
    assert counts["conversations"] >= 120  # follow-ups, in at least 60 dialogues


def test_visitor_questions_look_like_visitors_and_cover_every_section(shipped_engine):
    items = [i for split in SPLITS for i in load_set(REPO / "eval", "visitor_questions", split)]
    abstain = [i for i in items if i.abstain]
    assert len(abstain) >= 60
    styles = Counter(i.style for i in items)
    for style in ("second_person", "child", "two_part", "news", "yes_no", "misspelled",
                  "keywords"):
        assert styles[style] >= 10, styles
    assert styles["plain"] <= len(items) / 3, styles
    sections = {d.section for d in shipped_engine.index.documents.values()}
    asked = Counter(i.section for i in items if not i.abstain)
    assert set(asked) == sections, sections ^ set(asked)


@pytest.mark.parametrize("set_name", ["visitor_questions", "faq_paraphrases"])
def test_eval_questions_are_not_copies_of_faq_phrasings(shipped_engine, set_name):
    """The sets measure how answers generalise, not lookup of a phrasing the corpus holds."""
    index = shipped_engine.index
    questions = [i.question for split in SPLITS for i in load_set(REPO / "eval", set_name, split)]
    vectors = shipped_engine.model.embed(questions, batch_size=64)
    similarity = vectors @ index.phrasing_vectors.T
    row, column = np.unravel_index(np.argmax(similarity), similarity.shape)
    assert similarity[row, column] < 0.95, (questions[row], index.phrasings[column].text)


def test_conversations_become_follow_ups_with_their_history(tmp_path):
    dev = _dev_file(tmp_path, "conversations")
    dev.write_text(
        '{"id": "c1", "section": "modules", "turns": [{"question": "What is Zarya?"}, '
        '{"question": "Who built it?", "gold_doc_ids": ["zarya"], "answers": [["Khrunichev"]]}, '
        '{"question": "and when did it launch?", "gold_doc_ids": ["zarya"], '
        '"answers": [["1998"]]}]}\n')
    first, second = load_set(tmp_path, "conversations", "dev")
    assert (first.item_id, first.history) == ("c1#2", ("What is Zarya?",))
    assert second.history == ("What is Zarya?", "Who built it?")
    assert second.section == "modules" and second.answers == (("1998",),)
    dev.write_text(
        '{"id": "c1", "turns": [{"question": "What is Zarya?"}, {"question": "Who built it?"}]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:1: turn 2: 'gold_doc_ids'"):
        load_set(tmp_path, "conversations", "dev")
    dev.write_text('\n{"id": "c1", "turns": [{"question": "Only one?"}]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:2: 'turns' must be 2 to 7"):
        load_set(tmp_path, "conversations", "dev")


def test_a_follow_up_the_pages_do_not_answer_is_expected_to_abstain(tmp_path):
    dev = _dev_file(tmp_path, "conversations")
    dev.write_text(
        '{"id": "c1", "turns": [{"question": "What is Spot the Station?"}, '
        '{"question": "is the app free?", "abstain": true}]}\n')
    [turn] = load_set(tmp_path, "conversations", "dev")
    assert turn.expects_abstention and turn.history == ("What is Spot the Station?",)
    dev.write_text(
        '{"id": "c1", "turns": [{"question": "What is Spot the Station?"}, '
        '{"question": "is the app free?", "abstain": true, "answers": [["yes"]]}]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:1: turn 2: a turn expected to "
                                                  r"abstain has no"):
        load_set(tmp_path, "conversations", "dev")
    dev.write_text(
        '{"id": "c1", "turns": [{"question": "What is Spot the Station?"}, '
        '{"question": "is the app free?", "abstain": "yes"}]}\n')
    with pytest.raises(InvalidRequestError, match=r"turn 2: 'abstain' must be true or false"):
        load_set(tmp_path, "conversations", "dev")
