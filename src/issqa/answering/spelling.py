"""Spelling correction against the corpus's own words ("expedtion" -> "expedition").

Visitors misspell; BM25 then matches nothing and the question looks out of scope. A word of the
question that the corpus never uses is replaced by the corpus word within a small edit distance
(Damerau-Levenshtein: insert, delete, substitute, swap two neighbours), preferring the closest,
then the most frequent. Candidates come from a symmetric-delete index (the SymSpell idea,
Garbe 2012): every corpus word is stored under each string made by deleting one of its letters
(a word of seven letters or more under every deletion of one or two), and a query word is
looked up under itself and its own deletions (of one letter, or of two for a word of eight
letters or more), which finds every word within the allowed edits without scanning the
vocabulary: "astronots" (one letter changed, one left out) is two edits from "astronauts".

Short words (under five letters) have too many neighbours one edit away to be mended alone;
one is mended only to a corpus word that stands beside the same neighbour in the corpus
("christina koh" -> "christina koch", "buch wilmore" -> "butch wilmore"). ``known`` words are
left alone: English words the corpus happens not to use ("router", "recipe", "snore") must stay
as they are, or a question would be bent towards the station ("do they snore" read as "do they
score"). The embedding model's own word list (its WordPiece vocabulary) and the English word
frequencies that ship with pyspellchecker (words seen at least ``_COMMON`` times) serve as that
lexicon, offline; a misspelling ("medecine", "staton") is in neither.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from spellchecker import SpellChecker

__all__ = ["Speller", "english_words"]

# Rarer entries of the frequency list include misspellings ("taler" for "taller").
_COMMON = 100
_CONTRACTION = re.compile(r"[a-z]+'(?:t|re|ve|ll|m|d)")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words, lower case (pyspellchecker's English frequency list; loaded once
    per process, about 0.3 s)."""
    counts = SpellChecker(language="en", distance=1).word_frequency.dictionary
    common = [w for w, n in counts.items() if n >= _COMMON]
    # Contractions typed without the apostrophe ("doesnt", "theyre") are words too: left
    # unknown, "doesnt" would be "mended" to the word-piece "doesn". Possessives are not
    # ("tims" is a misspelt "times", not "tim's").
    return frozenset(w.replace("'", "") for w in common
                     if w.isalpha() or _CONTRACTION.fullmatch(w))

# A word may carry capitals inside ("SpaceX", "ISS") and an apostrophe ("doesn't"): cut at
# either, "spacex" would be "mended" to "space" and "doesnt" to "doesn".
_WORD = re.compile(r"[A-Za-z][A-Za-z]+(?:'[a-z]+)?")
_NUMBERED_WORD = re.compile(r"[A-Za-z][A-Za-z]+\d*(?:'[a-z]+)?")


# Words this long or longer may be two edits from the corpus word they misspell.
_TWO_EDITS = 8


def _deletes(word: str) -> set[str]:
    """The strings made by leaving out one letter of ``word``."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _deletes2(word: str) -> set[str]:
    """The strings made by leaving out one or two letters of ``word``."""
    once = _deletes(word)
    return once.union(*(_deletes(w) for w in once))


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment): swaps of neighbours cost 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


class Speller:
    """Corrects words a corpus never uses to the nearest word it does use."""

    def __init__(self, texts: Iterable[str], *, known: Iterable[str] = (),
                 min_length: int = 5) -> None:
        texts = list(texts)
        # A name written with its number is one word ("Canadarm2"): "canadarm" alone is
        # unknown, so a visitor's "Canadarm" is mended to the arm the pages name.
        words = [[w.lower() for w in _NUMBERED_WORD.findall(text)] for text in texts]
        self.counts = Counter(w for line in words for w in line)
        # Which words stand next to which: a short misspelling is mended only beside a word
        # its correction stands beside in the corpus ("christina koh" -> "christina koch").
        self._after: dict[str, set[str]] = defaultdict(set)
        self._before: dict[str, set[str]] = defaultdict(set)
        for line in words:
            for left, right in pairwise(line):
                self._after[left].add(right)
                self._before[right].add(left)
        self.known = frozenset(known)
        self.names = _always_capitalised(texts)
        self.min_length = min_length
        self._index: dict[str, list[str]] = defaultdict(list)
        for word in self.counts:
            if len(word) >= min_length - 1:
                # Long words are stored under two deletions as well: a long misspelling may be
                # two edits away ("astronots": one letter changed, one left out).
                keys = _deletes(word) if len(word) < _TWO_EDITS - 1 else _deletes2(word)
                for key in {word} | keys:
                    self._index[key].append(word)

    def correct_word(self, word: str, *, name: bool = False) -> str:
        """The corpus word closest to ``word`` (itself if known, short, or nothing is close).

        A ``name`` (capitalised inside a sentence) gets one edit at most: a visitor who writes
        "Starlink" means Starlink, not the Starliner two edits away.
        """
        lower = word.lower()
        if len(lower) < self.min_length or not self._unknown(lower) or \
                not word[1:].islower():
            # A word with capitals inside ("NORAD", "SpaceX") was typed so on purpose.
            return word
        # One edit for words up to 7 letters, two for longer ones.
        limit = 1 if len(lower) < _TWO_EDITS or name else 2
        candidates = set()
        for key in {lower} | (_deletes(lower) if limit == 1 else _deletes2(lower)):
            candidates.update(self._index.get(key, ()))
        # Misspellings keep their first letter far more often than not; requiring it stops
        # "router" from becoming "outer".
        scored = [(edit_distance(lower, c), -self.counts[c], c) for c in candidates
                  if c[0] == lower[0]]
        scored = [s for s in scored if s[0] <= limit]
        if (not scored or min(scored)[0] > 1) and (english := self._known_edit(lower)):
            # An English word one edit away beats a corpus word two away: "corected" is
            # "corrected", which the corpus happens not to use, not "connected".
            return _as_written(english, word)
        return _as_written(min(scored)[2], word) if scored else word

    def _known_edit(self, lower: str) -> str:
        """A known English word one edit from ``lower`` with the same first letter, or ""."""
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
        edits = _deletes(lower) | \
            {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} | \
            {a + c + b[1:] for a, b in splits if b for c in letters} | \
            {a + c + b for a, b in splits for c in letters}
        found = sorted(w for w in edits if w in self.known and w[:1] == lower[:1])
        return found[0] if found else ""

    def _unknown(self, lower: str) -> bool:
        """Whether a lower-case word is neither the corpus's nor a known English word."""
        return lower not in self.counts and lower not in self.known and lower.isalpha()

    def correct(self, text: str) -> str:
        """``text`` with every correctable word replaced."""
        matches = list(_WORD.finditer(text))
        out, at, previous = [], 0, ""
        for n, match in enumerate(matches):
            word = match.group()
            if text[match.end():match.end() + 1].isdigit():
                continue  # "Canadarm2" as typed
            fixed = self.correct_word(
                word, name=word[0].isupper() and bool(text[:match.start()].strip()))
            if fixed == word and len(word) < self.min_length:
                following = matches[n + 1].group().lower() if n + 1 < len(matches) else ""
                fixed = self._in_context(word, previous, following)
            out += [text[at:match.start()], fixed]
            at, previous = match.end(), fixed.lower()
        return "".join(out) + text[at:]

    def restore_names(self, text: str) -> str:
        """``text`` with the words the corpus always capitalises capitalised ("chris hadfield
        spacewalk hours" -> "Chris Hadfield spacewalk hours"): visitors type names in lower
        case, and a name is what an answer must mention."""
        words = list(_WORD.finditer(text))
        english = english_words()

        def only_a_name(i: int) -> bool:
            return 0 <= i < len(words) and words[i].group().lower() in self.names and \
                words[i].group().lower() not in english

        def gap(i: int, n: int) -> str:
            """What stands between ``words[i]`` and ``words[n]``."""
            return text[min(words[i].end(), words[n].end()):
                        max(words[i].start(), words[n].start())].strip().lower()

        out, at = [], 0
        for n, match in enumerate(words):
            word = match.group()
            # An English word the corpus always capitalises is part of a longer name ("Common
            # Berthing Mechanism", "the Sun"): alone ("the sun mechanism", "development bill")
            # it is no name; beside a word that is only a name ("suni williams") it is, and so
            # are two people named together ("butch and suni").
            beside = any(only_a_name(i) and gap(i, n) in ("", "and")
                         for i in (n - 2, n - 1, n + 1, n + 2))
            # "scott kelly": two English words the corpus capitalises, and writes together.
            paired = any(0 <= i < len(words) and words[i].group().lower() in self.names
                         and gap(i, n) == "" and self._together(*sorted((i, n)), words)
                         for i in (n - 1, n + 1))
            if word in self.names and (word not in english or beside or paired):
                word = self.names[word]
            out += [text[at:match.start()], word]
            at = match.end()
        return "".join(out) + text[at:]

    def _together(self, left: int, right: int, words: list[re.Match[str]]) -> bool:
        """Whether the corpus writes ``words[left]`` right before ``words[right]``."""
        return words[right].group().lower() in self._after.get(words[left].group().lower(), ())

    def _in_context(self, word: str, previous: str, following: str) -> str:
        """A short word the corpus never uses, mended to a corpus word one edit away that
        stands after ``previous`` or before ``following`` in the corpus ("buch wilmore" ->
        "butch wilmore"); itself when there is none (too many short words are one edit apart
        to mend one without its neighbour)."""
        lower = word.lower()
        if len(lower) < 3:
            return word
        if not self._unknown(lower):
            if previous != "how" or lower in self.counts or not lower.isalpha():
                return word
            # "how lon is the arm?": an English word the corpus never uses, typed where a
            # question's "how long/big/far" stands, is that word mistyped, not a name.
            near = self._after.get(previous, set())
        else:
            near = self._after.get(previous, set()) | self._before.get(following, set())
        scored = [(-self.counts[c], c) for c in near
                  if c[0] == lower[0] and len(c) > 2 and edit_distance(lower, c) == 1
                  and (following or c not in _NEVER_LAST)]
        return _as_written(min(scored)[1], word) if scored else word


# Words no question ends with: "how long were they out ther?" is "out there", not "out the".
_NEVER_LAST = frozenset("the and for from with into onto".split())


# Where a capital letter is the sentence's, not the word's.
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n#*-]\s*)$")


def _always_capitalised(texts: list[str]) -> dict[str, str]:
    """The words the texts capitalise every time they use them inside a sentence (at least
    twice), lower case to their commonest written form: names ("hadfield" -> "Hadfield",
    "spacex" -> "SpaceX"), not words a sentence or a heading happens to start with."""
    lower, written = Counter(), Counter()
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].islower():
                lower[word] += 1
            elif not _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]):
                written[word] += 1
    upper: Counter[str] = Counter()
    forms: dict[str, str] = {}
    for form, n in written.most_common():
        upper[form.lower()] += n
        forms.setdefault(form.lower(), form)
    # Only plain capitalised words are restored: an acronym typed in lower case ("iss",
    # "nasa") reads the same to every later step, and restored it would start to look like
    # part of a longer name ("ISS National Laboratory").
    return {w: forms[w] for w, n in upper.items()
            if n >= 2 and not lower[w] and forms[w][1:].islower()}


def _as_written(correction: str, word: str) -> str:
    """``correction`` capitalised as ``word`` was."""
    return correction.capitalize() if word[0].isupper() else correction
