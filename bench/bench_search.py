"""Benchmark: index build time (from scratch and with no change) and search/ask latency.

Run from the repository root (figures go to docs/benchmarks.md by hand, with the date):

    .venv/bin/python bench/bench_search.py [--repeat 3] [--json out.json]

Builds the shipped corpus into a temporary folder twice (cold, then unchanged), then times
`search` in each mode and `ask` over a fixed question list, with the query-embedding cache
cleared before each question so every timing includes the model call.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from common import commit, report

from issqa.evaluation import percentile
from issqa.service import Engine, build
from issqa.settings import Settings

QUESTIONS = [
    "How fast does the station travel?", "Who built the Columbus module?",
    "When did the first crew arrive?", "when was Zarya launched", "how long is canadarm2",
    "What powers the station at night?", "how many spacewalks have there been",
    "what is the cupola for", "Which countries run the station?", "how heavy is the iss",
    "how do astronauts exercise", "when will the station be retired",
    "what does dextre do", "how much did the station cost", "can I see the ISS from home",
    "what is the capital of France", "how does the station get oxygen",
    "who was on expedition 1", "what is the BEAM module", "how are cargo ships captured",
]


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(samples, 50), 2), "p95": round(percentile(samples, 95), 2),
            "p99": round(percentile(samples, 99), 2), "mean": round(statistics.fmean(samples), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the question list")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        cold = build(settings)
        cold_s = time.perf_counter() - started
        started = time.perf_counter()
        warm = build(settings)
        warm_s = time.perf_counter() - started
        engine = Engine(settings).load()
        timings: dict[str, list[float]] = {"bm25": [], "dense": [], "hybrid": [], "ask": []}
        for _ in range(args.repeat):
            for question in QUESTIONS:
                for mode in ("bm25", "dense", "hybrid"):
                    engine.embedder.clear()
                    t0 = time.perf_counter()
                    engine.search(question, k=10, mode=mode)
                    timings[mode].append((time.perf_counter() - t0) * 1000)
                engine.embedder.clear()
                t0 = time.perf_counter()
                engine.ask(question)
                timings["ask"].append((time.perf_counter() - t0) * 1000)
    result = {
        "commit": commit(), "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                       "processor": platform.machine()},
        "corpus": {"documents": cold.documents, "chunks": cold.chunks,
                   "sentences": cold.sentences},
        "build_s": {"from_scratch": round(cold_s, 2), "no_change": round(warm_s, 3),
                    "embedded_from_scratch": cold.embedded, "embedded_no_change": warm.embedded},
        "latency_ms": {name: _stats(values) for name, values in timings.items()},
        "samples_per_mode": len(timings["ask"]),
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
