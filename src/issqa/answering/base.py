"""The answerer protocol: extractive today, a generative (LLM) backend can implement it later."""

from __future__ import annotations

from typing import Protocol

from ..retrieval import Query
from ..types import Answer, Hit

__all__ = ["Answerer"]


class Answerer(Protocol):
    """Composes an answer, or abstains, from the passages retrieved for a question."""

    def answer(self, query: Query, hits: list[Hit]) -> Answer:
        """An answer whose citations point at exact spans of the hits' documents."""
