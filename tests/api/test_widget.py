"""The widget's routes without a browser: /widget.js caching and the /demo page."""

import base64
import hashlib
import re
from importlib import resources

import pytest
from fastapi.testclient import TestClient

from issqa.api import create_app
from issqa.settings import Settings

WIDGET = resources.files("issqa.api").joinpath("static/widget.js").read_bytes()


@pytest.fixture(scope="module")
def client():
    # No `with`: the lifespan (model and index) is not needed to serve static pages.
    return TestClient(create_app(Settings()))


def test_widget_js_is_served_with_caching_headers(client):
    response = client.get("/widget.js", headers={"accept-encoding": "identity"})
    assert response.status_code == 200
    assert response.content == WIDGET
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert re.fullmatch(r'"[0-9a-f]{20}"', response.headers["etag"])
    cache_control = response.headers["cache-control"]
    assert "public" in cache_control and re.search(r"max-age=\d+", cache_control)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-encoding" not in response.headers


def test_if_none_match_gets_304_without_a_body(client):
    etag = client.get("/widget.js", headers={"accept-encoding": "identity"}).headers["etag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get("/widget.js", headers={"if-none-match": header,
                                                     "accept-encoding": "identity"})
        assert response.status_code == 304, header
        assert response.content == b"" and response.headers["etag"] == etag
        assert "max-age" in response.headers["cache-control"]
    stale = client.get("/widget.js", headers={"if-none-match": '"0000"',
                                              "accept-encoding": "identity"})
    assert stale.status_code == 200 and stale.content == WIDGET


def test_gzip_is_a_separate_representation_with_its_own_etag(client):
    plain = client.get("/widget.js", headers={"accept-encoding": "identity"})
    zipped = client.get("/widget.js", headers={"accept-encoding": "gzip, br"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == WIDGET  # httpx decodes it
    assert int(zipped.headers["content-length"]) < len(WIDGET) / 2
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert "Accept-Encoding" in zipped.headers["vary"]
    again = client.get("/widget.js", headers={"accept-encoding": "gzip",
                                              "if-none-match": zipped.headers["etag"]})
    assert again.status_code == 304


def test_head_answers_without_a_body(client):
    response = client.head("/widget.js", headers={"accept-encoding": "identity"})
    assert response.status_code == 200 and response.content == b""
    assert "etag" in response.headers


def test_the_widget_source_never_renders_server_text_as_html():
    source = WIDGET.decode()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function"):
        assert sink not in source, sink


def test_demo_page_embeds_the_widget_under_a_strict_policy(client):
    response = client.get("/demo")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<script src="/widget.js" defer></script>' in page
    # The snippet to copy shows this server's address, as escaped text.
    assert ("&lt;script src=&quot;http://testserver/widget.js&quot; data-issqa-endpoint="
            "&quot;http://testserver&quot; defer&gt;&lt;/script&gt;") in page
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_widget_routes_stay_out_of_the_api_contract():
    paths = create_app(Settings()).openapi()["paths"]
    assert "/widget.js" not in paths and "/demo" not in paths
    assert "post" in paths["/feedback"]
