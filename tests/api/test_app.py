"""The HTTP contract through TestClient: routes, validation, and the one error shape."""

import pytest
from fastapi.testclient import TestClient

from issqa.api import create_app

ERROR_KEYS = {"code", "message", "details"}


@pytest.fixture
def client(hash_engine):
    with TestClient(create_app(hash_engine.settings, engine=hash_engine),
                    raise_server_exceptions=False) as client:
        yield client


def assert_error(response, status, code):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert "Traceback" not in response.text and "/work/" not in response.text
    return body["error"]


def test_ask_returns_answer_with_citations_and_timings(client):
    body = client.post("/ask", json={"question": "How fast does the station travel?"}).json()
    assert set(body) == {"answer_id", "answer", "citations", "abstained", "confidence",
                         "strategy", "partial", "interpreted_as", "related",
                         "related_questions", "index_version", "timings_ms"}
    cited = {c["doc_id"] for c in body["citations"]}
    assert len(body["related_questions"]) <= 3
    faq_questions = {d.question: d.doc_id for d in client.app.state.engine.index.documents.values()
                     if d.question}
    assert all(faq_questions[q] not in cited for q in body["related_questions"])
    assert not body["abstained"] and body["citations"]
    assert set(body["timings_ms"]) >= {"embed", "retrieve", "answer", "total"}
    document = client.get(f"/documents/{body['citations'][0]['doc_id']}").json()
    c = body["citations"][0]
    assert document["body"][c["char_start"]:c["char_end"]] in body["answer"]


def test_search_reports_ranks_per_retriever_and_honours_filters(client):
    body = client.get("/search", params={"q": "Zarya Proton launch", "k": 3}).json()
    assert body["mode"] == "hybrid" and len(body["results"]) == 3
    assert set(body["results"][0]["ranks"]) <= {"dense", "bm25"}
    only = client.get("/search", params={"q": "station", "section": "systems", "mode": "bm25"})
    assert {r["section"] for r in only.json()["results"]} == {"systems"}


def test_documents_and_health(client):
    doc = client.get("/documents/zarya").json()
    assert doc["id"] == "zarya" and doc["kind"] == "page" and doc["body"].startswith("Zarya")
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["documents"] == 7
    assert "robotics" in ready["sections"]


@pytest.mark.parametrize("payload, field", [
    ({"question": ""}, "question"),
    ({"question": "   \n\t"}, "question"),
    ({"question": "x" * 1001}, "question"),
    ({"question": "ok?", "top_k": 0}, "top_k"),
    ({"question": "ok?", "top_k": 21}, "top_k"),
    ({"question": "ok?", "colour": "red"}, "colour"),
    ({}, "question"),
    ([1, 2], "body"),
])
def test_bad_ask_requests_get_422_naming_the_field(client, payload, field):
    error = assert_error(client.post("/ask", json=payload), 422, "invalid_request")
    assert error["message"].startswith(field)
    assert any(d["field"] == field for d in error["details"])


def test_empty_question_message_is_clear(client):
    error = assert_error(client.post("/ask", json={"question": "  "}), 422, "invalid_request")
    assert error["message"] == "question: question must not be empty"


def test_unknown_section_lists_the_valid_ones(client):
    error = assert_error(client.post("/ask", json={"question": "power?",
                                                   "filters": {"section": ["moon"]}}),
                         422, "invalid_request")
    assert error["details"]["valid"] == ["crew", "modules", "robotics", "systems"]
    assert "valid sections: crew, modules, robotics, systems" in error["message"]
    assert_error(client.get("/search", params={"q": "x", "section": "moon"}), 422,
                 "invalid_request")


def test_malformed_json_oversized_body_unknown_route_and_document(client):
    assert_error(client.post("/ask", content=b"{not json",
                             headers={"content-type": "application/json"}), 400, "malformed_json")
    big = b'{"question": "' + b"a" * 17000 + b'"}'
    assert_error(client.post("/ask", content=big, headers={"content-type": "application/json"}),
                 413, "payload_too_large")
    assert_error(client.get("/nope"), 404, "not_found")
    assert_error(client.get("/documents/nope"), 404, "not_found")
    assert_error(client.delete("/ask"), 405, "method_not_allowed")
    assert_error(client.get("/search", params={"q": "x", "k": 99}), 422, "invalid_request")
    assert_error(client.get("/search", params={"q": "x", "mode": "magic"}), 422,
                 "invalid_request")


def test_chunked_body_over_the_limit_is_refused_too(client):
    def chunks():
        yield b'{"question": "'
        for _ in range(20):
            yield b"a" * 1000
        yield b'"}'

    assert_error(client.post("/ask", content=chunks(),
                             headers={"content-type": "application/json"}), 413,
                 "payload_too_large")


def test_unexpected_errors_become_a_500_without_a_trace(client, hash_engine, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail at /srv/issqa/index")

    monkeypatch.setattr(hash_engine, "ask", boom)
    error = assert_error(client.post("/ask", json={"question": "hi"}), 500, "internal_error")
    assert "secret" not in error["message"]


def test_not_ready_is_503_in_the_error_shape(hash_settings):
    app = create_app(hash_settings)  # no lifespan run: nothing loaded
    client = TestClient(app, raise_server_exceptions=False)
    assert_error(client.get("/readyz"), 503, "not_ready")
    assert_error(client.post("/ask", json={"question": "hi"}), 503, "index_unavailable")


def test_a_follow_up_is_read_with_its_history(client):
    body = client.post("/ask", json={"question": "Who built it?",
                                     "history": ["When was Zarya launched?"]}).json()
    assert body["interpreted_as"] == "Who built Zarya?"
    alone = client.post("/ask", json={"question": "Who built it?"}).json()
    assert "Zarya" not in alone["interpreted_as"]


@pytest.mark.parametrize(("history", "problem"), [
    (["q?"] * 7, "at most 6"),
    (["  "], "history must not hold empty questions"),
    (["x" * 1001], "at most 1000 characters"),
])
def test_bad_history_is_a_422_saying_what_is_wrong(client, history, problem):
    response = client.post("/ask", json={"question": "Who built it?", "history": history})
    error = assert_error(response, 422, "invalid_request")
    assert problem in str(error)


def test_suggestions_are_faq_questions_one_per_section(client):
    engine = client.app.state.engine
    body = client.get("/suggestions", params={"n": 3}).json()
    faqs = {d.question: d.section for d in engine.index.documents.values() if d.question}
    assert len(body["questions"]) == min(3, len(set(faqs.values())))
    assert all(q in faqs for q in body["questions"])
    assert len({faqs[q] for q in body["questions"]}) == len(body["questions"])
    assert body["index_version"] == engine.index.version
    assert_error(client.get("/suggestions", params={"n": 0}), 422, "invalid_request")
    assert_error(client.get("/suggestions", params={"n": 11}), 422, "invalid_request")


def test_routes_take_engine_settings_and_metrics_as_overridable_dependencies(hash_engine):
    from issqa.api.deps import get_metrics
    from issqa.api.metrics import Metrics

    app = create_app(hash_engine.settings, engine=hash_engine)
    mine = Metrics()
    app.dependency_overrides[get_metrics] = lambda: mine
    with TestClient(app) as client:
        client.post("/ask", json={"question": "How fast does the station travel?"})
        client.post("/v1/chat/completions", json={
            "model": "issqa", "messages": [{"role": "user", "content": "What is Zarya?"}]})
    assert b"issqa_answers_total" in mine.render()
    counted = [s for m in mine.answers.collect() for s in m.samples if s.name.endswith("_total")]
    assert sum(s.value for s in counted) == 2


def test_every_error_code_comes_from_one_exception_tree():
    """The API answers only with codes of issqa.errors' classes (HTTP-only ones included),
    each code with one status."""
    import inspect
    import re
    from pathlib import Path

    from issqa import errors

    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, errors.IssqaError)]
    statuses = {c.code: c.status_code for c in classes}
    assert len(statuses) == len(classes)  # no two classes share a code
    api = Path(errors.__file__).parent / "api"
    literal_codes = {m for f in api.glob("*.py")
                     for m in re.findall(r"error_response\(\s*\d+,\s*\"(\w+)\"",
                                         f.read_text())}
    assert literal_codes == set(), literal_codes  # codes come from the classes, not literals
