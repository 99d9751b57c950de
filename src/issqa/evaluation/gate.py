"""The quality gate: minimum figures per retrieval mode, set and metric, checked against a report.

The thresholds file is TOML. A table named after a set holds hybrid-mode minimums; a table
named after a mode holds per-set tables for that mode, so a regression in one retriever cannot
hide behind fusion::

    [faq_paraphrases]            # hybrid
    recall_at_1 = 0.6
    [bm25.faq_paraphrases]
    recall_at_5 = 0.7
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidRequestError
from ..retrieval import MODES

__all__ = ["Regression", "Thresholds", "check_thresholds", "format_regressions",
           "load_thresholds"]

# mode -> set -> metric -> minimum
Thresholds = dict[str, dict[str, dict[str, float]]]


@dataclass(frozen=True)
class Regression:
    """A metric below its minimum."""

    set_name: str
    metric: str
    minimum: float
    measured: float | None
    mode: str = "hybrid"


def _metrics_table(path: Path, name: str, table: object) -> dict[str, float]:
    if not isinstance(table, dict):
        raise InvalidRequestError(f"{path}: [{name}] must be a table of metric = minimum")
    for metric, value in table.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise InvalidRequestError(f"{path}: {name}.{metric} must be a number")
    return {m: float(v) for m, v in table.items()}


def load_thresholds(path: Path) -> Thresholds:
    """Read ``[set]`` (hybrid) and ``[mode.set]`` tables of ``metric = minimum``."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidRequestError(f"cannot read thresholds {path}: {exc}") from exc
    thresholds: Thresholds = {}
    for name, table in data.items():
        if name in MODES:
            if not isinstance(table, dict):
                raise InvalidRequestError(f"{path}: [{name}] must hold [{name}.<set>] tables")
            for set_name, metrics in table.items():
                thresholds.setdefault(name, {})[set_name] = _metrics_table(
                    path, f"{name}.{set_name}", metrics)
        else:
            thresholds.setdefault("hybrid", {})[name] = _metrics_table(path, name, table)
    return thresholds


def check_thresholds(metrics: dict[str, dict[str, dict[str, float]]],
                     thresholds: Thresholds) -> list[Regression]:
    """Every threshold the metrics (mode -> set -> metric) miss; missing figures fail too."""
    regressions = []
    for mode, sets in thresholds.items():
        for set_name, table in sets.items():
            measured_set = metrics.get(mode, {}).get(set_name, {})
            for metric, minimum in table.items():
                measured = measured_set.get(metric)
                if measured is None or measured < minimum:
                    regressions.append(Regression(set_name, metric, minimum, measured, mode))
    return regressions


def format_regressions(regressions: list[Regression]) -> str:
    """A table of what regressed."""
    lines = [f"{'mode':<7} {'set':<18} {'metric':<22} {'minimum':>8} {'measured':>9}"]
    for r in regressions:
        measured = "missing" if r.measured is None else f"{r.measured:.4f}"
        lines.append(f"{r.mode:<7} {r.set_name:<18} {r.metric:<22} {r.minimum:>8.4f} "
                     f"{measured:>9}")
    return "\n".join(lines)
