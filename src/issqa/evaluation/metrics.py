"""Evaluation metrics as pure functions, each with its definition.

Retrieval metrics use binary relevance over document ids, with a ranking deduplicated by
document (a document's first passage counts, later ones are skipped). They agree with
ir-measures (trec_eval) on the same inputs; a test checks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = [
    "contains_all_facts",
    "contains_fact",
    "dedupe",
    "mrr_at_k",
    "ndcg_at_k",
    "normalize",
    "percentile",
    "recall_at_k",
    "success_at_k",
    "token_f1",
]


def dedupe(ranking: Iterable[str]) -> list[str]:
    """Keep the first occurrence of each id, in order."""
    seen: set[str] = set()
    return [x for x in ranking if not (x in seen or seen.add(x))]


def recall_at_k(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """|relevant ∩ top k| / |relevant|."""
    if not relevant:
        raise ValueError("recall needs at least one relevant id")
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def success_at_k(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """1 if any relevant id is in the top k, else 0 (Success@k, trec_eval's success_k).

    When every document that states the answer is relevant, this is the figure a visitor
    feels: did an answering document come first (k = 1) or near the top?
    """
    if not relevant:
        raise ValueError("success needs at least one relevant id")
    return float(bool(relevant.intersection(ranking[:k])))


def mrr_at_k(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """1 / rank of the first relevant id within the top k, else 0 (reciprocal rank)."""
    for rank, item in enumerate(ranking[:k], start=1):
        if item in relevant:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranking: Sequence[str], relevant: set[str], k: int) -> float:
    """DCG@k / ideal DCG@k with binary gains: DCG = sum over hits of 1 / log2(rank + 1).

    Järvelin & Kekäläinen (2002), "Cumulated gain-based evaluation of IR techniques".
    """
    dcg = sum(1.0 / math.log2(rank + 1)
              for rank, item in enumerate(ranking[:k], start=1) if item in relevant)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(relevant), k) + 1))
    return dcg / ideal if ideal else 0.0


_MARKER = re.compile(r"\[\d+\]")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})


def normalize(text: str) -> str:
    """Lower case, unified dashes and quotes, no citation markers, "17,500" -> "17500"."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    text = _MARKER.sub(" ", text.lower())
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def contains_fact(answer: str, variants: Sequence[str]) -> bool:
    """Whether the answer contains at least one accepted variant of a fact."""
    normalized = normalize(answer)
    return any(normalize(v) in normalized for v in variants)


def contains_all_facts(answer: str, facts: Sequence[Sequence[str]]) -> bool:
    """Whether the answer contains a variant of every gold fact."""
    return all(contains_fact(answer, variants) for variants in facts)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+(?:\.\w+)*", normalize(text))


def token_f1(prediction: str, gold: str) -> float:
    """SQuAD-style token F1: harmonic mean of token precision and recall (multiset overlap).

    Rajpurkar et al. (2016), "SQuAD: 100,000+ Questions for Machine Comprehension of Text".
    """
    predicted, expected = _tokens(prediction), _tokens(gold)
    if not predicted or not expected:
        return float(predicted == expected)
    overlap = sum((Counter(predicted) & Counter(expected)).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / len(predicted), overlap / len(expected)
    return 2 * precision * recall / (precision + recall)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be in 0..100, got {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
