"""Embedders: every one returns L2-normalised float32 vectors, so inner product is cosine.

- ``base``: the ``Embedder`` protocol, the packaged model's folder, a model's fingerprint.
- ``torch_backend``: the model run by sentence-transformers on torch (the reference).
- ``onnx_backend``: the model exported once to ONNX and run by onnxruntime (what serving uses),
  optionally with int8-quantised weights.
- ``cache``: question embeddings for serving, one model call at a time, with an LRU cache.

The deterministic fake used by unit tests lives in ``tests/fakes.py``, not here.
"""

from .base import (
    PACKAGED_MODEL_NAME,
    Embedder,
    file_stem,
    model_fingerprint,
    model_words,
    packaged_model_path,
)
from .cache import QueryEmbeddingCache
from .onnx_backend import OnnxEmbedder, export_onnx, quantize_int8
from .torch_backend import SentenceTransformerEmbedder

__all__ = [
    "PACKAGED_MODEL_NAME",
    "Embedder",
    "OnnxEmbedder",
    "QueryEmbeddingCache",
    "SentenceTransformerEmbedder",
    "export_onnx",
    "file_stem",
    "model_fingerprint",
    "model_words",
    "packaged_model_path",
    "quantize_int8",
]
