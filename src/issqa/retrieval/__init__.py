"""Retrieval: dense (FAISS), sparse (BM25) and hybrid (reciprocal rank fusion) retrievers."""

from .base import MODES, Filters, Query, Retriever
from .fusion import reciprocal_rank_fusion
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
]
