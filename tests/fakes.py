"""Test doubles: a deterministic fake embedder for fast unit tests (never shipped)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from issqa.text import tokenize


class HashEmbedder:
    """Deterministic fake: bag-of-words hashed into a vector. For fast unit tests only.

    Texts that share words get similar vectors, so retrieval tests still mean something.
    """

    def __init__(self, dimension: int = 64) -> None:
        self._dimension = dimension

    @property
    def model_id(self) -> str:
        """Names the fake and its size."""
        return f"hash-embedder-{self._dimension}"

    @property
    def dimension(self) -> int:
        """Vector length."""
        return self._dimension

    @property
    def max_tokens(self) -> int | None:
        """No input window."""
        return None

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Words per text."""
        return [len(t.split()) for t in texts]

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Sum of one hashed unit direction per lower-cased word, normalised."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in tokenize(text, drop_stopwords=False) or ["<empty>"]:
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                out[row] += np.random.default_rng(seed).standard_normal(self._dimension)
            out[row] /= np.linalg.norm(out[row]) or 1.0
        return out
