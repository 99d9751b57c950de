"""Run evaluation sets through the service, exactly as a user's questions would go."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from ..retrieval.base import Mode
from ..service import Engine
from ..text import sentence_spans
from .metrics import (
    contains_all_facts,
    contains_fact,
    dedupe,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    recall_at_k,
    success_at_k,
    token_f1,
)
from .sets import EvalItem, load_set

__all__ = ["EvalReport", "QuestionResult", "breakdown", "run_eval"]


@dataclass
class QuestionResult:
    """What one question got in one mode, with its per-question scores."""

    item: EvalItem
    mode: Mode
    ranking: list[str]
    answer: str
    abstained: bool
    strategy: str
    confidence: float
    cited_docs: list[str]
    latency_ms: float
    scores: dict[str, float] = field(default_factory=dict)
    section: str | None = None
    explanation: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready row."""
        return {
            "id": self.item.item_id, "set": self.item.set_name, "mode": self.mode,
            "question": self.item.question, "history": list(self.item.history),
            "gold_doc_ids": list(self.item.gold_doc_ids),
            "answers": [list(f) for f in self.item.answers], "answer": self.answer,
            "abstained": self.abstained, "strategy": self.strategy,
            "confidence": self.confidence, "ranking": self.ranking[:10],
            "cited_docs": self.cited_docs, "latency_ms": round(self.latency_ms, 3),
            "scores": self.scores, "section": self.section, "style": self.item.style,
            "explanation": self.explanation,
        }


@dataclass
class EvalReport:
    """Metrics per mode and set, with every question's result."""

    split: str
    modes: list[str]
    sets: list[str]
    k: int
    index_version: str
    created: str
    metrics: dict[str, dict[str, dict[str, float]]]
    results: list[QuestionResult]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready report."""
        return {
            "split": self.split, "modes": self.modes, "sets": self.sets, "k": self.k,
            "index_version": self.index_version, "created": self.created,
            "metrics": self.metrics, "results": [r.to_json() for r in self.results],
        }


def _gold_text(item: EvalItem, engine: Engine) -> str:
    """The text a perfect answer would quote: the FAQ's answer, or the page sentence(s) that
    state the first fact; the fact strings themselves if neither is found."""
    documents = engine.index.documents
    for doc_id in item.gold_doc_ids:
        doc = documents.get(doc_id)
        if doc is None:
            continue
        if doc.kind == "faq":
            return doc.body[doc.answer_start:]
        sentences = [doc.body[s:e] for s, e in sentence_spans(doc.body)
                     if contains_fact(doc.body[s:e], item.answers[0])]
        if sentences:
            return " ".join(sentences[:1])
    return " ".join(f[0] for f in item.answers)


def _score(item: EvalItem, result: QuestionResult, engine: Engine, k: int,
           citations: Sequence[Any], chunks: dict[str, Any]) -> dict[str, float]:
    if item.expects_abstention:
        return {"abstained": float(result.abstained)}
    relevant = set(item.gold_doc_ids)
    ranking = result.ranking
    scores = {
        "success_at_1": success_at_k(ranking, relevant, 1),
        "success_at_5": success_at_k(ranking, relevant, 5),
        "recall_at_1": recall_at_k(ranking, relevant, 1),
        "recall_at_5": recall_at_k(ranking, relevant, 5),
        f"recall_at_{k}": recall_at_k(ranking, relevant, k),
        f"mrr_at_{k}": mrr_at_k(ranking, relevant, k),
        f"ndcg_at_{k}": ndcg_at_k(ranking, relevant, k),
        "answered": float(not result.abstained),
        "answer_contains": float(not result.abstained and
                                 contains_all_facts(result.answer, item.answers)),
        "token_f1": 0.0 if result.abstained else token_f1(result.answer,
                                                           _gold_text(item, engine)),
    }
    if citations:
        good = 0
        for citation in citations:
            chunk = chunks[citation.chunk_id]
            document = engine.index.documents[citation.doc_id]
            passage = document.body[chunk.char_start:chunk.char_end]
            good += any(contains_fact(passage, variants) for variants in item.answers)
        scores["citation_precision"] = good / len(citations)
    return scores


def _ranking(engine: Engine, question: str, k: int, mode: Mode,
             history: Sequence[str] = ()) -> list[str]:
    """Document ids in the order the question's passages rank them."""
    hits = engine.search(question, k=max(k, 10) * 3, mode=mode, history=history).hits
    return dedupe(h.chunk.doc_id for h in hits)


def _without_history(item: EvalItem, engine: Engine, k: int, mode: Mode) -> dict[str, float]:
    """A follow-up's retrieval and answer when asked alone, to show what the history adds."""
    ranking = _ranking(engine, item.question, k, mode)
    answer = engine.ask(item.question, top_k=5, mode=mode).answer
    return {
        "recall_at_5_alone": recall_at_k(ranking, set(item.gold_doc_ids), 5),
        "answer_contains_alone": float(not answer.abstained and
                                       contains_all_facts(answer.text, item.answers)),
    }


def _aggregate(results: list[QuestionResult], k: int) -> dict[str, dict[str, float]]:
    """Mean of each per-question score per set, latency percentiles, abstention P/R overall."""
    by_set: dict[str, list[QuestionResult]] = {}
    for result in results:
        by_set.setdefault(result.item.set_name, []).append(result)
    metrics: dict[str, dict[str, float]] = {}
    for set_name, rows in by_set.items():
        names = sorted({name for r in rows for name in r.scores})
        summary = {}
        for name in names:
            values = [r.scores[name] for r in rows if name in r.scores]
            summary[name] = round(statistics.fmean(values), 4) if values else 0.0
        if set_name == "out_of_scope":
            summary = {"abstention_recall": summary.get("abstained", 0.0)}
        elif "abstained" in summary:
            summary["abstention_recall"] = summary.pop("abstained")
        latencies = [r.latency_ms for r in rows]
        summary.update(questions=len(rows), latency_p50_ms=round(percentile(latencies, 50), 2),
                       latency_p95_ms=round(percentile(latencies, 95), 2))
        metrics[set_name] = summary
    abstained = [r for r in results if r.abstained]
    expected = [r for r in results if r.item.expects_abstention]
    true_positive = sum(r.item.expects_abstention for r in abstained)
    latencies = [r.latency_ms for r in results]
    metrics["overall"] = {
        "questions": len(results),
        "abstention_precision": round(true_positive / len(abstained), 4) if abstained else 1.0,
        "abstention_recall": round(true_positive / len(expected), 4) if expected else 1.0,
        "latency_p50_ms": round(percentile(latencies, 50), 2) if latencies else 0.0,
        "latency_p95_ms": round(percentile(latencies, 95), 2) if latencies else 0.0,
    }
    return metrics


def breakdown(results: list[QuestionResult], group: str) -> dict[str, dict[str, float]]:
    """Retrieval and answer figures of in-scope questions per ``group`` ("section" or
    "style"), so a thin section or a hard way of asking shows."""
    rows: dict[str, list[QuestionResult]] = {}
    for result in results:
        key = result.section if group == "section" else result.item.style
        if key is not None and not result.item.expects_abstention:
            rows.setdefault(key, []).append(result)
    return {
        key: {
            "questions": len(items),
            **{name: round(statistics.fmean(r.scores.get(name, 0.0) for r in items), 4)
               for name in ("success_at_5", "answer_contains")},
        }
        for key, items in sorted(rows.items())
    }


def run_eval(engine: Engine, eval_dir: Path, *, sets: Sequence[str], split: str,
             modes: Sequence[Mode], k: int = 10, show_progress: bool = False) -> EvalReport:
    """Ask every question of ``sets`` (split ``split``) in each mode and score the results."""
    items = [item for name in sets for item in load_set(eval_dir, name, split)]
    results: list[QuestionResult] = []
    chunks = {c.chunk_id: c for c in engine.index.chunks}
    with tqdm(total=len(items) * len(modes), desc=f"Evaluating {split}", unit="q",
              disable=not show_progress) as bar:
        for mode in modes:
            for item in items:
                engine.embedder.clear()  # time what a new question costs, model call included
                started = time.perf_counter()
                asked = engine.ask(item.question, top_k=5, mode=mode, history=item.history)
                latency = (time.perf_counter() - started) * 1000
                ranking = _ranking(engine, item.question, k, mode, item.history)
                answer = asked.answer
                gold = next((engine.index.documents[d] for d in item.gold_doc_ids
                             if d in engine.index.documents), None)
                result = QuestionResult(
                    item, mode, ranking, answer.text, answer.abstained, answer.strategy,
                    answer.confidence, [c.doc_id for c in answer.citations], latency,
                    section=item.section or (gold.section if gold else None),
                    explanation=asked.explanation)
                result.scores = _score(item, result, engine, k, answer.citations, chunks)
                if item.history and not item.expects_abstention:
                    result.scores.update(_without_history(item, engine, k, mode))
                results.append(result)
                bar.update()
    metrics = {mode: _aggregate([r for r in results if r.mode == mode], k) for mode in modes}
    return EvalReport(split, list(modes), list(sets), k, engine.index.version,
                      dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), metrics, results)
