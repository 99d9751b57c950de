"""Frozen domain types shared by every stage: documents, chunks and search hits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Answer", "Chunk", "Citation", "DocKind", "Document", "Hit", "Phrasing", "RelatedPage",
    "Sentence",
]

DocKind = Literal["page", "faq"]


@dataclass(frozen=True)
class Document:
    """A station page or one FAQ entry, as loaded from the corpus.

    For an FAQ the body is the question, a blank line, then the answer, so that citations into an
    FAQ use the same ``body[char_start:char_end]`` contract as pages.
    """

    doc_id: str
    kind: DocKind
    title: str
    url: str
    section: str
    updated: dt.date
    sources: tuple[str, ...]
    body: str
    path: str
    question: str | None = None
    also_asked: tuple[str, ...] = ()

    @property
    def answer_start(self) -> int:
        """Offset in ``body`` where an FAQ's answer begins (0 for pages)."""
        return len(self.question) + 2 if self.question is not None else 0


@dataclass(frozen=True)
class Chunk:
    """A passage of one document: ``document.body[char_start:char_end] == text``."""

    chunk_id: str
    doc_id: str
    kind: DocKind
    title: str
    url: str
    section: str
    headings: tuple[str, ...]
    text: str
    char_start: int
    char_end: int

    @property
    def context(self) -> str:
        """Title and heading path, prepended to the text for embedding and BM25."""
        return " > ".join((self.title, *self.headings))

    @property
    def indexed_text(self) -> str:
        """What the retrievers see: the context line, then the passage."""
        return f"{self.context}\n\n{self.text}"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: a page sentence or FAQ answer sentence an answer may quote,
    or an FAQ's question, kept to match user questions against.

    ``tags`` name the kinds of answer the sentence holds (``issqa.tagging.TAGS``: date,
    quantity, person, ...), computed at build time.
    """

    doc_id: str
    char_start: int
    char_end: int
    role: str = "text"  # "text" (page), "answer" or "question" (FAQ)
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phrasing:
    """One way of asking an FAQ: its question or one of its ``also_asked`` phrasings."""

    doc_id: str
    text: str
    role: Literal["question", "also_asked"]


@dataclass(frozen=True)
class Hit:
    """One ranked chunk, with the rank and score each retriever gave it (1-based ranks)."""

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Citation:
    """Where one answer sentence came from: ``document.body[char_start:char_end]`` is it."""

    n: int
    doc_id: str
    chunk_id: str
    title: str
    url: str
    section: str
    snippet: str
    char_start: int
    char_end: int
    score: float


@dataclass(frozen=True)
class RelatedPage:
    """A page offered when the assistant abstains."""

    doc_id: str
    title: str
    url: str
    section: str
    score: float


@dataclass(frozen=True)
class Answer:
    """An answer with inline markers ``[n]``, or an abstention with related pages."""

    text: str
    citations: tuple[Citation, ...]
    abstained: bool
    confidence: float
    strategy: Literal["faq", "extractive", "generative", "abstain"]
    related: tuple[RelatedPage, ...] = ()
    # True when no sentence carries the kind of answer asked for (a date for "when"): the
    # answer says so and quotes the closest the pages come.
    partial: bool = False
