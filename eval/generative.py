"""Measure the generative answerer against a real OpenAI-compatible model, on a split's questions.

For each question it records the extractive answer and the generative one (their facts,
strategy, latency), and every sentence the model wrote with the checks' figures (cosine
similarity to the cited passage's closest sentence, content-word coverage, the verdict). With
``--labels`` (a JSONL of ``{"claim": id, "supported": true|false}`` judged by reading each
sentence against its passage) it sweeps the two floors and prints, for each pair, the share
of kept sentences that are supported and the share of supported sentences kept, so the floors
are chosen on dev.

    ISSQA_LLM_BASE_URL=http://127.0.0.1:8931/v1 .venv/bin/python eval/generative.py \\
        --split dev --sets visitor_questions page_facts --limit 40 \\
        --out eval/generative/dev-claims.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from issqa.answering.generative import Claim, ClaimSplitter, build_messages, parse_claim
from issqa.answering.llm import LanguageModelError
from issqa.evaluation.metrics import contains_all_facts, percentile
from issqa.evaluation.sets import load_set
from issqa.service import Engine
from issqa.settings import Settings


def _claims(engine: Engine, question: str, hits) -> tuple[list[dict], float]:
    """Every sentence the model wrote for the question, with the checks' figures."""
    generator = engine._state().generator
    passages = list(hits[:generator.config.passages])
    started = time.perf_counter()
    try:
        reply = generator.client.complete(build_messages(question, passages))
    except LanguageModelError as exc:
        return [{"error": str(exc)}], (time.perf_counter() - started) * 1000
    elapsed = (time.perf_counter() - started) * 1000
    splitter = ClaimSplitter()
    claims = [parse_claim(s) for s in splitter.feed(reply) + splitter.finish()]
    # Figures without floors, so a sweep can apply any floor afterwards.
    loose = replace(generator.config, min_similarity=-1.0, min_coverage=0.0)
    strict_config, generator.config = generator.config, loose
    try:
        verdicts = generator.verify([c for c in claims if c.text], passages)
    finally:
        generator.config = strict_config
    return _rows(engine, verdicts), elapsed


def _rows(engine: Engine, verdicts) -> list[dict]:
    """One JSON row per checked sentence."""
    rows = []
    for verdict in verdicts:
        hit = verdict.hit
        rows.append({
            "text": verdict.claim.text, "markers": list(verdict.claim.markers),
            "check": verdict.check, "similarity": round(verdict.similarity, 4),
            "coverage": round(verdict.coverage, 4), "doc_id": hit.chunk.doc_id if hit else None,
            "passage": hit.chunk.text if hit else None,
            "closest": engine.index.sentence_text(verdict.sentence_row)
            if verdict.sentence_row is not None else None,
        })
    return rows


def measure(args: argparse.Namespace) -> dict:
    settings = Settings()
    if not settings.llm_base_url:
        sys.exit("set ISSQA_LLM_BASE_URL to an OpenAI-compatible endpoint (see docs)")
    engine = Engine(settings).load()
    extractive = Engine(settings.model_copy(update={"llm_base_url": None}),
                        embedder=engine.model).load()
    items = [i for name in args.sets for i in load_set(Path("eval"), name, args.split)
             if not i.expects_abstention][:args.limit]
    results, claim_id = [], 0
    for n, item in enumerate(items, start=1):
        plain = extractive.ask(item.question).answer
        started = time.perf_counter()
        answer = engine.ask(item.question).answer
        latency = (time.perf_counter() - started) * 1000
        hits = engine.search(item.question, k=10).hits
        claims, model_ms = _claims(engine, item.question, hits)
        for claim in claims:
            claim["id"] = claim_id = claim_id + 1
        results.append({
            "id": item.item_id, "question": item.question, "answers": item.answers,
            "strategy": answer.strategy, "answer": answer.text, "latency_ms": round(latency),
            "model_ms": round(model_ms), "fact": contains_all_facts(answer.text, item.answers),
            "fact_extractive": contains_all_facts(plain.text, item.answers),
            "claims": claims,
        })
        print(f"[{n}/{len(items)}] {answer.strategy:10} {latency:7.0f} ms  {item.question}",
              file=sys.stderr)
    claims = [c for r in results for c in r["claims"] if "text" in c]
    latencies = [r["latency_ms"] for r in results]
    summary = {
        "questions": len(results), "split": args.split, "sets": args.sets,
        "model": settings.llm_model, "min_similarity": settings.llm_min_similarity,
        "min_coverage": settings.llm_min_coverage, "passages": settings.llm_passages,
        "sentences": len(claims),
        "sentences_kept": sum(c["check"] == "supported"
                              and c["similarity"] >= settings.llm_min_similarity
                              and c["coverage"] >= settings.llm_min_coverage for c in claims),
        "answers_generative": sum(r["strategy"] == "generative" for r in results),
        "fact_with_model": round(statistics.fmean(r["fact"] for r in results), 4),
        "fact_extractive": round(statistics.fmean(r["fact_extractive"] for r in results), 4),
        "latency_p50_ms": percentile(latencies, 50), "latency_p95_ms": percentile(latencies, 95),
    }
    return {"summary": summary, "results": results}


def reverify(path: Path) -> None:
    """Re-check the saved sentences with the current checks (ids kept), floors off."""
    report = json.loads(path.read_text())
    engine = Engine(Settings(llm_base_url="http://127.0.0.1:9/v1")).load()  # never called
    generator = engine._state().generator
    generator.config = replace(generator.config, min_similarity=-1.0, min_coverage=0.0)
    for result in report["results"]:
        hits = engine.search(result["question"], k=10).hits[:report["summary"]["passages"]]
        saved = [c for c in result["claims"] if "text" in c]
        claims = [Claim(c["text"], tuple(c["markers"])) for c in saved]
        for old, new in zip(saved, _rows(engine, generator.verify(claims, hits)), strict=True):
            old.update({k: v for k, v in new.items() if k != "text"})
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")


def sweep(report: dict, labels: dict[int, bool]) -> list[dict]:
    """Precision and recall of the kept sentences for each pair of floors."""
    claims = [c for r in report["results"] for c in r["claims"]
              if c.get("id") in labels and c["check"] == "supported"]
    supported = sum(labels[c["id"]] for c in claims)
    rows = []
    for similarity in (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        for coverage in (0.5, 0.6, 0.7, 0.75, 0.8, 0.9):
            kept = [c for c in claims if c["similarity"] >= similarity
                    and c["coverage"] >= coverage]
            good = sum(labels[c["id"]] for c in kept)
            precision = round(good / len(kept), 3) if kept else 1.0
            rows.append({"min_similarity": similarity, "min_coverage": coverage,
                         "kept": len(kept), "precision": precision,
                         "recall": round(good / supported, 3) if supported else 0.0})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--sets", nargs="+", default=["visitor_questions", "page_facts"])
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("eval/generative/dev-claims.json"))
    parser.add_argument("--labels", type=Path, help="sweep the floors over judged sentences "
                        "of an existing --out report instead of asking the model")
    parser.add_argument("--reverify", action="store_true", help="check the sentences of an "
                        "existing --out report again with the current checks (no model call)")
    args = parser.parse_args()
    if args.reverify:
        reverify(args.out)
        if not args.labels:
            return
    if args.labels:
        report = json.loads(args.out.read_text())
        labels = {row["claim"]: bool(row["supported"]) for row in map(
            json.loads, args.labels.read_text().splitlines()) if row}
        for row in sweep(report, labels):
            print(json.dumps(row))
        return
    report = measure(args)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(report["summary"], indent=1))


if __name__ == "__main__":
    main()
