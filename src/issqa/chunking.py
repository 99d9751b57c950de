"""Heading-aware, token-bounded chunking with exact character spans.

A page is cut at its Markdown headings; each section's text is then packed, sentence by
sentence, into chunks of at most ``max_tokens`` cl100k_base tokens, repeating up to
``overlap_tokens`` of trailing sentences at the start of the next chunk. A sentence longer than
the budget is cut between words. Heading lines are not part of any chunk's text: the heading path
travels with the chunk as context instead. An FAQ entry is always exactly one chunk.

Invariant (checked by property tests): ``document.body[c.char_start:c.char_end] == c.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import sentence_spans
from .tokens import count_tokens
from .types import Chunk, Document

__all__ = ["ChunkerConfig", "chunk_document", "chunk_documents", "section_spans"]

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.M)
_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class ChunkerConfig:
    """Chunk budget in cl100k_base tokens; recorded in the index manifest."""

    max_tokens: int = 200
    overlap_tokens: int = 30

    def __post_init__(self) -> None:
        if self.max_tokens < 1:
            raise ValueError(f"max_tokens must be at least 1, got {self.max_tokens}")
        if not 0 <= self.overlap_tokens < self.max_tokens:
            raise ValueError(
                f"overlap_tokens must be in 0..{self.max_tokens - 1}, got {self.overlap_tokens}"
            )


def _fenced_ranges(body: str) -> list[tuple[int, int]]:
    """Character ranges inside ``` or ~~~ code fences, where '#' lines are not headings."""
    marks = [m.start() for m in _FENCE.finditer(body)]
    if len(marks) % 2:
        marks.append(len(body))
    return list(zip(marks[::2], marks[1::2], strict=True))


def section_spans(body: str) -> list[tuple[tuple[str, ...], int, int]]:
    """Split a Markdown body into (heading path, start, end) of the text under each heading."""
    fenced = _fenced_ranges(body)
    sections: list[tuple[tuple[str, ...], int, int]] = []
    path: list[tuple[int, str]] = []
    start = 0
    current: tuple[str, ...] = ()
    for match in _HEADING.finditer(body):
        if any(a <= match.start() < b for a, b in fenced):
            continue
        sections.append((current, start, match.start()))
        level = len(match.group(1))
        path = [(lvl, title) for lvl, title in path if lvl < level]
        path.append((level, match.group(2).strip()))
        current = tuple(title for _, title in path)
        start = match.end()
    sections.append((current, start, len(body)))
    return [(h, s, e) for h, s, e in sections if body[s:e].strip()]


def _units(body: str, start: int, end: int, max_tokens: int) -> list[tuple[int, int, int]]:
    """Sentence spans with token counts; a sentence over budget is cut into word runs."""
    units = []
    for s, e in sentence_spans(body, start, end):
        tokens = count_tokens(body[s:e])
        if tokens <= max_tokens:
            units.append((s, e, tokens))
            continue
        run_start, run_tokens = s, 0
        for word in _WORD.finditer(body, s, e):
            word_tokens = count_tokens(word.group())
            if run_tokens and run_tokens + word_tokens > max_tokens:
                units.append((run_start, word.start(), run_tokens))
                run_start, run_tokens = word.start(), 0
            if word_tokens > max_tokens:
                # One "word" over budget (a long URL, a run of symbols): cut it by characters.
                units.extend(_split_by_tokens(body, word.start(), word.end(), max_tokens))
                run_start, run_tokens = word.end(), 0
                continue
            run_tokens += word_tokens
        if run_start < e:
            units.append((run_start, e, run_tokens))
    # Trim trailing white space that word runs carry, keeping spans non-empty.
    trimmed = []
    for s, e, _ in units:
        e2 = s + len(body[s:e].rstrip())
        if e2 > s:
            trimmed.append((s, e2, count_tokens(body[s:e2])))
    return trimmed


def _split_by_tokens(body: str, start: int, end: int,
                     max_tokens: int) -> list[tuple[int, int, int]]:
    """Cut ``body[start:end]`` into pieces of at most ``max_tokens`` tokens, by characters."""
    pieces = []
    while start < end:
        lo, hi = start + 1, end
        while lo < hi:  # the longest prefix within budget, by binary search
            mid = (lo + hi + 1) // 2
            if count_tokens(body[start:mid]) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        pieces.append((start, lo, count_tokens(body[start:lo])))
        start = lo
    return pieces


def _pack(body: str, units: list[tuple[int, int, int]],
          config: ChunkerConfig) -> list[tuple[int, int]]:
    """Greedily pack units into spans within budget, with sentence overlap between spans."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        j = i
        while j < len(units) and count_tokens(body[units[i][0]:units[j][1]]) <= config.max_tokens:
            j += 1
        j = max(j, i + 1)  # a single unit is always within budget by construction
        spans.append((units[i][0], units[j - 1][1]))
        if j >= len(units):
            break
        # Step back over trailing units that fit in the overlap, but always move forward.
        back, overlap = j, 0
        while back - 1 > i and overlap + units[back - 1][2] <= config.overlap_tokens:
            back -= 1
            overlap += units[back][2]
        i = back
    return spans


def chunk_document(doc: Document, config: ChunkerConfig | None = None) -> list[Chunk]:
    """Chunks of one document, in reading order, with ids ``<doc_id>#<n>``."""
    config = config or ChunkerConfig()
    if doc.kind == "faq":
        start = len(doc.body) - len(doc.body.lstrip())
        end = len(doc.body.rstrip())
        spans = [((), start, end)]
    else:
        spans = []
        for headings, s, e in section_spans(doc.body):
            for cs, ce in _pack(doc.body, _units(doc.body, s, e, config.max_tokens), config):
                spans.append((headings, cs, ce))
    return [
        Chunk(
            chunk_id=f"{doc.doc_id}#{n}", doc_id=doc.doc_id, kind=doc.kind, title=doc.title,
            url=doc.url, section=doc.section, headings=headings, text=doc.body[s:e],
            char_start=s, char_end=e,
        )
        for n, (headings, s, e) in enumerate(spans)
    ]


def chunk_documents(docs: list[Document], config: ChunkerConfig | None = None) -> list[Chunk]:
    """Chunks of every document, in corpus order."""
    return [chunk for doc in docs for chunk in chunk_document(doc, config)]
