"""Benchmark `issqa serve --ray`: throughput of N replicas, and a replica killed under load.

Run from the repository root with the [ray] extra (`make install-ray`) and a built index:

    .venv/bin/python bench/bench_replicas.py --replicas 1 --replicas 2 [--duration 20]
        [--json bench/results/replicas.json]

For each replica count: start `issqa serve --ray` on a loopback port (a local Ray instance),
measure sequential /ask latency over 200 evaluation questions and the throughput of 8
concurrent clients asking distinct questions (no question-vector cache hits); with two or more
replicas, SIGKILL one replica while 8 clients keep asking and report the failed requests, how
long after the kill the last one failed, and when Ray Serve had the replacement running.
Prints one JSON document (and writes it with --json).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from bench_server import free_port, load, questions, stats
from common import REPO, commit, report

ISSQA = [sys.executable, "-m", "issqa"]


def replica_pids() -> list[int]:
    """Live Serve replica processes (Ray names them)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes().startswith(
                    b"ray::ServeReplica:issqa"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def wait_ready(base: str, process: subprocess.Popen, seconds: float = 300) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise SystemExit("issqa serve --ray exited before it was ready")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("issqa serve --ray was not ready in time")


def kill_one_under_load(base: str, texts: list[str], replicas: int) -> dict:
    """SIGKILL one replica while 8 clients ask; failures, and when the replacement ran."""
    failures: list[float] = []
    answered = 0
    stop = threading.Event()
    lock = threading.Lock()

    def client(offset: int) -> None:
        nonlocal answered
        i = offset
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                try:
                    ok = http.post("/ask", json={"question": f"{texts[i % len(texts)]} "
                                                             f"(kill {i})"}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    if ok:
                        answered += 1
                    else:
                        failures.append(time.monotonic())
                i += 8

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    victim = replica_pids()[0]
    killed = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    # The replacement is a new replica process; it serves once its model and index load.
    replaced = None
    while time.monotonic() - killed < 120:
        pids = replica_pids()
        if victim not in pids and len(pids) == replicas and replaced is None:
            replaced = time.monotonic() - killed
            break
        time.sleep(0.1)
    time.sleep(15)  # keep the load on while the new replica loads and joins
    stop.set()
    for thread in threads:
        thread.join()
    return {"requests": answered + len(failures), "failed": len(failures),
            "last_failure_s_after_kill": round(max(failures) - killed, 2) if failures else None,
            "replacement_process_s": round(replaced, 1) if replaced else None}


def run(replicas: int, index: Path, duration: float, texts: list[str]) -> dict:
    port = free_port()
    env = {**os.environ, "ISSQA_INDEX_DIR": str(index), "ISSQA_RATE_LIMIT_PER_MINUTE": "0",
           "ISSQA_LOG_QUESTIONS": "false", "ISSQA_RAY_REPLICAS": str(replicas)}
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen([*ISSQA, "serve", "--ray", "--port", str(port)], env=env,
                                  cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            result: dict = {"replicas": replicas, "ready_s": round(wait_ready(base, server), 1)}
            with httpx.Client(base_url=base, timeout=30) as client:
                sequential = []
                for text in texts[:200]:
                    t0 = time.perf_counter()
                    assert client.post("/ask", json={"question": text}).status_code == 200
                    sequential.append((time.perf_counter() - t0) * 1000)
            result["ask_sequential_ms"] = stats(sequential)
            result["distinct_8_clients"] = asyncio.run(
                load(base, [f"{t} (replicas {replicas})" for t in texts], 8, duration, True))
            if replicas > 1:
                result["kill_one_replica"] = kill_one_under_load(base, texts, replicas)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
            log.seek(0)
            found = re.search(r"Ray cluster at (\S+)", log.read())
            result["ray_address"] = found.group(1) if found else None
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, action="append",
                        help="replica counts to measure (repeatable; default 1 and 2)")
    parser.add_argument("--duration", type=float, default=20, help="seconds of load")
    parser.add_argument("--index", type=Path, default=REPO / "index",
                        help="a built index folder (default: ./index, from `make build`)")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    texts = questions()
    result = {
        "commit": commit(),
        "cpus": os.cpu_count(),
        "runs": [run(n, args.index, args.duration, texts) for n in args.replicas or [1, 2]],
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
