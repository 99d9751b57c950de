"""The OpenAI-compatible endpoint: validation and shapes through TestClient, then the real
server driven by the official ``openai`` client, extractive and with a (scripted) language
model behind it, whole and streamed."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from fastapi.testclient import TestClient

from issqa.api import create_app

from tests.api.test_app import assert_error
from tests.llm_server import Reply, first_sentence, passages_of, scripted_llm
from tests.servers import issqa_server

SPEED = "How fast does the station travel?"


@pytest.fixture
def client(hash_engine):
    with TestClient(create_app(hash_engine.settings, engine=hash_engine),
                    raise_server_exceptions=False) as client:
        yield client


def ask(client, *messages, **extra):
    turns = [{"role": role, "content": text} for role, text in messages]
    return client.post("/v1/chat/completions", json={"model": "issqa", "messages": turns,
                                                     **extra})


def test_models_lists_issqa(client):
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["issqa"]


def test_a_completion_is_the_answer_of_ask_with_its_citations(client):
    body = ask(client, ("user", SPEED)).json()
    direct = client.post("/ask", json={"question": SPEED}).json()
    assert body["object"] == "chat.completion" and body["model"] == "issqa"
    choice = body["choices"][0]
    assert choice["message"] == {"role": "assistant", "content": direct["answer"]}
    assert choice["finish_reason"] == "stop"
    assert [c["doc_id"] for c in body["citations"]] == [c["doc_id"] for c in direct["citations"]]
    assert body["issqa"]["strategy"] == direct["strategy"]
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


def test_earlier_user_messages_are_the_history_and_other_roles_are_ignored(client):
    body = ask(client, ("system", "Answer like a pirate."), ("user", "What is Zarya?"),
               ("assistant", "Zarya is a module. [1]"), ("user", "When did it launch?")).json()
    assert "Zarya" in body["issqa"]["interpreted_as"]
    assert "pirate" not in body["issqa"]["interpreted_as"]
    parts = [{"type": "text", "text": "When did it"}, {"type": "text", "text": "launch?"}]
    as_parts = client.post("/v1/chat/completions", json={"model": "issqa", "messages": [
        {"role": "user", "content": "What is Zarya?"}, {"role": "user", "content": parts}]})
    assert as_parts.json()["issqa"]["interpreted_as"] == body["issqa"]["interpreted_as"]


@pytest.mark.parametrize(("payload", "status", "code"), [
    ({"model": "issqa", "messages": []}, 422, "invalid_request"),
    ({"model": "issqa", "messages": [{"role": "assistant", "content": "Hi"}]}, 422,
     "invalid_request"),
    ({"model": "issqa", "messages": [{"role": "user", "content": "   "}]}, 422,
     "invalid_request"),
    ({"model": "issqa", "messages": [{"role": "user", "content": "x" * 1001}]}, 422,
     "invalid_request"),
    ({"model": "issqa", "messages": [{"role": "robot", "content": "Hi"}]}, 422,
     "invalid_request"),
    ({"model": "issqa", "messages": [{"role": "user", "content": [
        {"type": "image_url", "image_url": {"url": "http://x"}}]}]}, 422, "invalid_request"),
    ({"model": "gpt-4o", "messages": [{"role": "user", "content": SPEED}]}, 404, "not_found"),
])
def test_bad_requests_get_the_one_error_shape(client, payload, status, code):
    error = assert_error(client.post("/v1/chat/completions", json=payload), status, code)
    assert error["message"]


def test_malformed_json_is_a_400(client):
    response = client.post("/v1/chat/completions", content=b"{not json",
                           headers={"content-type": "application/json"})
    assert_error(response, 400, "malformed_json")


def test_streamed_chunks_add_up_to_the_answer_and_end_with_done(client):
    with client.stream("POST", "/v1/chat/completions", json={
            "model": "issqa", "stream": True,
            "messages": [{"role": "user", "content": SPEED}]}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
    assert len({c["id"] for c in chunks}) == 1
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    direct = client.post("/ask", json={"question": SPEED}).json()
    assert text == direct["answer"]
    assert [c["doc_id"] for c in last["citations"]] == [c["doc_id"] for c in direct["citations"]]


# -- the real server and the official client ---------------------------------------------------

@pytest.fixture(scope="module")
def llm():
    with scripted_llm() as server:
        yield server


@pytest.fixture(scope="module")
def server(shipped_engine, llm, tmp_path_factory):
    """`issqa serve` on the shipped index, with the scripted model behind it."""
    log = tmp_path_factory.mktemp("chat") / "server.log"
    with issqa_server(shipped_engine.settings.index_dir, log, llm_base_url=llm.url,
                      llm_api_key="sk-never-shown", llm_timeout_s="2") as running:
        yield running, log


@pytest.mark.model
def test_the_openai_client_gets_a_cited_answer_and_follow_ups(server, llm):
    running, _ = server
    llm.script = lambda _messages: Reply(content="NO ANSWER")  # the extractive answer stands
    client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="unused", max_retries=0)
    assert [m.id for m in client.models.list()] == ["issqa"]
    completion = client.chat.completions.create(
        model="issqa", messages=[{"role": "user", "content": SPEED}])
    content = completion.choices[0].message.content
    assert "28,000" in content and "[1]" in content
    citations = completion.model_extra["citations"]
    document = httpx.get(f"{running.url}/documents/{citations[0]['doc_id']}").json()
    assert document["body"][citations[0]["char_start"]:citations[0]["char_end"]] in content
    follow_up = client.chat.completions.create(model="issqa", messages=[
        {"role": "user", "content": "What is the Columbus module?"},
        {"role": "assistant", "content": "..."},
        {"role": "user", "content": "Who built it?"}])
    assert "Columbus" in follow_up.model_extra["issqa"]["interpreted_as"]
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="gpt-4o",
                                       messages=[{"role": "user", "content": SPEED}])


@pytest.mark.model
def test_streamed_generated_answers_carry_only_verified_sentences(server, llm):
    running, log = server

    def script(messages):
        passages = passages_of(messages)
        return Reply(content=f"{first_sentence(passages[1])} [1] The station was assembled by "
                             f"Martian engineers in 1850. [1] {first_sentence(passages[2])} [2]",
                     pieces=10)
    llm.script = script
    client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(
        model="issqa", stream=True, messages=[{"role": "user", "content": SPEED}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1].model_extra
    assert last["issqa"]["strategy"] == "generative"
    assert "Martian" not in text and "1850" not in text
    assert text.count("[1]") == 1 and "[2]" in text
    assert [c["n"] for c in last["citations"]] == [1, 2]
    # The model's key went to the model, never to the client or the log.
    assert llm.requests[-1]["authorization"] == "Bearer sk-never-shown"
    assert "sk-never-shown" not in text + json.dumps(last) + log.read_text()
