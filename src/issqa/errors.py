"""The one exception tree of issqa.

Every error a user can cause or meet derives from ``IssqaError``; each class carries the HTTP
status and the machine-readable code that the API's single error handler turns into
``{"error": {"code", "message", "details"}}``::

    IssqaError (500, internal_error)
    ├── CorpusError (422, corpus_invalid)            the corpus files break the format
    ├── IngestError (422, ingest_failed)             pages to import cannot be read or fetched
    ├── IndexUnavailableError (503, index_unavailable)   no usable index where readers look
    │   ├── IndexNotFoundError (503, index_missing)
    │   └── IndexCorruptError (503, index_corrupt)   checksum, format or model mismatch
    ├── ModelError (503, model_unavailable)          the embedding model cannot be loaded
    ├── RayMissingError (500, ray_missing)            a --ray command without the [ray] extra
    ├── RolloutFailedError (500, rollout_failed)      Ray Serve could not run a rolled-out build
    ├── InvalidRequestError (422, invalid_request)   a bad question, filter or parameter
    ├── NotFoundError (404, not_found)               an unknown document id
    ├── UnauthorizedError (401, unauthorized)        an admin call without a bearer token
    ├── ForbiddenError (403, forbidden)              an admin call with a wrong token
    └── ReloadFailedError (409, reload_failed)       a new build failed verification on reload
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "CorpusError",
    "ForbiddenError",
    "IndexCorruptError",
    "IndexNotFoundError",
    "IndexUnavailableError",
    "IngestError",
    "InvalidRequestError",
    "IssqaError",
    "MalformedJsonError",
    "ModelError",
    "NotFoundError",
    "NotReadyError",
    "PayloadTooLargeError",
    "Problem",
    "RateLimitedError",
    "RayMissingError",
    "ReloadFailedError",
    "RequestTimeoutError",
    "RolloutFailedError",
    "UnauthorizedError",
]


class IssqaError(Exception):
    """Base of every error issqa raises on purpose."""

    status_code = 500
    code = "internal_error"

    def __init__(self, message: str, *, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the corpus, located as precisely as the file allows."""

    file: str
    message: str
    line: int | None = None
    entry: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.entry:
            parts.append(f"entry '{self.entry}'")
        if self.field:
            parts.append(f"field '{self.field}'")
        return f"{' '.join(parts)}: {self.message}"


class CorpusError(IssqaError):
    """The corpus has one or more problems; all of them are listed, not only the first."""

    status_code = 422
    code = "corpus_invalid"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(
            f"the corpus has {len(self.problems)} problem(s); fix them and run `issqa build` "
            f"again:\n{lines}",
            details=[p.__dict__ for p in self.problems],
        )


class IngestError(IssqaError):
    """Pages to import cannot be read or fetched at all (a bad folder, sitemap or site)."""

    status_code = 422
    code = "ingest_failed"


class IndexUnavailableError(IssqaError):
    """No usable index is available."""

    status_code = 503
    code = "index_unavailable"


class IndexNotFoundError(IndexUnavailableError):
    """No index has been built where the settings point."""

    code = "index_missing"


class IndexCorruptError(IndexUnavailableError):
    """The index on disk fails verification (checksum, format, model or dimension)."""

    code = "index_corrupt"


class RayMissingError(IssqaError):
    """A command asked for Ray (``--ray``, ``rollout``) and Ray is not installed."""

    code = "ray_missing"


class RolloutFailedError(IssqaError):
    """Ray Serve did not get a rolled-out build running on every replica in time."""

    code = "rollout_failed"


class ModelError(IssqaError):
    """The embedding model cannot be loaded."""

    status_code = 503
    code = "model_unavailable"


class InvalidRequestError(IssqaError):
    """A request parameter is out of range or malformed."""

    status_code = 422
    code = "invalid_request"


class NotFoundError(IssqaError):
    """Something asked for by id does not exist."""

    status_code = 404
    code = "not_found"


class UnauthorizedError(IssqaError):
    """An admin endpoint was called without a bearer token."""

    status_code = 401
    code = "unauthorized"


class ForbiddenError(IssqaError):
    """An admin endpoint was called with a wrong token."""

    status_code = 403
    code = "forbidden"


class ReloadFailedError(IssqaError):
    """The newly built index did not verify; the old one keeps serving."""

    status_code = 409
    code = "reload_failed"


# Errors only the HTTP layer meets (the request itself, before any use case runs); they live in
# this one tree so every code the API can answer with is listed here.


class MalformedJsonError(IssqaError):
    """The request body is not valid JSON."""

    status_code = 400
    code = "malformed_json"


class PayloadTooLargeError(IssqaError):
    """The request body is larger than the API accepts."""

    status_code = 413
    code = "payload_too_large"


class RateLimitedError(IssqaError):
    """The client sent more requests than its rate limit allows."""

    status_code = 429
    code = "rate_limited"


class RequestTimeoutError(IssqaError):
    """The request took longer than the configured limit."""

    status_code = 503
    code = "timeout"


class NotReadyError(IssqaError):
    """The model and index are still loading."""

    status_code = 503
    code = "not_ready"
