"""The three retrievers over a loaded index."""

from __future__ import annotations

import faiss
import numpy as np

from ..index import LoadedIndex
from ..index.store import HNSW_EF_SEARCH
from ..settings import Settings
from ..types import Hit
from .base import Filters, Fusion, Mode, Query, Retriever
from .fusion import reciprocal_rank_fusion, score_fusion

__all__ = [
    "BM25Retriever", "DenseRetriever", "HybridRetriever", "PhrasingRetriever", "make_retriever",
]


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")


class DenseRetriever:
    """Inner product over normalised embeddings (cosine similarity) with FAISS."""

    name = "dense"

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        """Nearest chunks; filters restrict the search itself through an id selector."""
        return _hits(self.index, self.name, *self.ranked(query, k, filters))

    def ranked(self, query: Query, k: int, filters: Filters | None = None
               ) -> tuple[list[int], list[float]]:
        """Chunk rows and scores of the nearest chunks, best first (``retrieve`` without
        building a Hit per chunk)."""
        _check_k(k)
        mask = filters.mask(self.index) if filters else None
        vector = query.vector.reshape(1, -1).astype(np.float32)
        dense = self.index.dense
        hnsw = isinstance(dense, faiss.IndexHNSWFlat)
        selector = None
        if mask is not None:
            allowed = np.flatnonzero(mask).astype(np.int64)
            if not len(allowed):
                return [], []
            selector = faiss.IDSelectorBatch(allowed)
        if hnsw:
            # efSearch is not stored in the index file; set it per query, at least k.
            params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, k))
            if selector is not None:
                params.sel = selector
        else:
            params = faiss.SearchParameters(sel=selector) if selector is not None else None
        k = min(k, dense.ntotal)
        scores, ids = dense.search(vector, k, params=params)
        found = ids[0] >= 0  # FAISS pads with -1 when fewer than k chunks qualify
        return ids[0][found].tolist(), scores[0][found].tolist()


class BM25Retriever:
    """Okapi BM25 over the index's precomputed weights; only chunks sharing a term are ranked."""

    name = "bm25"

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        """Top chunks by BM25 score, restricted to filtered chunks before ranking."""
        return _hits(self.index, self.name, *self.ranked(query, k, filters))

    def ranked(self, query: Query, k: int, filters: Filters | None = None
               ) -> tuple[list[int], list[float]]:
        """Chunk rows and scores of the top chunks, best first (``retrieve`` without building
        a Hit per chunk)."""
        _check_k(k)
        bm25 = self.index.bm25
        candidates = bm25.matched(query.terms)
        mask = filters.mask(self.index) if filters else None
        if mask is not None:
            candidates &= mask
        ids = np.flatnonzero(candidates)
        if not len(ids):
            return [], []
        scores = bm25.scores(query.terms)[ids]
        # Stable order: score descending, then corpus order.
        order = np.lexsort((ids, -scores))[:k]
        return ids[order].tolist(), scores[order].tolist()


def _hits(index: LoadedIndex, name: str, rows: list[int], scores: list[float]) -> list[Hit]:
    """One retriever's ranking as hits carrying its rank and score."""
    return [Hit(index.chunks[i], s, {name: r}, {name: s})
            for r, (i, s) in enumerate(zip(rows, scores, strict=True), start=1)]


class PhrasingRetriever:
    """FAQs ranked by their closest question or ``also_asked`` phrasing (cosine similarity).

    Visitors ask an FAQ's question in many words; each phrasing has its own vector, so a
    question close to any of them finds the FAQ even when the FAQ's own text is worded
    differently.
    """

    name = "phrasings"

    def __init__(self, index: LoadedIndex) -> None:
        self.index = index
        self._chunk_rows = np.array([index.faq_chunk_rows.get(p.doc_id, -1)
                                     for p in index.phrasings],
                                    dtype=np.int64)

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        """Top FAQ chunks by their best phrasing's similarity to the question."""
        return _hits(self.index, self.name, *self.ranked(query, k, filters))

    def ranked(self, query: Query, k: int, filters: Filters | None = None
               ) -> tuple[list[int], list[float]]:
        """Chunk rows and scores of the top FAQ chunks, best first (``retrieve`` without
        building a Hit per chunk)."""
        _check_k(k)
        if not len(self._chunk_rows):
            return [], []
        similarity = self.index.phrasing_vectors @ query.vector
        mask = filters.mask(self.index) if filters else None
        best: dict[int, float] = {}
        for row in np.argsort(-similarity):
            chunk_row = int(self._chunk_rows[row])
            if chunk_row < 0 or chunk_row in best or (mask is not None and not mask[chunk_row]):
                continue
            best[chunk_row] = float(similarity[row])
            if len(best) >= k:
                break
        return list(best), list(best.values())


class HybridRetriever:
    """Dense and BM25 candidates (and optionally FAQ phrasings) fused by score or by rank."""

    name = "hybrid"

    def __init__(self, index: LoadedIndex, *, rrf_k: int, dense_weight: float,
                 bm25_weight: float, phrasing_weight: float, candidate_depth: int,
                 fusion: Fusion = "score") -> None:
        if fusion not in ("score", "rrf"):
            raise ValueError(f"fusion must be 'score' or 'rrf', got {fusion!r}")
        self.index = index
        self.fusion = fusion
        self.retrievers: list[DenseRetriever | BM25Retriever | PhrasingRetriever] = [
            DenseRetriever(index), BM25Retriever(index)]
        if phrasing_weight > 0 and len(index.phrasings):
            self.retrievers.append(PhrasingRetriever(index))
        self.weights = {"dense": dense_weight, "bm25": bm25_weight, "phrasings": phrasing_weight}
        self.rrf_k = rrf_k
        self.candidate_depth = candidate_depth

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        """Fuse each retriever's top ``candidate_depth`` (filtered) into the top ``k``."""
        _check_k(k)
        depth = max(k, self.candidate_depth)
        # Fusion works on chunk rows and scores; only the k fused chunks become Hits (building
        # one per candidate of every retriever was a third of the retrieval time).
        rankings: dict[str, list[tuple[int, float]]] = {}
        for retriever in self.retrievers:
            rows, scores = retriever.ranked(query, depth, filters)
            rankings[retriever.name] = list(zip(rows, scores, strict=True))
        if self.fusion == "score":
            fused = score_fusion(rankings, weights=self.weights)[:k]
        else:
            fused = reciprocal_rank_fusion(
                {name: [row for row, _ in ranking] for name, ranking in rankings.items()},
                k=self.rrf_k, weights=self.weights)[:k]
        # Each fused chunk's rank and score in every ranking that holds it.
        places = {name: {row: (rank, score) for rank, (row, score) in enumerate(ranking, 1)}
                  for name, ranking in rankings.items()}
        results = []
        for row, score in fused:
            found = {name: at[row] for name, at in places.items() if row in at}
            results.append(Hit(self.index.chunks[row], float(score),
                               {name: rank for name, (rank, _) in found.items()},
                               {name: s for name, (_, s) in found.items()}))
        return results


def make_retriever(mode: Mode, index: LoadedIndex, settings: Settings) -> Retriever:
    """The retriever for a mode name, tuned by ``settings`` (the one source of its defaults)."""
    if mode == "dense":
        return DenseRetriever(index)
    if mode == "bm25":
        return BM25Retriever(index)
    if mode == "hybrid":
        return HybridRetriever(index, rrf_k=settings.rrf_k, dense_weight=settings.dense_weight,
                               bm25_weight=settings.bm25_weight,
                               phrasing_weight=settings.phrasing_weight,
                               candidate_depth=settings.candidate_depth,
                               fusion=settings.fusion)
    raise ValueError(f"mode must be one of bm25, dense, hybrid; got {mode!r}")
