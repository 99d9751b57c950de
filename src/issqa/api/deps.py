"""What routes receive through FastAPI dependencies (overridable in tests), and what every
answering route does once it has an answer."""

from __future__ import annotations

import hashlib
import logging
from typing import Annotated

from fastapi import Depends, Request

from ..errors import IndexUnavailableError
from ..service import AskResult, Engine
from ..settings import Settings
from .metrics import Metrics

__all__ = ["EngineDep", "MetricsDep", "SettingsDep", "get_engine", "get_metrics",
           "get_settings", "record_answer"]

log = logging.getLogger("issqa.api")


def get_engine(request: Request) -> Engine:
    """The engine loaded at start-up."""
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None or not engine.ready:
        raise IndexUnavailableError("the service is starting or has no index loaded; "
                                    "try again shortly")
    return engine


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    return request.app.state.settings


def get_metrics(request: Request) -> Metrics:
    """The app's metrics registry."""
    return request.app.state.metrics


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]


def record_answer(settings: Settings, metrics: Metrics, question: str,
                  result: AskResult) -> None:
    """Count the answer and its stage timings, and log one line (question text only if the
    settings allow it)."""
    metrics.observe_stages(result.timings_ms)
    metrics.answers.labels(result.answer.strategy).inc()
    if settings.log_questions:
        what = f"question={question!r}"
    else:
        what = f"question_sha256={hashlib.sha256(question.encode()).hexdigest()[:12]} " \
               f"question_chars={len(question)}"
    log.info("ask %s strategy=%s confidence=%.3f total_ms=%.1f", what,
             result.answer.strategy, result.answer.confidence, result.timings_ms["total"])
