"""Embedders: the ONNX backend gives the sentence-transformers vectors; caches behave."""

import threading

import numpy as np
import pytest

from issqa.embedding import OnnxEmbedder, QueryEmbeddingCache
from issqa.errors import ModelError

from tests.fakes import HashEmbedder

TEXTS = [
    "How fast does the station travel?", "Zarya launched on November 20, 1998.",
    "Kibō's arm — 10 m long; ÉSA & JAXA!", "word " * 400,  # longer than the 256 window
    "",
]


@pytest.fixture(scope="module")
def onnx_embedder(tmp_path_factory):
    embedder = OnnxEmbedder(cache_dir=tmp_path_factory.mktemp("onnx"))
    embedder.load()
    return embedder


def test_onnx_vectors_match_sentence_transformers(onnx_embedder, real_embedder):
    ours = onnx_embedder.embed(TEXTS, batch_size=2)
    reference = real_embedder.embed(TEXTS)
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    cosines = (ours * reference).sum(axis=1)
    assert np.all(cosines > 1 - 1e-5), cosines
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert onnx_embedder.model_id == real_embedder.model_id  # one index serves both


def test_onnx_counts_tokens_like_the_model_tokenizer(onnx_embedder, real_embedder):
    assert onnx_embedder.count_tokens(TEXTS) == real_embedder.count_tokens(TEXTS)
    assert onnx_embedder.max_tokens == real_embedder.max_tokens == 256


def test_a_model_folder_without_tokenizer_is_refused(tmp_path):
    with pytest.raises(ModelError, match=r"tokenizer\.json"):
        OnnxEmbedder(tmp_path, cache_dir=tmp_path)


def test_hash_embedder_is_deterministic_and_normalised():
    a, b = HashEmbedder().embed(["solar arrays"]), HashEmbedder().embed(["solar arrays"])
    np.testing.assert_array_equal(a, b)
    assert np.linalg.norm(a[0]) == pytest.approx(1.0)


def test_query_cache_reuses_vectors_and_evicts_the_oldest():
    calls = []

    class Counting(HashEmbedder):
        def embed(self, texts, **kwargs):
            calls.extend(texts)
            return super().embed(texts)

    cache = QueryEmbeddingCache(Counting(), size=2)
    first = cache.embed(["a"])
    cache.embed(["a"])
    cache.embed(["b"])
    cache.embed(["c"])  # evicts "a"
    cache.embed(["a"])
    assert calls == ["a", "b", "c", "a"]
    np.testing.assert_array_equal(first, cache.embed(["a"]))
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.embed(["z"])))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 and calls.count("z") == 1
