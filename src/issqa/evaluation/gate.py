"""The quality gate: minimum figures per set and metric, checked against a report."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidRequestError

__all__ = ["Regression", "check_thresholds", "format_regressions", "load_thresholds"]


@dataclass(frozen=True)
class Regression:
    """A metric below its minimum."""

    set_name: str
    metric: str
    minimum: float
    measured: float | None


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    """Read ``[set] metric = minimum`` tables from a TOML file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidRequestError(f"cannot read thresholds {path}: {exc}") from exc
    thresholds: dict[str, dict[str, float]] = {}
    for set_name, table in data.items():
        if not isinstance(table, dict):
            raise InvalidRequestError(f"{path}: [{set_name}] must be a table of metric = minimum")
        for metric, value in table.items():
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise InvalidRequestError(f"{path}: {set_name}.{metric} must be a number")
        thresholds[set_name] = {m: float(v) for m, v in table.items()}
    return thresholds


def check_thresholds(metrics: dict[str, dict[str, float]],
                     thresholds: dict[str, dict[str, float]]) -> list[Regression]:
    """Every threshold the metrics miss; a metric or set missing from the report also fails."""
    regressions = []
    for set_name, table in thresholds.items():
        measured_set = metrics.get(set_name, {})
        for metric, minimum in table.items():
            measured = measured_set.get(metric)
            if measured is None or measured < minimum:
                regressions.append(Regression(set_name, metric, minimum, measured))
    return regressions


def format_regressions(regressions: list[Regression]) -> str:
    """A table of what regressed."""
    lines = [f"{'set':<18} {'metric':<22} {'minimum':>8} {'measured':>9}"]
    for r in regressions:
        measured = "missing" if r.measured is None else f"{r.measured:.4f}"
        lines.append(f"{r.set_name:<18} {r.metric:<22} {r.minimum:>8.4f} {measured:>9}")
    return "\n".join(lines)
