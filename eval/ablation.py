"""Retrieval choices measured on the dev splits: BM25 tokenizer, indexed text, FAQ matching.

    .venv/bin/python eval/ablation.py            # after `issqa build`; prints three tables

1. **BM25 tokenizer**: issqa's (stop-words dropped, plurals and possessives folded, only
   chunks sharing a term ranked) against plain BM25 (lower-cased words, nothing dropped or
   folded, every chunk ranked), and each change alone.
2. **Indexed text**: what the title and heading path ("Zarya > Launch") add in front of a
   chunk's own text, for BM25 and for dense retrieval (dense needs the chunks re-embedded
   without it: about a minute).
3. **FAQ phrasing match**: how often the closest FAQ question or ``also_asked`` phrasing is an
   FAQ that answers the question, by dense similarity, by BM25 over the phrasings, and fused.

Figures are Success@1 and nDCG@10 over documents (chunks deduplicated by document), on every
in-scope dev question. Questions are rewritten by the question analysis first, as in serving.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from pathlib import Path

import numpy as np

from issqa.evaluation import load_set, ndcg_at_k
from issqa.evaluation.metrics import dedupe, success_at_k
from issqa.evaluation.sets import SET_NAMES
from issqa.index.bm25 import BM25Matrix
from issqa.retrieval import reciprocal_rank_fusion
from issqa.service import Engine
from issqa.settings import Settings
from issqa.text import STOPWORDS, tokenize

EVAL_DIR = Path(__file__).parent
_WORDS = re.compile(r"\w+")


def plain(text: str) -> list[str]:
    """Plain BM25 terms: lower-cased words, nothing dropped or folded."""
    return _WORDS.findall(text.lower())


def no_folding(text: str) -> list[str]:
    return [t for t in plain(text) if t not in STOPWORDS]


def no_stopwords(text: str) -> list[str]:
    return tokenize(text, drop_stopwords=False)


def figures(rankings: list[list[str]], golds: list[set[str]]) -> tuple[float, float]:
    """(mean Success@1, mean nDCG@10) of document rankings."""
    return (statistics.fmean(success_at_k(r, g, 1) for r, g in zip(rankings, golds, strict=True)),
            statistics.fmean(ndcg_at_k(r, g, 10) for r, g in zip(rankings, golds, strict=True)))


def bm25_rankings(texts: list[str], doc_ids: list[str], questions: list[str],
                  tokenizer: Callable[[str], list[str]], only_matching: bool) -> list[list[str]]:
    matrix = BM25Matrix.build([tokenizer(t) for t in texts])
    rankings = []
    for question in questions:
        terms = tokenizer(question)
        scores = matrix.scores(terms)
        order = np.argsort(-scores, kind="stable")
        if only_matching:
            matched = matrix.matched(terms)
            order = [i for i in order if matched[i]]
        rankings.append(dedupe(doc_ids[i] for i in order[:60]))
    return rankings


def main() -> None:
    engine = Engine(Settings()).load()
    index = engine.index
    items = [i for name in SET_NAMES for i in load_set(EVAL_DIR, name, "dev")
             if not i.expects_abstention]
    questions = [engine.analyse(i.question, split=False).rewritten for i in items]
    golds = [set(i.gold_doc_ids) for i in items]
    chunks = index.chunks
    doc_ids = [c.doc_id for c in chunks]
    print(f"{len(items)} in-scope dev questions, {len(chunks)} chunks\n")

    print("1. BM25 tokenizer (title and headings indexed)        S@1     nDCG@10")
    for name, tokenizer, only_matching in [
        ("issqa (stop-words, folding, matching chunks only)", tokenize, True),
        ("issqa tokenizer, every chunk ranked", tokenize, False),
        ("stop-words kept", no_stopwords, True),
        ("no plural/possessive folding", no_folding, True),
        ("plain BM25 (lower-cased words)", plain, False),
    ]:
        s1, ndcg = figures(bm25_rankings([c.indexed_text for c in chunks], doc_ids, questions,
                                         tokenizer, only_matching), golds)
        print(f"   {name:<52} {s1:.3f}   {ndcg:.3f}")

    print("\n2. Indexed text                                       S@1     nDCG@10")
    for name, texts in [("BM25, title + headings + text", [c.indexed_text for c in chunks]),
                        ("BM25, text only", [c.text for c in chunks])]:
        s1, ndcg = figures(bm25_rankings(texts, doc_ids, questions, tokenize, True), golds)
        print(f"   {name:<52} {s1:.3f}   {ndcg:.3f}")
    vectors = engine.model.embed(questions, batch_size=64)
    bare = engine.model.embed([c.text for c in chunks], batch_size=32)
    for name, matrix in [("dense, title + headings + text", index.dense.reconstruct_n(
            0, len(chunks))), ("dense, text only", bare)]:
        rankings = [dedupe(doc_ids[i] for i in np.argsort(-(matrix @ v))[:60]) for v in vectors]
        s1, ndcg = figures(rankings, golds)
        print(f"   {name:<52} {s1:.3f}   {ndcg:.3f}")

    print("\n3. FAQ phrasing match (questions whose gold has an FAQ)  top-1 is a gold FAQ")
    faq_items = [(q, g) for q, g in zip(questions, golds, strict=True)
                 if any(index.documents[d].kind == "faq" for d in g if d in index.documents)]
    phrasing_docs = [p.doc_id for p in index.phrasings]
    phrasing_bm25 = BM25Matrix.build([tokenize(p.text) for p in index.phrasings])
    dense_hits = bm25_hits = fused_hits = 0
    for (question, gold), vector in zip(
            faq_items, engine.model.embed([q for q, _ in faq_items], batch_size=64),
            strict=True):
        similarity = index.phrasing_vectors @ vector
        dense_rank = dedupe(phrasing_docs[i] for i in np.argsort(-similarity))
        bm25_rank = dedupe(phrasing_docs[i] for i in
                           np.argsort(-phrasing_bm25.scores(tokenize(question)), kind="stable"))
        fused = [d for d, _ in reciprocal_rank_fusion({"dense": dense_rank[:50],
                                                       "bm25": bm25_rank[:50]}, k=10)]
        dense_hits += dense_rank[0] in gold
        bm25_hits += bm25_rank[0] in gold
        fused_hits += fused[0] in gold
    n = len(faq_items)
    print(f"   {n} questions: dense {dense_hits / n:.3f}, BM25 {bm25_hits / n:.3f}, "
          f"fused (RRF k 10) {fused_hits / n:.3f}")


if __name__ == "__main__":
    main()
