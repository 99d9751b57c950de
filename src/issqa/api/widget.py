"""Routes for the embeddable help widget: /widget.js, /demo and POST /feedback."""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from ..feedback import ANSWER_ID_PATTERN, MAX_COMMENT_CHARS, FeedbackStore, PostgresFeedbackStore
from ..service import open_feedback, record_feedback
from .schemas import ErrorResponse

__all__ = ["FeedbackRequest", "FeedbackResponse", "get_feedback_store", "router"]

router = APIRouter()

# The embed URL carries no version, so caches must come back for a new release: an hour fresh,
# then a cheap revalidation (304 on a matching ETag) while a stale copy keeps serving.
WIDGET_CACHE_CONTROL = "public, max-age=3600, stale-while-revalidate=86400"
_FEEDBACK_ERRORS = {
    status: {"model": ErrorResponse, "description": text}
    for status, text in {
        400: "Malformed JSON.", 413: "Request body over 16 KiB.",
        422: "Invalid answer_id, helpful or comment.", 500: "The feedback could not be stored.",
    }.items()
}


@dataclass(frozen=True)
class _Asset:
    body: bytes
    gzipped: bytes
    etag: str
    gzip_etag: str


@cache
def _widget_asset() -> _Asset:
    """widget.js read once from the package, with its gzip form and their ETags."""
    body = resources.files("issqa.api").joinpath("static/widget.js").read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:20]
    return _Asset(body, gzip.compress(body, mtime=0), f'"{digest}"', f'"{digest}-gz"')


def _etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Weak comparison, as If-None-Match requires (RFC 9110, 13.1.2)."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


@router.api_route("/widget.js", methods=["GET", "HEAD"], include_in_schema=False)
def widget_js(request: Request) -> Response:
    """The widget script, cacheable, gzipped when the client accepts it."""
    asset = _widget_asset()
    use_gzip = "gzip" in request.headers.get("accept-encoding", "").lower()
    etag = asset.gzip_etag if use_gzip else asset.etag
    headers = {
        # nosniff and Cross-Origin-Resource-Policy come from the app's SecurityHeaders.
        "Cache-Control": WIDGET_CACHE_CONTROL, "ETag": etag, "Vary": "Accept-Encoding",
    }
    if _etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    if use_gzip:
        headers["Content-Encoding"] = "gzip"
    return Response(asset.gzipped if use_gzip else asset.body, headers=headers,
                    media_type="text/javascript; charset=utf-8")


_DEMO_STYLE = """
body { margin: 0; font: 17px/1.6 Georgia, serif; color: #222; background: #f6f4ef; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 8rem; }
h1 { font-size: 2rem; line-height: 1.2; }
pre { background: #fff; border: 1px solid #ddd; padding: 1rem; overflow-x: auto;
      font-size: 0.85rem; white-space: pre-wrap; word-break: break-all; }
/* Rules a host page might have; the widget's Shadow DOM keeps them out. */
button { font-family: Georgia, serif; text-transform: uppercase; }
p { text-align: justify; }
"""
_DEMO_STYLE_HASH = base64.b64encode(hashlib.sha256(_DEMO_STYLE.encode()).digest()).decode()
# The demo runs under a strict policy, no inline script and no 'unsafe-inline' style, to show
# the widget needs neither.
_DEMO_CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
             f"style-src 'self' 'sha256-{_DEMO_STYLE_HASH}'; base-uri 'none'; form-action 'none'; "
             "frame-ancestors 'none'")


@router.get("/demo", include_in_schema=False)
def demo(request: Request) -> Response:
    """A page that embeds the widget from this server, with the snippet to copy."""
    base = str(request.base_url).rstrip("/")
    snippet = (f'<script src="{base}/widget.js" data-issqa-endpoint="{base}" defer>'
               "</script>")
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>issqa widget demo</title>
<style>{_DEMO_STYLE}</style>
</head>
<body>
<main>
<h1>International Space Station help, embedded</h1>
<p>This page stands in for a site that embeds the issqa help widget. Use the
<strong>Ask about the station</strong> button in the corner: ask a question, open the numbered
sources to read the passage each sentence was quoted from, and rate the answer.</p>
<p>To add the widget to a page, paste this one line before <code>&lt;/body&gt;</code>:</p>
<pre>{html.escape(snippet)}</pre>
<p>Options (accent colour, position, title) are described in <code>api/embed.md</code>. The
page's origin must be listed in <code>ISSQA_ALLOWED_ORIGINS</code>.</p>
</main>
<script src="/widget.js" defer></script>
</body>
</html>
"""
    return Response(page, media_type="text/html; charset=utf-8", headers={
        "Content-Security-Policy": _DEMO_CSP, "Cache-Control": "no-cache",
        "Referrer-Policy": "no-referrer"})


class FeedbackRequest(BaseModel):
    """A visitor's verdict on one answer, for POST /feedback."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"answer_id": "a7cadb21ef3045c9b653cc7d8f4f0e64", "helpful": False,
                      "comment": "The answer missed the launch date."}]})

    answer_id: str = Field(..., description="The `answer_id` that POST /ask returned.",
                           json_schema_extra={"pattern": "^[0-9a-f]{32}$"})
    helpful: StrictBool = Field(..., description="Thumbs up (true) or down (false).")
    comment: str | None = Field(None, max_length=MAX_COMMENT_CHARS,
                                description="Optional free text, at most 1,000 characters.")

    @field_validator("answer_id")
    @classmethod
    def _answer_id(cls, value: str) -> str:
        if not ANSWER_ID_PATTERN.fullmatch(value):
            raise ValueError("answer_id must be the 32 lower-case hex digits that POST /ask "
                             "returned")
        return value

    @field_validator("comment")
    @classmethod
    def _comment(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return value.strip() or None


class FeedbackResponse(BaseModel):
    """The stored feedback."""

    id: int = Field(..., description="Id of the stored feedback row.")
    answer_id: str
    helpful: bool
    comment: str | None


def get_feedback_store(request: Request) -> FeedbackStore | PostgresFeedbackStore:
    """The app's feedback store (PostgreSQL when ISSQA_FEEDBACK_DSN is set, else SQLite),
    opened on first use (overridable in tests)."""
    store = getattr(request.app.state, "feedback_store", None)
    if store is None:
        store = open_feedback(request.app.state.settings)
        request.app.state.feedback_store = store
    return store


@router.post("/feedback", response_model=FeedbackResponse, status_code=201, tags=["feedback"],
             summary="Rate an answer",
             response_description="Feedback stored: the first on this answer.",
             responses={200: {"model": FeedbackResponse,
                              "description": "Earlier feedback on this answer was updated."},
                        **_FEEDBACK_ERRORS})
def feedback(body: FeedbackRequest, request: Request, response: Response,
             store: Annotated[FeedbackStore | PostgresFeedbackStore,
                              Depends(get_feedback_store)]) -> FeedbackResponse:
    """Store a thumbs up or down (and an optional comment) on an answer.

    201 when it is the first feedback on that answer; 200 when it replaces an earlier verdict
    (a comment sent later is kept unless a new one is given).
    """
    saved, created = record_feedback(store, body.answer_id, body.helpful, body.comment,
                                     request.headers.get("origin"))
    if not created:
        response.status_code = 200
    return FeedbackResponse(id=saved.id, answer_id=saved.answer_id, helpful=saved.helpful,
                            comment=saved.comment)
