"""The quality gate and the eval sets' loader."""

import pytest

from issqa.errors import InvalidRequestError
from issqa.evaluation import check_thresholds, load_set, load_thresholds
from issqa.evaluation.gate import format_regressions


def test_regressions_are_listed_with_minimum_and_measured(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("[faq_paraphrases]\nrecall_at_5 = 0.8\nanswer_contains = 0.7\n"
                    "[overall]\nabstention_precision = 0.9\n")
    thresholds = load_thresholds(path)
    metrics = {"faq_paraphrases": {"recall_at_5": 0.85, "answer_contains": 0.65},
               "overall": {}}
    regressions = check_thresholds(metrics, thresholds)
    assert [(r.set_name, r.metric, r.measured) for r in regressions] == [
        ("faq_paraphrases", "answer_contains", 0.65), ("overall", "abstention_precision", None)]
    table = format_regressions(regressions)
    assert "answer_contains" in table and "0.6500" in table and "missing" in table
    assert check_thresholds({"faq_paraphrases": {"recall_at_5": 0.8, "answer_contains": 0.7},
                             "overall": {"abstention_precision": 0.95}}, thresholds) == []


def test_bad_threshold_files_are_explained(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text("[faq_paraphrases]\nrecall_at_5 = 'high'\n")
    with pytest.raises(InvalidRequestError, match="recall_at_5 must be a number"):
        load_thresholds(path)


def test_set_loader_names_file_and_line(tmp_path):
    folder = tmp_path / "page_facts"
    folder.mkdir()
    (folder / "dev.jsonl").write_text(
        '{"id": "a", "question": "Q?", "gold_doc_ids": ["x"], "answers": [["y"]]}\n'
        '{"id": "b", "question": "Q?", "gold_doc_ids": ["x"], "answers": ["y"]}\n')
    with pytest.raises(InvalidRequestError, match=r"dev\.jsonl:2: 'answers' must be"):
        load_set(tmp_path, "page_facts", "dev")


def test_shipped_sets_are_well_formed_and_reference_real_documents(shipped_engine):
    from tests.conftest import REPO

    documents = shipped_engine.index.documents
    counts = {}
    for set_name in ("faq_paraphrases", "page_facts", "out_of_scope"):
        for split in ("dev", "test"):
            items = load_set(REPO / "eval", set_name, split)
            counts[set_name] = counts.get(set_name, 0) + len(items)
            for item in items:
                assert all(d in documents for d in item.gold_doc_ids), item.item_id
    assert counts["faq_paraphrases"] >= 150 and counts["page_facts"] >= 100
    assert counts["out_of_scope"] >= 50
