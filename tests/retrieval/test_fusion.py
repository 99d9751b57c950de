import pytest

from issqa.retrieval import reciprocal_rank_fusion, score_fusion


def test_worked_example_k60():
    # a: 1/61 + 1/63; b: 1/62 + 1/61; c: 1/63; d: 1/62
    fused = dict(reciprocal_rank_fusion({"dense": ["a", "b", "c"], "bm25": ["b", "d", "a"]}, k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 63)
    assert fused["c"] == pytest.approx(1 / 63)
    assert [item for item, _ in reciprocal_rank_fusion(
        {"dense": ["a", "b", "c"], "bm25": ["b", "d", "a"]}, k=60)] == ["b", "a", "d", "c"]


def test_weights_scale_each_ranking():
    fused = reciprocal_rank_fusion({"dense": ["a"], "bm25": ["b"]}, k=1,
                                   weights={"dense": 1.0, "bm25": 3.0})
    assert fused == [("b", 1.5), ("a", 0.5)]


def test_ties_are_broken_by_best_rank_then_first_seen():
    fused = reciprocal_rank_fusion({"x": ["a", "b"], "y": ["b", "a"]}, k=60)
    assert [item for item, _ in fused] == ["a", "b"]


def test_bad_arguments_are_rejected_with_the_value():
    with pytest.raises(ValueError, match="got 0"):
        reciprocal_rank_fusion({"x": ["a"]}, k=0)
    with pytest.raises(ValueError, match="-1"):
        reciprocal_rank_fusion({"x": ["a"]}, k=60, weights={"x": -1})


def test_score_fusion_worked_example():
    # dense 0.9/0.7/0.5 -> 1, 0.5, 0; bm25 12/6/3 -> 1, 1/3, 0.
    fused = dict(score_fusion({"dense": [("a", 0.9), ("b", 0.7), ("c", 0.5)],
                               "bm25": [("b", 12.0), ("d", 6.0), ("a", 3.0)]},
                              weights={"dense": 1.3, "bm25": 1.0}))
    assert fused["a"] == pytest.approx(1.3 * 1.0 + 0.0)
    assert fused["b"] == pytest.approx(1.3 * 0.5 + 1.0)
    assert fused["c"] == pytest.approx(0.0)
    assert fused["d"] == pytest.approx(1 / 3)


def test_score_fusion_keeps_a_clear_winner_that_rank_fusion_loses():
    # Dense is sure of "a"; BM25 ranks it fourth, but only a hair behind its first.
    scored = {"dense": [("a", 0.90), ("b", 0.35), ("c", 0.30), ("d", 0.29)],
              "bm25": [("b", 10.0), ("c", 9.95), ("d", 9.92), ("a", 9.9), ("e", 1.0)]}
    by_rank = reciprocal_rank_fusion({n: [i for i, _ in r] for n, r in scored.items()}, k=5)
    assert by_rank[0][0] == "b"
    assert score_fusion(scored)[0][0] == "a"


def test_score_fusion_equal_scores_and_empty_rankings():
    # One candidate (or all equal) counts fully; an empty ranking adds nothing.
    assert score_fusion({"bm25": [("a", 4.2)], "dense": []}) == [("a", 1.0)]
    fused = score_fusion({"x": [("a", 2.0), ("b", 2.0)], "y": [("b", 1.0), ("a", 0.0)]})
    assert fused == [("b", 2.0), ("a", 1.0)]


def test_score_fusion_ties_break_by_best_rank_then_first_seen():
    fused = score_fusion({"x": [("a", 1.0), ("b", 0.0)], "y": [("b", 1.0), ("a", 0.0)]})
    assert [item for item, _ in fused] == ["a", "b"]


def test_score_fusion_rejects_negative_weights_with_the_value():
    with pytest.raises(ValueError, match=r"-0\.5"):
        score_fusion({"x": [("a", 1.0)]}, weights={"x": -0.5})
