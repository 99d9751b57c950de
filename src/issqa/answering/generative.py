"""Generative answers that keep the promise of the extractive ones: every sentence is traceable.

A language model (any OpenAI-compatible endpoint, ``llm.py``) is given the retrieved passages
numbered ``[1]``, ``[2]``, ... and asked for short sentences that each end with the marker of
the passage supporting them. Nothing it writes is trusted: each sentence is checked against the
passage(s) it cites before it may reach the user.

- **Facts**: every number in the sentence must appear in the cited passage's sentence closest
  in meaning; every capitalised name, and most of its content words (``min_coverage``, stop
  words dropped, plurals folded), in that sentence, the sentences either side of it or the
  passage's title. A model that invents a date, a figure or a person, adds details of its
  own, or pins a figure or a name from one sentence on the fact of another, fails here.
- **Meaning**: the sentence's embedding must be close to the cited passage's best sentence
  (cosine at least ``min_similarity``, chosen on the dev split). A sentence that borrows a
  passage's words to say something else fails here.
- **A citation**: a sentence whose marker names no passage is dropped; so is a question (it
  states nothing). A sentence without a marker (small models often forget them) is checked
  against each given passage in turn and kept only if one passes both checks above; it then
  cites that passage.

The citation of a kept sentence points at the passage's best-matching sentence
(``char_start``/``char_end`` in the document body), so a reader lands on the words that
support it. If no sentence survives, or the model fails, the extractive answer stands.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..embedding import Embedder
from ..index import LoadedIndex
from ..settings import Settings
from ..text import STOPWORDS, tokenize
from ..types import Answer, Citation, Hit
from .citing import snippet_around
from .llm import ChatClient, LanguageModelError, Message

__all__ = [
    "NO_ANSWER",
    "Claim",
    "ClaimSplitter",
    "GenerativeAnswerer",
    "GenerativeConfig",
    "Verdict",
    "build_messages",
    "merge_generated",
    "parse_claim",
]

NO_ANSWER = "NO ANSWER"
_SYSTEM = (
    "You answer questions about the International Space Station for visitors of a website. "
    "Use only the numbered passages you are given. Answer in one to three short sentences. "
    "End every sentence with the number of the passage that states it, in square brackets, "
    "for example: The station orbits Earth about 16 times a day. [2] "
    "Never state a fact, number, date or name that the passages do not give. If the passages "
    f"do not answer the question, reply with exactly: {NO_ANSWER}"
)
_MARKER = re.compile(r"\[(\d{1,2})\]")
# A sentence ends after its marker(s), with or without a full stop, or at a full stop that is
# followed by a capital: seen only once the next non-space character has arrived.
_END = re.compile(r"(?:\s*\[\d{1,2}\])+[.!?]?(?=\s+\S)|[.!?][\"'”’)]?(?=\s+[\"“(\[]?[A-Z])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])(?:\s+|$)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_WORD = re.compile(r"[\w'’-]+")
# What decided a verdict, in the order the checks run; "supported" means kept.
CHECKS = ("empty", "question", "bad_citation", "unsupported_fact", "no_sentence",
          "low_similarity", "supported")


@dataclass(frozen=True)
class GenerativeConfig:
    """How generated sentences are checked and how many may make an answer."""

    min_similarity: float
    min_coverage: float
    max_sentences: int
    passages: int
    snippet_chars: int

    @classmethod
    def from_settings(cls, settings: Settings) -> GenerativeConfig:
        """The checks as the settings give them (``ISSQA_LLM_*``; answer length and snippet
        size shared with the extractive answerer's ``ISSQA_ANSWER_*``)."""
        return cls(min_similarity=settings.llm_min_similarity,
                   min_coverage=settings.llm_min_coverage, passages=settings.llm_passages,
                   max_sentences=settings.answer_max_sentences,
                   snippet_chars=settings.answer_snippet_chars)


@dataclass(frozen=True)
class Claim:
    """One generated sentence: its text without markers, and the passages it cites."""

    text: str
    markers: tuple[int, ...]


@dataclass(frozen=True)
class Verdict:
    """Whether a claim may be shown, which check decided (``CHECKS``), why, and the sentence
    that supports it."""

    claim: Claim
    check: str
    reason: str
    hit: Hit | None = None
    sentence_row: int | None = None
    similarity: float = 0.0
    coverage: float = 0.0


    @property
    def kept(self) -> bool:
        """Whether the claim passed every check."""
        return self.check == "supported"


def build_messages(question: str, hits: Sequence[Hit]) -> list[Message]:
    """The chat messages: instructions, then the passages numbered [1].. and the question."""
    passages = "\n\n".join(f"[{n}] {_passage(hit)}" for n, hit in enumerate(hits, start=1))
    return [{"role": "system", "content": _SYSTEM},
            {"role": "user", "content": f"Passages:\n\n{passages}\n\nQuestion: {question}"}]


def _passage(hit: Hit) -> str:
    """A passage as the model reads it: its title line (unless its text starts with it, as
    an FAQ's does with its question), then its text."""
    text = hit.chunk.text.strip()
    return text if text.startswith(hit.chunk.title) else f"{hit.chunk.title}\n{text}"


def parse_claim(sentence: str) -> Claim:
    """Split a generated sentence into its text and its passage markers."""
    markers = tuple(dict.fromkeys(int(m) for m in _MARKER.findall(sentence)))
    text = _LIST_ITEM.sub("", _MARKER.sub("", sentence).replace("**", ""))
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
    if text and text[-1] not in ".!?":
        text += "."
    return Claim(text, markers)


class ClaimSplitter:
    """Cuts streamed text into sentences as soon as each is complete."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, piece: str) -> list[str]:
        """Add text; return the sentences it completed (a line break ends one too: models
        often answer in a list)."""
        self._buffer += piece
        done = []
        while True:
            match = _END.search(self._buffer)
            newline = self._buffer.find("\n")
            if newline >= 0 and (match is None or newline < match.end()):
                cut = newline + 1
            elif match is not None:
                cut = match.end()
            else:
                break
            done.append(self._buffer[:cut].strip())
            self._buffer = self._buffer[cut:]
        return [s for s in done if s]

    def finish(self) -> list[str]:
        """The last sentence, at the end of the reply."""
        rest, self._buffer = self._buffer.strip(), ""
        return [rest] if rest else []


def _normal_number(text: str) -> str:
    return text.replace(",", "")


class GenerativeAnswerer:
    """Answers with a language model's sentences, each verified against the passage it cites."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, client: ChatClient,
                 config: GenerativeConfig) -> None:
        self.index = index
        self.embedder = embedder
        self.client = client
        self.config = config
        # Sentences a citation may point at, per document (an FAQ's question is not one).
        self._rows: dict[str, list[int]] = defaultdict(list)
        for row, sentence in enumerate(index.sentences):
            if sentence.role != "question":
                self._rows[sentence.doc_id].append(row)

    # -- checking ---------------------------------------------------------------------------

    def _passage_rows(self, hit: Hit) -> list[int]:
        """Rows of the sentences inside a passage."""
        chunk = hit.chunk
        return [r for r in self._rows[chunk.doc_id]
                if self.index.sentences[r].char_start < chunk.char_end
                and self.index.sentences[r].char_end > chunk.char_start]

    def _unsupported(self, claim: Claim, source: str, figures: str | None = None
                     ) -> tuple[str | None, float]:
        """What of the claim ``source`` does not state, if anything (a number that is not in
        ``figures``, by default ``source``; a name; too many of its content words), and the
        share of its content words it does state."""
        numbers = {_normal_number(n) for n in _NUMBER.findall(figures or source)}
        words = {w.lower() for w in _WORD.findall(source)}
        terms = set(tokenize(claim.text))
        coverage = len(terms & set(tokenize(source))) / len(terms) if terms else 1.0
        for number in _NUMBER.findall(claim.text):
            if _normal_number(number) not in numbers:
                return number, coverage
        for position, match in enumerate(_NAME.finditer(claim.text)):
            name = match.group().strip("'’-")
            opener = position == 0 and match.start() == 0 and name.lower() in STOPWORDS
            if name and name != "I" and not opener and name.lower() not in words:
                return name, coverage
        if coverage < self.config.min_coverage:
            return ", ".join(sorted(terms - set(tokenize(source)))), coverage
        return None, coverage

    def _window(self, hit: Hit, rows: list[int], top: int) -> str:
        """The passage's title and its sentence ``rows[top]`` with the sentences either side:
        the words a claim resting on that sentence may use (a subject named just before)."""
        near = rows[max(0, top - 1):top + 2]
        return " ".join([hit.chunk.title, *(self.index.sentence_text(r) for r in near)])

    def verify(self, claims: Sequence[Claim], hits: Sequence[Hit]) -> list[Verdict]:
        """Check each claim against the passages it cites (see the module docstring)."""
        verdicts: list[Verdict | None] = []
        to_embed: list[tuple[int, Claim, list[Hit]]] = []
        for claim in claims:
            cited = [hits[m - 1] for m in claim.markers if 1 <= m <= len(hits)]
            if not claim.text.strip(" .!?"):
                verdicts.append(Verdict(claim, "empty", "no text"))
            elif claim.text.endswith("?"):
                verdicts.append(Verdict(claim, "question", "a question states nothing"))
            elif claim.markers and not cited:
                verdicts.append(Verdict(claim, "bad_citation", "cites no given passage"))
            else:
                # Small models often forget the marker: such a sentence may still stand if a
                # given passage passes the same checks a cited one would.
                verdicts.append(None)
                to_embed.append((len(verdicts) - 1, claim, cited or list(hits)))
        if to_embed:
            vectors = self.embedder.embed([claim.text for _, claim, _ in to_embed])
            for (slot, claim, candidates), vector in zip(to_embed, vectors, strict=True):
                verdicts[slot] = self._judge(claim, candidates, vector)
        return [v for v in verdicts if v is not None]

    def _judge(self, claim: Claim, candidates: Sequence[Hit], vector: np.ndarray) -> Verdict:
        """In each candidate passage, the sentence nearest in meaning; the claim's facts must
        be stated there or beside it, and the nearest such sentence must be near enough."""
        options = []
        for hit in candidates:
            rows = self._passage_rows(hit)
            if not rows:
                continue
            sims = self.index.sentence_vectors[rows] @ vector
            top = int(np.argmax(sims))
            # Figures must be the supporting sentence's own: a year from the next sentence
            # pinned on this one's event is exactly the error to catch.
            missing, coverage = self._unsupported(claim, self._window(hit, rows, top),
                                                  figures=self.index.sentence_text(rows[top]))
            options.append((float(sims[top]), hit, rows[top], missing, coverage))
        if not options:
            return Verdict(claim, "no_sentence", "the passage has no sentence to cite")
        stating = [o for o in options if o[3] is None]
        similarity, hit, row, missing, coverage = max(stating or options, key=lambda o: o[0])
        if missing is not None:
            return Verdict(claim, "unsupported_fact", f"'{missing}' is not in the closest "
                           "sentence or those beside it", hit, row, similarity, coverage)
        if similarity < self.config.min_similarity:
            return Verdict(claim, "low_similarity", f"similarity {similarity:.2f} under "
                           f"{self.config.min_similarity:.2f}", hit, row, similarity, coverage)
        return Verdict(claim, "supported", f"similarity {similarity:.2f}", hit, row, similarity,
                       coverage)

    # -- answering --------------------------------------------------------------------------

    def _citation(self, n: int, verdict: Verdict) -> Citation:
        assert verdict.hit is not None and verdict.sentence_row is not None
        chunk = verdict.hit.chunk
        sentence = self.index.sentences[verdict.sentence_row]
        body = self.index.documents[chunk.doc_id].body
        snippet = snippet_around(body, chunk, sentence.char_start, sentence.char_end,
                                 self.config.snippet_chars)
        return Citation(n, chunk.doc_id, chunk.chunk_id, chunk.title, chunk.url, chunk.section,
                        snippet, sentence.char_start, sentence.char_end,
                        round(verdict.similarity, 4))

    def sentences(self, question: str, hits: Sequence[Hit], *,
                  stream: bool = False) -> Iterator[tuple[str, Citation]]:
        """Verified sentences with their citations, in the order the model wrote them.

        Each yields as soon as the model has finished it (when ``stream``). A sentence that
        rests on the same passage sentence as one already given is a repeat (small models
        restate) and is left out. Raises :class:`LanguageModelError` if the model fails before
        anything was yielded.
        """
        passages = list(hits[:self.config.passages])
        messages = build_messages(question, passages)
        # Citation number of each supporting sentence used so far, one per kept sentence.
        numbers: dict[tuple[str, int], int] = {}
        for batch in self._generated(messages, stream):
            if len(numbers) >= self.config.max_sentences:
                break
            for verdict in self.verify([parse_claim(s) for s in batch], passages):
                if not verdict.kept:
                    continue
                key = (verdict.hit.chunk.doc_id, verdict.sentence_row)  # type: ignore[union-attr]
                if len(numbers) >= self.config.max_sentences or key in numbers:
                    continue
                numbers[key] = n = len(numbers) + 1
                yield f"{verdict.claim.text} [{n}]", self._citation(n, verdict)

    def _generated(self, messages: list[Message], stream: bool) -> Iterator[list[str]]:
        """Batches of complete sentences from the model: each as it ends, or all at once."""
        if not stream:
            reply = self.client.complete(messages)
            if reply.strip().upper().startswith(NO_ANSWER):
                return
            splitter = ClaimSplitter()
            yield splitter.feed(reply) + splitter.finish()
            return
        splitter = ClaimSplitter()
        for piece in self.client.stream(messages):
            if done := splitter.feed(piece):
                yield done
        yield splitter.finish()

    def answer(self, question: str, hits: Sequence[Hit], fallback: Answer) -> Answer:
        """The verified generated answer, or ``fallback`` if nothing survives or the model fails."""
        *_, answer = self.answer_pieces(question, hits, fallback, stream=False)
        return answer  # type: ignore[return-value]

    def answer_pieces(self, question: str, hits: Sequence[Hit], fallback: Answer, *,
                      stream: bool = True) -> Iterator[str | Answer]:
        """The answer's text as it is verified (each sentence as the model finishes it, a space
        before all but the first; or ``fallback``'s text at once), then the whole answer.

        The engine never passes an abstention: what the calibrated answerer judged out of
        scope is not sent to the model. A model failure after some sentences were given keeps
        them, since each was verified on its own.
        """
        produced: list[tuple[str, Citation]] = []
        try:
            for text, citation in self.sentences(question, hits, stream=stream):
                yield text if not produced else f" {text}"
                produced.append((text, citation))
        except LanguageModelError:
            pass
        if produced:
            yield merge_generated(produced, fallback)
            return
        yield fallback.text
        yield fallback


def merge_generated(produced: Iterable[tuple[str, Citation]], fallback: Answer) -> Answer:
    """An answer from verified sentences, keeping the fallback's confidence and related pages."""
    texts, citations = [], {}
    for text, citation in produced:
        texts.append(text)
        citations.setdefault(citation.n, citation)
    return replace(fallback, text=" ".join(texts), citations=tuple(citations.values()),
                   strategy="generative", partial=False)
