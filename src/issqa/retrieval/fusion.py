"""Reciprocal rank fusion, as a pure function."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

__all__ = ["reciprocal_rank_fusion"]


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[Hashable]],
    *,
    k: int,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[Hashable, float]]:
    """Fuse rankings: score(d) = sum over rankings r of w_r / (k + rank_r(d)), ranks from 1.

    Cormack, Clarke & Buettcher (2009), "Reciprocal Rank Fusion outperforms Condorcet and
    individual Rank Learning Methods", SIGIR. Items missing from a ranking get nothing from it.
    Ties are broken by the best single rank, then by first appearance, so output is stable.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    weights = weights or {}
    scores: dict[Hashable, float] = {}
    best_rank: dict[Hashable, int] = {}
    order: dict[Hashable, int] = {}
    for name, ranking in rankings.items():
        weight = weights.get(name, 1.0)
        if weight < 0:
            raise ValueError(f"weight of {name!r} must not be negative, got {weight}")
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
            best_rank[item] = min(best_rank.get(item, rank), rank)
            order.setdefault(item, len(order))
    return sorted(scores.items(), key=lambda kv: (-kv[1], best_rank[kv[0]], order[kv[0]]))
