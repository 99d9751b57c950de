"""Scale check: 100,000 synthetic chunks through the real index structures and retrievers.

Run from the repository root (about 2 to 4 minutes on 2 cores):

    .venv/bin/python bench/bench_scale.py [--chunks 100000] [--json out.json]

Embedding 100k real chunks would take over an hour here, so the text is synthetic (words drawn
from a Zipf distribution over a 30,000-word vocabulary, for BM25) and the vectors are synthetic
(clustered random unit vectors, for FAISS). It measures the build of the BM25 matrix and of the
exact and HNSW dense indexes, memory, and search p50/p95 per mode, and reports HNSW's
recall@10 against exact search (the target is at least 0.98) beside the speed-up.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np
from common import report

from issqa.evaluation import percentile
from issqa.index.bm25 import BM25Matrix
from issqa.index.build import make_dense_index
from issqa.index.store import LoadedIndex
from issqa.retrieval import Filters, make_retriever
from issqa.settings import Settings
from issqa.types import Chunk

DIMENSION = 384


class FixedQuery:
    """A query with given terms and vector (no model involved)."""

    def __init__(self, terms: list[str], vector: np.ndarray) -> None:
        self.text = " ".join(terms)
        self.terms = terms
        self.vector = vector


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    n = args.chunks
    vocabulary = [f"w{i}" for i in range(30_000)]
    ranks = np.minimum(rng.zipf(1.3, size=(n, 60)), len(vocabulary)) - 1
    corpus = [[vocabulary[r] for r in row] for row in ranks]
    centres = rng.standard_normal((200, DIMENSION)).astype(np.float32)
    vectors = centres[rng.integers(0, 200, n)] + 0.6 * rng.standard_normal((n, DIMENSION),
                                                                            dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    result: dict = {"chunks": n, "rss_after_data_mib": round(peak_rss_mib(), 1)}

    started = time.perf_counter()
    bm25 = BM25Matrix.build(corpus)
    result["build_bm25_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    exact = make_dense_index(vectors, ann_threshold=n + 1)
    result["build_exact_s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    hnsw = make_dense_index(vectors, ann_threshold=1)
    result["build_hnsw_s"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mib"] = round(peak_rss_mib(), 1)

    sections = ["systems", "modules", "crew", "vehicles"]
    chunks = [Chunk(f"d{i}#0", f"d{i}", "page", "t", "/u", sections[i % 4], (), "x", 0, 1)
              for i in range(n)]

    def loaded(dense) -> LoadedIndex:
        return LoadedIndex(Path("."), {"version": "synthetic"}, {}, chunks, dense, bm25, [],
                           np.zeros((0, DIMENSION), dtype=np.float32))

    flat_index, ann_index = loaded(exact), loaded(hnsw)
    queries = []
    for _ in range(args.queries):
        terms = [vocabulary[r] for r in np.minimum(rng.zipf(1.3, size=4), 30_000) - 1]
        vector = centres[rng.integers(0, 200)] + 0.6 * rng.standard_normal(DIMENSION)
        queries.append(FixedQuery(terms, (vector / np.linalg.norm(vector)).astype(np.float32)))

    def time_mode(index: LoadedIndex, mode: str, filters: Filters | None = None):
        retriever = make_retriever(mode, index, Settings())
        samples, results = [], []
        for query in queries:
            t0 = time.perf_counter()
            hits = retriever.retrieve(query, 10, filters)
            samples.append((time.perf_counter() - t0) * 1000)
            results.append([h.chunk.chunk_id for h in hits])
        return {"p50": round(percentile(samples, 50), 3),
                "p95": round(percentile(samples, 95), 3)}, results

    latency = {}
    latency["bm25"], _ = time_mode(flat_index, "bm25")
    latency["dense_exact"], exact_results = time_mode(flat_index, "dense")
    latency["dense_hnsw"], ann_results = time_mode(ann_index, "dense")
    latency["hybrid_exact"], _ = time_mode(flat_index, "hybrid")
    latency["hybrid_hnsw"], _ = time_mode(ann_index, "hybrid")
    latency["dense_hnsw_filtered"], _ = time_mode(ann_index, "dense",
                                                  Filters(frozenset({"crew"})))
    recall = np.mean([len(set(a) & set(e)) / len(e)
                      for a, e in zip(ann_results, exact_results, strict=True)])
    result["search_ms"] = latency
    result["hnsw_recall_at_10"] = round(float(recall), 4)
    result["hnsw_speedup_p50"] = round(latency["dense_exact"]["p50"] /
                                       latency["dense_hnsw"]["p50"], 1)
    report(result, args.json)


if __name__ == "__main__":
    main()
