"""Putting the answers to the parts of a two-part question together, citations renumbered."""

from __future__ import annotations

import re
from dataclasses import replace

from ..types import Answer
from .question import QuestionAnalysis

__all__ = ["combine_parts"]

_MARKER = re.compile(r"\[(\d+)\]")


def combine_parts(answers: list[tuple[QuestionAnalysis, Answer]]) -> Answer:
    """One answer from each part's answer: parts in order, markers ``[n]`` numbered through.

    A part that found nothing says so in its place; the whole abstains only if every part does.
    """
    if len(answers) == 1:
        return answers[0][1]
    answered = [a for _, a in answers if not a.abstained]
    if not answered:
        first = answers[0][1]
        related = tuple({r.doc_id: r for _, a in answers for r in a.related}.values())[:3]
        return replace(first, related=related,
                       confidence=min(a.confidence for _, a in answers))
    texts, citations = [], []
    quoted: list[tuple[str, int, int, str]] = []
    for part, answer in answers:
        if answer.abstained:
            texts.append(f"I could not find an answer to \u201c{part.original.rstrip('?')}?\u201d "
                         "in the station pages.")
            continue
        text, kept = _without_repeats(answer, quoted)
        if not kept:
            continue  # all of it is already quoted for an earlier part
        numbers = {c.n: len(citations) + i for i, c in enumerate(kept, start=1)}
        texts.append(_MARKER.sub(lambda m, n=numbers: f"[{n[int(m.group(1))]}]", text))
        citations.extend(replace(c, n=numbers[c.n]) for c in kept)
    strategies = {a.strategy for a in answered}
    return Answer(
        " ".join(texts), tuple(citations), False, min(a.confidence for a in answered),
        "faq" if strategies == {"faq"} else "extractive",
        partial=any(a.partial for a in answered) or len(answered) < len(answers),
    )


def _words(sentence: str) -> str:
    """A quoted sentence's words, lower case, without its citation marker."""
    return " ".join(re.findall(r"[a-z0-9]+", _MARKER.sub("", sentence).lower()))


# A quoted sentence and the citation marker after it.
_QUOTED = re.compile(r"(.*?\[(\d+)\])\s*", re.S)


def _without_repeats(answer: Answer, quoted: list[tuple[str, int, int, str]]
                     ) -> tuple[str, list]:
    """``answer``'s text less the sentences an earlier part already quoted, in itself, within
    a whole FAQ answer ("when will it be retired and what happens after that?" found the 2030
    sentences for both parts) or word for word from another document (a page and its FAQ),
    with the citations kept; ``quoted`` grows by what is kept."""
    by_number = {c.n: c for c in answer.citations}
    pieces, kept, end = [], [], 0
    for match in _QUOTED.finditer(answer.text):
        end = match.end()
        citation = by_number.get(int(match.group(2)))
        if citation is None:
            pieces.append(match.group(1))
            continue
        words = _words(match.group(1))
        if any((doc == citation.doc_id and start <= citation.char_start
                and citation.char_end <= end_) or words == text
               for doc, start, end_, text in quoted):
            continue
        quoted.append((citation.doc_id, citation.char_start, citation.char_end, words))
        pieces.append(match.group(1))
        kept.append(citation)
    rest = answer.text[end:].strip()
    return " ".join(p.strip() for p in [*pieces, rest] if p.strip()), kept
