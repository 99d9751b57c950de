"""A cache of embeddings keyed by (model id, text hash), so a rebuild embeds only what changed.

A build checkpoints as it embeds: every few hundred texts the new vectors go to a part file
(``embeddings-<model>.part-<pid>-<n>.npz``), written to a temporary name, fsynced and renamed,
with a sha256 of its contents inside. A build killed mid-embedding therefore loses at most one
checkpoint's work: the next build loads the main file and every intact part, and embeds only
the rest. A finished build merges everything into the main file and removes the parts. A
damaged file (torn, altered) is skipped, never trusted: it only costs the time to re-embed.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import zipfile
from pathlib import Path

import numpy as np

from ..embedding import file_stem

__all__ = ["EmbeddingCache", "text_key"]


def text_key(text: str) -> str:
    """sha256 of the exact text that is embedded."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _digest(keys: np.ndarray, vectors: np.ndarray) -> str:
    """sha256 over a file's keys and vectors, stored inside it."""
    digest = hashlib.sha256("\n".join(keys.tolist()).encode("utf-8"))
    digest.update(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
    return digest.hexdigest()


def _write(path: Path, items: list[tuple[str, np.ndarray]]) -> None:
    """Write keys and vectors with their checksum, atomically and durably."""
    keys = np.array([k for k, _ in items])
    vectors = np.stack([v for _, v in items]).astype(np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        np.savez(handle, keys=keys, vectors=vectors, sha256=np.array(_digest(keys, vectors)))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)


def _read(path: Path) -> dict[str, np.ndarray] | None:
    """A file's vectors by key, or None if it is unreadable or fails its checksum."""
    try:
        with path.open("rb") as handle, np.load(handle) as data:
            keys, vectors = data["keys"], data["vectors"]
            if "sha256" in data.files and str(data["sha256"]) != _digest(keys, vectors):
                return None
            return {str(k): vectors[i] for i, k in enumerate(keys)}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None


class EmbeddingCache:
    """Vectors of one model under ``cache_dir``: a main file plus checkpointed parts."""

    def __init__(self, cache_dir: Path, model_id: str) -> None:
        stem = f"embeddings-{file_stem(model_id)}"
        self.path = Path(cache_dir) / f"{stem}.npz"
        self._parts_glob = f"{stem}.part-*.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._unsaved: dict[str, np.ndarray] = {}
        self._counter = itertools.count(1)
        self.damaged: list[Path] = []
        self.resumed = 0  # vectors found in parts a killed build left
        self._load()

    def _parts(self) -> list[Path]:
        return sorted(self.path.parent.glob(self._parts_glob))

    def _load(self) -> None:
        if self.path.is_file():
            loaded = _read(self.path)
            if loaded is None:
                self.damaged.append(self.path)
            else:
                self._vectors.update(loaded)
        for part in self._parts():
            loaded = _read(part)
            if loaded is None:
                self.damaged.append(part)
                continue
            self.resumed += sum(k not in self._vectors for k in loaded)
            self._vectors.update(loaded)

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, key: str) -> np.ndarray | None:
        """The cached vector for a text key, if any."""
        return self._vectors.get(key)

    def put(self, key: str, vector: np.ndarray) -> None:
        """Remember a vector (on disk at the next ``checkpoint`` or ``save``)."""
        vector = np.asarray(vector, dtype=np.float32)
        self._vectors[key] = vector
        self._unsaved[key] = vector

    def checkpoint(self) -> None:
        """Write the vectors added since the last checkpoint to a new part file."""
        if not self._unsaved:
            return
        part = self.path.with_name(
            self.path.name.replace(".npz", f".part-{os.getpid()}-{next(self._counter):05d}.npz"))
        _write(part, list(self._unsaved.items()))
        self._unsaved.clear()

    def save(self, keep: set[str] | None = None) -> None:
        """Merge everything into the main file (with ``keep``, only the entries a build still
        uses) and remove the parts and any damaged file."""
        items = [(k, v) for k, v in self._vectors.items() if keep is None or k in keep]
        if items:
            _write(self.path, items)
        self._unsaved.clear()
        for stale in {*self._parts(), *(p for p in self.damaged if p != self.path)}:
            stale.unlink(missing_ok=True)
