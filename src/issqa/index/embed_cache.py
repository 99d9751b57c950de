"""A cache of embeddings keyed by (model id, text hash), so a rebuild embeds only what changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from ..embedding import file_stem

__all__ = ["EmbeddingCache", "text_key"]


def text_key(text: str) -> str:
    """sha256 of the exact text that is embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors of one model, persisted as one .npz file under ``cache_dir``."""

    def __init__(self, cache_dir: Path, model_id: str) -> None:
        self.path = Path(cache_dir) / f"embeddings-{file_stem(model_id)}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._load()

    def _load(self) -> None:
        if not self.path.is_file():
            return
        try:
            with np.load(self.path) as data:
                keys, vectors = data["keys"], data["vectors"]
                self._vectors = {str(k): vectors[i] for i, k in enumerate(keys)}
        except (OSError, ValueError, KeyError):
            # A damaged cache only costs time: start empty and rewrite it on save.
            self._vectors = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for a text key, if any."""
        return self._vectors.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        """Remember a vector."""
        self._vectors[key] = np.asarray(vector, dtype=np.float32)

    def save(self, keep: set[str] | None = None) -> None:
        """Write atomically; with ``keep``, drop entries no longer used by any build."""
        items = [(k, v) for k, v in self._vectors.items() if keep is None or k in keep]
        if not items:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            np.savez(handle, keys=np.array([k for k, _ in items]),
                     vectors=np.stack([v for _, v in items]))
        os.replace(tmp, self.path)
