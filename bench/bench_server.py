"""Benchmark the real server: latency, throughput, start-up, build time and memory.

Run from the repository root (takes about 6 minutes on 2 cores):

    .venv/bin/python bench/bench_server.py [--duration 20] [--json bench/results/server.json]

Builds the shipped corpus from scratch into a temporary folder, rebuilds it unchanged, starts
`issqa serve` on a loopback port and measures: time from process start to /readyz OK; /ask
latency p50/p95/p99 for sequential requests over the evaluation questions (each new to the
server, so every request includes the model call); throughput, p99 and errors at 8 and 32
concurrent clients for a fixed time, once cycling through the questions (repeats hit the
question-vector cache) and once with every request distinct; /search latency per mode; peak
RSS of the server. Prints and optionally writes one JSON document with the commit and machine
facts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from common import REPO, commit, report

from issqa.evaluation import load_set, percentile
from issqa.evaluation.sets import SET_NAMES, SPLITS

ISSQA = [sys.executable, "-m", "issqa"]


def questions() -> list[str]:
    """Every evaluation question (dev and test, all sets): varied, realistic, unrepeated."""
    return [item.question for name in SET_NAMES for split in SPLITS
            for item in load_set(REPO / "eval", name, split)]


def stats(samples: list[float]) -> dict[str, float]:
    return {"n": len(samples), "p50": round(percentile(samples, 50), 2),
            "p95": round(percentile(samples, 95), 2), "p99": round(percentile(samples, 99), 2)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def timed_build(index: Path) -> float:
    started = time.perf_counter()
    subprocess.run([*ISSQA, "build", "-q", "--index", str(index)], check=True, cwd=REPO)
    return time.perf_counter() - started


async def load(base: str, texts: list[str], clients: int, duration: float,
               distinct: bool) -> dict:
    """``clients`` concurrent loops posting /ask for ``duration`` seconds.

    Cycling through the questions lets repeats hit the server's question-vector cache, as
    popular questions do; ``distinct`` numbers every request so none does (every request pays
    for the model call).
    """
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    text = texts[i % len(texts)]
                    if distinct:
                        text = f"{text} ({i})"
                    response = await client.post("/ask", json={"question": text})
                    if response.status_code != 200:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)
                i += clients

        started = time.monotonic()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.monotonic() - started
    return {"clients": clients, "distinct": distinct, "seconds": round(elapsed, 1),
            "requests": len(latencies),
            "errors": errors, "requests_per_s": round(len(latencies) / elapsed, 1),
            "latency_ms": stats(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds per load level")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    texts = questions()
    result: dict = {
        "commit": commit(),
        "machine": {"cpus": os.cpu_count(), "machine": platform.machine(),
                    "python": platform.python_version()},
        "workers": args.workers,
    }
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        result["build_s"] = {"from_scratch": round(timed_build(index), 1),
                             "no_change": round(timed_build(index), 2)}
        port = free_port()
        env = {**os.environ, "ISSQA_INDEX_DIR": str(index), "ISSQA_RATE_LIMIT_PER_MINUTE": "0",
               "ISSQA_LOG_QUESTIONS": "false"}
        started = time.perf_counter()
        server = subprocess.Popen(
            [*ISSQA, "serve", "--port", str(port), "--workers", str(args.workers)], env=env,
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if server.poll() is not None or time.perf_counter() - started > 120:
                    raise SystemExit("the server did not become ready")
                time.sleep(0.05)
            result["ready_s"] = round(time.perf_counter() - started, 2)
            with httpx.Client(base_url=base, timeout=30) as client:
                sequential = []
                for text in texts:
                    t0 = time.perf_counter()
                    assert client.post("/ask", json={"question": text}).status_code == 200
                    sequential.append((time.perf_counter() - t0) * 1000)
                result["ask_sequential_ms"] = stats(sequential)
                for mode in ("bm25", "dense", "hybrid"):
                    samples = []
                    for text in texts[:150]:
                        # A suffix makes each query new to the server's embedding cache.
                        t0 = time.perf_counter()
                        assert client.get("/search", params={"q": f"{text} {mode}", "k": 10,
                                                             "mode": mode}).status_code == 200
                        samples.append((time.perf_counter() - t0) * 1000)
                    result[f"search_{mode}_ms"] = stats(samples)
            result["concurrent"] = [
                asyncio.run(load(base, [f"{t} (load {c} {distinct})" for t in texts], c,
                                 args.duration, distinct))
                for distinct in (False, True) for c in (8, 32)]
            # Peak RSS of the serving process (the worker with --workers > 1 is a child).
            pids = [server.pid, *[int(p) for p in subprocess.run(
                ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
            ).stdout.split()]]
            result["peak_rss_mib"] = round(max(proc_status(p, "VmHWM") for p in pids) / 1024, 1)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(result, args.json)


if __name__ == "__main__":
    main()
