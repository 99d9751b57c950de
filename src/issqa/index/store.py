"""The index on disk: one folder per build, a ``current`` pointer, a manifest with checksums.

Layout under the index folder::

    current                  name of the build readers use, replaced atomically
    builds/<version>/        manifest.json, documents.jsonl, chunks.jsonl, sentences.jsonl,
                             dense.faiss, sentences.npy, bm25.npz, bm25_vocab.json,
                             phrasings.jsonl, phrasings.npy (FAQ questions and also_asked)
    cache/                   embedding cache, by model (see embed_cache.py)

A build is written to a temporary folder and renamed into ``builds/`` before ``current`` is
switched, so a crash mid-build never leaves a half-written index where readers look. Readers
verify every file's checksum against the manifest before they serve.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ..errors import IndexCorruptError, IndexNotFoundError
from ..types import Chunk, Document, Phrasing, Sentence
from .bm25 import BM25Matrix

__all__ = ["FORMAT_VERSION", "HNSW_EF_SEARCH", "INDEX_FILES", "LoadedIndex", "load_index"]

FORMAT_VERSION = 10
INDEX_FILES = (
    "documents.jsonl", "chunks.jsonl", "sentences.jsonl", "dense.faiss", "sentences.npy",
    "bm25.npz", "bm25_vocab.json", "phrasings.jsonl", "phrasings.npy",
)
_REBUILD = "run `issqa build` to rebuild the index"
# HNSW parameters of large indexes (see make_dense_index); efSearch is not stored in the FAISS
# file, so readers set it per query.
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128


@dataclass
class LoadedIndex:
    """Everything a reader needs, verified and in memory."""

    path: Path
    manifest: dict[str, Any]
    documents: dict[str, Document]
    chunks: list[Chunk]
    dense: faiss.Index
    bm25: BM25Matrix
    sentences: list[Sentence]
    sentence_vectors: np.ndarray
    phrasings: list[Phrasing] = field(default_factory=list)
    phrasing_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    chunk_sections: np.ndarray = field(init=False)
    chunk_kinds: np.ndarray = field(init=False)
    faq_chunk_rows: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.chunk_sections = np.array([c.section for c in self.chunks], dtype=object)
        self.chunk_kinds = np.array([c.kind for c in self.chunks], dtype=object)
        # An FAQ is one chunk: its row, by FAQ id, for whoever found the FAQ by its phrasings.
        self.faq_chunk_rows = {c.doc_id: i for i, c in enumerate(self.chunks) if c.kind == "faq"}

    def sentence_text(self, row: int) -> str:
        """The text of sentence ``row``, as its document states it."""
        sentence = self.sentences[row]
        return self.documents[sentence.doc_id].body[sentence.char_start:sentence.char_end]

    @property
    def version(self) -> str:
        """Content-derived version of this build."""
        return str(self.manifest["version"])

    @property
    def sections(self) -> list[str]:
        """Sections present in the index, sorted."""
        return sorted({c.section for c in self.chunks})


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def builds_dir(root: Path) -> Path:
    """Folder holding one subfolder per build."""
    return root / "builds"


def current_build(root: Path) -> Path | None:
    """The build folder ``current`` points at, or None if there is none."""
    pointer = root / "current"
    if not pointer.is_file():
        return None
    name = pointer.read_text(encoding="utf-8").strip()
    return builds_dir(root) / name if name else None


def publish(root: Path, staging: Path, version: str, keep: int = 2) -> Path:
    """Move a finished staging folder into place and point ``current`` at it, atomically."""
    target = builds_dir(root) / version
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        # Same content already built; a stale copy may be corrupt, so the fresh one wins.
        shutil.rmtree(target)
    os.replace(staging, target)
    pointer_tmp = root / f".current.{os.getpid()}.tmp"
    pointer_tmp.write_text(version + "\n", encoding="utf-8")
    _fsync(pointer_tmp)
    os.replace(pointer_tmp, root / "current")
    _prune(root, version, keep)
    return target


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _prune(root: Path, current: str, keep: int) -> None:
    """Remove older builds, keeping ``current`` and the most recent others up to ``keep``."""
    builds = sorted(
        (p for p in builds_dir(root).iterdir() if p.is_dir() and p.name != current),
        key=lambda p: p.stat().st_mtime, reverse=True,
    )
    for old in builds[keep - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".staging-*"):
        # Left behind by a build that was killed; never referenced by `current`.
        if stale.is_dir() and not _owned_by_live_process(stale):
            shutil.rmtree(stale, ignore_errors=True)


def _owned_by_live_process(staging: Path) -> bool:
    try:
        pid = int(staging.name.rsplit("-", 1)[-1])
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """One JSON object per line, UTF-8."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def document_to_row(doc: Document) -> dict[str, Any]:
    """A JSON-ready row for documents.jsonl."""
    return {
        "doc_id": doc.doc_id, "kind": doc.kind, "title": doc.title, "url": doc.url,
        "section": doc.section, "updated": doc.updated.isoformat(), "sources": list(doc.sources),
        "body": doc.body, "path": doc.path, "question": doc.question,
        "also_asked": list(doc.also_asked),
    }


def chunk_to_row(chunk: Chunk) -> dict[str, Any]:
    """A JSON-ready row for chunks.jsonl."""
    return {
        "chunk_id": chunk.chunk_id, "doc_id": chunk.doc_id, "kind": chunk.kind,
        "title": chunk.title, "url": chunk.url, "section": chunk.section,
        "headings": list(chunk.headings), "text": chunk.text,
        "char_start": chunk.char_start, "char_end": chunk.char_end,
    }


def read_manifest(build: Path) -> dict[str, Any]:
    """The manifest of a build folder, or IndexCorruptError."""
    path = build / "manifest.json"
    if not path.is_file():
        raise IndexCorruptError(f"{path} is missing; {_REBUILD}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(f"{path} is not valid JSON ({exc}); {_REBUILD}") from exc


def verify_build(build: Path, *, model_id: str | None = None,
                 dimension: int | None = None) -> dict[str, Any]:
    """Check format version, model, and every file's checksum; return the manifest."""
    manifest = read_manifest(build)
    found = manifest.get("format_version")
    if found != FORMAT_VERSION:
        raise IndexCorruptError(
            f"the index in {build} has format version {found}, this issqa reads "
            f"{FORMAT_VERSION}; {_REBUILD}"
        )
    model = manifest.get("model", {})
    if model_id is not None and model.get("id") != model_id:
        raise IndexCorruptError(
            f"the index in {build} was built with model {model.get('id')!r}, but the configured "
            f"model is {model_id!r}; {_REBUILD} (or set ISSQA_MODEL_PATH back)"
        )
    if dimension is not None and model.get("dimension") != dimension:
        raise IndexCorruptError(
            f"the index in {build} has {model.get('dimension')}-dimensional vectors, the model "
            f"gives {dimension}; {_REBUILD}"
        )
    for name in INDEX_FILES:
        expected = manifest.get("files", {}).get(name)
        path = build / name
        if expected is None or not path.is_file():
            raise IndexCorruptError(f"{path} is missing; {_REBUILD}")
        if sha256_file(path) != expected:
            raise IndexCorruptError(
                f"{path} does not match its checksum in manifest.json (truncated or altered); "
                f"{_REBUILD}"
            )
    return manifest


def named_build(root: Path, version: str) -> Path:
    """The folder of build ``version`` under ``root``, or IndexNotFoundError listing the kept
    builds."""
    folder = builds_dir(Path(root))
    build = folder / version
    # A version is one folder name: nothing that could step outside ``builds/``.
    if not version or "/" in version or version.startswith(".") or not build.is_dir():
        kept = sorted(p.name for p in folder.glob("*") if p.is_dir()) if folder.is_dir() else []
        raise IndexNotFoundError(
            f"no build {version!r} in {folder}; kept builds: "
            f"{', '.join(kept) or 'none'} (`issqa build` keeps the current one and the one "
            "before it)", details={"build": version, "kept": kept})
    return build


def load_index(root: Path, *, model_id: str | None = None, dimension: int | None = None,
               version: str | None = None) -> LoadedIndex:
    """Load and verify build ``version`` under ``root``, or the one ``current`` points at."""
    root = Path(root)
    if version is not None:
        build = named_build(root, version)
    else:
        found = current_build(root)
        if found is None:
            raise IndexNotFoundError(f"no index found in {root}; run `issqa build` first")
        if not found.is_dir():
            raise IndexCorruptError(f"{root / 'current'} points at {found}, which is missing; "
                                    f"{_REBUILD}")
        build = found
    manifest = verify_build(build, model_id=model_id, dimension=dimension)
    try:
        documents = {}
        for row in _read_jsonl(build / "documents.jsonl"):
            row["updated"] = dt.date.fromisoformat(row["updated"])
            row["sources"] = tuple(row["sources"])
            row["also_asked"] = tuple(row["also_asked"])
            documents[row["doc_id"]] = Document(**row)
        chunks = []
        for row in _read_jsonl(build / "chunks.jsonl"):
            row["headings"] = tuple(row["headings"])
            chunks.append(Chunk(**row))
        sentences = [Sentence(**{**row, "tags": tuple(row["tags"])})
                     for row in _read_jsonl(build / "sentences.jsonl")]
        phrasings = [Phrasing(**row) for row in _read_jsonl(build / "phrasings.jsonl")]
        phrasing_vectors = np.load(build / "phrasings.npy")
        dense = faiss.read_index(str(build / "dense.faiss"))
        sentence_vectors = np.load(build / "sentences.npy")
        with np.load(build / "bm25.npz") as arrays:
            vocab = json.loads((build / "bm25_vocab.json").read_text(encoding="utf-8"))
            bm25 = BM25Matrix(
                vocabulary={term: row for row, term in enumerate(vocab)},
                indptr=arrays["indptr"], indices=arrays["indices"], weights=arrays["weights"],
                n_docs=int(arrays["n_docs"]),
            )
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(f"could not read the index in {build}: {exc}; {_REBUILD}") from exc
    if dense.ntotal != len(chunks) or bm25.n_docs != len(chunks) or \
            len(sentence_vectors) != len(sentences) or len(phrasing_vectors) != len(phrasings):
        raise IndexCorruptError(f"the index files in {build} disagree on counts; {_REBUILD}")
    return LoadedIndex(build, manifest, documents, chunks, dense, bm25, sentences,
                       sentence_vectors, phrasings, phrasing_vectors)
