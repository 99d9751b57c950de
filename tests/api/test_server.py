"""The real thing: `issqa serve` on a loopback port, the real model, the shipped corpus."""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.servers import free_port, issqa_server


@pytest.fixture(scope="module")
def server(shipped_engine, tmp_path_factory):
    log = tmp_path_factory.mktemp("server") / "server.log"
    with issqa_server(shipped_engine.settings.index_dir, log) as running:
        yield running.url


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


def test_server_logs_each_answer_without_the_question_when_asked(shipped_engine, tmp_path):
    log = tmp_path / "server.log"
    with issqa_server(shipped_engine.settings.index_dir, log, log_questions="false") as running:
        ask(running.url, "How fast does the station travel?")
    text = log.read_text()
    assert "ask question_sha256=" in text and "strategy=faq" in text
    assert "How fast" not in text
