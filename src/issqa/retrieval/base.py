"""What every retriever shares: the query, the metadata filters, and the protocol."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from ..embedding import Embedder
from ..errors import InvalidRequestError
from ..index import LoadedIndex
from ..text import bm25_terms
from ..types import DocKind, Hit

__all__ = ["MODES", "Filters", "Fusion", "Mode", "Query", "Retriever"]

Mode = Literal["bm25", "dense", "hybrid"]
MODES: tuple[Mode, ...] = ("bm25", "dense", "hybrid")
Fusion = Literal["score", "rrf"]


class Query:
    """A question, with its BM25 terms and its embedding computed at most once each."""

    def __init__(self, text: str, embedder: Embedder) -> None:
        self.text = text
        self._embedder = embedder

    @functools.cached_property
    def terms(self) -> list[str]:
        """BM25 terms of the question."""
        return bm25_terms(self.text)

    @functools.cached_property
    def vector(self) -> np.ndarray:
        """The question's normalised embedding, shape (dimension,)."""
        return self._embedder.embed([self.text])[0]


@dataclass(frozen=True)
class Filters:
    """Metadata filters, applied inside each retriever before fusion."""

    sections: frozenset[str] | None = None
    kind: DocKind | None = None

    @classmethod
    def of(cls, sections: Iterable[str] | None = None, kind: DocKind | None = None) -> Filters:
        """Filters from what a user gave (no sections, or an empty list, means every section)."""
        return cls(frozenset(sections) if sections else None, kind)

    def validate(self, index: LoadedIndex) -> None:
        """Reject sections the index does not have, listing the valid ones."""
        if self.sections:
            unknown = sorted(self.sections - set(index.sections))
            if unknown:
                raise InvalidRequestError(
                    f"unknown section(s) {', '.join(unknown)}; valid sections: "
                    f"{', '.join(index.sections)}",
                    details={"unknown": unknown, "valid": index.sections},
                )
        if self.kind not in (None, "page", "faq"):
            raise InvalidRequestError(f"kind must be 'page' or 'faq', got {self.kind!r}")

    def mask(self, index: LoadedIndex) -> np.ndarray | None:
        """Boolean mask of allowed chunks, or None when nothing is filtered."""
        if not self.sections and self.kind is None:
            return None
        mask = np.ones(len(index.chunks), dtype=bool)
        if self.sections:
            mask &= np.isin(index.chunk_sections, list(self.sections))
        if self.kind is not None:
            mask &= index.chunk_kinds == self.kind
        return mask


class Retriever(Protocol):
    """Ranks chunks of an index for a query."""

    name: str

    def retrieve(self, query: Query, k: int, filters: Filters | None = None) -> list[Hit]:
        """The top ``k`` chunks, best first, each with this retriever's rank and score."""
