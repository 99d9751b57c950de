"""Abuse limits: rate limit with Retry-After, request timeout, CORS, headers, private logs."""

import logging
import time

import pytest
from fastapi.testclient import TestClient

from issqa.api import create_app
from issqa.api.middleware import TokenBucket
from issqa.settings import Settings


def make_client(engine, **overrides) -> TestClient:
    settings = Settings(corpus_dir=engine.settings.corpus_dir,
                        index_dir=engine.settings.index_dir, **overrides)
    return TestClient(create_app(settings, engine=engine), raise_server_exceptions=False)


def test_token_bucket_allows_a_burst_then_the_rate():
    bucket = TokenBucket(rate=1.0, burst=2)
    assert bucket.take("a", now=0.0) == 0 and bucket.take("a", now=0.0) == 0
    assert bucket.take("a", now=0.0) == pytest.approx(1.0)
    assert bucket.take("a", now=1.0) == 0  # one token refilled after a second
    assert bucket.take("b", now=1.0) == 0  # clients do not share buckets
    with pytest.raises(ValueError, match=r"got 1\.0 and 0"):
        TokenBucket(rate=1.0, burst=0)


def test_rate_limit_answers_429_with_retry_after_in_the_error_shape(hash_engine):
    with make_client(hash_engine, rate_limit_per_minute=6, rate_limit_burst=2) as client:
        statuses = [client.get("/documents/zarya").status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = client.get("/documents/zarya")
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        error = limited.json()["error"]
        assert error["code"] == "rate_limited" and error["details"]["retry_after_s"] >= 1
        # Health and metrics stay reachable for operators.
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 200


def test_rate_limit_zero_disables_it(hash_engine):
    with make_client(hash_engine, rate_limit_per_minute=0) as client:
        assert {client.get("/healthz").status_code for _ in range(50)} == {200}
        assert {client.get("/documents/zarya").status_code for _ in range(50)} == {200}


def test_slow_requests_time_out_with_503(hash_engine, monkeypatch):
    def slow_ask(*args, **kwargs):
        time.sleep(1.5)
        raise AssertionError("should have timed out")

    with make_client(hash_engine, request_timeout_s=0.3) as client:
        monkeypatch.setattr(hash_engine, "ask", slow_ask)
        response = client.post("/ask", json={"question": "slow?"})
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "timeout"


def test_cors_allows_listed_origins_only(hash_engine):
    with make_client(hash_engine, allowed_origins=["http://help.example"]) as client:
        allowed = client.options("/ask", headers={"Origin": "http://help.example",
                                                  "Access-Control-Request-Method": "POST"})
        assert allowed.headers["access-control-allow-origin"] == "http://help.example"
        refused = client.options("/ask", headers={"Origin": "http://evil.example",
                                                  "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in refused.headers
        plain = client.get("/healthz", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in plain.headers


def test_security_headers_and_no_internals_in_errors(hash_engine):
    with make_client(hash_engine) as client:
        response = client.get("/healthz")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        for bad in (client.get("/documents/../../etc/passwd"), client.get("/nope"),
                    client.post("/ask", content=b"\xff\xfe", headers={
                        "content-type": "application/json"})):
            assert bad.status_code < 500
            assert "Traceback" not in bad.text and str(hash_engine.settings.index_dir) \
                not in bad.text


@pytest.mark.parametrize("log_questions", [True, False])
def test_question_text_stays_out_of_logs_when_asked(hash_engine, caplog, log_questions):
    secret = "my neighbour Alice Example asks about the station power"
    with make_client(hash_engine, log_questions=log_questions) as client, \
            caplog.at_level(logging.INFO, logger="issqa.api"):
        assert client.post("/ask", json={"question": secret}).status_code == 200
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "ask " in logged
    assert (secret in logged) is log_questions
    if not log_questions:
        assert "question_sha256=" in logged and "Alice" not in logged
