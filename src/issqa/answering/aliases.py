"""Acronyms and designations the corpus defines, so a question can use either name.

Visitors ask "what does the MRM-2 module do?" or "can ERA be operated by a spacewalker?"; the
page that answers says "Poisk" and "the European Robotic Arm", and neither the embedding nor
BM25 knows they are the same thing. The pages themselves say so, in two forms:

- a name, then its short form in brackets: "the European Robotic Arm (ERA)", "Poisk (MRM-2)";
- a name, then another: "Harmony, also called Node 2", "Poisk, also known as Mini-Research
  Module 2".

Each pair is read from the corpus when an index is loaded. An acronym is kept only if its
letters are the initials of the name ("Extravehicular Mobility Unit" for EMU), so a bracket
that holds something else is not taken for one; a designation (a word and a number, "MRM-2",
"Node 3") names the last capitalised word before it. A question that uses the short form and not
the name is searched with the name too (``expansions``), if the pages rarely use the short
form (in at most 1% of documents, and no more than the name): "Node 2", in seven documents, is
found by itself, and adding "Harmony" to "where does the name of Node 2 come from?" ranked what
Harmony connects above its naming contest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import tokenize
from .descriptions import Descriptions

__all__ = ["Aliases"]

_NAME_WORD = r"[A-Z][\w'’-]*"
# "the European Robotic Arm (ERA)", "Poisk (MRM-2)", "Harmony (Node 2)".
_BRACKETED = re.compile(
    rf"((?:{_NAME_WORD})(?:\s+(?:of|and|for|the|{_NAME_WORD}))*)\s+\(([A-Z][A-Za-z0-9-]{{1,11}}"
    r"(?:\s\d+)?)\)")
# "Harmony, also called Node 2", "Poisk, also known as Mini-Research Module 2".
_ALSO_CALLED = re.compile(
    rf"\b({_NAME_WORD}),\s+(?:also\s+)?(?:called|known as)\s+(?:the\s+)?"
    rf"((?:{_NAME_WORD}|\d+)(?:\s+(?:{_NAME_WORD}|\d+))*)")
_DESIGNATION = re.compile(r"^[A-Za-z]+(?:[-\s])\d+$")
# A mission or crew in brackets follows a person or a vehicle ("William Shepherd (Expedition
# 1)", "Discovery (STS-102)"): an event they took part in, not another name for them.
_EVENTS = re.compile(r"^(?:expedition|sts|soyuz|progress|crew|flight|mission|ax|crs|ng|htv)\b",
                     re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}s?$")
_MINOR = frozenset(("of", "and", "for", "the", "a", "an"))
# Short forms every page uses with or without the name: expanding them adds only noise.
_EVERYWHERE = frozenset(("ISS", "NASA", "ESA", "CSA", "JAXA", "US", "USA", "UK", "EU"))
# A short form in more than this share of the documents is found by itself.
_RARE = 0.01


def _written(short: str) -> str:
    """A pattern for a short form as it may be written: "MRM-2", "mrm 2", "MRM2"."""
    return r"[-\s]?".join(re.escape(p) for p in re.split(r"[-\s]", short))


def _whole(pattern: str) -> str:
    """``pattern`` standing as a whole word, not inside another ("MRM-2" but not "MRM-25")."""
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _key(written: str) -> str:
    """A short form however it is written: "MRM-2", "mrm 2" and "MRM2" -> "mrm2"."""
    return re.sub(r"[-\s]", "", written).lower()


def _documents(phrase: str, texts: list[str]) -> int:
    """In how many of ``texts`` ``phrase`` stands as a whole."""
    pattern = re.compile(_whole(_written(phrase)))
    return sum(1 for text in texts if pattern.search(text))


def _initials_match(acronym: str, name: str) -> bool:
    """Whether ``acronym``'s letters are the initials of ``name``'s words, in order ("EMU":
    "Extravehicular Mobility Unit"; "ISLE": "In-Suit Light Exercise")."""
    letters = acronym.rstrip("s").upper()
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR]
    initials = "".join(w[0].upper() for w in words)
    return initials == letters or (len(letters) >= 2 and initials.endswith(letters) and
                                   len(initials) - len(letters) <= 1)


def _trim(name: str) -> str:
    """The name without the small words a match may start with ("the", "and", "of")."""
    words = name.split()
    while words and words[0].lower() in _MINOR:
        words.pop(0)
    return " ".join(words)


class Aliases:
    """Short forms (acronyms, designations) and the names the corpus gives them."""

    def __init__(self, texts: Iterable[str], *, known_words: frozenset[str] = frozenset(),
                 descriptions: Descriptions | None = None) -> None:
        # Short form -> name; an acronym that is also an English word ("ERA", "EMU") only
        # counts written in capitals, or "the era of the shuttle" would find the robotic arm.
        self.names: dict[str, str] = {}
        self._known_words = known_words
        texts = list(texts)
        for text in texts:
            for match in _BRACKETED.finditer(text):
                self._add(match.group(2), _trim(match.group(1)))
            for match in _ALSO_CALLED.finditer(text):
                self._add(match.group(2), match.group(1))
        rare = max(1.0, _RARE * len(texts))
        self.names = {short: name for short, name in self.names.items()
                      if (n := _documents(short, texts)) <= rare and n <= _documents(name, texts)}
        # The name of a short form however the question writes it ("mrm 2" for "MRM-2").
        self._by_key: dict[str, str] = {}
        for short, name in self.names.items():
            self._by_key.setdefault(_key(short), name)
        self._pattern = self._compile()
        self.descriptions = descriptions

    def _add(self, short: str, name: str) -> None:
        if not name or short in _EVERYWHERE or short == name:
            return
        if _EVENTS.match(short):
            return
        if _DESIGNATION.match(short):
            # "Poisk (MRM-2)", "Russia's Rassvet (MRM-1)": the module is the last word.
            name = name.split()[-1].removesuffix("'s").removesuffix("’s")
        elif not (_ACRONYM.match(short) and _initials_match(short, name)) and \
                len(short.split()) < 2:
            # Neither a short form of the name nor another name of several words ("Poisk,
            # also known as Mini-Research Module 2").
            return
        self.names.setdefault(short, name)

    def _compile(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        parts = []
        for short in sorted(self.names, key=len, reverse=True):
            body = _written(short)
            if _ACRONYM.match(short) and short.rstrip("s").lower() in self._known_words:
                parts.append(rf"(?-i:{body})")
            else:
                parts.append(body)
        return re.compile(_whole("|".join(parts)), re.I)

    def name_of(self, short: str) -> str | None:
        """The name the pages give a short form however it is written ("mrm 1": Rassvet)."""
        return self._by_key.get(_key(short))

    def shorts_in(self, question: str) -> list[tuple[str, str]]:
        """The short forms ``question`` uses, as written, with their names ("MRM-1", "Rassvet")."""
        found = []
        for match in self._pattern.finditer(question) if self._pattern else ():
            if name := self._by_key.get(_key(match.group())):
                found.append((match.group(), name))
        return found

    def expansions(self, question: str) -> list[str]:
        """The names of the short forms ``question`` uses without their name, and of the
        things it describes without naming ("the American lab": Destiny), once each."""
        words = set(tokenize(question))
        found = []
        for match in self._pattern.finditer(question) if self._pattern else ():
            name = self._by_key.get(_key(match.group()))
            if name and name not in found and not set(tokenize(name)) <= words:
                found.append(name)
        if self.descriptions is not None:
            found += [n for n in self.descriptions.names(question) if n not in found]
        return found
