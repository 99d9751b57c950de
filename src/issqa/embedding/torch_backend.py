"""The model run by sentence-transformers on torch (the reference backend)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import ModelError
from .base import locate_model


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on the CPU, never from a hub."""

    def __init__(self, model_path: Path | None = None, *, threads: int = 1) -> None:
        self.model_path, self._fingerprint = locate_model(model_path)
        if not (self.model_path / "config.json").exists():
            raise ModelError(f"no model found in {self.model_path}: expected a "
                             "sentence-transformers folder with config.json; check "
                             "ISSQA_MODEL_PATH")
        self.threads = threads
        self._model = None

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

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Encode in batches of ``batch_size``; vectors come out normalised."""
        model = self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                               normalize_embeddings=True, show_progress_bar=False)
        return np.ascontiguousarray(vectors, dtype=np.float32)
