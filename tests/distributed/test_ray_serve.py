"""`issqa serve --ray` on a local Ray instance: two replicas answer, a rollout under load loses
no request, a killed replica is replaced and its lost requests succeed when retried.

Real processes throughout: the CLI starts Ray and Serve, the replicas load the real model, and
load comes over HTTP from threads in this test. Run with `make test-ray` (figures with -s).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import FIXTURE_CORPUS
from tests.servers import free_port, wait_until_ready

ray = pytest.importorskip("ray", reason="needs the [ray] extra (make test-ray)")
serve = pytest.importorskip("ray.serve")

pytestmark = pytest.mark.ray

ISSQA = [sys.executable, "-m", "issqa"]
QUESTIONS = ["When was Zarya launched?", "Who built the Columbus module?",
             "How fast does the station orbit?", "Where does the station get its power?"]


@dataclass
class RayServer:
    """A running `issqa serve --ray`: its URL, the Ray cluster address, its environment."""

    url: str
    address: str
    env: dict[str, str]
    corpus: Path
    index: Path
    process: subprocess.Popen


@pytest.fixture(scope="module")
def ray_server(tmp_path_factory) -> Iterator[RayServer]:
    """Two replicas over the fixture corpus, built with the real model."""
    root = tmp_path_factory.mktemp("ray-serve")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    env = {**os.environ, "ISSQA_CORPUS_DIR": str(corpus), "ISSQA_INDEX_DIR": str(root / "index"),
           "ISSQA_RAY_REPLICAS": "2", "ISSQA_RATE_LIMIT_PER_MINUTE": "0"}
    subprocess.run([*ISSQA, "build", "-q"], env=env, check=True)
    port = free_port()
    log_path = root / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([*ISSQA, "serve", "--ray", "--port", str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(process, f"{url}/readyz", log_path, seconds=240)
        # /readyz answers once one replica is up; the command says when every one is.
        deadline = time.monotonic() + 240
        while "issqa serving http://" not in log_path.read_text():
            assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
            time.sleep(0.3)
        found = re.search(r"Ray cluster at (\S+)", log_path.read_text())
        assert found, log_path.read_text()
        # To read Serve's status: "auto" finds the instance started last on this machine (and
        # uses the token authentication Ray turns on for it).
        ray.init(address="auto", logging_level="error")
        assert ray.get_runtime_context().gcs_address == found.group(1)
        yield RayServer(url, found.group(1), env, corpus, root / "index", process)
    finally:
        ray.shutdown()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def replica_pids() -> list[int]:
    """Process ids of the live Serve replicas (Ray names their processes)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "cmdline").read_bytes().startswith(
                    b"ray::ServeReplica:issqa:IssqaReplica"):
                pids.append(int(entry.name))
        except OSError:
            continue
    return sorted(pids)


def running_replicas() -> int:
    status = serve.status().applications["issqa"].deployments["IssqaReplica"]
    return status.replica_states.get("RUNNING", 0)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Load:
    """Threads asking distinct questions until stopped; every outcome kept for retrying."""

    url: str
    threads: int = 3
    answered: int = 0
    failures: list[tuple[float, str, str]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> Load:
        self._workers = [threading.Thread(target=self._run, args=(n,)) for n in
                         range(self.threads)]
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join()

    def _run(self, n: int) -> None:
        i = n
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                question = f"{QUESTIONS[i % len(QUESTIONS)]} ({i})"
                i += self.threads
                try:
                    response = client.post("/ask", json={"question": question})
                    ok, why = response.status_code == 200, f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                with self._lock:
                    if ok:
                        self.answered += 1
                    else:
                        self.failures.append((time.monotonic(), question, why))


def test_two_replicas_share_the_questions(ray_server):
    deadline = time.monotonic() + 60
    while running_replicas() < 2:  # Serve's status may trail the deployment by a moment
        assert time.monotonic() < deadline, serve.status()
        time.sleep(0.3)
    pids = replica_pids()
    assert len(pids) == 2
    before = {pid: cpu_seconds(pid) for pid in pids}
    with httpx.Client(base_url=ray_server.url, timeout=30) as client:
        for i in range(40):
            response = client.post("/ask", json={"question": f"When was Zarya launched? ({i})"})
            assert response.status_code == 200, response.text
            assert "1998" in response.json()["answer"]
        ready = client.get("/readyz").json()
    assert ready["documents"] == 7
    worked = {pid: cpu_seconds(pid) - before[pid] for pid in pids}
    # Ray Serve routes to the replica with fewer requests in flight: both get a share.
    assert all(seconds > 0.05 for seconds in worked.values()), worked


def test_a_rollout_under_load_fails_no_request(ray_server):
    page = ray_server.corpus / "pages" / "modules" / "zarya.md"
    page.write_text(page.read_text() + "\nZarya's rollout marker is a bright orange sticker.\n")
    subprocess.run([*ISSQA, "build", "-q"], env=ray_server.env, check=True)
    new = (ray_server.index / "current").read_text().strip()
    with Load(ray_server.url) as load:
        time.sleep(2)
        started = time.monotonic()
        # By address, as from another machine (Ray's token authentication is on).
        rolled = subprocess.run([*ISSQA, "rollout"], capture_output=True, text=True,
                                env={**ray_server.env, "ISSQA_RAY_ADDRESS": ray_server.address,
                                     "RAY_AUTH_MODE": "token"})
        seconds = time.monotonic() - started
        time.sleep(2)
    assert rolled.returncode == 0, rolled.stderr
    print(f"\nrollout to {new}: {seconds:.1f} s, {load.answered} answered during it, "
          f"{len(load.failures)} failed")
    assert load.failures == []
    assert load.answered > 10
    with httpx.Client(base_url=ray_server.url, timeout=30) as client:
        versions = {client.get("/readyz").json()["index_version"] for _ in range(20)}
        answer = client.post("/ask", json={"question": "What is Zarya's rollout marker?"})
        # A pinned replica refuses a reload that would follow `current` on its own.
        reload = client.post("/admin/reload")
    assert versions == {new}
    assert "orange sticker" in answer.json()["answer"]
    assert reload.status_code in (404, 409)  # 404: admin endpoints are off without a token
    assert running_replicas() == 2  # reconfigured in place, not replaced


def test_a_killed_replica_is_replaced_and_retries_recover_its_requests(ray_server):
    victim = replica_pids()[0]
    with Load(ray_server.url) as load:
        time.sleep(2)
        killed = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        deadline = killed + 120
        while not (running_replicas() == 2 and victim not in replica_pids()
                   and len(replica_pids()) == 2):
            assert time.monotonic() < deadline, "the replica was not replaced within 120 s"
            time.sleep(0.2)
        recovered = time.monotonic() - killed
        time.sleep(2)
    last_failure = max((at for at, _, _ in load.failures), default=killed) - killed
    print(f"\nkilled replica {victim}: replaced and running again after {recovered:.1f} s; "
          f"{len(load.failures)} of {load.answered + len(load.failures)} requests failed "
          f"({sorted({why for _, _, why in load.failures})}), the last {last_failure:.1f} s "
          "after the kill")
    with httpx.Client(base_url=ray_server.url, timeout=30) as client:
        retried = [client.post("/ask", json={"question": q}).status_code
                   for _, q, _ in load.failures]
    assert retried == [200] * len(load.failures)
    assert load.answered > 10
