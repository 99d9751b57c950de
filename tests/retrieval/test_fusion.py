import pytest

from issqa.retrieval import reciprocal_rank_fusion


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
