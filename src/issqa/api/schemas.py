"""Request and response schemas of the HTTP API, separate from the domain types."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.json_schema import JsonDict

from ..service import MAX_HISTORY, MAX_QUESTION_CHARS, MAX_TOP_K, AskResult, SearchResult
from ..types import Document, Hit

__all__ = [
    "NOT_BLANK",
    "SECTION_MARKER",
    "AskRequest",
    "AskResponse",
    "DocumentResponse",
    "ErrorBody",
    "ErrorResponse",
    "Filters",
    "HealthResponse",
    "ReadyResponse",
    "ReloadResponse",
    "SearchResponse",
    "SectionName",
    "SuggestionsResponse",
]


# "Not blank" for the contract: a character that ``str.strip()`` keeps. JSON Schema's dialect
# (ECMA-262) and Python disagree on ``\s`` (U+001C-U+001F, U+0085 and U+FEFF), so the
# whitespace Python strips is spelled out; the pattern means the same in both. The validators
# below enforce the rule with their own messages; the schema only states it.
_WHITESPACE = r"\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK: JsonDict = {"minLength": 1, "pattern": f"[^{_WHITESPACE}]"}

# The sections depend on the index served, so the models cannot name them; this marker on a
# section name's schema is replaced by their enum when the app writes its OpenAPI document.
SECTION_MARKER = "x-issqa-section"
SectionName = Annotated[str, Field(json_schema_extra={SECTION_MARKER: True})]


class Filters(BaseModel):
    """Restrict the passages considered."""

    model_config = ConfigDict(extra="forbid")

    section: list[SectionName] | None = Field(
        None, description="Only these sections: those of the index served, as GET /readyz "
        "lists them.",
        examples=[["systems"]])
    kind: Literal["page", "faq"] | None = Field(None, description="Only pages or only FAQs.")

    @field_validator("section", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, str) else value


class AskRequest(BaseModel):
    """A question for POST /ask."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "How fast does the station travel?", "top_k": 5}]})

    question: str = Field(..., max_length=MAX_QUESTION_CHARS, json_schema_extra=NOT_BLANK,
                          description="The question, 1 to 1,000 characters, not all blank.")
    top_k: int = Field(5, ge=1, le=MAX_TOP_K, description="Passages the answer may draw on.")
    filters: Filters | None = None
    history: list[Annotated[str, Field(max_length=MAX_QUESTION_CHARS,
                                       json_schema_extra=NOT_BLANK)]] = Field(
        default_factory=list, max_length=MAX_HISTORY,
        description="The thread's earlier questions, oldest first (at most 6, each like "
        "`question`), so that a follow-up such as 'Who built it?' or 'what about Kibo?' is read "
        "in full; `interpreted_as` in the response says how. The server keeps no thread.")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question must not be empty")
        return value.strip()

    @field_validator("history")
    @classmethod
    def _no_blank_turn(cls, value: list[str]) -> list[str]:
        if any(not turn.strip() for turn in value):
            raise ValueError("history must not hold empty questions")
        return [turn.strip() for turn in value]


class CitationOut(BaseModel):
    """Where one answer sentence came from; ``body[char_start:char_end]`` of the document."""

    n: int = Field(..., description="The marker number in the answer text, [n].")
    doc_id: str
    chunk_id: str
    title: str
    url: str
    section: str
    snippet: str = Field(..., description="The passage around the cited sentence, as text.")
    char_start: int
    char_end: int
    score: float


class RelatedPageOut(BaseModel):
    """A page offered when the assistant abstains."""

    doc_id: str
    title: str
    url: str
    section: str
    score: float


class AskResponse(BaseModel):
    """An answer whose sentences each carry a citation marker, or an abstention."""

    answer_id: str = Field(..., description="Id of this answer, for feedback.")
    answer: str
    citations: list[CitationOut]
    abstained: bool
    confidence: float = Field(
        ..., ge=0, le=1,
        description="Calibrated probability that the answer holds the facts asked for "
        "(logistic model fitted on the dev evaluation splits; see eval/README.md).",
    )
    strategy: Literal["faq", "extractive", "generative", "abstain"] = Field(
        ..., description="How the answer was made: an FAQ's answer, sentences quoted from the "
        "pages, a language model's sentences each verified against the passage it cites "
        "(only when ISSQA_LLM_BASE_URL is set), or an abstention.")
    partial: bool = Field(
        False, description="True when no passage states the kind of answer asked for (a date "
        "for 'when', a number for 'how many'): the answer says so and quotes the closest "
        "sentences, or a part of a two-part question went unanswered.",
    )
    interpreted_as: str = Field(
        ..., description="The question as it was searched: a follow-up written out in full from "
        "`history`, 'you' resolved to the crew or the station, misspellings corrected, greetings "
        "and news words ('this week') dropped.",
    )
    related: list[RelatedPageOut]
    related_questions: list[str] = Field(
        default_factory=list,
        description="Up to 3 FAQ questions close to this one (not those the answer quotes), to "
        "offer as next questions.",
    )
    index_version: str
    timings_ms: dict[str, float]

    @classmethod
    def of(cls, result: AskResult) -> AskResponse:
        """Build the response from the service result."""
        a = result.answer
        return cls(
            answer_id=result.answer_id, answer=a.text,
            citations=[CitationOut(**c.__dict__) for c in a.citations],
            abstained=a.abstained, confidence=a.confidence, strategy=a.strategy,
            partial=a.partial,
            interpreted_as=result.analysis.interpreted_as if result.analysis else a.text,
            related=[RelatedPageOut(**p.__dict__) for p in a.related],
            related_questions=result.related_questions,
            index_version=result.index_version, timings_ms=result.timings_ms,
        )


class PassageOut(BaseModel):
    """One ranked passage with each retriever's rank and score."""

    rank: int
    score: float
    ranks: dict[str, int] = Field(..., description="1-based rank given by each retriever.")
    scores: dict[str, float] = Field(..., description="Raw score given by each retriever.")
    chunk_id: str
    doc_id: str
    kind: Literal["page", "faq"]
    title: str
    url: str
    section: str
    headings: list[str]
    text: str
    char_start: int
    char_end: int

    @classmethod
    def of(cls, rank: int, hit: Hit) -> PassageOut:
        """Build from a domain hit."""
        c = hit.chunk
        return cls(rank=rank, score=hit.score, ranks=hit.ranks, scores=hit.scores,
                   chunk_id=c.chunk_id, doc_id=c.doc_id, kind=c.kind, title=c.title, url=c.url,
                   section=c.section, headings=list(c.headings), text=c.text,
                   char_start=c.char_start, char_end=c.char_end)


class SearchResponse(BaseModel):
    """Ranked passages for GET /search."""

    query: str
    mode: Literal["bm25", "dense", "hybrid"]
    results: list[PassageOut]
    index_version: str
    timings_ms: dict[str, float]

    @classmethod
    def of(cls, result: SearchResult) -> SearchResponse:
        """Build from the service result."""
        return cls(query=result.query, mode=result.mode,
                   results=[PassageOut.of(r, h) for r, h in enumerate(result.hits, start=1)],
                   index_version=result.index_version, timings_ms=result.timings_ms)


class DocumentResponse(BaseModel):
    """One page or FAQ with its metadata and body."""

    id: str
    kind: Literal["page", "faq"]
    title: str
    url: str
    section: str
    updated: dt.date
    sources: list[str]
    question: str | None = None
    body: str

    @classmethod
    def of(cls, doc: Document) -> DocumentResponse:
        """Build from a domain document."""
        return cls(id=doc.doc_id, kind=doc.kind, title=doc.title, url=doc.url,
                   section=doc.section, updated=doc.updated, sources=list(doc.sources),
                   question=doc.question, body=doc.body)


class SuggestionsResponse(BaseModel):
    """Questions to offer before anything is asked (the widget's starter questions)."""

    questions: list[str] = Field(..., description="FAQ questions, one per section, from the "
                                 "sections with the most FAQs.")
    index_version: str


class HealthResponse(BaseModel):
    """The process is alive."""

    status: Literal["ok"] = "ok"


class ReadyResponse(BaseModel):
    """Model and index are loaded."""

    status: Literal["ready"] = "ready"
    index_version: str
    documents: int
    chunks: int
    sections: list[str]
    model: str


class ReloadResponse(BaseModel):
    """The index swapped in by POST /admin/reload."""

    status: Literal["reloaded"] = "reloaded"
    previous_version: str
    index_version: str


class ErrorBody(BaseModel):
    """What went wrong, for people (message) and programs (code)."""

    code: str = Field(..., examples=["invalid_request"])
    message: str
    details: object | None = None


class ErrorResponse(BaseModel):
    """The one shape of every 4xx and 5xx response."""

    error: ErrorBody
