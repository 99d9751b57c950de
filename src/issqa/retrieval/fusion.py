"""Rank fusion as pure functions: reciprocal rank fusion and min-max score fusion."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

__all__ = ["reciprocal_rank_fusion", "score_fusion"]


def _check_weight(name: str, weight: float) -> None:
    if weight < 0:
        raise ValueError(f"weight of {name!r} must not be negative, got {weight}")


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
    return _fuse({name: [(item, 1.0 / (k + rank)) for rank, item in enumerate(ranking, start=1)]
                  for name, ranking in rankings.items()}, weights or {})


def score_fusion(
    rankings: Mapping[str, Sequence[tuple[Hashable, float]]],
    *,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[Hashable, float]]:
    """Fuse scored rankings: score(d) = sum over r of w_r * (s_r(d) - min_r) / (max_r - min_r).

    Each ranking's scores are min-max normalised over the candidates it returned, so its best
    gets 1 and its last 0 (all 1 when they are equal); an item missing from a ranking gets 0
    from it. Unlike RRF, how far ahead a candidate is counts, not only its place: a clear dense
    winner is not overtaken by a passage BM25 ranks first by a hair. With two rankings this is
    the convex combination studied by Bruch, Gai & Ingber (2023), "An Analysis of Fusion
    Functions for Hybrid Retrieval", ACM TOIS (min-max normalisation: Lee, 1997, SIGIR).
    Ties are broken by the best single rank, then by first appearance, so output is stable.
    """
    normalised = {}
    for name, ranking in rankings.items():
        values = [score for _, score in ranking]
        low, high = (min(values), max(values)) if values else (0.0, 0.0)
        normalised[name] = [(item, (score - low) / (high - low) if high > low else 1.0)
                            for item, score in ranking]
    return _fuse(normalised, weights or {})


def _fuse(contributions: Mapping[str, Sequence[tuple[Hashable, float]]],
          weights: Mapping[str, float]) -> list[tuple[Hashable, float]]:
    """Sum each ranking's per-item contribution times its weight; ties broken by the best
    single rank, then by first appearance."""
    # Per item: [score, best single rank, first appearance], one dict lookup per item and
    # ranking; fusion runs on every request over a hundred-odd candidates.
    fused: dict[Hashable, list] = {}
    for name, ranking in contributions.items():
        weight = weights.get(name, 1.0)
        _check_weight(name, weight)
        for rank, (item, value) in enumerate(ranking, start=1):
            entry = fused.get(item)
            if entry is None:
                fused[item] = [0.0 + weight * value, rank, len(fused)]
            else:
                entry[0] += weight * value
                entry[1] = min(entry[1], rank)
    # Sorting plain tuples (first appearance is unique, so the item is never compared) is
    # cheaper than a key function per item.
    ranked = sorted((-score, rank, order, item) for item, (score, rank, order) in fused.items())
    return [(item, -negated) for negated, _, _, item in ranked]
