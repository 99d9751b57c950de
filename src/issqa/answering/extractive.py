"""Extractive answers: quote the best 1 to 3 sentences of the retrieved passages, verbatim.

No language model is involved, so an answer can never say what the corpus does not: every
sentence is a span of a cited document. Candidate sentences come from the top passages and are
scored on three signals (weights in ``AnswerConfig``):

- semantic: cosine similarity of sentence and question embeddings (sentence vectors are
  computed at build time, so answering embeds nothing but the question);
- lexical: the idf-weighted share of the question's terms that the sentence contains;
- rank: a prior from the rank of the passage the sentence sits in.

When the question closely matches an FAQ's question, that FAQ's answer is returned whole. When
the best candidate scores below ``abstain_below``, the answerer abstains and offers related pages.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..index import LoadedIndex
from ..index.store import Sentence
from ..retrieval import Query
from ..text import tokenize
from ..types import Answer, Citation, Hit, RelatedPage

__all__ = ["ABSTAIN_MESSAGE", "AnswerConfig", "ExtractiveAnswerer"]

ABSTAIN_MESSAGE = (
    "I could not find an answer to that in the station pages and FAQs. Try rephrasing the "
    "question, or browse the related pages below."
)


@dataclass(frozen=True)
class AnswerConfig:
    """Weights and thresholds of the extractive answerer (chosen on the dev split; see eval/)."""

    semantic_weight: float = 0.6
    lexical_weight: float = 0.3
    rank_weight: float = 0.1
    faq_match: float = 0.83
    abstain_below: float = 0.45
    max_sentences: int = 3
    extra_sentence_ratio: float = 0.85
    next_sentence_ratio: float = 0.6
    redundancy: float = 0.85
    min_novelty: float = 0.3
    passages: int = 5
    related_min: float = 0.25
    snippet_chars: int = 320


@dataclass
class _Candidate:
    index: int
    sentence: Sentence
    hit_rank: int
    hit: Hit
    semantic: float
    lexical: float
    score: float


class ExtractiveAnswerer:
    """Scores the sentences of the top passages and quotes the best ones."""

    def __init__(self, index: LoadedIndex, config: AnswerConfig | None = None) -> None:
        self.index = index
        self.config = config or AnswerConfig()
        self._by_doc: dict[str, list[int]] = defaultdict(list)
        for i, sentence in enumerate(index.sentences):
            self._by_doc[sentence.doc_id].append(i)
        bm25 = index.bm25
        n = max(bm25.n_docs, 1)
        df = np.diff(bm25.indptr)
        self._idf = {t: math.log(1 + n / df[row]) for t, row in bm25.vocabulary.items()}
        self._unknown_idf = math.log(1 + n)
        # Terms of every sentence, once: tokenizing candidates per request was a seventh of
        # an answer's time (pyinstrument, bench/profile_ask.py).
        self._terms = [frozenset(tokenize(self._text(s))) for s in index.sentences]

    def _text(self, sentence: Sentence) -> str:
        return self.index.documents[sentence.doc_id].body[sentence.char_start:sentence.char_end]

    def _lexical(self, query_terms: set[str], sentence_terms: frozenset[str]) -> float:
        if not query_terms:
            return 0.0
        total = sum(self._idf.get(t, self._unknown_idf) for t in query_terms)
        hit = sum(self._idf.get(t, self._unknown_idf) for t in query_terms & sentence_terms)
        return hit / total

    def _candidates(self, query: Query, hits: list[Hit]) -> list[_Candidate]:
        cfg = self.config
        query_terms = set(query.terms)
        picked: dict[int, tuple[int, Hit]] = {}
        for rank, hit in enumerate(hits[:cfg.passages], start=1):
            chunk = hit.chunk
            for i in self._by_doc.get(chunk.doc_id, ()):
                sentence = self.index.sentences[i]
                inside = chunk.char_start <= sentence.char_start and \
                    sentence.char_end <= chunk.char_end
                if sentence.role != "question" and inside and i not in picked:
                    picked[i] = (rank, hit)
        if not picked:
            return []
        rows = list(picked)
        similarities = self.index.sentence_vectors[rows] @ query.vector  # one matrix product
        found = []
        for i, semantic in zip(rows, similarities.tolist(), strict=True):
            rank, hit = picked[i]
            lexical = self._lexical(query_terms, self._terms[i])
            score = (cfg.semantic_weight * semantic + cfg.lexical_weight * lexical
                     + cfg.rank_weight / rank)
            found.append(_Candidate(i, self.index.sentences[i], rank, hit, semantic, lexical,
                                    score))
        found.sort(key=lambda c: (-c.score, c.hit_rank, c.sentence.char_start))
        return found

    def _faq_match(self, query: Query, hits: list[Hit]) -> tuple[Hit, Sentence, float] | None:
        """The FAQ among the hits whose question is closest to the user's, if close enough."""
        best = None
        for hit in hits:
            if hit.chunk.kind != "faq":
                continue
            for i in self._by_doc.get(hit.chunk.doc_id, ()):
                sentence = self.index.sentences[i]
                if sentence.role == "question":
                    similarity = float(self.index.sentence_vectors[i] @ query.vector)
                    if best is None or similarity > best[2]:
                        best = (hit, sentence, similarity)
        if best is not None and best[2] >= self.config.faq_match:
            return best
        return None

    def _snippet(self, hit: Hit, start: int, end: int) -> str:
        """The passage around a sentence, trimmed to about ``snippet_chars``."""
        chunk = hit.chunk
        limit = self.config.snippet_chars
        if len(chunk.text) <= limit:
            return chunk.text
        body = self.index.documents[chunk.doc_id].body
        room = max(limit - (end - start), 0)
        lo = max(chunk.char_start, start - room // 2)
        hi = min(chunk.char_end, end + (room - (start - lo)))
        snippet = body[lo:hi].strip()
        return ("…" if lo > chunk.char_start else "") + snippet + \
            ("…" if hi < chunk.char_end else "")

    def _citation(self, n: int, hit: Hit, start: int, end: int, score: float) -> Citation:
        chunk = hit.chunk
        return Citation(n, chunk.doc_id, chunk.chunk_id, chunk.title, chunk.url, chunk.section,
                        self._snippet(hit, start, end), start, end, round(score, 4))

    def _related(self, hits: list[Hit]) -> tuple[RelatedPage, ...]:
        pages: dict[str, RelatedPage] = {}
        for hit in hits:
            dense = hit.scores.get("dense")
            if dense is None or dense < self.config.related_min or hit.chunk.doc_id in pages:
                continue
            doc = self.index.documents[hit.chunk.doc_id]
            if doc.kind == "page":
                pages[doc.doc_id] = RelatedPage(doc.doc_id, doc.title, doc.url, doc.section,
                                                round(dense, 4))
        return tuple(list(pages.values())[:3])

    def answer(self, query: Query, hits: list[Hit]) -> Answer:
        """Answer from the FAQ that matches, else from the best sentences, else abstain."""
        cfg = self.config
        faq = self._faq_match(query, hits)
        if faq is not None:
            hit, _, similarity = faq
            doc = self.index.documents[hit.chunk.doc_id]
            start, end = doc.answer_start, len(doc.body.rstrip())
            citation = self._citation(1, hit, start, end, similarity)
            return Answer(f"{doc.body[start:end]} [1]", (citation,), False,
                          round(min(similarity, 1.0), 4), "faq")
        candidates = self._candidates(query, hits)
        if not candidates or candidates[0].score < cfg.abstain_below:
            confidence = candidates[0].score if candidates else 0.0
            return Answer(ABSTAIN_MESSAGE, (), True, round(max(confidence, 0.0), 4), "abstain",
                          self._related(hits))
        best = candidates[0]
        chosen = [best]
        for candidate in candidates[1:]:
            if len(chosen) >= cfg.max_sentences:
                break
            # The sentence right after a chosen one often carries the detail ("Astronauts
            # have run marathons." -> "Tim Peake ran ..."), so it needs a lower score.
            is_next = any(c.index + 1 == candidate.index and
                          c.sentence.doc_id == candidate.sentence.doc_id for c in chosen)
            ratio = cfg.next_sentence_ratio if is_next else cfg.extra_sentence_ratio
            if candidate.score < ratio * best.score:
                continue
            vector = self.index.sentence_vectors[candidate.index]
            if any(float(vector @ self.index.sentence_vectors[c.index]) >= cfg.redundancy
                   for c in chosen):
                continue
            # A sentence that says what is already said in other words adds nothing: most of
            # its terms must be new ("eight solar array wings" twice is not two facts).
            terms = self._terms[candidate.index]
            said = frozenset().union(*(self._terms[c.index] for c in chosen))
            if terms and len(terms - said) / len(terms) < cfg.min_novelty:
                continue
            chosen.append(candidate)
        # Read in document order within a document, best document first.
        first_seen = {c.sentence.doc_id: i for i, c in reversed(list(enumerate(chosen)))}
        chosen.sort(key=lambda c: (first_seen[c.sentence.doc_id], c.sentence.char_start))
        parts, citations = [], []
        for n, candidate in enumerate(chosen, start=1):
            s = candidate.sentence
            parts.append(f"{self._text(s)} [{n}]")
            citations.append(self._citation(n, candidate.hit, s.char_start, s.char_end,
                                            candidate.score))
        confidence = round(min(max(best.score, 0.0), 1.0), 4)
        return Answer(" ".join(parts), tuple(citations), False, confidence, "extractive")
