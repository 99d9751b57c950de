"""Choose fusion and answer settings on the dev split (never on test).

Run from the repository root after `issqa build`:

    .venv/bin/python eval/tune.py            # prints the grids' best settings, writes a report

Step 1 grids RRF k and the dense weight (BM25 weight fixed at 1), scoring mean nDCG@10 of the
in-scope dev questions. Step 2, with the chosen fusion, grids the answerer's thresholds and
weights and keeps the setting with the highest share of in-scope answers that contain the gold
fact, among those that abstain on at least 90% of the out-of-scope dev questions.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from pathlib import Path

from issqa.answering import AnswerConfig, ExtractiveAnswerer
from issqa.evaluation import contains_all_facts, load_set, ndcg_at_k
from issqa.evaluation.metrics import dedupe
from issqa.retrieval import HybridRetriever, Query
from issqa.service import Engine
from issqa.settings import Settings

EVAL_DIR = Path(__file__).parent
MIN_ABSTENTION_RECALL = 0.9


def main() -> int:
    engine = Engine(Settings()).load()
    index = engine.index
    in_scope = load_set(EVAL_DIR, "faq_paraphrases", "dev") + load_set(EVAL_DIR, "page_facts",
                                                                        "dev")
    out_of_scope = load_set(EVAL_DIR, "out_of_scope", "dev")
    queries = {item.item_id: Query(item.question, engine.embedder)
               for item in in_scope + out_of_scope}

    fusion_results = []
    for rrf_k, dense_weight in itertools.product((5, 10, 30, 60), (1.0, 1.5, 2.0, 3.0)):
        retriever = HybridRetriever(index, rrf_k=rrf_k, dense_weight=dense_weight)
        ndcg = [ndcg_at_k(dedupe(h.chunk.doc_id for h in
                                 retriever.retrieve(queries[item.item_id], 30)),
                          set(item.gold_doc_ids), 10) for item in in_scope]
        fusion_results.append({"rrf_k": rrf_k, "dense_weight": dense_weight,
                               "ndcg_at_10": round(sum(ndcg) / len(ndcg), 4)})
    fusion_results.sort(key=lambda r: -r["ndcg_at_10"])
    best_fusion = fusion_results[0]
    print("fusion (top 5 by nDCG@10 on dev):")
    for row in fusion_results[:5]:
        print("  ", row)

    retriever = HybridRetriever(index, rrf_k=best_fusion["rrf_k"],
                                dense_weight=best_fusion["dense_weight"])
    hits = {key: retriever.retrieve(query, 5) for key, query in queries.items()}
    grid = itertools.product(
        (0.7, 0.8, 0.85, 0.9),                    # faq_match
        (0.4, 0.45, 0.5),                         # abstain_below
        ((0.6, 0.3, 0.1), (0.5, 0.4, 0.1), (0.7, 0.2, 0.1)),  # semantic, lexical, rank
        (0.75, 0.8, 0.85, 0.92),                  # extra_sentence_ratio
        (0.4, 0.5, 0.6, 0.75),                    # next_sentence_ratio
    )
    answer_results = []
    for faq_match, abstain_below, (sem, lex, rank), extra, following in grid:
        config = AnswerConfig(semantic_weight=sem, lexical_weight=lex, rank_weight=rank,
                              faq_match=faq_match, abstain_below=abstain_below,
                              extra_sentence_ratio=extra, next_sentence_ratio=following)
        answerer = ExtractiveAnswerer(index, config)
        correct = sum(
            not (a := answerer.answer(queries[item.item_id], hits[item.item_id])).abstained
            and contains_all_facts(a.text, item.answers) for item in in_scope)
        abstained = sum(answerer.answer(queries[item.item_id], hits[item.item_id]).abstained
                        for item in out_of_scope)
        answer_results.append({
            **{f.name: getattr(config, f.name) for f in dataclasses.fields(config)
               if f.name in ("faq_match", "abstain_below", "semantic_weight", "lexical_weight",
                             "rank_weight", "extra_sentence_ratio", "next_sentence_ratio")},
            "answer_contains": round(correct / len(in_scope), 4),
            "abstention_recall": round(abstained / len(out_of_scope), 4),
        })
    eligible = [r for r in answer_results if r["abstention_recall"] >= MIN_ABSTENTION_RECALL]
    eligible.sort(key=lambda r: (-r["answer_contains"], -r["abstention_recall"]))
    print(f"answers (top 5 by answer_contains with abstention recall >= "
          f"{MIN_ABSTENTION_RECALL}):")
    for row in eligible[:5]:
        print("  ", row)
    out = EVAL_DIR / "reports" / "tuning.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"fusion": fusion_results, "answers": eligible[:50]}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
