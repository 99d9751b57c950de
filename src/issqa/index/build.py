"""Build the index from the corpus: chunk, embed (reusing cached vectors), write, publish."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np
from tqdm import tqdm

from ..chunking import ChunkerConfig, chunk_documents, section_spans
from ..corpus import load_corpus
from ..embedding import Embedder
from ..tagging import tag_sentence
from ..text import bm25_terms, sentence_spans
from ..tokens import ENCODING_NAME
from ..types import Chunk, Document, Phrasing, Sentence
from .bm25 import BM25Matrix, BM25Params
from .embed_cache import EmbeddingCache, text_key
from .store import (
    FORMAT_VERSION,
    HNSW_EF_CONSTRUCTION,
    HNSW_EF_SEARCH,
    HNSW_M,
    INDEX_FILES,
    chunk_to_row,
    current_build,
    document_to_row,
    publish,
    sha256_file,
    verify_build,
    write_jsonl,
)

__all__ = ["BuildReport", "EmbedRun", "build_index", "corpus_version", "document_phrasings",
           "document_sentences", "local_embedding"]

Log = Callable[[str], None]


@dataclass
class BuildReport:
    """What a build did, for the CLI and for tests."""

    version: str
    path: Path
    up_to_date: bool = False
    documents: int = 0
    pages: int = 0
    faqs: int = 0
    chunks: int = 0
    sentences: int = 0
    phrasings: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    truncated_chunks: list[str] = field(default_factory=list)


def _corpus_hash(docs: Sequence[Document]) -> str:
    digest = hashlib.sha256()
    for row in sorted((document_to_row(d) for d in docs), key=lambda r: r["doc_id"]):
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def corpus_version(docs: Sequence[Document], model_id: str, chunker: ChunkerConfig) -> str:
    """A short id for a build: changes when corpus, model, chunker or format change."""
    key = json.dumps({
        "format": FORMAT_VERSION, "model": model_id, "chunker": dataclasses.asdict(chunker),
        "corpus": _corpus_hash(docs),
    }, sort_keys=True)
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def document_sentences(doc: Document) -> list[Sentence]:
    """A page's body sentences (not headings); an FAQ's question, then its answer's sentences.

    Each sentence carries the kinds of answer it holds (``issqa.tagging``), so a request only
    looks them up.
    """
    def sentence(start: int, end: int, role: str) -> Sentence:
        return Sentence(doc.doc_id, start, end, role, tag_sentence(doc.body[start:end]))

    if doc.kind == "faq":
        answer = sentence_spans(doc.body, doc.answer_start)
        return [Sentence(doc.doc_id, 0, len(doc.question or ""), "question"),
                *(sentence(s, e, "answer") for s, e in answer)]
    spans = [s for _, a, b in section_spans(doc.body) for s in sentence_spans(doc.body, a, b)]
    return [sentence(s, e, "text") for s, e in spans]


def document_phrasings(doc: Document) -> list[Phrasing]:
    """The ways an FAQ is asked: its question, then its ``also_asked`` phrasings."""
    if doc.kind != "faq" or doc.question is None:
        return []
    return [Phrasing(doc.doc_id, doc.question, "question"),
            *(Phrasing(doc.doc_id, p, "also_asked") for p in doc.also_asked)]


EmbedRun = Callable[[list[str]], Iterator[tuple[list[int], np.ndarray]]]
"""Embeds texts, yielding (positions in the list, their vectors) as groups finish, in any
order. A local build embeds in this process; ``issqa build --ray`` on a Ray cluster's workers."""


def local_embedding(embedder: Embedder, batch_size: int, group: int) -> EmbedRun:
    """Embed in this process, ``group`` texts at a time (so progress and checkpoints move)."""
    def run(texts: list[str]) -> Iterator[tuple[list[int], np.ndarray]]:
        for start in range(0, len(texts), group):
            end = min(start + group, len(texts))
            yield list(range(start, end)), embedder.embed(texts[start:end], batch_size=batch_size)
    return run


def _embed_with_cache(texts: list[str], run: EmbedRun, dimension: int, cache: EmbeddingCache,
                      show_progress: bool, checkpoint_every: int = 512,
                      ) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, embedding only those the cache lacks; returns (vectors, embedded).

    The new vectors are checkpointed every ``checkpoint_every`` texts, so a build killed
    mid-embedding resumes from its last checkpoint.
    """
    keys = [text_key(t) for t in texts]
    missing = sorted({k: i for i, k in enumerate(keys) if cache.get(k) is None}.values())
    # Batches of similar length need little padding: about a third less work on this corpus.
    missing.sort(key=lambda i: len(texts[i]))
    if missing:
        with tqdm(total=len(missing), desc="Embedding", unit="text",
                  disable=not show_progress, leave=False) as bar:
            since_checkpoint = 0
            for positions, vectors in run([texts[i] for i in missing]):
                for position, vector in zip(positions, vectors, strict=True):
                    cache.put(keys[missing[position]], vector)
                bar.update(len(positions))
                since_checkpoint += len(positions)
                if since_checkpoint >= checkpoint_every:
                    cache.checkpoint()
                    since_checkpoint = 0
            cache.checkpoint()
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    for row, key in enumerate(keys):
        vector = cache.get(key)
        if vector is None:
            raise RuntimeError(f"the embedding run returned no vector for text {row}")
        out[row] = vector
    return out, len(missing)


def make_dense_index(vectors: np.ndarray, ann_threshold: int) -> faiss.Index:
    """Exact inner-product search, or HNSW (approximate) above ``ann_threshold`` vectors.

    Exact search over a few thousand 384-d vectors takes well under a millisecond; HNSW pays
    off at around 10^5 vectors (see docs/benchmarks.md for its measured recall@10).
    """
    dimension = vectors.shape[1]
    if len(vectors) > ann_threshold:
        index = faiss.IndexHNSWFlat(dimension, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dimension)
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _check_window(chunks: list[Chunk], embedder: Embedder) -> list[str]:
    """Chunk ids whose indexed text exceeds the model's input window (it would be truncated)."""
    window = embedder.max_tokens
    if window is None:
        return []
    counts = embedder.count_tokens([c.indexed_text for c in chunks])
    return [c.chunk_id for c, n in zip(chunks, counts, strict=True) if n > window]


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    *,
    chunker: ChunkerConfig | None = None,
    batch_size: int = 32,
    force: bool = False,
    ann_threshold: int = 50_000,
    show_progress: bool = False,
    log: Log = lambda _msg: None,
    checkpoint_every: int = 512,
    embed_run: EmbedRun | None = None,
    embedded_on: str = "this process",
) -> BuildReport:
    """Build (or confirm up to date) the index for ``corpus_dir`` under ``index_dir``.

    ``embed_run`` embeds what the cache lacks (``local_embedding`` over ``embedder`` unless
    given; ``embedded_on`` says where, for the log and the manifest). Raises CorpusError
    (listing every problem) before touching the index if the corpus is invalid.
    """
    embedded_where = "" if embed_run is None else f" on {embedded_on}"
    started = time.perf_counter()
    chunker = chunker or ChunkerConfig()
    index_dir = Path(index_dir)
    docs = load_corpus(corpus_dir)
    pages = sum(d.kind == "page" for d in docs)
    log(f"Loaded {len(docs)} documents ({pages} pages, {len(docs) - pages} FAQs) "
        f"from {corpus_dir}")
    version = corpus_version(docs, embedder.model_id, chunker)
    current = current_build(index_dir)
    if not force and current is not None and current.name == version:
        try:
            manifest = verify_build(current, model_id=embedder.model_id)
        except Exception as exc:
            log(f"Existing index {version} failed verification ({exc}); rebuilding")
        else:
            counts = manifest["counts"]
            log(f"Index {version} is up to date; nothing to embed (use --force to rebuild)")
            return BuildReport(version, current, up_to_date=True, documents=counts["documents"],
                               pages=counts["pages"], faqs=counts["faqs"],
                               chunks=counts["chunks"], sentences=counts["sentences"],
                               phrasings=counts["phrasings"],
                               reused=counts["chunks"] + counts["sentences"]
                               + counts["phrasings"],
                               seconds=time.perf_counter() - started)

    chunks = chunk_documents(docs, chunker)
    sentences = [s for d in docs for s in document_sentences(d)]
    by_id = {d.doc_id: d for d in docs}
    sentence_texts = [by_id[s.doc_id].body[s.char_start:s.char_end] for s in sentences]
    phrasings = [p for d in docs for p in document_phrasings(d)]
    log(f"Chunked into {len(chunks)} chunks, {len(sentences)} answer sentences and "
        f"{len(phrasings)} FAQ phrasings "
        f"(at most {chunker.max_tokens} {ENCODING_NAME} tokens, overlap {chunker.overlap_tokens})")

    cache = EmbeddingCache(index_dir / "cache", embedder.model_id)
    if cache.resumed:
        log(f"Resuming: {cache.resumed} vectors embedded by an interrupted build are reused")
    for damaged in cache.damaged:
        log(f"Ignoring a damaged embedding cache file ({damaged.name}); its texts are embedded "
            "again")

    # Chunks, answer sentences and FAQ phrasings are embedded in one run (one pool of workers
    # on Ray), then split again.
    texts = [c.indexed_text for c in chunks] + sentence_texts + [p.text for p in phrasings]
    run = embed_run or local_embedding(embedder, batch_size,
                                       group=min(batch_size * 4, checkpoint_every))
    vectors, embedded = _embed_with_cache(texts, run, embedder.dimension, cache, show_progress,
                                          checkpoint_every)
    chunk_vectors = vectors[:len(chunks)]
    sentence_vectors = vectors[len(chunks):len(chunks) + len(sentences)]
    phrasing_vectors = vectors[len(chunks) + len(sentences):]
    reused = len(texts) - embedded
    log(f"Embedded {embedded} texts{embedded_where}, reused {reused} from the cache")
    truncated = _check_window(chunks, embedder)
    if truncated:
        log(f"Warning: {len(truncated)} chunks exceed the model's {embedder.max_tokens}-token "
            f"window and are truncated when embedded ({', '.join(truncated[:5])}...); lower "
            "ISSQA_CHUNK_MAX_TOKENS")

    index_dir.mkdir(parents=True, exist_ok=True)
    staging = index_dir / f".staging-{version}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        write_jsonl(staging / "documents.jsonl", [document_to_row(d) for d in docs])
        write_jsonl(staging / "chunks.jsonl", [chunk_to_row(c) for c in chunks])
        write_jsonl(staging / "sentences.jsonl", [dataclasses.asdict(s) for s in sentences])
        write_jsonl(staging / "phrasings.jsonl", [dataclasses.asdict(p) for p in phrasings])
        np.save(staging / "phrasings.npy", phrasing_vectors)
        dense = make_dense_index(chunk_vectors, ann_threshold)
        faiss.write_index(dense, str(staging / "dense.faiss"))
        np.save(staging / "sentences.npy", sentence_vectors)
        params = BM25Params()
        bm25 = BM25Matrix.build([bm25_terms(c.indexed_text) for c in chunks], params)
        np.savez(staging / "bm25.npz", indptr=bm25.indptr, indices=bm25.indices,
                 weights=bm25.weights, n_docs=np.array(bm25.n_docs))
        vocab = sorted(bm25.vocabulary, key=bm25.vocabulary.__getitem__)
        (staging / "bm25_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False),
                                                 encoding="utf-8")
        seconds = time.perf_counter() - started
        manifest = {
            "format_version": FORMAT_VERSION,
            "version": version,
            "model": {"id": embedder.model_id, "dimension": embedder.dimension,
                      "max_tokens": embedder.max_tokens},
            "chunker": {**dataclasses.asdict(chunker), "encoding": ENCODING_NAME},
            "dense": ({"type": "hnsw", "M": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION,
                       "ef_search": HNSW_EF_SEARCH} if isinstance(dense, faiss.IndexHNSWFlat)
                      else {"type": "flat"}),
            "bm25": {**dataclasses.asdict(params), "tokenizer": "issqa.text.bm25_terms"},
            "corpus": {"path": str(corpus_dir), "hash": _corpus_hash(docs)},
            "counts": {"documents": len(docs), "pages": pages, "faqs": len(docs) - pages,
                       "chunks": len(chunks), "sentences": len(sentences),
                       "phrasings": len(phrasings)},
            "sections": sorted({d.section for d in docs}),
            "files": {name: sha256_file(staging / name) for name in INDEX_FILES},
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "built_on": {"host": socket.gethostname(), "embedding": embedded_on},
            "build_seconds": round(seconds, 3),
            "truncated_chunks": truncated,
        }
        # The manifest is written last: a folder without one is never a finished build.
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n",
                                               encoding="utf-8")
        for name in (*INDEX_FILES, "manifest.json"):
            fd = os.open(staging / name, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        path = publish(index_dir, staging, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    cache.save(keep={text_key(t) for t in [c.indexed_text for c in chunks] + sentence_texts
                     + [p.text for p in phrasings]})
    log(f"Index {version} written to {path} in {seconds:.1f} s")
    return BuildReport(version, path, documents=len(docs), pages=pages, faqs=len(docs) - pages,
                       chunks=len(chunks), sentences=len(sentences),
                       phrasings=len(phrasings), embedded=embedded,
                       reused=reused, seconds=seconds, truncated_chunks=truncated)
