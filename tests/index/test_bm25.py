"""Our vectorised BM25 against rank-bm25 and a hand computation."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from issqa.index.bm25 import BM25Matrix, bm25_idf

CORPUS = [
    ["zarya", "launched", "proton", "1998"],
    ["columbus", "launched", "atlantis", "2008"],
    ["station", "speed", "28000", "km", "h"],
    ["zarya", "zarya", "storage", "fuel"],
]


def test_hand_computed_score():
    matrix = BM25Matrix.build(CORPUS)
    n, avgdl, k1, b = 4, 17 / 4, 1.5, 0.75
    # idf("zarya") = ln((4 - 2 + .5)/(2 + .5)) = 0 -> not negative, kept as 0; use "proton".
    idf = math.log((n - 1 + 0.5) / (1 + 0.5))
    tf, dl = 1, 4
    expected = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))
    assert matrix.scores(["proton"])[0] == pytest.approx(expected)
    # "zarya" is in 2 of 4 documents, so its idf is ln(2.5 / 2.5) = 0: it scores nothing.
    assert np.diff(matrix.indptr)[matrix.vocabulary["zarya"]] == 2
    assert matrix.scores(["zarya"]).tolist() == [0.0] * 4


def test_negative_idf_gets_rank_bm25_epsilon_floor():
    idf = bm25_idf({"common": 3, "rare": 1}, 4, 0.25)
    assert idf["rare"] == pytest.approx(math.log(3.5 / 1.5))
    raw_common = math.log(1.5 / 3.5)
    assert idf["common"] == pytest.approx(0.25 * (raw_common + math.log(3.5 / 1.5)) / 2)


words = st.sampled_from(["zarya", "unity", "dock", "arm", "solar", "crew", "orbit", "node"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(words, min_size=1, max_size=12), min_size=1, max_size=15),
       st.lists(words, max_size=5))
def test_scores_equal_rank_bm25(corpus, query):
    ours = BM25Matrix.build(corpus).scores(query)
    reference = BM25Okapi(corpus).get_scores(query)
    np.testing.assert_allclose(ours, reference, rtol=1e-9, atol=1e-12)


def test_matched_marks_documents_sharing_a_term():
    assert BM25Matrix.build(CORPUS).matched(["zarya", "nothing"]).tolist() == [
        True, False, False, True]
