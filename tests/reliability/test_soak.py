"""A bounded loopback soak against the real server: no errors, no memory growth."""

import asyncio
import itertools
import os
import time
from pathlib import Path

import httpx
import pytest

from tests.servers import issqa_server

# `make test` sends enough to show memory holding steady; `make test-long` sends 20,000. The
# warm-up before them fills the caches (a third as many, at most 1,000).
REQUESTS = int(os.environ.get("ISSQA_SOAK_REQUESTS", "1500"))
WARM_UP = min(1000, REQUESTS // 3)
CONCURRENCY = 32
QUESTIONS = [
    "How fast does the station travel?", "Who built the Columbus module?",
    "When did the first crew arrive?", "What is Canadarm2?", "How big is the station?",
    "What is the capital of France?", "how many spacewalks", "what is the cupola",
]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def hammer(base: str, count: int) -> tuple[int, list[str]]:
    """Send ``count`` requests over ``CONCURRENCY`` connections; return (ok, errors)."""
    requests = itertools.cycle(
        [("POST", "/ask", {"question": q}) for q in QUESTIONS]
        + [("GET", "/search?q=solar+arrays&mode=bm25&k=5", None),
           ("GET", "/search?q=Zarya+launch&k=5", None), ("GET", "/documents/zarya", None)])
    queue: asyncio.Queue = asyncio.Queue()
    for request in itertools.islice(requests, count):
        queue.put_nowait(request)
    ok, errors = 0, []
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        async def worker():
            nonlocal ok
            while not queue.empty():
                method, path, body = queue.get_nowait()
                try:
                    response = await client.request(method, path, json=body)
                    if response.status_code == 200:
                        ok += 1
                    else:
                        errors.append(f"{method} {path}: {response.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"{method} {path}: {exc!r}")

        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return ok, errors


@pytest.fixture(scope="module")
def soak_server(shipped_engine, tmp_path_factory):
    log = tmp_path_factory.mktemp("soak") / "server.log"
    # The soak checks errors and memory, not speed: a request that waits its turn behind 31
    # others on a loaded 2-core machine may pass the 10 s default and get the timeout's 503
    # (seen once in a clean-clone run at 58 req/s); timeouts have their own test.
    with issqa_server(shipped_engine.settings.index_dir, log, log_questions="false",
                      request_timeout_s="60") as running:
        yield running.url, running.pid


def test_soak_has_no_errors_and_no_memory_growth(soak_server):
    base, pid = soak_server
    _, warm_errors = asyncio.run(hammer(base, WARM_UP))
    assert warm_errors == []
    after_warm_up = rss_kib(pid)
    started = time.monotonic()
    ok, errors = asyncio.run(hammer(base, REQUESTS))
    seconds = time.monotonic() - started
    after_soak = rss_kib(pid)
    growth = (after_soak - after_warm_up) / after_warm_up
    print(f"\nsoak: {ok} ok, {len(errors)} errors in {seconds:.1f} s "
          f"({ok / seconds:.0f} req/s); RSS {after_warm_up / 1024:.0f} -> "
          f"{after_soak / 1024:.0f} MiB ({growth:+.1%})")
    assert errors == [] and ok == REQUESTS
    assert growth <= 0.10
