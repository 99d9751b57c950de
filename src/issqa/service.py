"""The use cases, shared by the CLI and the HTTP API so the two cannot drift apart."""

from __future__ import annotations

import inspect
import logging
import os
import re
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from .answering import (
    AnswerConfig,
    ExtractiveAnswerer,
    QuestionAnalysis,
    analyse_question,
    asks_live_position,
    combine_parts,
)
from .answering.extractive import PARTIAL_PREFIX
from .answering.followup import (
    MAX_HISTORY,
    Referent,
    answered_by_event,
    answered_by_name,
    answered_by_people,
    answered_by_thing,
    leans_on_what_they_did,
    one_person_asked,
    plural_things,
    read_follow_up,
    with_context,
    with_name,
    with_people,
    with_thing,
)
from .answering.generative import GenerativeAnswerer, GenerativeConfig
from .answering.llm import ChatClient
from .answering.spelling import english_words
from .chunking import ChunkerConfig
from .corpus import load_corpus
from .embedding import (
    Embedder,
    OnnxEmbedder,
    QueryEmbeddingCache,
    SentenceTransformerEmbedder,
    model_words,
)
from .errors import (
    CorpusError,
    IndexNotFoundError,
    InvalidRequestError,
    IssqaError,
    NotFoundError,
    ReloadFailedError,
)
from .feedback import (
    Feedback,
    FeedbackStore,
    FeedbackUnavailable,
    PostgresFeedbackStore,
    export_csv,
    open_store,
)
from .index import BuildReport, LoadedIndex, build_index, load_index
from .index.build import EmbedRun
from .index.store import current_build, named_build, verify_build
from .retrieval import MODES, Filters, Query, make_retriever
from .retrieval.base import Mode
from .settings import Settings
from .tagging import named_things, person_names, thing_names
from .text import STOPWORDS, sentence_spans
from .types import Answer, Document, Hit

if TYPE_CHECKING:  # importing issqa.ingest loads trafilatura and lxml: only when importing
    from .ingest import CrawlConfig, IngestReport, Page, Skipped

__all__ = [
    "MAX_HISTORY",
    "MAX_QUESTION_CHARS",
    "MAX_STARTERS",
    "MAX_TOP_K",
    "Answerers",
    "AskResult",
    "Engine",
    "SearchResult",
    "build",
    "export_feedback",
    "import_html",
    "import_sitemap",
    "import_text",
    "make_embedder",
    "open_feedback",
    "record_feedback",
    "servable_build",
]

log = logging.getLogger("issqa.service")

MAX_QUESTION_CHARS = 1000
MAX_SEARCH_K = 50
MAX_TOP_K = 20
MAX_STARTERS = 10


def make_embedder(settings: Settings, *, for_build: bool = False) -> Embedder:
    """The embedder the settings ask for (the packaged model unless ISSQA_MODEL_PATH is set).

    Serving uses ``torch_threads`` (1: several threads per request only add tail latency on
    2 cores); a build is one long batch job and uses every core unless ``build_threads`` is set.
    """
    threads = settings.torch_threads
    if for_build:
        threads = settings.build_threads or os.cpu_count() or 1
    if settings.embedding_backend in ("onnx", "onnx-int8"):
        return OnnxEmbedder(settings.model_path, cache_dir=settings.index_dir / "cache" / "onnx",
                            threads=threads, int8=settings.embedding_backend == "onnx-int8")
    return SentenceTransformerEmbedder(settings.model_path, threads=threads)


def build(settings: Settings, *, embedder: Embedder | None = None, force: bool = False,
          show_progress: bool = False, log: Callable[[str], None] = lambda _m: None,
          embed_run: EmbedRun | None = None, embedded_on: str = "this process") -> BuildReport:
    """Build the index for the configured corpus, reusing cached embeddings (``embed_run``
    embeds the rest elsewhere, as ``issqa build --ray`` does)."""
    embedder = embedder or make_embedder(settings, for_build=True)
    return build_index(
        settings.corpus_dir, settings.index_dir, embedder,
        chunker=ChunkerConfig(settings.chunk_max_tokens, settings.chunk_overlap_tokens),
        batch_size=settings.embed_batch_size, force=force, ann_threshold=settings.ann_threshold,
        show_progress=show_progress, log=log, checkpoint_every=settings.embed_checkpoint_every,
        embed_run=embed_run, embedded_on=embedded_on,
    )


def servable_build(settings: Settings) -> Path:
    """The build a server would load (``ISSQA_INDEX_BUILD``'s, else ``current``'s), verified;
    IndexUnavailableError says what to do, before any port is bound or replica started."""
    if settings.index_build:
        build = named_build(settings.index_dir, settings.index_build)
    else:
        found = current_build(settings.index_dir)
        if found is None:
            raise IndexNotFoundError(f"no index found in {settings.index_dir}; run `issqa build` "
                                     "first")
        build = found
    verify_build(build)
    return build


def import_html(settings: Settings, directory: Path, base_url: str | None, *,
                out_dir: Path | None = None, section: str = "imported") -> IngestReport:
    """Import a folder of saved HTML pages into the corpus (see :func:`_import`)."""
    from .ingest import collect_html_dir

    pages, skipped = collect_html_dir(directory, base_url)
    return _import(settings, pages, skipped, [], out_dir, section)


def import_text(settings: Settings, files: Sequence[Path], base_url: str | None, *,
                out_dir: Path | None = None, section: str = "imported") -> IngestReport:
    """Import plain-text pages into the corpus (see :func:`_import`)."""
    from .ingest import collect_text_files

    pages, skipped = collect_text_files(list(files), base_url)
    return _import(settings, pages, skipped, [], out_dir, section)


def import_sitemap(settings: Settings, url: str, config: CrawlConfig, *,
                   out_dir: Path | None = None, section: str = "imported",
                   show_progress: bool = False) -> IngestReport:
    """Crawl a sitemap's pages and import them into the corpus (see :func:`_import`)."""
    from .ingest import crawl_sitemap

    crawled = crawl_sitemap(url, config, show_progress=show_progress)
    return _import(settings, crawled.pages, crawled.skipped, crawled.notes, out_dir, section)


def _import(settings: Settings, pages: list[Page], skipped: list[Skipped], notes: list[str],
            out_dir: Path | None, section: str) -> IngestReport:
    """Write the pages into ``out_dir`` (default ``<corpus>/imported``) as corpus pages; when
    they joined the corpus, check that it still loads (its problems are on the report)."""
    from .ingest import write_pages

    report = write_pages(pages, out_dir or settings.corpus_dir / "imported", section=section,
                         skipped=skipped)
    report.notes.extend(notes)
    out, corpus = report.out_dir.resolve(), settings.corpus_dir.resolve()
    if report.written and (out == corpus or corpus in out.parents):
        try:
            load_corpus(corpus)
        except CorpusError as exc:
            report.corpus_problems = exc.problems
    return report


def open_feedback(settings: Settings, *, db: Path | None = None) -> FeedbackStore | \
        PostgresFeedbackStore:
    """Where visitors' ratings are kept: the SQLite file ``db`` when given, else PostgreSQL when
    ISSQA_FEEDBACK_DSN is set, else the SQLite file ISSQA_FEEDBACK_DB names."""
    if db is None and settings.feedback_dsn is not None:
        return open_store(settings.feedback_db, settings.feedback_dsn.get_secret_value())
    return open_store(db or settings.feedback_db)


def record_feedback(store: FeedbackStore | PostgresFeedbackStore, answer_id: str, helpful: bool,
                    comment: str | None, origin: str | None) -> tuple[Feedback, bool]:
    """Store a verdict on an answer; returns (the row, whether it is the answer's first).

    Raises ValueError on a malformed answer id or comment, IssqaError if it cannot be stored.
    """
    try:
        return store.save(answer_id, helpful, comment, origin=origin)
    except (sqlite3.Error, OSError, FeedbackUnavailable) as exc:
        log.error("cannot store feedback in %r: %s", store, exc)
        raise IssqaError("feedback could not be stored; try again later") from None


def export_feedback(store: FeedbackStore | PostgresFeedbackStore, out: TextIO) -> int:
    """Every feedback row as CSV into ``out``; returns how many. IssqaError says what failed."""
    try:
        return export_csv(store, out)
    except FileNotFoundError as exc:
        raise IssqaError(f"{exc}; feedback is stored there once a visitor rates an answer") \
            from None
    except (OSError, sqlite3.Error, FeedbackUnavailable) as exc:
        raise IssqaError(f"cannot export feedback from {store!r}: {exc}") from None


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def check_question(question: str) -> str:
    """Strip and validate a question; raise InvalidRequestError saying what is wrong."""
    if not isinstance(question, str) or not question.strip():
        raise InvalidRequestError("question must not be empty")
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidRequestError(
            f"question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}"
        )
    return question


@dataclass
class SearchResult:
    """Ranked passages for a query, with timings per stage in milliseconds."""

    query: str
    mode: Mode
    hits: list[Hit]
    index_version: str
    timings_ms: dict[str, float] = field(default_factory=dict)


@dataclass
class AskResult:
    """An answer with its id (for feedback), the index version and timings per stage.

    ``analysis`` is how the question was read; ``explanation`` has, per part of the question,
    the evidence and the calibrated probabilities behind the answer (``issqa ask --explain``).
    """

    answer: Answer
    answer_id: str
    index_version: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    analysis: QuestionAnalysis | None = None
    explanation: list[dict[str, object]] = field(default_factory=list)
    related_questions: list[str] = field(default_factory=list)


class Answerers(NamedTuple):
    """What answers questions over one build: the extractive answerer, and optionally a
    language model's, whose verified sentences replace the extractive answer."""

    extractive: ExtractiveAnswerer
    generative: GenerativeAnswerer | None = None


@dataclass(frozen=True)
class _Loaded:
    """An index with its answerers: swapped as one, so a request never mixes two builds."""

    index: LoadedIndex
    answerer: ExtractiveAnswerer
    generator: GenerativeAnswerer | None = None


def make_chat_client(settings: Settings) -> ChatClient | None:
    """The language model client the settings configure, or None (extractive only)."""
    if not settings.llm_base_url:
        return None
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return ChatClient(settings.llm_base_url, settings.llm_model, key, settings.llm_timeout_s,
                      settings.llm_max_tokens)


class Engine:
    """The loaded model and index, answering the use cases. Safe to share between threads.

    Each request reads the current (index, answerer) pair once and works on it to the end, so
    ``reload`` can swap in a new build while requests on the old one finish undisturbed.
    """

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None,
                 answer_config: AnswerConfig | None = None,
                 answerers: Callable[[LoadedIndex], Answerers] | None = None) -> None:
        """Check and keep the parts; the model and the index are loaded by :meth:`load`.

        ``embedder`` defaults to the one the settings ask for (:func:`make_embedder`) and
        ``answer_config`` to the settings' ``ISSQA_ANSWER_*``. ``answerers`` makes the
        answerers of each build loaded (by ``load`` and every ``reload``); by default the
        extractive one, with a language model's when ``ISSQA_LLM_BASE_URL`` is set.
        """
        if not isinstance(settings, Settings):
            raise TypeError(f"settings must be an issqa.settings.Settings, "
                            f"got {type(settings).__name__}")
        if embedder is not None:
            _check_embedder(embedder)
        if answer_config is not None and not isinstance(answer_config, AnswerConfig):
            raise TypeError(f"answer_config must be an AnswerConfig, "
                            f"got {type(answer_config).__name__}")
        if answerers is not None and not callable(answerers):
            raise TypeError(f"answerers must be a function of the loaded index that returns "
                            f"Answerers, got {type(answerers).__name__}")
        self.settings = settings
        self.model = embedder if embedder is not None else make_embedder(settings)
        self.embedder = QueryEmbeddingCache(self.model)
        self.answer_config = answer_config or AnswerConfig.from_settings(settings)
        # English words the spelling corrector must leave alone (the model's vocabulary and a
        # list of common words).
        self._known_words = model_words(settings.model_path) | english_words()
        self.chat_client = make_chat_client(settings)
        self._answerers = answerers if answerers is not None else self._default_answerers
        # A pinned build (ISSQA_INDEX_BUILD, or a Ray rollout) is served instead of `current`.
        self.pinned_build: str | None = settings.index_build
        self._loaded: _Loaded | None = None
        self._lock = threading.Lock()
        # Names that earlier questions' answers gave (``_named_in_answer``).
        self._answer_names: dict[tuple[str, str, tuple[str, ...], str], str | None] = {}
        self._names_lock = threading.Lock()

    def _default_answerers(self, index: LoadedIndex) -> Answerers:
        """The extractive answerer, and the language model's when the settings name one."""
        generator = None
        if self.chat_client is not None:
            generator = GenerativeAnswerer(index, self.model, self.chat_client,
                                           replace(GenerativeConfig.from_settings(self.settings),
                                                   max_sentences=self.answer_config.max_sentences,
                                                   snippet_chars=self.answer_config.snippet_chars))
        return Answerers(ExtractiveAnswerer(index, self.answer_config,
                                            known_words=self._known_words), generator)

    def _load_build(self, version: str | None) -> _Loaded:
        """The index ``version`` (``current``'s when None) with its answerers."""
        index = load_index(self.settings.index_dir, model_id=self.model.model_id,
                           dimension=self.model.dimension, version=version)
        answerers = self._answerers(index)
        if not isinstance(answerers, Answerers):
            raise TypeError(f"answerers must return Answerers, got {type(answerers).__name__}")
        return _Loaded(index, answerers.extractive, answerers.generative)

    def load(self) -> Engine:
        """Load the model and verify and load the index (seconds); call once at start-up
        (later calls return at once)."""
        with self._lock:
            if self._loaded is None:
                load_model = getattr(self.model, "load", None)
                if load_model:
                    load_model()
                loaded = self._load_build(self.pinned_build)
                # Warm the model so the first user request is not the slow one.
                self.model.embed(["warm up"])
                self._loaded = loaded
        return self

    def reload(self, version: str | None = None) -> tuple[str, str]:
        """Load the build ``current`` now points at, or build ``version`` (which is then kept,
        pinned); keep serving the old one if it fails.

        Returns (old version, new version). Raises the verification error, untouched state;
        ReloadFailedError for a plain reload of a pinned server.
        """
        with self._lock:
            if version is None and self.pinned_build is not None:
                raise ReloadFailedError(
                    f"this server is pinned to build {self.pinned_build} (ISSQA_INDEX_BUILD, or "
                    "a Ray rollout), so it does not follow `current`; roll out a new build with "
                    "`issqa rollout`, or unset ISSQA_INDEX_BUILD and restart",
                    details={"pinned_build": self.pinned_build})
            old = self._loaded
            if old is not None and version is not None and old.index.version == version:
                new = old  # already serving it: nothing to load
            else:
                new = self._load_build(version)  # raises before anything is swapped
            self._loaded = new
            if version is not None:
                self.pinned_build = version
        return (old.index.version if old else ""), new.index.version

    def _state(self) -> _Loaded:
        if self._loaded is None:
            self.load()
        assert self._loaded is not None
        return self._loaded

    @property
    def index(self) -> LoadedIndex:
        """The loaded index; loads it on first use."""
        return self._state().index

    @property
    def ready(self) -> bool:
        """Whether model and index are loaded."""
        return self._loaded is not None

    def _retrieve(self, state: _Loaded, question: str, k: int, mode: Mode,
                  filters: Filters | None, timings: dict[str, float]) -> tuple[Query, list[Hit]]:
        """Validate, embed the question (unless BM25 only) and retrieve, timing each stage."""
        if mode not in MODES:
            raise InvalidRequestError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        index = state.index
        filters = filters or Filters()
        filters.validate(index)
        retriever = make_retriever(mode, index, self.settings)
        query = Query(question, self.embedder)
        if mode != "bm25":
            started = time.perf_counter()
            _ = query.vector
            timings["embed"] = timings.get("embed", 0.0) + _ms(started)
        started = time.perf_counter()
        hits = retriever.retrieve(query, k, filters)
        timings["retrieve"] = timings.get("retrieve", 0.0) + _ms(started)
        return query, hits

    def analyse(self, question: str, *, split: bool = True,
                history: Sequence[str] = ()) -> QuestionAnalysis:
        """How the question is read: answer type, focus, rewritten text, parts."""
        return self._analyse(self._state(), question, split, history)

    @staticmethod
    def _analyse(state: _Loaded, question: str, split: bool = True,
                 history: Sequence[str] = ()) -> QuestionAnalysis:
        # The speller knows the words of the build this request works on.
        return analyse_question(question, split=split, speller=state.answerer.speller,
                                history=history, aliases=state.answerer.aliases)

    def search(self, question: str, *, k: int = 5, mode: Mode = "hybrid",
               filters: Filters | None = None, history: Sequence[str] = ()) -> SearchResult:
        """Rank passages for a question with the chosen retriever (a follow-up read in full
        against ``history``, as ``ask`` reads it)."""
        question = check_question(question)
        if not 1 <= k <= MAX_SEARCH_K:
            raise InvalidRequestError(f"k must be between 1 and {MAX_SEARCH_K}, got {k}")
        state = self._state()
        timings: dict[str, float] = {}
        # Searched as the answerer reads it: "you" resolved, chat and news words dropped.
        history = _checked_history(history)
        rewritten = self._analyse(state, question, split=False, history=history).rewritten
        _, hits = self._retrieve(state, rewritten, k, mode, filters, timings)
        return SearchResult(question, mode, hits, state.index.version, timings)

    def ask(self, question: str, *, top_k: int = 5, filters: Filters | None = None,
            mode: Mode = "hybrid", abstain: bool = True,
            history: Sequence[str] = ()) -> AskResult:
        """Answer a question from the top ``top_k`` passages (``mode`` retrieves), or abstain.

        ``history`` holds the thread's earlier questions, oldest first (at most
        ``MAX_HISTORY``), so a follow-up ("Who built it?") is read in full. ``abstain=False``
        answers even what looks out of scope (for fitting the calibration). With a language
        model configured, its verified sentences replace the extractive answer when any pass.
        """
        state = self._state()
        result, hits = self._ask_extractive(state, question, top_k, filters, mode, abstain,
                                            history)
        if state.generator is not None and not result.answer.abstained:
            started = time.perf_counter()
            result.answer = state.generator.answer(self._generation_question(result), hits,
                                                   result.answer)
            _add_generation_time(result, started)
        return result

    def ask_stream(self, question: str, *, top_k: int = 5, filters: Filters | None = None,
                   history: Sequence[str] = ()) -> Iterator[str | AskResult]:
        """Answer text as it becomes ready (each verified generated sentence as the model
        finishes it, or the extractive answer at once), then the whole :class:`AskResult`.

        Arguments are checked before anything is yielded, so a bad request fails up front.
        """
        state = self._state()
        result, hits = self._ask_extractive(state, question, top_k, filters, "hybrid", True,
                                            history)

        def pieces() -> Iterator[str | AskResult]:
            generator = state.generator
            if generator is None or result.answer.abstained:
                yield result.answer.text
            else:
                started = time.perf_counter()
                for piece in generator.answer_pieces(self._generation_question(result), hits,
                                                     result.answer):
                    if isinstance(piece, str):
                        yield piece
                    else:
                        result.answer = piece
                _add_generation_time(result, started)
            yield result

        return pieces()

    @staticmethod
    def _generation_question(result: AskResult) -> str:
        """The question as the model should read it: a follow-up written out in full."""
        return result.analysis.interpreted_as if result.analysis else ""

    def _named_in_answer(self, state: _Loaded, question: str, history: tuple[str, ...],
                         names_of: Callable[[str], list[str]], sentences: int = 1,
                         ends: Callable[[str], list[str]] | None = None) -> str | None:
        """The first name ``names_of`` finds in the first ``sentences`` of the answer to
        ``question`` (asked after ``history``) that the question does not name itself, or
        None (see ``_new_name``); remembered per index, as every turn of a chat sends the same
        earlier questions again."""
        key = (state.index.version, question, history, names_of.__name__, sentences,
               ends and ends.__name__)
        with self._names_lock:
            if key in self._answer_names:
                return self._answer_names[key]
        result, _ = self._ask_extractive(state, question, 5, None, "hybrid", True, history)
        name = _new_name(result.answer, (question, *history), names_of, sentences, ends)
        with self._names_lock:
            if len(self._answer_names) >= _ANSWER_NAMES_KEPT:
                self._answer_names.pop(next(iter(self._answer_names)))
            self._answer_names[key] = name
        return name

    def _ask_extractive(self, state: _Loaded, question: str, top_k: int,
                        filters: Filters | None, mode: Mode, abstain: bool,
                        history: Sequence[str]) -> tuple[AskResult, list[Hit]]:
        """The extractive answer, and the passages retrieved for it (every part's, merged)."""
        question = check_question(question)
        history = _checked_history(history)
        if not 1 <= top_k <= MAX_TOP_K:
            raise InvalidRequestError(f"top_k must be between 1 and {MAX_TOP_K}, got {top_k}")
        started_all = time.perf_counter()
        timings: dict[str, float] = {}
        started = time.perf_counter()
        if (asked := answered_by_name(question, history)) is not None and (name := \
                self._named_in_answer(state, history[asked], tuple(history[:asked]),
                                      person_names, sentences=2)):
            # "what spacecraft did he come home in?": "he" is the person the earlier "who"
            # question's answer named, which no question of the thread names: in its lead, or
            # in the sentence after a lead that names no one ("Seven private visitors flew,
            # and one of them went twice. Charles Simonyi ..."; a thing, below, is read from
            # the lead only: named after it, it is rather another thing, Discovery's last
            # flight, not the last mission's). The thread's words the follow-up leans on come
            # along ("was he on the ISS when he did that?" after voting from space: "...
            # (vote)"). A pronoun the rules gave a phrase to ("his" as "the space tourist's"
            # after "has any space tourist been twice?") is the person's all the same.
            follow = read_follow_up(question, history)
            written = with_name(question if follow.borrowed else follow.text, name)
            if leans_on_what_they_did(question):
                # "what was her time?": her time in what the thread asked about (the
                # marathon on the treadmill), not the station's clock.
                written = with_context(written, history[asked])
            question, history = written, ()
        elif (asked := answered_by_people(question, history)) is not None and (names := \
                self._named_in_answer(state, history[asked], tuple(history[:asked]),
                                      people_named, sentences=2, ends=person_names) or (
                one_person_asked(question, history) and self._named_in_answer(
                    state, history[asked], tuple(history[:asked]), person_names,
                    sentences=2))):
            # "where did their capsule come down?" after "who were the first astronauts spacex
            # flew to the iss?": "they" are the people the answer named, all of them; in its
            # lead, or in the sentence after a lead that names no one ("The first resident
            # crew, Expedition 1, arrived ... Expedition 1 was William Shepherd, ..."). A lead
            # naming one person ends the search: the next sentence's people are others.
            question, history = with_people(question, names), ()
        elif (asked := answered_by_event(question, history)) is not None and (name := \
                self._named_in_answer(state, history[asked], tuple(history[:asked]),
                                      named_things)):
            # "when was that?" after "has there ever been a fire on the station?": when the
            # event the answer told happened, searched by the name its lead gives it (the
            # smoke in Zvezda), with the thread's words.
            question, history = with_context(question, f"{history[asked]} {name}"), ()
        elif (referent := answered_by_thing(question, history)) and (name := \
                self._named_in_answer(state, history[referent.index],
                                      tuple(history[:referent.index]), _names_of(referent))):
            # "who launched it?" after "what was the very first piece of the iss?": "it" is
            # the thing the answer named (Zarya), which a search for "the first piece" misses;
            # "how big are they?" after "where does the station get its power?" the solar
            # arrays.
            question, history = with_thing(question, history, name), ()
        analysis = self._analyse(state, question, history=history)
        timings["analyse"] = _ms(started)
        answers, explanation, part_hits = [], [], []
        first_query: Query | None = None
        # A two-part question is answered part by part, each with its own retrieval.
        parts = analysis.parts or (analysis,)
        for n, part in enumerate(parts):
            earlier = [p.original for p in parts[:n]]
            if n and (referent := answered_by_thing(part.original, earlier)) and \
                    not parts[referent.index].names and (name := \
                    _new_name(answers[referent.index][1], earlier, _names_of(referent))):
                # "what's the biggest room on the iss and what is it used for?": "it" is what
                # the first part's answer named (Kibo), as in a thread's follow-up. Not after
                # a part with a name of its own: in "which Cygnus was the first to fly on a
                # Falcon 9, and how much cargo did it carry?" "it" may be that Cygnus, and the
                # answer's first name is the rocket it left (Antares).
                part = replace(self._analyse(state, with_thing(part.original, earlier, name),
                                             split=False), original=part.original)
                resolved = (*analysis.parts[:n], part, *analysis.parts[n + 1:])
                analysis = replace(analysis, parts=resolved,
                                   rewritten=" ".join(p.rewritten for p in resolved))
            text = part.rewritten
            if asks_live_position(part):
                # Abstained on, whatever its wording: the pages on seeing the station overhead
                # are what to offer, not its history ("where is the iss" finds that), the
                # latest missions ("now") or astronauts ("where are you").
                text = "where and when to see the space station overhead"
            elif part.time_relative and state.answerer.latest_year:
                # "this week", "recently": the corpus's latest year stands in for "now".
                text = f"{text} {state.answerer.latest_year}"
            query, hits = self._retrieve(state, text, top_k, mode, filters, timings)
            part_hits.append(hits)
            first_query = first_query or query
            started = time.perf_counter()
            original = Query(part.original, self.embedder) if part.second_person else None
            draft = state.answerer.draft(query, hits, part, original)
            answer = state.answerer.decide(draft, hits, abstain=abstain)
            timings["answer"] = timings.get("answer", 0.0) + _ms(started)
            answers.append((part, answer))
            in_scope, correct = state.answerer.calibration.predict(draft.evidence)
            explanation.append({"question": part.original, "analysis": part.to_dict(),
                                "evidence": draft.evidence.to_dict(),
                                "p_in_scope": round(in_scope, 4), "p_correct": round(correct, 4),
                                "strategy": answer.strategy, "missing": draft.missing})
        answer = combine_parts(answers)
        # Questions to offer next: FAQs near what was asked, other than those just quoted.
        related = state.answerer.related_questions(
            first_query.vector, {c.doc_id for c in answer.citations}) if first_query else []
        timings["total"] = _ms(started_all)
        result = AskResult(answer, uuid.uuid4().hex, state.index.version, timings, analysis,
                           explanation, related)
        return result, _interleave(part_hits)

    def starter_questions(self, n: int = 4) -> list[str]:
        """Questions to offer before anything is asked: one FAQ from each of the ``n`` sections
        with the most FAQs (what the site covers most), the one asked in the most ways."""
        if not 1 <= n <= MAX_STARTERS:
            raise InvalidRequestError(f"n must be between 1 and {MAX_STARTERS}, got {n}")
        by_section: dict[str, list[Document]] = {}
        for doc in self.index.documents.values():
            if doc.kind == "faq" and doc.question:
                by_section.setdefault(doc.section, []).append(doc)
        sections = sorted(by_section, key=lambda s: (-len(by_section[s]), s))
        return [min(by_section[s], key=lambda d: (-len(d.also_asked), len(d.question or ""),
                                                   d.doc_id)).question or ""
                for s in sections[:n]]

    def document(self, doc_id: str) -> Document:
        """One page or FAQ by id."""
        doc = self.index.documents.get(doc_id)
        if doc is None:
            raise NotFoundError(f"no document with id {doc_id!r}", details={"id": doc_id})
        return doc


def _check_embedder(embedder: object) -> None:
    """Raise TypeError naming what ``embedder`` lacks of the ``Embedder`` protocol.

    Looked up without reading attributes: ``isinstance(embedder, Embedder)`` reads every
    property on Python 3.11, and a real model's ``dimension`` loads the model.
    """
    absent = object()
    missing = [name for name in vars(Embedder) if not name.startswith("_")
               and inspect.getattr_static(embedder, name, absent) is absent]
    if missing:
        raise TypeError(f"embedder must follow the issqa.embedding.Embedder protocol; "
                        f"{type(embedder).__name__} lacks {', '.join(missing)}")


def _add_generation_time(result: AskResult, started: float) -> None:
    """Record the language model's share of the answer's time, and add it to the total."""
    result.timings_ms["generate"] = _ms(started)
    result.timings_ms["total"] = round(result.timings_ms["total"] + result.timings_ms["generate"],
                                       3)


# How many answers' names ``Engine._person_answered`` keeps (a few per open chat).
_ANSWER_NAMES_KEPT = 256


def _checked_history(history: Sequence[str]) -> list[str]:
    """Earlier questions of a thread, each checked like a question, at most ``MAX_HISTORY``."""
    if len(history) > MAX_HISTORY:
        raise InvalidRequestError(f"history holds at most {MAX_HISTORY} earlier questions, "
                                  f"got {len(history)}; send the most recent ones")
    return [check_question(earlier) for earlier in history]


def _new_name(answer: Answer, asked: Sequence[str], names_of: Callable[[str], list[str]],
              sentences: int = 1, ends: Callable[[str], list[str]] | None = None
              ) -> str | None:
    """The first name ``names_of`` finds in the first ``sentences`` of ``answer`` that none of
    the ``asked`` questions names itself, or None (an abstention names nothing). A sentence
    in which ``ends`` finds anything ends the search, whatever ``names_of`` finds in it."""
    text = "" if answer.abstained else answer.text.removeprefix(PARTIAL_PREFIX)
    words = " ".join(asked).lower()
    for a, b in sentence_spans(text)[:sentences]:
        found = next((n for n in names_of(text[a:b]) if not _asked_about(n, words)), None)
        if found or (ends is not None and ends(text[a:b])):
            return found
    return None


def _asked_about(name: str, asked: str) -> bool:
    """Whether the questions (``asked``, lower case) name ``name`` themselves: whole, or by
    the surname alone ("kononenko has the record, who held it before him?" names Oleg
    Kononenko) but not with another first name ("scott kelly" is not Mark Kelly)."""
    if name.lower() in asked:
        return True
    first, *_, last = name.lower().split() if " " in name else ("", name.lower())
    return any(before in ("", first) or before in STOPWORDS for before in (
        (m.group(1) or "") for m in re.finditer(rf"(?:(\w+)\W+)?\b{re.escape(last)}\b", asked)))


def people_named(text: str) -> list[str]:
    """The people ``text`` names, together as one ("Bob Behnken and Doug Hurley"); none when
    it names fewer than two ("their capsule" after "who was the commander?" is the crew's)."""
    names = list(dict.fromkeys(person_names(text)))
    if len(names) < 2:
        return []
    return [", ".join(names[:-1]) + " and " + names[-1]]


def _names_of(referent: Referent) -> Callable[[str], list[str]]:
    """How to read the name a follow-up's pronoun stands for out of an answer's lead."""
    if referent.plural:
        return plural_things
    return named_things if referent.described else thing_names


def _interleave(rankings: list[list[Hit]]) -> list[Hit]:
    """One ranking from each part's: first of each part, then second of each, no repeats."""
    merged: dict[str, Hit] = {}
    for rank in range(max((len(r) for r in rankings), default=0)):
        for ranking in rankings:
            if rank < len(ranking):
                merged.setdefault(ranking[rank].chunk.chunk_id, ranking[rank])
    return list(merged.values())
