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
    for part, answer in answers:
        if answer.abstained:
            texts.append(f"I could not find an answer to \u201c{part.original.rstrip('?')}?\u201d "
                         "in the station pages.")
            continue
        offset = len(citations)
        texts.append(_MARKER.sub(lambda m, o=offset: f"[{int(m.group(1)) + o}]", answer.text))
        citations.extend(replace(c, n=c.n + offset) for c in answer.citations)
    strategies = {a.strategy for a in answered}
    return Answer(
        " ".join(texts), tuple(citations), False, min(a.confidence for a in answered),
        "faq" if strategies == {"faq"} else "extractive",
        partial=any(a.partial for a in answered) or len(answered) < len(answers),
    )
