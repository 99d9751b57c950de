"""Prometheus metrics: requests and latency per endpoint, latency per stage, abstentions."""

from __future__ import annotations

import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_TYPE_LATEST", "Metrics", "MetricsMiddleware"]

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.1, 0.25, 0.5, 1, 2.5)


class Metrics:
    """One registry per app, so several apps (tests) never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("issqa_requests_total", "HTTP requests by endpoint and status.",
                                ["method", "endpoint", "status"], registry=self.registry)
        self.latency = Histogram("issqa_request_seconds", "HTTP request latency by endpoint.",
                                 ["method", "endpoint"], buckets=_BUCKETS,
                                 registry=self.registry)
        self.stages = Histogram("issqa_stage_seconds",
                                "Time per pipeline stage (embed, retrieve, answer).",
                                ["stage"], buckets=_BUCKETS, registry=self.registry)
        self.answers = Counter("issqa_answers_total", "Answers by strategy (faq, extractive, "
                               "abstain).", ["strategy"], registry=self.registry)
        self.index_version = Gauge("issqa_index_info", "The index being served (value 1).",
                                   ["version"], registry=self.registry)

    def observe_stages(self, timings_ms: dict[str, float]) -> None:
        """Record a request's per-stage timings (the total is in the request histogram)."""
        for stage, ms in timings_ms.items():
            if stage != "total":
                self.stages.labels(stage).observe(ms / 1000)

    def set_index_version(self, version: str) -> None:
        """Expose the served index version as a label."""
        self.index_version.clear()
        self.index_version.labels(version).set(1)

    def render(self) -> bytes:
        """The Prometheus text exposition."""
        return generate_latest(self.registry)


class MetricsMiddleware:
    """Count and time every request, labelled by route template (not raw path)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def tracking_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        finally:
            route = scope.get("route")
            # Unknown paths share one label, so scanners cannot blow up the label set.
            endpoint = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], endpoint, str(status)).inc()
            self.metrics.latency.labels(scope["method"], endpoint).observe(
                time.perf_counter() - started)
