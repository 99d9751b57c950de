"""Things a question describes instead of naming, and the names the corpus gives them.

Visitors ask about "the American lab", "the Russian cargo ships" or "Boeing's crew capsule";
the pages that answer say "Destiny", "Progress" and "Starliner", and the description alone
finds every laboratory or cargo ship. The pages define their things in two forms:

- a title, a name and then what it is: "Destiny, the US laboratory", "Soyuz and Progress,
  Russia's crew and cargo ships";
- a sentence that says what a name is: "Progress is Russia's uncrewed cargo ship", "Starliner
  is Boeing's crew capsule" (the description ends there: "Pirs was the first ISS module to be
  discarded" is no definition).

A question's description is a run of words ending in a noun ("the Russian cargo ships"). It
names a thing when every word of it is in the thing's definition (a people and its country
count as one word, "American" as "US", an agency as its country, "lab" as "laboratory") and
the noun is the definition's or a word for any thing ("module", "ship", "piece"), and at most
two things fit: "the cargo ship" alone fits half the fleet and names none. The run grows
from the noun while a definition still holds it, so a verb before it ends it ("who built
Boeing's crew capsule"), but a people or a name that fits nothing means another thing ("the
Russian crew capsule" is not Starliner). A question that names a defined thing is left alone
("why does Zarya count as an American part?"). The question is then searched with the name
too (``Aliases.expansions``), which is not a focus term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..text import STOPWORDS, tokenize

__all__ = ["Descriptions"]

# What a definition may call a thing, singular as ``tokenize`` folds it.
_KINDS = frozenset((
    "laboratory", "module", "node", "airlock", "arm", "ship", "capsule", "spacecraft",
    "vehicle", "spaceplane", "robot", "hub", "adapter", "cupola", "spacesuit", "suit",
    "toilet", "telescope", "rocket", "segment", "platform", "facility", "truss"))
# A question's noun that fits any kind of thing: "Europe's lab module" is Columbus, "the very
# first piece of the station" Zarya.
_ANY_KIND = frozenset(("module", "ship", "spacecraft", "vehicle", "craft", "piece", "part",
                       "thing", "element", "one"))
# Words that may follow a "thing" that is a part of the station ("the airlock thing on the
# ISS", "the round thing attached to it").
_AFTER_A_PART = frozenset(("on", "in", "at", "of", "for", "outside", "inside", "attached",
                           "called", "that", "which", "is", "was", "does", "do"))
# Words of a question's description that pick out nothing ("the station's main lab").
_IGNORED = frozenset(("station", "iss", "space", "international", "main", "very",
                      "whole", "name", "called"))
# A people, its country and its agency are one word of a definition.
_SAME = {
    **dict.fromkeys(("america", "american", "us", "usa", "nasa"), "usa"),
    **dict.fromkeys(("europe", "european", "esa"), "europe"),
    **dict.fromkeys(("japan", "japanese", "jaxa"), "japan"),
    **dict.fromkeys(("russia", "russian", "roscosmos", "soviet"), "russia"),
    **dict.fromkeys(("canada", "canadian", "csa"), "canada"),
    **dict.fromkeys(("italy", "italian", "asi"), "italy"),
    "lab": "laboratory", "robotic": "robot",
    **dict.fromkeys(("big", "large", "huge", "giant"), "large"),
}
_PEOPLES = frozenset(_SAME.values()) - {"laboratory"}
_NAME = r"[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,2}"
# "Progress is Russia's uncrewed cargo ship." The description is a determiner or an owner's
# name, then a few words, then a kind, then the sentence or clause ends.
_DEFINITION = re.compile(
    rf"^(?:The\s+)?({_NAME})(?:\s+\([^)]*\))?,?\s+(?:is|was|are|were)\s+"
    r"((?:the|a|an|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*['’]s?)\s+(?:[\w'’()-]+\s+){0,4}?"
    r"(?:" + "|".join(sorted(_KINDS)) + r")s?)(?=\s*(?:[.,;]|$|\s+(?:for|with|built|launched|"
                                  r"that\s+(?:is|was)|of\s+the\s+(?:International\s+Space\s+Station|space\s+station|"
                                  r"station|ISS))\b))")
# "Destiny, the US laboratory"; "Soyuz and Progress, Russia's crew and cargo ships".
_TITLE = re.compile(rf"^({_NAME}(?:\s+and\s+{_NAME})?)(?:\s+\([^)]*\))?,\s+"
                    rf"((?:the|{_NAME}['’]s)\s+.+)$")
_WORD = re.compile(r"[\w'’-]+")


def _terms(text: str) -> list[str]:
    """A description's words as one vocabulary: folded, a people as its country."""
    return [_SAME.get(t, t) for t in tokenize(text.replace("-", " "))]


@dataclass(frozen=True)
class _Definition:
    name: str                 # as the pages write it ("HTV-X")
    terms: frozenset[str]     # what it is, as description words ("japan", "cargo", "ship")
    name_terms: frozenset[str]


class Descriptions:
    """The definitions the corpus gives its things, looked up by a question's description."""

    def __init__(self, titles: Iterable[str], sentences: Iterable[str]) -> None:
        self.definitions: list[_Definition] = []
        for title in titles:
            if (match := _TITLE.match(title.strip())) and (kind := _kind_of(match.group(2))):
                for name in re.split(r"\s+and\s+", match.group(1)):
                    self._add(name, match.group(2), kind)
        for sentence in sentences:
            if (match := _DEFINITION.match(sentence)) and (kind := _kind_of(match.group(2))):
                self._add(match.group(1), match.group(2), kind)
        self._kinds = frozenset(t for d in self.definitions for t in d.terms) & _KINDS

    def _add(self, name: str, description: str, kind: str) -> None:
        name = re.sub(r"^The\s+", "", name.strip())
        # "Boeing was the builder of the Destiny laboratory" says what Boeing did.
        if name.lower() in STOPWORDS or any(
                w.lower() in STOPWORDS for w in description.split()[1:]):
            return
        definition = _Definition(name, frozenset(_terms(description)) | {kind},
                                 frozenset(tokenize(name)))
        if definition not in self.definitions:
            self.definitions.append(definition)

    def names(self, question: str) -> list[str]:
        """The names of the things ``question`` describes without naming, once each."""
        words = _WORD.findall(question)
        asked = {t for w in words for t in tokenize(w)}
        if any(d.name_terms <= asked for d in self.definitions):
            # "Why does Zarya count as an American part?": the description is the named
            # thing's, not another's.
            return []
        found: list[str] = []
        for end, word in enumerate(words):
            head = _terms(word)
            if head and (head[0] in self._kinds or head[0] in _ANY_KIND) \
                    and not _names_no_part(words, end):
                found.extend(n for n in self._fitting(words, end, head[0]) if n not in found)
        return found

    def _fitting(self, words: Sequence[str], end: int, head: str) -> list[str]:
        """The names of the things that ``words[end]`` and the words before it describe.

        The description grows word by word towards the question's start while some
        definition still holds all of it ("crew capsule", "Boeing's crew capsule", then
        "built Boeing's crew capsule" fits nothing) and stops at a function word. A people
        or a capitalised word that fits nothing describes another thing ("the Russian crew
        capsule" is not Starliner): then nothing fits."""
        fitting: list[_Definition] = []
        described: frozenset[str] = frozenset()
        for start in range(end - 1, max(end - 5, -1), -1):
            word = words[start]
            if not tokenize(word) or word[:1].isdigit():
                break
            wider = described | (frozenset(_terms(word)) - _IGNORED - {head})
            if wider == described:
                continue  # "very", "station's": nothing to fit
            fits = [d for d in self.definitions
                    if wider <= d.terms and (head in d.terms or head in _ANY_KIND)]
            if not fits:
                if word[:1].isupper() or not _PEOPLES.isdisjoint(_terms(word)):
                    return []
                break
            fitting, described = fits, wider
        return _closest(fitting, described, head)


def _names_no_part(words: Sequence[str], end: int) -> bool:
    """Whether ``words[end]``, a word for any thing, names no part of the station: a "thing"
    that a clause goes on to describe ("the first thing you'd grab", "the first thing
    astronauts eat"), or "ones" of the thread; "the Nanoracks airlock thing on the ISS" is a
    part."""
    if words[end].lower() == "ones":
        return True  # "they swapped in new ones": the thread's things, not a defined one
    if words[end].lower() not in ("thing", "things") or end + 1 == len(words):
        return False
    return words[end + 1].lower() not in _AFTER_A_PART


def _closest(fitting: list[_Definition], described: frozenset[str], head: str) -> list[str]:
    """The names of the ``fitting`` definitions that describe one or two things: those of
    the kind named first ("the Japanese module" is Kibo, not a Japanese cargo ship), then the
    closest fits ("the first piece" is the "first module", Zarya, not "Japan's first ...
    facility")."""
    fitting = [d for d in fitting if head in d.terms] or fitting
    if not fitting or len({d.name for d in fitting}) > 2:
        return []
    spare = min(len(d.terms - described - {head}) for d in fitting)
    return list(dict.fromkeys(d.name for d in fitting
                              if len(d.terms - described - {head}) == spare))


def _kind_of(description: str) -> str:
    """The kind a definition calls its thing (its last kind word), or "" if none."""
    kinds = [t for t in _terms(description) if t in _KINDS]
    return kinds[-1] if kinds else ""
