"""Follow-up questions: "Who built it?" after "When was Zarya launched?" means Zarya.

The server keeps no conversation; a client sends the earlier questions of the thread as
``history`` (oldest first) and each new question is rewritten in full before it is analysed:

- **Ellipsis**: "what about Kibo?", "and Harmony?", "how about Crew-9?" repeat the previous
  question with its subject replaced ("Who built Columbus?" -> "Who built Kibo?").
- **Pronouns**: "it", "they", "there", "he", "she", "that" in a question naming no subject of
  its own take the subject of the latest earlier question that has one ("and how long is it?"
  after "What is the truss?" -> "how long is the truss?").

A subject is the last proper name of a question ("Zarya", "Crew-9", "Soyuz MS-22") or, when it
has none, its last "the <noun>" phrase ("the truss"). Earlier questions are resolved the same
way first, so a thread of three follows through. Rules, not a model: each is pinned by a test
in ``tests/answering/test_followup.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["MAX_HISTORY", "resolve_follow_up", "subject_of"]

MAX_HISTORY = 6

_ELLIPSIS = re.compile(
    r"^\s*(?:and|but|so)?\s*(?:what|how)\s+about\s+(?P<x>.+?)\s*\??\s*$"
    # "and Harmony?": a bare subject, not "and how long is it?".
    r"|^\s*(?:and|also)\s+(?!(?:what|when|where|who|why|how|which|is|are|was|were|do|does|"
    r"did|can|could|will|has|have)\b)(?P<y>[^?]{1,60}?)\s*\?\s*$", re.I)
_LEADING_AND = re.compile(r"^\s*(?:and|also|so|then)\s*,?\s+", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|it's|they|them|their|theirs|there|he|him|his|she|her|"
                      r"that one|that)\b", re.I)
_QUESTION_WORDS = re.compile(r"^(?:what|when|where|who|whom|whose|why|how|which|is|are|was|"
                             r"were|do|does|did|can|could|will|would|has|have|had)$", re.I)
# A proper name: capitalised words (not the first word of the question) or a code with digits.
_NAME = re.compile(r"(?<!^)\b(?:[A-Z][\w'’-]*|[A-Za-z]+-\d+[\w-]*)"
                   r"(?:\s+(?:[A-Z][\w'’-]*|[A-Z]*\d[\w-]*))*")
_THE_NOUN = re.compile(r"\bthe\s+([A-Za-z][\w-]*)")
_GENERIC = frozenset({"ISS", "International Space Station", "Space Station", "I", "NASA"})


def subject_of(question: str) -> str | None:
    """The thing a question is about: its last proper name, else its last "the <noun>"."""
    text = question.strip().rstrip("?").strip()
    names = [m.group() for m in _NAME.finditer(text)
             if m.start() > 0 and not _QUESTION_WORDS.match(m.group())
             and m.group() not in _GENERIC]
    if names:
        return names[-1]
    nouns = _THE_NOUN.findall(text)
    return f"the {nouns[-1]}" if nouns else None


def _own_subject(question: str) -> bool:
    """Whether a question names its own subject (a proper name), so pronouns stay."""
    text = question.strip().rstrip("?")
    return any(m.start() > 0 and m.group() not in _GENERIC and not _QUESTION_WORDS.match(m.group())
               for m in _NAME.finditer(text))


def resolve_follow_up(question: str, history: Sequence[str]) -> str:
    """``question`` written out in full, given the earlier questions of the thread."""
    if not history:
        return question
    resolved: list[str] = []
    for earlier in history[-MAX_HISTORY:]:
        resolved.append(_resolve_one(earlier, resolved))
    return _resolve_one(question, resolved)


def _latest_subject(history: Sequence[str]) -> tuple[str, str] | None:
    """(question, subject) of the most recent earlier question that has a subject."""
    for earlier in reversed(history):
        subject = subject_of(earlier)
        if subject is not None:
            return earlier, subject
    return None


def _resolve_one(question: str, history: Sequence[str]) -> str:
    if not history:
        return question
    ellipsis = _ELLIPSIS.match(question)
    if ellipsis:
        new_subject = (ellipsis.group("x") or ellipsis.group("y")).strip()
        found = _latest_subject(history)
        if found is None:
            return f"{history[-1].rstrip('?')} ({new_subject})?"
        earlier, old_subject = found
        return earlier.replace(old_subject, new_subject, 1)
    if _own_subject(question) or not _PRONOUN.search(question):
        return question
    found = _latest_subject(history)
    if found is None:
        return question
    subject = found[1]
    text = _LEADING_AND.sub("", question)

    def replace(match: re.Match[str]) -> str:
        word = match.group().lower()
        if word in ("its", "their", "theirs", "his"):
            return f"{subject}'s"
        if word == "there":
            return f"on {subject}" if not subject.startswith("the ") else f"in {subject}"
        return subject

    return _PRONOUN.sub(replace, text, count=1)
