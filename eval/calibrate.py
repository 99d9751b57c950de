"""Fit the answerer's confidence and abstention models on the dev splits (never on test).

    .venv/bin/python eval/calibrate.py [--precision 0.95] [--out FILE]

Every dev question of every set is asked once with abstention switched off, so each gets an
answer and the evidence behind it. Two logistic regressions (scikit-learn) are fitted on that
evidence: ``scope`` (is the question one the corpus answers?) and ``correct`` (does the answer
hold every gold fact?). The abstention threshold on ``scope`` is the highest one whose
abstentions on dev are at least ``--precision`` out-of-scope questions. The result is written
to the calibration file the answerer loads (src/issqa/answering/calibration.json); the figures
it prints go in eval/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from issqa.answering.confidence import CALIBRATION_FILE, FEATURES, Calibration, LogisticModel
from issqa.evaluation.metrics import contains_all_facts
from issqa.evaluation.sets import SET_NAMES, load_set
from issqa.service import Engine
from issqa.settings import Settings

EVAL_DIR = Path(__file__).resolve().parent


def collect(engine: Engine, split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, in scope, correct) for every question of ``split``, abstention off."""
    rows, scope, correct = [], [], []
    items = [item for name in SET_NAMES for item in load_set(EVAL_DIR, name, split)]
    for n, item in enumerate(items, start=1):
        asked = engine.ask(item.question, abstain=False, history=item.history)
        # A two-part question's evidence is the mean of its parts'.
        parts = [[float(part["evidence"][f]) for f in FEATURES] for part in asked.explanation]
        rows.append(np.mean(parts, axis=0))
        scope.append(not item.expects_abstention)
        correct.append(not item.expects_abstention and not asked.answer.abstained
                       and contains_all_facts(asked.answer.text, item.answers))
        if n % 100 == 0:
            print(f"  {n}/{len(items)} questions", file=sys.stderr)
    return np.array(rows), np.array(scope), np.array(correct)


def fit(x: np.ndarray, y: np.ndarray) -> LogisticModel:
    """A logistic regression, standardised inside and folded back to raw-feature weights."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / std, y)
    weights = model.coef_[0] / std
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * mean / std))
    return LogisticModel(tuple(round(float(w), 6) for w in weights), round(bias, 6))


def operating_point(p_scope: np.ndarray, in_scope: np.ndarray, precision: float) -> float:
    """The highest threshold whose abstentions (p < threshold) meet ``precision``."""
    best = 0.0
    for threshold in np.unique(np.concatenate([p_scope, [1.0]])):
        abstained = p_scope < threshold
        if not abstained.any():
            continue
        if float(np.mean(~in_scope[abstained])) >= precision:
            best = float(threshold)
    return best


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 5) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean predicted, observed rate) per probability bin."""
    rows = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = (p >= lo) & ((p < hi) if i < bins - 1 else (p <= hi))
        if inside.any():
            rows.append((f"{lo:.1f}-{hi:.1f}", int(inside.sum()), float(p[inside].mean()),
                         float(y[inside].mean())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--precision", type=float, default=0.95,
                        help="abstention precision to reach on dev (default 0.95)")
    parser.add_argument("--out", type=Path, default=CALIBRATION_FILE)
    args = parser.parse_args()
    engine = Engine(Settings()).load()
    x, in_scope, correct = collect(engine, "dev")
    scope_model, correct_model = fit(x, in_scope), fit(x, correct)
    p_scope = np.array([scope_model.probability(list(r)) for r in x])
    p_correct = np.array([correct_model.probability(list(r)) for r in x])
    threshold = operating_point(p_scope, in_scope, args.precision)
    abstained = p_scope < threshold
    calibration = Calibration(scope_model, correct_model, round(threshold, 6),
                              f"dev splits of {', '.join(SET_NAMES)} ({len(x)} questions), "
                              f"index {engine.index.version}")
    args.out.write_text(calibration.to_json(), encoding="utf-8")
    recall = float(abstained[~in_scope].mean()) if (~in_scope).any() else 1.0
    precision = float((~in_scope[abstained]).mean()) if abstained.any() else 1.0
    print(f"dev: {len(x)} questions, {int((~in_scope).sum())} out of scope; "
          f"abstain below p(scope) = {threshold:.4f}")
    print(f"dev abstention: precision {precision:.3f}, recall {recall:.3f}; answered correct "
          f"{statistics.fmean(correct[in_scope]):.3f} of in-scope (abstention off)")
    print("reliability of p(correct) on dev: bin, n, mean predicted, observed")
    for row in reliability(p_correct, correct.astype(float)):
        print(f"  {row[0]}  {row[1]:4d}  {row[2]:.3f}  {row[3]:.3f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
