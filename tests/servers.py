"""Real servers for tests: `python -m issqa serve` on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class RunningServer:
    """Where a started server answers, and its process id."""

    url: str
    pid: int


def wait_until_ready(process: subprocess.Popen, url: str, log_path: Path,
                     seconds: float = 120) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it exits or stalls."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            pytest.fail(f"server exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"server not ready within {seconds:g} s:\n{log_path.read_text()}")
        time.sleep(0.3)


@contextmanager
def issqa_server(index_dir: Path, log_path: Path, **env: str) -> Iterator[RunningServer]:
    """Start `issqa serve` (rate limit off unless given), wait for /readyz, stop it after.

    ``env`` keys are settings names (``allowed_origins=...`` sets ISSQA_ALLOWED_ORIGINS).
    """
    port = free_port()
    environment = {**os.environ, "ISSQA_RATE_LIMIT_PER_MINUTE": "0",
                   **{f"ISSQA_{k.upper()}": v for k, v in env.items()}}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "issqa", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--index", str(index_dir)],
            env=environment, stdout=log, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_ready(process, f"{base}/readyz", log_path)
            yield RunningServer(base, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
