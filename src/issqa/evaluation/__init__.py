"""Evaluation: sets of questions with gold answers, pure metrics, a runner, reports and a gate."""

from .gate import Regression, check_thresholds, load_thresholds
from .metrics import (
    contains_all_facts,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    recall_at_k,
    token_f1,
)
from .runner import EvalReport, run_eval
from .sets import SET_NAMES, EvalItem, load_set

__all__ = [
    "SET_NAMES",
    "EvalItem",
    "EvalReport",
    "Regression",
    "check_thresholds",
    "contains_all_facts",
    "load_set",
    "load_thresholds",
    "mrr_at_k",
    "ndcg_at_k",
    "percentile",
    "recall_at_k",
    "run_eval",
    "token_f1",
]
