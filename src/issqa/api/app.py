"""The FastAPI application: thin routes over the service, one error shape, load-once engine."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse

from .. import __version__
from ..errors import IndexError_, IssqaError
from ..retrieval import Filters as DomainFilters
from ..service import MAX_QUESTION_CHARS, MAX_SEARCH_K, Engine
from ..settings import Settings
from .errors import BodySizeLimit, error_response, install_error_handlers
from .schemas import (
    AskRequest,
    AskResponse,
    DocumentResponse,
    ErrorResponse,
    Filters,
    HealthResponse,
    ReadyResponse,
    SearchResponse,
)

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 16 * 1024
log = logging.getLogger("issqa.api")

_ERRORS = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "Malformed JSON.", 404: "Not found.", 413: "Request body over 16 KiB.",
        422: "Invalid question or parameter.", 500: "Unexpected server error.",
        503: "Model or index not loaded.",
    }.items()
}


def get_engine(request: Request) -> Engine:
    """The engine loaded at start-up (overridable in tests)."""
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None or not engine.ready:
        raise IndexError_("the service is starting or has no index loaded; try again shortly")
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def _domain_filters(filters: Filters | None) -> DomainFilters | None:
    if filters is None:
        return None
    return DomainFilters(frozenset(filters.section) if filters.section else None, filters.kind)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app; the engine (model and index) loads once, at start-up, not per request."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = engine or Engine(settings)
        try:
            loaded.load()
        except IssqaError as exc:
            log.error("cannot start: %s", exc.message)
            raise SystemExit(f"issqa: cannot start: {exc.message}") from None
        app.state.engine = loaded
        yield

    app = FastAPI(
        title="issqa",
        version=__version__,
        summary="Answers about the International Space Station, with cited passages.",
        lifespan=lifespan,
        responses={422: _ERRORS[422], 500: _ERRORS[500]},
    )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    install_error_handlers(app)

    @app.post("/ask", response_model=AskResponse, tags=["answers"],
              responses={k: _ERRORS[k] for k in (400, 413, 503)})
    def ask(body: AskRequest, engine: EngineDep) -> AskResponse:
        """Answer a question with cited sentences, or abstain with related pages."""
        result = engine.ask(body.question, top_k=body.top_k, filters=_domain_filters(body.filters))
        return AskResponse.of(result)

    @app.get("/search", response_model=SearchResponse, tags=["search"],
             responses={503: _ERRORS[503]})
    def search(
        engine: EngineDep,
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS,
                                description="The question or keywords.")],
        k: Annotated[int, Query(ge=1, le=MAX_SEARCH_K, description="How many passages.")] = 5,
        mode: Annotated[Literal["bm25", "dense", "hybrid"],
                        Query(description="Which retriever ranks the passages.")] = "hybrid",
        section: Annotated[list[str] | None, Query(description="Only these sections.")] = None,
        kind: Annotated[Literal["page", "faq"] | None,
                        Query(description="Only pages or only FAQs.")] = None,
    ) -> SearchResponse:
        """Ranked passages with each retriever's rank and score."""
        filters = DomainFilters(frozenset(section) if section else None, kind)
        return SearchResponse.of(engine.search(q, k=k, mode=mode, filters=filters))

    @app.get("/documents/{doc_id}", response_model=DocumentResponse, tags=["documents"],
             responses={404: _ERRORS[404], 503: _ERRORS[503]})
    def document(engine: EngineDep,
                 doc_id: Annotated[str, Path(max_length=200)]) -> DocumentResponse:
        """One page or FAQ with its metadata and body."""
        return DocumentResponse.of(engine.document(doc_id))

    @app.get("/healthz", response_model=HealthResponse, tags=["operations"])
    def healthz() -> HealthResponse:
        """The process is alive (says nothing about the index)."""
        return HealthResponse()

    @app.get("/readyz", response_model=ReadyResponse, tags=["operations"],
             responses={503: _ERRORS[503]})
    def readyz(request: Request) -> ReadyResponse | JSONResponse:
        """Model and index are loaded and requests will be answered."""
        engine: Engine | None = getattr(request.app.state, "engine", None)
        if engine is None or not engine.ready:
            return error_response(503, "not_ready", "model and index are not loaded yet")
        index = engine.index
        return ReadyResponse(index_version=index.version, documents=len(index.documents),
                             chunks=len(index.chunks), sections=index.sections,
                             model=engine.model.model_id)

    return app
