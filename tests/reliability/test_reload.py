"""POST /admin/reload: protected, swaps builds without dropping requests, keeps a good index."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from issqa.api import create_app
from issqa.errors import IndexNotFoundError, ReloadFailedError
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.fakes import HashEmbedder

TOKEN = "s3cret-token"


def make(hash_settings, token=TOKEN):
    settings = Settings(corpus_dir=hash_settings.corpus_dir, index_dir=hash_settings.index_dir,
                        admin_token=token, rate_limit_per_minute=0)
    embedder = HashEmbedder()
    build(settings, embedder=embedder)
    engine = Engine(settings, embedder=embedder)
    return settings, embedder, TestClient(create_app(settings, engine=engine),
                                          raise_server_exceptions=False)


def change_corpus(settings, text):
    page = settings.corpus_dir / "pages" / "modules" / "zarya.md"
    page.write_text(page.read_text() + f"\n{text}\n")


def test_admin_is_disabled_without_a_token_and_guarded_with_one(hash_settings):
    _, _, client = make(hash_settings, token=None)
    with client:
        response = client.post("/admin/reload")
        assert response.status_code == 404 and "ISSQA_ADMIN_TOKEN" in response.text
    _, _, client = make(hash_settings)
    with client:
        assert client.post("/admin/reload").status_code == 401
        assert client.post("/admin/reload", headers={"Authorization": "Basic x"}).status_code \
            == 401
        wrong = client.post("/admin/reload", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"


def test_reload_swaps_in_a_new_build_without_dropping_requests(hash_settings):
    settings, embedder, client = make(hash_settings)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with client:
        old = client.get("/readyz").json()["index_version"]
        change_corpus(settings, "Zarya also carries a brand new reload marker sentence.")
        new = build(settings, embedder=embedder).version

        def ask(_):
            return client.post("/ask", json={"question": "Zarya launch"})

        with ThreadPoolExecutor(max_workers=8) as pool:
            in_flight = [pool.submit(ask, i) for i in range(120)]
            reloaded = client.post("/admin/reload", headers=auth)
            responses = [f.result() for f in in_flight]
        assert reloaded.status_code == 200, reloaded.text
        assert reloaded.json() == {"status": "reloaded", "previous_version": old,
                                   "index_version": new}
        assert {r.status_code for r in responses} == {200}
        assert {r.json()["index_version"] for r in responses} <= {old, new}
        assert client.get("/readyz").json()["index_version"] == new
        assert f'issqa_index_info{{version="{new}"}} 1.0' in client.get("/metrics").text


def test_a_build_that_fails_verification_is_not_swapped_in(hash_settings):
    settings, embedder, client = make(hash_settings)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with client:
        old = client.get("/readyz").json()["index_version"]
        change_corpus(settings, "Another sentence for a second build.")
        report = build(settings, embedder=embedder)
        (report.path / "chunks.jsonl").write_text("tampered\n")
        response = client.post("/admin/reload", headers=auth)
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "reload_failed"
        assert "chunks.jsonl does not match its checksum" in error["message"]
        assert f"still serving index {old}" in error["message"]
        assert client.get("/readyz").json()["index_version"] == old
        assert client.post("/ask", json={"question": "Zarya"}).status_code == 200


def test_a_pinned_server_keeps_its_build_and_refuses_to_follow_current(hash_settings):
    settings, embedder, _ = make(hash_settings)
    first = build(settings, embedder=embedder).version
    change_corpus(settings, "A second build that the pinned server must not follow.")
    second = build(settings, embedder=embedder).version
    pinned = settings.model_copy(update={"index_build": first})
    client = TestClient(create_app(pinned, engine=Engine(pinned, embedder=embedder)),
                        raise_server_exceptions=False)
    with client:
        assert client.get("/readyz").json()["index_version"] == first
        response = client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "reload_failed" and error["details"] == {"pinned_build": first}
        assert "issqa rollout" in error["message"]
        assert client.get("/readyz").json()["index_version"] == first
    assert second != first


def test_reloading_a_named_build_pins_it_and_an_unknown_one_changes_nothing(hash_settings):
    settings, embedder, _ = make(hash_settings)
    first = build(settings, embedder=embedder).version
    change_corpus(settings, "A newer build to roll back from.")
    second = build(settings, embedder=embedder).version
    engine = Engine(settings, embedder=embedder).load()
    assert engine.index.version == second
    assert engine.reload(first) == (second, first)  # a rollback, as a Ray rollout does it
    assert engine.pinned_build == first
    assert engine.reload(first) == (first, first)  # already serving it: nothing reloaded
    with pytest.raises(IndexNotFoundError) as missing:
        engine.reload("../elsewhere")
    assert f"kept builds: {', '.join(sorted([first, second]))}" in missing.value.message
    assert engine.index.version == first and engine.pinned_build == first
    with pytest.raises(ReloadFailedError):
        engine.reload()  # pinned: a plain reload would silently leave the pinned build
