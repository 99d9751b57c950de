"""Calibrated confidence and abstention from the evidence behind an answer.

One score on one signal cannot separate right answers from answers on a matching word (both
land between 0.45 and 0.65 of similarity). Instead a few features of the evidence go through two
logistic models fitted on the dev splits only (``eval/calibrate.py``, scikit-learn):

- ``scope``: the probability that the question is one the corpus answers; below
  ``abstain_below`` (chosen on dev for abstention precision >= 0.95) the answerer abstains;
- ``correct``: the probability that the answer holds the gold facts; reported as the answer's
  ``confidence``.

The fitted coefficients live in ``calibration.json`` beside this module; applying them is a dot
product, so serving needs neither scikit-learn nor any training data.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path

__all__ = ["CALIBRATION_FILE", "FEATURES", "Calibration", "Evidence", "LogisticModel"]

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Evidence:
    """What the answerer saw: retrieval scores, the chosen sentence and the FAQ match."""

    faq_similarity: float
    top_dense: float
    bm25_agrees: bool
    semantic: float
    lexical: float
    typed: bool
    expects_type: bool
    unknown_share: float
    missing_focus: float
    faq: bool
    partial: bool

    def features(self) -> list[float]:
        """The model's inputs, in ``FEATURES`` order."""
        return [float(getattr(self, name)) for name in FEATURES]

    def to_dict(self) -> dict[str, float | bool]:
        """A JSON-ready view, for ``--explain``."""
        return asdict(self)


FEATURES = tuple(f.name for f in fields(Evidence))


@dataclass(frozen=True)
class LogisticModel:
    """p = 1 / (1 + exp(-(w . x + b)))."""

    weights: tuple[float, ...]
    bias: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"a model needs {len(FEATURES)} weights ({', '.join(FEATURES)}), "
                             f"got {len(self.weights)}")

    def probability(self, x: list[float]) -> float:
        """The modelled probability for one feature vector."""
        z = self.bias + sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


@dataclass(frozen=True)
class Calibration:
    """The two fitted models and the abstention operating point."""

    scope: LogisticModel
    correct: LogisticModel
    abstain_below: float
    fitted_on: str = ""

    def predict(self, evidence: Evidence) -> tuple[float, float]:
        """(probability in scope, probability correct) for one answer's evidence."""
        x = evidence.features()
        return self.scope.probability(x), self.correct.probability(x)

    @classmethod
    def load(cls, path: Path) -> Calibration:
        """Read a calibration file written by ``eval/calibrate.py``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if list(data["features"]) != list(FEATURES):
                raise ValueError(f"features {data['features']} do not match {list(FEATURES)}")
            return cls(LogisticModel(tuple(data["scope"]["weights"]), data["scope"]["bias"]),
                       LogisticModel(tuple(data["correct"]["weights"]),
                                     data["correct"]["bias"]),
                       float(data["abstain_below"]), str(data.get("fitted_on", "")))
        except (OSError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: not a calibration file ({exc}); rerun "
                             "`python eval/calibrate.py`") from exc

    @classmethod
    def default(cls) -> Calibration:
        """The calibration shipped with issqa (fitted on the dev splits)."""
        return cls.load(CALIBRATION_FILE)

    def to_json(self) -> str:
        """The file format ``load`` reads."""
        return json.dumps({
            "features": list(FEATURES),
            "scope": {"weights": list(self.scope.weights), "bias": self.scope.bias},
            "correct": {"weights": list(self.correct.weights), "bias": self.correct.bias},
            "abstain_below": self.abstain_below, "fitted_on": self.fitted_on,
        }, indent=2) + "\n"
