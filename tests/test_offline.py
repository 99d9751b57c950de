"""No code path touches the network: build and search with every socket connection refused."""

import socket

import pytest

from issqa.embedding import SentenceTransformerEmbedder
from issqa.service import Engine, build
from issqa.settings import Settings
from issqa.tokens import get_encoding

from tests.conftest import FIXTURE_CORPUS


def test_build_and_search_with_the_real_model_and_no_network(tmp_path, monkeypatch,
                                                            no_network):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken"))  # an empty cache
    get_encoding.cache_clear()
    settings = Settings(corpus_dir=FIXTURE_CORPUS, index_dir=tmp_path / "index")
    embedder = SentenceTransformerEmbedder()  # a new instance: the model loads under the block
    report = build(settings, embedder=embedder)
    assert report.chunks > 0
    hits = Engine(settings, embedder=embedder).load().search("when was Zarya launched").hits
    assert hits[0].chunk.doc_id == "zarya"
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))
