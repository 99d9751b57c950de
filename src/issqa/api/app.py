"""The FastAPI application: thin routes over the service, one error shape, load-once engine."""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Path, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response

from .. import __version__
from ..corpus import load_corpus
from ..errors import (
    ForbiddenError,
    IndexUnavailableError,
    IssqaError,
    NotFoundError,
    NotReadyError,
    ReloadFailedError,
    UnauthorizedError,
)
from ..retrieval import Filters as DomainFilters
from ..service import MAX_QUESTION_CHARS, MAX_SEARCH_K, MAX_STARTERS, Engine
from ..settings import Settings
from .chat import router as chat_router
from .deps import EngineDep, MetricsDep, SettingsDep, record_answer
from .errors import BodySizeLimit, install_error_handlers, response_for
from .metrics import CONTENT_TYPE_LATEST, Metrics, MetricsMiddleware
from .middleware import RateLimit, RequestTimeout, SecurityHeaders
from .schemas import (
    NOT_BLANK,
    SECTION_MARKER,
    AskRequest,
    AskResponse,
    DocumentResponse,
    ErrorResponse,
    Filters,
    HealthResponse,
    ReadyResponse,
    ReloadResponse,
    SearchResponse,
    SectionName,
    SuggestionsResponse,
)
from .widget import router as widget_router

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 16 * 1024
log = logging.getLogger("issqa.api")

_ERRORS = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "Malformed JSON.", 401: "No admin token given.", 403: "Wrong admin token.",
        404: "Not found.", 409: "The new index failed verification; the old one still serves.",
        413: "Request body over 16 KiB.", 422: "Invalid question or parameter.",
        429: "Too many requests from this client; see Retry-After.",
        500: "Unexpected server error.", 503: "Model or index not loaded, or timed out.",
    }.items()
}


def _domain_filters(filters: Filters | None) -> DomainFilters | None:
    if filters is None:
        return None
    return DomainFilters.of(filters.section, filters.kind)


def _served_sections(app: FastAPI, settings: Settings) -> list[str] | None:
    """The sections a filter may name: the loaded index's, else the corpus's (what
    ``issqa openapi`` states for the shipped corpus), else None when neither can be read."""
    engine: Engine | None = getattr(app.state, "engine", None)
    if engine is not None and engine.ready:
        return list(engine.index.sections)
    try:
        return sorted({doc.section for doc in load_corpus(settings.corpus_dir)})
    except IssqaError as exc:
        log.warning("the OpenAPI document lists no sections: %s", exc.message)
        return None


def _state_sections(node: Any, sections: list[str] | None) -> None:
    """Replace each section-name marker in an OpenAPI document with the enum of ``sections``."""
    if isinstance(node, dict):
        if node.pop(SECTION_MARKER, False) and sections is not None:
            node["enum"] = sections
        for value in node.values():
            _state_sections(value, sections)
    elif isinstance(node, list):
        for value in node:
            _state_sections(value, sections)


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
        metrics.set_index_version(loaded.index.version)
        yield

    app = FastAPI(
        title="issqa",
        version=__version__,
        summary="Answers about the International Space Station, with cited passages.",
        lifespan=lifespan,
        responses={k: _ERRORS[k] for k in (422, 429, 500, 503)},
    )
    metrics = Metrics()
    app.state.metrics = metrics
    app.state.settings = settings
    # Added innermost first: a request passes metrics, headers, CORS, rate limit, body limit
    # and timeout in that order, so even a 429 or 413 carries CORS and security headers.
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout_s)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute,
                       burst=settings.rate_limit_burst, trusted_proxies=settings.trusted_proxies)
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins,
                       allow_methods=["GET", "POST"],
                       allow_headers=["content-type", "authorization"],
                       expose_headers=["retry-after"], max_age=600)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    install_error_handlers(app)
    app.include_router(widget_router)
    app.include_router(chat_router)
    generate_openapi = app.openapi
    documented_build: list[str | None] = [None]  # the index build the cached document states

    def openapi() -> dict[str, Any]:
        """FastAPI's document, with the served sections stated as an enum (so every request
        the schema allows is one the server accepts); rebuilt when another build is served
        (a reload, or a Ray rollout)."""
        loaded: Engine | None = getattr(app.state, "engine", None)
        serving = loaded.index.version if loaded is not None and loaded.ready else None
        if app.openapi_schema is None or documented_build[0] != serving:
            app.openapi_schema = None
            _state_sections(generate_openapi(), _served_sections(app, settings))
            documented_build[0] = serving
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.post("/ask", response_model=AskResponse, tags=["answers"],
              responses={k: _ERRORS[k] for k in (400, 413, 503)})
    def ask(body: AskRequest, engine: EngineDep, settings: SettingsDep,
            metrics: MetricsDep) -> AskResponse:
        """Answer a question with cited sentences, or abstain with related pages."""
        result = engine.ask(body.question, top_k=body.top_k, filters=_domain_filters(body.filters),
                            history=body.history)
        record_answer(settings, metrics, body.question, result)
        return AskResponse.of(result)

    @app.get("/search", response_model=SearchResponse, tags=["search"],
             responses={503: _ERRORS[503]})
    def search(
        engine: EngineDep,
        metrics: MetricsDep,
        q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION_CHARS,
                                json_schema_extra={"pattern": NOT_BLANK["pattern"]},
                                description="The question or keywords, not all blank.")],
        k: Annotated[int, Query(ge=1, le=MAX_SEARCH_K, description="How many passages.")] = 5,
        mode: Annotated[Literal["bm25", "dense", "hybrid"],
                        Query(description="Which retriever ranks the passages.")] = "hybrid",
        section: Annotated[list[SectionName] | None,
                           Query(description="Only these sections: those of the index "
                                 "served, as GET /readyz lists them.")] = None,
        kind: Annotated[Literal["page", "faq"] | None,
                        Query(description="Only pages or only FAQs.")] = None,
    ) -> SearchResponse:
        """Ranked passages with each retriever's rank and score."""
        filters = DomainFilters.of(section, kind)
        result = engine.search(q, k=k, mode=mode, filters=filters)
        metrics.observe_stages(result.timings_ms)
        return SearchResponse.of(result)

    @app.get("/suggestions", response_model=SuggestionsResponse, tags=["answers"],
             responses={503: _ERRORS[503]})
    def suggestions(
        engine: EngineDep,
        n: Annotated[int, Query(ge=1, le=MAX_STARTERS, description="How many questions.")] = 4,
    ) -> SuggestionsResponse:
        """Questions to offer before anything is asked, taken from the FAQs."""
        return SuggestionsResponse(questions=engine.starter_questions(n),
                                   index_version=engine.index.version)

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
            return response_for(NotReadyError("model and index are not loaded yet"))
        index = engine.index
        return ReadyResponse(index_version=index.version, documents=len(index.documents),
                             chunks=len(index.chunks), sections=index.sections,
                             model=engine.model.model_id)

    @app.get("/metrics", tags=["operations"], response_class=Response,
             responses={200: {"content": {CONTENT_TYPE_LATEST: {}},
                              "description": "Prometheus text format."}})
    def metrics_endpoint(metrics: MetricsDep) -> Response:
        """Request counts and latency per endpoint, latency per stage, answers by strategy."""
        return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)

    @app.post("/admin/reload", response_model=ReloadResponse, tags=["operations"],
              responses={k: _ERRORS[k] for k in (401, 403, 404, 409)})
    def reload(engine: EngineDep, settings: SettingsDep, metrics: MetricsDep,
               authorization: Annotated[str | None, Header()] = None) -> ReloadResponse:
        """Swap in the index `issqa build` last published, without dropping requests in flight.

        Needs `Authorization: Bearer <ISSQA_ADMIN_TOKEN>`; disabled when that is unset. If the
        new index fails verification, the old one keeps serving and this answers 409.
        """
        _check_admin(settings, authorization)
        old = engine.index.version
        try:
            _, new = engine.reload()
        except IndexUnavailableError as exc:
            raise ReloadFailedError(f"{exc.message}; still serving index {old}") from exc
        metrics.set_index_version(new)
        log.info("index reloaded: %s -> %s", old, new)
        return ReloadResponse(previous_version=old, index_version=new)

    return app


def _check_admin(settings: Settings, authorization: str | None) -> None:
    """Admin endpoints need the configured bearer token; they do not exist without one."""
    if settings.admin_token is None:
        raise NotFoundError("admin endpoints are disabled; set ISSQA_ADMIN_TOKEN to enable them")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise UnauthorizedError("send 'Authorization: Bearer <ISSQA_ADMIN_TOKEN>'")
    if not hmac.compare_digest(token.encode(), settings.admin_token.get_secret_value().encode()):
        raise ForbiddenError("the admin token is wrong")
