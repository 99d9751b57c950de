"""Question embeddings for serving: one model call at a time, and an LRU cache of vectors."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from .base import Embedder


class QueryEmbeddingCache:
    """Wraps an embedder for questions: one call at a time, with an LRU cache of vectors.

    Fast tokenizers fail when one instance is used from several threads at once, and a web
    server asks from many; a lock serialises the (milliseconds-long) question embeddings.
    Popular questions repeat, so a small cache saves the model call entirely.
    """

    def __init__(self, embedder: Embedder, size: int = 1024) -> None:
        self.embedder = embedder
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        """The wrapped model's id."""
        return self.embedder.model_id

    @property
    def dimension(self) -> int:
        """The wrapped model's dimension."""
        return self.embedder.dimension

    @property
    def max_tokens(self) -> int | None:
        """The wrapped model's window."""
        return self.embedder.max_tokens

    def clear(self) -> None:
        """Forget cached vectors (evaluation times uncached questions)."""
        with self._lock:
            self._cache.clear()

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Delegates to the wrapped model."""
        with self._lock:
            return self.embedder.count_tokens(texts)

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Vectors for ``texts``, from the cache where possible."""
        rows = []
        with self._lock:
            for text in texts:
                vector = self._cache.get(text)
                if vector is None:
                    vector = self.embedder.embed([text])[0]
                    vector.setflags(write=False)
                    self._cache[text] = vector
                    if len(self._cache) > self.size:
                        self._cache.popitem(last=False)
                else:
                    self._cache.move_to_end(text)
                rows.append(vector)
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)
