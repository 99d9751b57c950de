"""Retrieval: dense (FAISS), sparse (BM25) and hybrid (score or reciprocal rank fusion)."""

from .base import MODES, Filters, Query, Retriever
from .fusion import reciprocal_rank_fusion, score_fusion
from .retrievers import (
    BM25Retriever,
    DenseRetriever,
    HybridRetriever,
    PhrasingRetriever,
    make_retriever,
)

__all__ = [
    "MODES",
    "BM25Retriever",
    "DenseRetriever",
    "Filters",
    "HybridRetriever",
    "PhrasingRetriever",
    "Query",
    "Retriever",
    "make_retriever",
    "reciprocal_rank_fusion",
    "score_fusion",
]
