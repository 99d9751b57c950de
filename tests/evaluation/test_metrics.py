"""Metrics against worked examples and against ir-measures (trec_eval)."""

import math

import ir_measures
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ir_measures import RR, R, Success, nDCG

from issqa.evaluation import (
    contains_all_facts,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    recall_at_k,
    token_f1,
)
from issqa.evaluation.metrics import dedupe, normalize, success_at_k


def test_worked_example():
    ranking, relevant = ["d2", "d1", "d3"], {"d1", "d3"}
    assert recall_at_k(ranking, relevant, 1) == 0.0
    assert recall_at_k(ranking, relevant, 2) == 0.5
    assert success_at_k(ranking, relevant, 1) == 0.0 and success_at_k(ranking, relevant, 2) == 1.0
    assert mrr_at_k(ranking, relevant, 10) == 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert ndcg_at_k(ranking, relevant, 10) == pytest.approx(dcg / ideal)
    assert mrr_at_k(["x", "y"], {"z"}, 10) == 0.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([f"d{i}" for i in range(12)]), min_size=1, max_size=12,
                unique=True),
       st.sets(st.sampled_from([f"d{i}" for i in range(12)]), min_size=1, max_size=4),
       st.sampled_from([1, 5, 10]))
def test_agrees_with_ir_measures(ranking, relevant, k):
    qrels = [ir_measures.Qrel("q", doc, 1) for doc in relevant]
    run = [ir_measures.ScoredDoc("q", doc, float(len(ranking) - i))
           for i, doc in enumerate(ranking)]
    expected = ir_measures.calc_aggregate([R @ k, RR @ k, nDCG @ k, Success @ k], qrels, run)
    assert recall_at_k(ranking, relevant, k) == pytest.approx(expected[R @ k])
    assert success_at_k(ranking, relevant, k) == pytest.approx(expected[Success @ k])
    assert mrr_at_k(ranking, relevant, k) == pytest.approx(expected[RR @ k])
    assert ndcg_at_k(ranking, relevant, k) == pytest.approx(expected[nDCG @ k])


def test_fact_matching_normalises_numbers_dashes_and_markers():
    answer = "The station travels at about 28,000 km/h (17,500 mph). [1] It is 73–75 m."
    assert contains_all_facts(answer, [["17500 mph"], ["73-75 m", "nope"]])
    assert not contains_all_facts(answer, [["17,500 mph"], ["29,000 km/h"]])
    assert normalize("Zarya [2] launched") == "zarya launched"


def test_token_f1_worked_example():
    # prediction tokens: the, arm, is, 17, m ; gold: arm, is, 17, m, long
    assert token_f1("The arm is 17 m", "arm is 17 m long") == pytest.approx(0.8)
    assert token_f1("", "") == 1.0 and token_f1("x", "y") == 0.0


def test_percentile_interpolates_and_checks_input():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10], 95) == 10
    with pytest.raises(ValueError, match="got 101"):
        percentile([1], 101)


def test_dedupe_keeps_first_occurrence():
    assert dedupe(["a", "b", "a", "c", "b"]) == ["a", "b", "c"]
