"""Okapi BM25 with rank-bm25's exact scoring semantics, vectorised over a term-document matrix.

rank-bm25 (``BM25Okapi``) loops in Python over every document for every query term. Here each
term's contribution to each document is precomputed at build time, so a query costs one sparse
row addition per query term. Scores equal ``rank_bm25.BM25Okapi(...).get_scores`` (a test checks).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["BM25Matrix", "BM25Params", "bm25_idf", "bm25_term_weight"]


@dataclass(frozen=True)
class BM25Params:
    """rank-bm25's BM25Okapi defaults."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25


def bm25_idf(doc_freqs: dict[str, int], n_docs: int, epsilon: float) -> dict[str, float]:
    """idf(t) = ln((N - n_t + 0.5) / (n_t + 0.5)); negative values become epsilon * mean idf.

    This floor is rank-bm25's (BM25Okapi._calc_idf), kept so our scores match it exactly.
    """
    idf = {t: math.log(n_docs - n + 0.5) - math.log(n + 0.5) for t, n in doc_freqs.items()}
    if not idf:
        return idf
    floor = epsilon * (sum(idf.values()) / len(idf))
    return {t: (floor if v < 0 else v) for t, v in idf.items()}


def bm25_term_weight(idf: float, tf: np.ndarray, doc_len: np.ndarray, avgdl: float,
                     k1: float, b: float) -> np.ndarray:
    """idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| / avgdl)) (Robertson et al., 1994)."""
    return idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * doc_len / avgdl)))


@dataclass(frozen=True)
class BM25Matrix:
    """Precomputed per-term, per-document BM25 weights in CSR form (rows are terms)."""

    vocabulary: dict[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    n_docs: int

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], params: BM25Params | None = None) -> BM25Matrix:
        """Precompute weights for a tokenised corpus."""
        params = params or BM25Params()
        n_docs = len(corpus)
        doc_len = np.array([len(doc) for doc in corpus], dtype=np.float64)
        avgdl = float(doc_len.sum() / n_docs) if n_docs else 0.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc_index, doc in enumerate(corpus):
            for term, tf in Counter(doc).items():
                postings.setdefault(term, []).append((doc_index, tf))
        idf = bm25_idf({t: len(p) for t, p in postings.items()}, n_docs, params.epsilon)
        vocabulary = {term: row for row, term in enumerate(sorted(postings))}
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        indices_parts, weight_parts = [], []
        for term, row in vocabulary.items():
            docs = np.array([d for d, _ in postings[term]], dtype=np.int32)
            tfs = np.array([tf for _, tf in postings[term]], dtype=np.float64)
            indices_parts.append(docs)
            weight_parts.append(bm25_term_weight(idf[term], tfs, doc_len[docs], avgdl,
                                                 params.k1, params.b))
            indptr[row + 1] = indptr[row] + len(docs)
        indices = np.concatenate(indices_parts) if indices_parts else np.zeros(0, np.int32)
        weights = np.concatenate(weight_parts) if weight_parts else np.zeros(0, np.float64)
        return cls(vocabulary, indptr, indices, weights, n_docs)

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every document; repeated query terms count again, as in rank-bm25."""
        scores = np.zeros(self.n_docs, dtype=np.float64)
        for term in query_terms:
            row = self.vocabulary.get(term)
            if row is None:
                continue
            lo, hi = self.indptr[row], self.indptr[row + 1]
            scores[self.indices[lo:hi]] += self.weights[lo:hi]
        return scores

    def matched(self, query_terms: Sequence[str]) -> np.ndarray:
        """Boolean mask of documents containing at least one query term."""
        mask = np.zeros(self.n_docs, dtype=bool)
        for term in query_terms:
            row = self.vocabulary.get(term)
            if row is not None:
                mask[self.indices[self.indptr[row]:self.indptr[row + 1]]] = True
        return mask
