"""GET /metrics: Prometheus text with requests, latency per endpoint and stage, answers."""

from fastapi.testclient import TestClient

from issqa.api import create_app


def test_metrics_count_requests_stages_answers_and_index(hash_engine):
    with TestClient(create_app(hash_engine.settings, engine=hash_engine)) as client:
        client.post("/ask", json={"question": "How fast does the station travel?"})
        client.post("/ask", json={"question": "xylophone quantum zebra"})
        client.get("/search", params={"q": "zarya", "mode": "bm25"})
        client.get("/documents/nope")
        client.get("/definitely/not/a/route")
        text = client.get("/metrics").text
    version = hash_engine.index.version
    assert 'issqa_requests_total{endpoint="/ask",method="POST",status="200"} 2.0' in text
    assert 'issqa_requests_total{endpoint="/documents/{doc_id}",method="GET",status="404"} 1.0' \
        in text
    assert 'endpoint="unmatched"' in text and "/definitely" not in text
    assert 'issqa_request_seconds_bucket{endpoint="/search",le="0.005",method="GET"}' in text
    for stage in ("embed", "retrieve", "answer"):
        assert f'issqa_stage_seconds_count{{stage="{stage}"}}' in text
    assert 'issqa_answers_total{strategy="abstain"} 1.0' in text
    assert f'issqa_index_info{{version="{version}"}} 1.0' in text
