"""The OpenAI-compatible surface: ``POST /v1/chat/completions`` and ``GET /v1/models``.

Any client that speaks the OpenAI chat API (the ``openai`` Python package, chat front-ends)
can talk to issqa. The last user message is the question; the earlier user messages are its
history (so follow-ups work); system and assistant messages are accepted and not used, since
the answer comes from the passages, not from instructions. The reply's content is the answer
with its ``[n]`` markers, and a top-level ``citations`` field (the shape of ``/ask``'s)
carries the passages; ``issqa`` holds the rest of what ``/ask`` returns.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import NotFoundError
from ..service import MAX_HISTORY, MAX_QUESTION_CHARS, MAX_TOP_K, AskResult
from ..settings import Settings
from ..tokens import count_tokens
from .deps import EngineDep, MetricsDep, SettingsDep, record_answer
from .metrics import Metrics
from .schemas import AskResponse, CitationOut, ErrorResponse, RelatedPageOut

__all__ = ["MODEL_ID", "router"]

MODEL_ID = "issqa"
MAX_MESSAGES = 64
_CREATED = int(time.time())

router = APIRouter(tags=["openai-compatible"])


class TextPart(BaseModel):
    """A text part of a message's content (other part types are refused)."""

    model_config = ConfigDict(extra="ignore")

    type: Literal["text"]
    text: str = Field(..., max_length=MAX_QUESTION_CHARS)


class ChatMessage(BaseModel):
    """One message of the conversation, as the OpenAI chat API writes it."""

    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[TextPart] | None = Field(
        None, description="Text, or a list of text parts. Only user messages are read.")

    @property
    def text(self) -> str:
        """The message's text, parts joined."""
        if isinstance(self.content, list):
            return " ".join(part.text for part in self.content).strip()
        return (self.content or "").strip()


class ChatCompletionRequest(BaseModel):
    """An OpenAI chat completion request; sampling options are accepted and ignored."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{
        "model": MODEL_ID, "messages": [
            {"role": "user", "content": "What is the Columbus module?"},
            {"role": "assistant", "content": "Columbus is ESA's laboratory module. [1]"},
            {"role": "user", "content": "Who built it?"}]}]})

    # An enum in the contract, not a Literal: another model is a 404 naming GET /v1/models,
    # as OpenAI answers, rather than a 422.
    model: str = Field(MODEL_ID, max_length=200, json_schema_extra={"enum": [MODEL_ID]},
                       description=f"Must be '{MODEL_ID}' (another model is a 404).")
    messages: list[ChatMessage] = Field(
        ..., min_length=1, max_length=MAX_MESSAGES,
        description="The conversation, oldest first; it must end with a user message whose "
        "text (the string, or its parts joined by spaces) is the question: 1 to 1,000 "
        "characters, not all blank, or the answer is a 422. (JSON Schema has no keyword for "
        "an array's last item, so this rule is stated here only.) The earlier user messages "
        "(the last 6) are the history a follow-up is read against.")
    stream: bool = Field(False, description="Send Server-Sent Events in the OpenAI chunk "
                         "format, ending with `data: [DONE]`.")
    top_k: int = Field(5, ge=1, le=MAX_TOP_K, description="issqa extension: passages the "
                       "answer may draw on.")

    @model_validator(mode="after")
    def _ends_with_a_question(self) -> ChatCompletionRequest:
        last = self.messages[-1]
        if last.role != "user":
            raise ValueError("the last message must be the user's question")
        if not last.text:
            raise ValueError("the last user message must not be empty")
        if len(last.text) > MAX_QUESTION_CHARS:
            raise ValueError(f"the question is {len(last.text)} characters long; the limit is "
                             f"{MAX_QUESTION_CHARS}")
        return self

    @property
    def question(self) -> str:
        """The last user message."""
        return self.messages[-1].text

    @property
    def history(self) -> list[str]:
        """The earlier user messages, oldest first, the most recent ``MAX_HISTORY`` of them."""
        earlier = [m.text for m in self.messages[:-1] if m.role == "user" and m.text]
        return [text[:MAX_QUESTION_CHARS] for text in earlier[-MAX_HISTORY:]]


class AssistantMessage(BaseModel):
    """The answer, with its ``[n]`` markers."""

    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    """The one choice issqa returns."""

    index: int = 0
    message: AssistantMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    """Token counts (cl100k_base) of the question and the answer."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class IssqaExtras(BaseModel):
    """What ``/ask`` says besides the answer and citations."""

    answer_id: str
    abstained: bool
    confidence: float
    strategy: Literal["faq", "extractive", "generative", "abstain"]
    partial: bool
    interpreted_as: str
    related: list[RelatedPageOut]
    related_questions: list[str]
    index_version: str


class ChatCompletion(BaseModel):
    """An OpenAI chat completion, plus ``citations`` and ``issqa``."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage
    citations: list[CitationOut] = Field(
        ..., description="The passages behind the answer's [n] markers (as in /ask).")
    issqa: IssqaExtras


class ModelCard(BaseModel):
    """One model, as ``GET /v1/models`` lists it."""

    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelList(BaseModel):
    """The models this server answers as (one: ``issqa``)."""

    object: Literal["list"] = "list"
    data: list[ModelCard]


def _extras(result: AskResult) -> tuple[list[CitationOut], IssqaExtras]:
    ask = AskResponse.of(result)
    return ask.citations, IssqaExtras(
        answer_id=ask.answer_id, abstained=ask.abstained, confidence=ask.confidence,
        strategy=ask.strategy, partial=ask.partial, interpreted_as=ask.interpreted_as,
        related=ask.related, related_questions=ask.related_questions,
        index_version=ask.index_version)


def _check_model(model: str) -> None:
    if model != MODEL_ID:
        raise NotFoundError(f"no model {model!r}; this server answers as '{MODEL_ID}' "
                            "(GET /v1/models)", details={"model": model})


@router.get("/v1/models", response_model=ModelList)
def list_models() -> ModelList:
    """The one model this server answers as, for clients that list models first."""
    return ModelList(data=[ModelCard(id=MODEL_ID, created=_CREATED, owned_by="issqa")])


@router.post("/v1/chat/completions", response_model=ChatCompletion, responses={
    200: {"content": {"text/event-stream": {}},
          "description": "A chat completion, or with `stream: true` its chunks as "
                         "Server-Sent Events ending with `data: [DONE]`."},
    **{status: {"model": ErrorResponse, "description": text} for status, text in {
        400: "Malformed JSON.", 404: f"A model other than '{MODEL_ID}'.",
        413: "Request body over 16 KiB.",
        422: "No messages, a content that is not text, or a last message that is not a user's "
             "question of 1 to 1,000 characters, not all blank."}.items()}})
def chat_completions(body: ChatCompletionRequest, engine: EngineDep, settings: SettingsDep,
                     metrics: MetricsDep) -> Any:
    """Answer the conversation's last user message, the earlier ones as its history."""
    _check_model(body.model)
    question, history = body.question, body.history
    if body.stream:
        pieces = engine.ask_stream(question, top_k=body.top_k, history=history)
        return StreamingResponse(_events(pieces, question, settings, metrics),
                                 media_type="text/event-stream",
                                 headers={"cache-control": "no-store"})
    result = engine.ask(question, top_k=body.top_k, history=history)
    record_answer(settings, metrics, question, result)
    citations, extras = _extras(result)
    prompt_tokens = count_tokens(" ".join([*history, question]))
    completion_tokens = count_tokens(result.answer.text)
    return ChatCompletion(
        id=f"chatcmpl-{result.answer_id}", created=int(time.time()), model=MODEL_ID,
        choices=[Choice(message=AssistantMessage(content=result.answer.text))],
        usage=Usage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                    total_tokens=prompt_tokens + completion_tokens),
        citations=citations, issqa=extras)


def _events(pieces: Iterator[str | AskResult], question: str, settings: Settings,
            metrics: Metrics) -> Iterator[str]:
    """OpenAI chunks as Server-Sent Events: the role, the text as it comes, then a last chunk
    with ``finish_reason``, ``citations`` and ``issqa``, and ``[DONE]``."""
    created = int(time.time())
    # The answer's own id is known only at the end; the chunks share one id of their own.
    chunk_id = f"chatcmpl-{uuid.uuid4().hex}"

    def chunk(delta: dict[str, str], finish: str | None = None, **extra: Any) -> str:
        payload = {"id": chunk_id, "object": "chat.completion.chunk", "created": created,
                   "model": MODEL_ID,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces:
        if isinstance(piece, str):
            yield chunk({"content": piece})
            continue
        record_answer(settings, metrics, question, piece)
        citations, extras = _extras(piece)
        yield chunk({}, "stop", citations=[c.model_dump() for c in citations],
                    issqa=extras.model_dump())
    yield "data: [DONE]\n\n"
