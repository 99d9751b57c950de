"""One JSON error shape for every 4xx and 5xx: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InvalidRequestError, IssqaError, MalformedJsonError, PayloadTooLargeError

__all__ = ["BodySizeLimit", "error_response", "install_error_handlers", "response_for"]

log = logging.getLogger("issqa.api")

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 413: "payload_too_large",
    415: "unsupported_media_type", 429: "rate_limited", 503: "unavailable",
}


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON error response every handler returns."""
    return JSONResponse({"error": {"code": code, "message": message, "details": details}},
                        status_code=status, headers=headers)


def response_for(error: IssqaError, headers: dict[str, str] | None = None) -> JSONResponse:
    """The error response for one of issqa's errors: its status, code, message and details."""
    return error_response(error.status_code, error.code, error.message, error.details, headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ()) if part != "body"]
        message = err.get("msg", "").removeprefix("Value error, ")
        details.append({"field": ".".join(loc) or "body", "message": message})
    return details


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through ``error_response``."""

    @app.exception_handler(IssqaError)
    async def _issqa(_: Request, exc: IssqaError) -> JSONResponse:
        return response_for(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        if any(err.get("type") == "json_invalid" for err in exc.errors()):
            return response_for(MalformedJsonError("the request body is not valid JSON"))
        details = _validation_details(exc)
        # Say the most useful thing first: the message of the first problem, with its field.
        first = details[0] if details else {"field": "body", "message": "invalid request"}
        return response_for(InvalidRequestError(f"{first['field']}: {first['message']}",
                                                details=details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail), None,
                              getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Log the trace for operators; never send it (or any internal path) to clients.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return response_for(IssqaError("the server hit an unexpected error; try again later"))


class BodySizeLimit:
    """Reject request bodies over ``max_bytes`` with 413, before the app reads them whole."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(send)
            return
        # Bodies here are small (16 KiB at most), so read the whole body first: the app then
        # never sees a partial one, and a chunked upload cannot slip past the limit.
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away; let the app see the disconnect
            chunks.append(message.get("body", b""))
            received += len(chunks[-1])
            if received > self.max_bytes:
                await self._reject(send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send: Send) -> None:
        error = PayloadTooLargeError(f"the request body is larger than {self.max_bytes} bytes",
                                     details={"max_bytes": self.max_bytes})
        body = json.dumps({"error": {"code": error.code, "message": error.message,
                                     "details": error.details}}).encode()
        await send({"type": "http.response.start", "status": error.status_code, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
