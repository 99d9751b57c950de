"""Choose fusion and answer settings on the dev splits (never on test), through the engine.

Run from the repository root after `issqa build`:

    .venv/bin/python eval/tune.py            # prints each grid's best settings, writes a report

Every grid point is a real ``Engine`` built from ``Settings`` (and ``AnswerConfig``), so tuning
measures exactly what users get. Step 1 grids the fusion (score fusion's dense and phrasing
weights; reciprocal rank fusion's k and weights; BM25 weight fixed at 1) on mean nDCG@10 of the
in-scope dev questions (follow-ups with their history). Step 2, with the chosen
fusion, grids the answerer's weights on the share of in-scope dev answers holding every gold
fact, with abstention off: abstention is fitted afterwards by eval/calibrate.py.
"""

from __future__ import annotations

import itertools
import json
import statistics
import sys
from pathlib import Path

from issqa.evaluation import contains_all_facts, load_set, ndcg_at_k
from issqa.evaluation.metrics import dedupe, success_at_k
from issqa.evaluation.sets import SET_NAMES
from issqa.service import Engine
from issqa.settings import Settings

EVAL_DIR = Path(__file__).parent


def main() -> int:
    settings = Settings()
    base = Engine(settings).load()
    items = [i for name in SET_NAMES for i in load_set(EVAL_DIR, name, "dev")
             if not i.expects_abstention]
    print(f"{len(items)} in-scope dev questions", file=sys.stderr)

    fusion_results = []
    # Score fusion (the default) over dense weights; reciprocal rank fusion over k and weights.
    grid = [("score", 5, dense, phrasing) for dense, phrasing in itertools.product(
                (1.0, 1.15, 1.2, 1.25, 1.3, 1.5, 2.0), (0.0, 0.25))]
    grid += [("rrf", k, dense, phrasing) for k, dense, phrasing in itertools.product(
                (5, 10, 30, 60), (1.0, 2.0, 3.0), (0.0, 0.25, 0.5, 1.0))]
    for fusion, rrf_k, dense_weight, phrasing_weight in grid:
        tuned = settings.model_copy(update={"fusion": fusion, "rrf_k": rrf_k,
                                            "dense_weight": dense_weight,
                                            "phrasing_weight": phrasing_weight})
        engine = Engine(tuned, embedder=base.model).load()
        rankings = [dedupe(h.chunk.doc_id for h in
                           engine.search(i.question, k=30, history=i.history).hits)
                    for i in items]
        ndcg = [ndcg_at_k(r, set(i.gold_doc_ids), 10) for r, i in zip(rankings, items,
                                                                      strict=True)]
        first = [success_at_k(r, set(i.gold_doc_ids), 1) for r, i in zip(rankings, items,
                                                                         strict=True)]
        fusion_results.append({"fusion": fusion, "rrf_k": rrf_k, "dense_weight": dense_weight,
                               "phrasing_weight": phrasing_weight,
                               "ndcg_at_10": round(statistics.fmean(ndcg), 4),
                               "success_at_1": round(statistics.fmean(first), 4)})
    fusion_results.sort(key=lambda r: -r["ndcg_at_10"])
    print("fusion (top 5 by nDCG@10 on dev):")
    for row in fusion_results[:5]:
        print("  ", row)
    best = {k: v for k, v in fusion_results[0].items()
            if k not in ("ndcg_at_10", "success_at_1")}
    fused = settings.model_copy(update=best)

    answer_results = []
    grid = itertools.product(
        (0.83, 0.86, 0.9, 0.93),                               # faq_match
        (0.05, 0.1, 0.2),                                      # type_weight
        ((0.6, 0.3, 0.1),),                                    # semantic, lexical, rank
    )
    for faq_match, type_weight, (sem, lex, rank) in grid:
        tuned = fused.model_copy(update={
            "answer_faq_match": faq_match, "answer_type_weight": type_weight,
            "answer_semantic_weight": sem, "answer_lexical_weight": lex,
            "answer_rank_weight": rank})
        engine = Engine(tuned, embedder=base.model).load()
        correct = [contains_all_facts(
            engine.ask(i.question, abstain=False, history=i.history).answer.text, i.answers)
            for i in items]
        answer_results.append({
            "faq_match": faq_match, "type_weight": type_weight, "semantic_weight": sem,
            "lexical_weight": lex, "rank_weight": rank,
            "answer_contains": round(statistics.fmean(correct), 4),
        })
    answer_results.sort(key=lambda r: -r["answer_contains"])
    print("answers (top 5 by answer_contains, abstention off):")
    for row in answer_results[:5]:
        print("  ", row)
    out = EVAL_DIR / "reports" / "tuning.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"fusion": fusion_results, "answers": answer_results}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
