"""Sentence and word spans over plain text, as (start, end) offsets into the original string."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SERIES", "STOPWORDS", "bm25_terms", "sentence_spans", "tokenize"]

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    e.g i.e etc vs approx dr mr mrs ms st no nos fig jan feb mar apr jun jul aug sep sept oct
    nov dec u.s u.k u.n a.m p.m inc ltd co corp jr sr s.s
    """.split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")


def _ends_sentence(text: str, boundary_end: int, dot_start: int) -> bool:
    """Whether the punctuation ending at ``boundary_end`` closes a sentence."""
    rest = text[boundary_end:].lstrip()
    if not rest:
        return True
    if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘(["):
        return False
    if text[dot_start] != ".":
        return True
    word_start = dot_start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot_start].lstrip("(\"'“")
    if word.lower() in _ABBREVIATIONS:
        return False
    # A single capital letter is an initial ("George W. Bush"), not a sentence end; a unit
    # such as "17 m." is.
    return not (len(word) == 1 and word.isupper())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither begins nor ends with white space or a list marker."""
    while start < end and text[start].isspace():
        start += 1
    marker = _LIST_MARKER.match(text, start, end)
    if marker:
        start = marker.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences; blank lines and list items always split."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    block_start = start
    blocks: list[tuple[int, int]] = []
    for brk in _BLOCK_BREAK.finditer(text, start, end):
        blocks.append((block_start, brk.start()))
        block_start = brk.end()
    blocks.append((block_start, end))
    for b_start, b_end in blocks:
        b_start, _ = _strip(text, b_start, b_end)
        piece_start = b_start
        for match in _BOUNDARY.finditer(text, b_start, b_end):
            if _ends_sentence(text[:b_end], match.end(), match.start()):
                spans.append((piece_start, match.end()))
                piece_start = match.end()
        spans.append((piece_start, b_end))
    result = []
    for s, e in spans:
        s, e = _strip(text, s, e)
        if e > s:
            result.append((s, e))
    return result


# English function words and question words. BM25 drops them: they match nearly every passage,
# and "when was Zarya launched" should be ranked by "zarya" and "launched", not by "was".
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    """.split()
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+(?![^\W_])|[^\W_]+(?:'[^\W_]+)?")


def _fold(word: str) -> str:
    """Simple possessive and plural folding: station's -> station, arrays -> array."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str, *, drop_stopwords: bool = True) -> list[str]:
    """BM25 terms: NFKD-folded lower case, punctuation stripped, "17,500" -> "17500", folded."""
    if len(text) <= _CACHED_LENGTH:
        return list(_cached_terms(text, drop_stopwords))
    return list(_terms(text, drop_stopwords))


def _terms(text: str, drop_stopwords: bool) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'")
    terms = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            terms.append(token.replace(",", ""))
            continue
        folded = _fold(token)
        # Checked before and after folding: "does" must not survive as "doe".
        if folded and not (drop_stopwords and (token in STOPWORDS or folded in STOPWORDS)):
            terms.append(folded)
    return tuple(terms)


# A request tokenizes the same question, its parts and the thread's earlier turns many times
# (focus, aliases, descriptions, the spelling check): texts of a question's length are cached,
# while the corpus's passages, tokenized once when an index is built or loaded, are not.
_CACHED_LENGTH = 300
_cached_terms = lru_cache(maxsize=4096)(_terms)


# Words that name a series whose members carry a number ("Expedition 72", "Soyuz 11", "Node
# 3", "Site 31"): followed by a number, they make a name, not a quantity. One list for BM25's
# joined terms, the sentence tagger and question analysis, as a regular expression alternation.
SERIES = ("expeditions?|soyuz|progress|crew|node|falcon|apollo|gemini|skylab|salyut|vostok|"
          "voskhod|shenzhou|tianzhou|sputnik|kosmos|zond|luna|htv|kounotori|mission|flight|site|"
          "ax")
# A name that carries a number: "Crew-8", "STS-88", "Soyuz MS-28", "Expedition 72", "Node 3".
# Split into "crew" and "8", BM25 matches every crew and every 8; the joined term matches the
# mission. Hyphenated names always; a word and a number only after a series word, so "in 2015"
# or "about 400" make no term.
_NUMBERED_NAME = re.compile(rf"\b([a-z]+)[-‑–](\d+)\b|\b({SERIES})\s+(\d+)\b")


def bm25_terms(text: str) -> list[str]:
    """The terms BM25 indexes and searches: :func:`tokenize`'s, then one joined term per
    numbered name ("Crew-8" -> "crew", "8", ..., "crew8")."""
    joined = [_fold(m.group(1) or m.group(3)) + (m.group(2) or m.group(4))
              for m in _NUMBERED_NAME.finditer(text.lower())]
    return tokenize(text) + joined
