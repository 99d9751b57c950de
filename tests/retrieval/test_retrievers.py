"""Retrievers over a real built index (fake embedder), checked against brute force."""

import json

import faiss
import numpy as np
import pytest
from pydantic import ValidationError

from issqa.errors import InvalidRequestError
from issqa.index.build import make_dense_index
from issqa.index.store import HNSW_EF_SEARCH
from issqa.retrieval import (
    BM25Retriever,
    DenseRetriever,
    Filters,
    PhrasingRetriever,
    Query,
    make_retriever,
)
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.fakes import HashEmbedder


def test_dense_matches_brute_force_numpy(hash_engine):
    index = hash_engine.index
    # The reference embeds the chunks afresh, so a wrong vector stored in FAISS would show.
    vectors = hash_engine.model.embed([c.indexed_text for c in index.chunks])
    query = Query("launch of the european laboratory", hash_engine.embedder)
    expected = np.argsort(-(vectors @ query.vector), kind="stable")[:5]
    hits = DenseRetriever(index).retrieve(query, 5)
    assert [h.chunk.chunk_id for h in hits] == [index.chunks[i].chunk_id for i in expected]
    assert [h.ranks["dense"] for h in hits] == [1, 2, 3, 4, 5]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_bm25_ranks_only_chunks_that_share_a_term(hash_engine):
    index = hash_engine.index
    hits = BM25Retriever(index).retrieve(Query("Zarya Proton", hash_engine.embedder), 10)
    assert hits[0].chunk.chunk_id == "zarya#1"
    assert all("zarya" in h.chunk.indexed_text.lower() or "proton" in h.chunk.indexed_text.lower()
               for h in hits)
    assert BM25Retriever(index).retrieve(Query("xylophone", hash_engine.embedder), 10) == []


def test_filters_apply_inside_each_retriever_before_fusion(hash_engine):
    index = hash_engine.index
    query = Query("Zarya station travel", hash_engine.embedder)
    only_faq = Filters(kind="faq")
    hybrid = make_retriever("hybrid", index, Settings())
    for retriever in (DenseRetriever(index), BM25Retriever(index), hybrid):
        hits = retriever.retrieve(query, 10, only_faq)
        assert hits and all(h.chunk.kind == "faq" for h in hits)
        # Filtering before ranking means ranks restart at 1 inside the filtered set.
        assert min(min(h.ranks.values()) for h in hits) == 1
    systems = hybrid.retrieve(query, 10, Filters(frozenset({"systems"})))
    assert {h.chunk.section for h in systems} == {"systems"}


@pytest.mark.parametrize("settings", [Settings(), Settings(fusion="rrf", rrf_k=60,
                                                             dense_weight=2.0)],
                         ids=["production", "rrf"])
def test_hybrid_carries_each_retrievers_rank_and_score(hash_engine, settings):
    index = hash_engine.index
    query = Query("Columbus Atlantis launch", hash_engine.embedder)
    hits = make_retriever("hybrid", index, settings).retrieve(query, 3)
    top = hits[0]
    assert top.chunk.doc_id == "columbus"
    assert set(top.ranks) == {"dense", "bm25"} and set(top.scores) == {"dense", "bm25"}
    if settings.fusion == "rrf":
        # The fused score is RRF with the settings' k and weights, nothing else.
        k = settings.rrf_k
        assert top.score == pytest.approx(settings.dense_weight / (k + top.ranks["dense"])
                                          + settings.bm25_weight / (k + top.ranks["bm25"]))
        return
    # Score fusion: each retriever's score, min-max normalised over its candidates, weighted.
    expected = 0.0
    for retriever, weight in ((DenseRetriever(index), settings.dense_weight),
                              (BM25Retriever(index), settings.bm25_weight)):
        scores = [h.score for h in retriever.retrieve(query, settings.candidate_depth)]
        low, high = min(scores), max(scores)
        expected += weight * (top.scores[retriever.name] - low) / (high - low)
    assert top.score == pytest.approx(expected)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_fusion_setting_is_checked_and_reaches_the_hybrid_retriever(hash_engine):
    assert make_retriever("hybrid", hash_engine.index, Settings()).fusion == "score"
    assert make_retriever("hybrid", hash_engine.index, Settings(fusion="rrf")).fusion == "rrf"
    with pytest.raises(ValidationError, match="'score' or 'rrf'"):
        Settings(fusion="borda")


def test_unknown_section_lists_the_valid_ones(hash_engine):
    expected = "valid sections: crew, modules, robotics, systems"
    with pytest.raises(InvalidRequestError, match=expected):
        Filters(frozenset({"moon"})).validate(hash_engine.index)


def test_hnsw_recall_on_many_vectors_is_high_but_measured():
    """HNSW is approximate: on 20,000 random vectors its recall@10 is high, and not exact."""
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((20_000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.choice(len(vectors), 200, replace=False)] + \
        0.3 * rng.standard_normal((200, 32)).astype(np.float32)
    exact = make_dense_index(vectors, ann_threshold=10**9)
    approximate = make_dense_index(vectors, ann_threshold=1)
    assert isinstance(approximate, faiss.IndexHNSWFlat)
    _, truth = exact.search(queries, 10)
    approximate.hnsw.efSearch = 16  # a low effort makes the approximation visible
    _, low = approximate.search(queries, 10)
    approximate.hnsw.efSearch = HNSW_EF_SEARCH
    _, served = approximate.search(queries, 10)

    def recall(found):
        return np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth, strict=True)])

    assert recall(low) < recall(served) and recall(low) < 1.0
    assert recall(served) >= 0.95


def test_hnsw_above_the_threshold_agrees_with_exact_search(hash_settings):
    exact = hash_settings
    approximate = Settings(corpus_dir=exact.corpus_dir, index_dir=exact.index_dir.parent / "ann",
                           ann_threshold=1)
    embedder = HashEmbedder()
    build(exact, embedder=embedder)
    report = build(approximate, embedder=embedder)
    assert json.loads((report.path / "manifest.json").read_text())["dense"]["type"] == "hnsw"
    flat = Engine(exact, embedder=embedder).load()
    ann = Engine(approximate, embedder=embedder).load()
    for question in ("Zarya launch", "solar array wings", "Columbus Atlantis", "first crew"):
        expected = [h.chunk.chunk_id for h in flat.search(question, k=5, mode="dense").hits]
        got = [h.chunk.chunk_id for h in ann.search(question, k=5, mode="dense").hits]
        assert got == expected
        filtered = ann.search(question, k=5, mode="dense", filters=Filters(kind="faq")).hits
        assert filtered and all(h.chunk.kind == "faq" for h in filtered)


def test_phrasing_retriever_ranks_faqs_by_their_closest_phrasing(hash_engine):
    index = hash_engine.index
    retriever = PhrasingRetriever(index)
    hits = retriever.retrieve(Query("How fast does the station travel?", hash_engine.embedder), 3)
    assert hits[0].chunk.doc_id == "faq-speed" and hits[0].score == pytest.approx(1.0, abs=1e-5)
    assert all(h.chunk.kind == "faq" for h in hits)
    assert [h.ranks["phrasings"] for h in hits] == list(range(1, len(hits) + 1))
    assert len({h.chunk.doc_id for h in hits}) == len(hits)  # one hit per FAQ
    only_modules = retriever.retrieve(Query("How fast does the station travel?",
                                            hash_engine.embedder), 3,
                                      Filters(frozenset({"modules"})))
    assert all(h.chunk.section == "modules" for h in only_modules)
    fused = make_retriever("hybrid", index, Settings(phrasing_weight=1.0))
    assert "phrasings" in {r.name for r in fused.retrievers}
