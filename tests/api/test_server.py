"""The real thing: `issqa serve` on a loopback port, the real model, the shipped corpus."""

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(shipped_engine, tmp_path_factory):
    port = free_port()
    # Many requests from one address; rate limits have their own tests.
    env = {**os.environ, "ISSQA_INDEX_DIR": str(shipped_engine.settings.index_dir),
           "ISSQA_RATE_LIMIT_PER_MINUTE": "0"}
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "issqa", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early:\n{log_path.read_text()}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("server did not become ready within 120 s")
    yield base
    process.terminate()
    process.wait(timeout=20)
    log.close()


def ask(base: str, question: str) -> dict:
    response = httpx.post(f"{base}/ask", json={"question": question}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("question, expected", [
    ("How fast does the station travel?", ["28,000 km/h", "17,500 mph"]),
    ("Who built the Columbus module?", ["EADS", "Bremen"]),
    ("When did the first crew arrive?", ["November 2, 2000"]),
])
def test_known_questions_get_correct_cited_answers(server, question, expected):
    body = ask(server, question)
    assert not body["abstained"]
    assert all(fact in body["answer"] for fact in expected), body["answer"]
    for citation in body["citations"]:
        assert f"[{citation['n']}]" in body["answer"]
        doc = httpx.get(f"{server}/documents/{citation['doc_id']}").json()
        quoted = doc["body"][citation["char_start"]:citation["char_end"]]
        assert quoted and quoted in body["answer"]


@pytest.mark.parametrize("question", ["What is the capital of France?",
                                      "How do I reset my router?"])
def test_out_of_scope_questions_abstain(server, question):
    body = ask(server, question)
    assert body["abstained"] and body["citations"] == [] and body["strategy"] == "abstain"
    assert "could not find an answer" in body["answer"]


def test_concurrent_requests_are_all_answered(server):
    questions = ["How fast does the station travel?", "What is Canadarm2?",
                 "When was Zarya launched?", "How many solar arrays are there?"] * 6
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(lambda q: ask(server, q), questions))
    assert all(not b["abstained"] for b in bodies)
    assert len({b["answer_id"] for b in bodies}) == len(bodies)


def test_errors_over_the_wire_keep_the_shape(server):
    response = httpx.post(f"{server}/ask", json={"question": ""})
    assert response.status_code == 422
    assert set(response.json()["error"]) == {"code", "message", "details"}
    assert httpx.get(f"{server}/docs").status_code == 200


def test_serve_refuses_to_start_without_an_index(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "issqa", "serve", "--port", str(free_port()), "--index",
         str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "run `issqa build` first" in result.stderr and "Traceback" not in result.stderr
