"""ASGI middleware for abuse limits: per-client rate limit, request timeout, security headers."""

from __future__ import annotations

import asyncio
import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import RateLimitedError, RequestTimeoutError
from .errors import response_for

__all__ = ["RateLimit", "RequestTimeout", "SecurityHeaders", "TokenBucket", "client_address",
           "parse_networks"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Liveness, readiness and metrics are for operators and orchestrators, and the widget's static
# script and demo page cost nothing to serve (and are cached); none of them is rate limited.
_EXEMPT = frozenset({"/healthz", "/readyz", "/metrics", "/widget.js", "/demo"})


class TokenBucket:
    """Per-key token buckets: ``burst`` tokens at most, refilled at ``rate`` per second."""

    def __init__(self, rate: float, burst: int, max_keys: int = 10_000) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError(f"rate must be > 0 and burst >= 1, got {rate} and {burst}")
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        """Spend one token; return 0 if allowed, else the seconds until a token is available."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate
            self._buckets[key] = (tokens, now)
            # Bound memory under many clients: forget the least recently seen.
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """IP addresses or CIDR networks (``10.0.0.1``, ``10.0.0.0/8``, ``::1``) as networks."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or CIDR network: {entry!r}") from None
    return tuple(networks)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address in ``text``, an IPv4-mapped IPv6 address as IPv4; None if it is not one."""
    try:
        ip = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _trusted(text: str, trusted: Sequence[Network]) -> bool:
    ip = _ip(text)
    return ip is not None and any(ip in network for network in trusted)


def client_address(peer: str, forwarded_for: Sequence[str], trusted: Sequence[Network]) -> str:
    """The client a request comes from, given its socket peer and X-Forwarded-For headers.

    A peer that is not a trusted proxy is the client, and its X-Forwarded-For is ignored (anyone
    can write one). From a trusted proxy, the header is read from the right, where each proxy
    appends the address it saw: trusted proxies are skipped and the first other address is the
    client; everything to its left was written by the client and cannot be believed. If every
    address is trusted, the leftmost one is the client. (The "trusted proxy list" method of
    MDN's X-Forwarded-For page; uvicorn's ProxyHeadersMiddleware does the same.)
    """
    if not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    if not hops:
        return peer
    client = next((hop for hop in reversed(hops) if not _trusted(hop, trusted)), hops[0])
    ip = _ip(client)
    return str(ip) if ip is not None else client


class RateLimit:
    """429 with Retry-After once a client (by IP) exceeds its token bucket.

    Behind a reverse proxy the socket peer is the proxy, so the client is found with
    :func:`client_address` from the proxies in ``trusted_proxies`` (``ISSQA_TRUSTED_PROXIES``).
    """

    def __init__(self, app: ASGIApp, per_minute: int, burst: int,
                 trusted_proxies: Iterable[str] = ()) -> None:
        self.app = app
        self.bucket = TokenBucket(per_minute / 60, burst) if per_minute > 0 else None
        self.trusted = parse_networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.bucket is None or scope["path"] in _EXEMPT \
                or scope["method"] == "OPTIONS":
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or ("unknown", 0))[0]
        forwarded = [value.decode("latin-1") for name, value in scope["headers"]
                     if name == b"x-forwarded-for"] if self.trusted else []
        wait = self.bucket.take(client_address(peer, forwarded, self.trusted))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            response = response_for(
                RateLimitedError(f"too many requests; try again in {retry_after} s",
                                 details={"retry_after_s": retry_after}),
                headers={"Retry-After": str(retry_after)})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class RequestTimeout:
    """Answer 503 if a request takes longer than ``seconds`` to start its response."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.seconds)
        except TimeoutError:
            if started:
                raise
            response = response_for(RequestTimeoutError(
                f"the request took longer than {self.seconds:g} s; try again",
                details={"timeout_s": self.seconds}))
            await response(scope, receive, send)


class SecurityHeaders:
    """Conservative headers on every response; a strict CSP on HTML pages."""

    HTML_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
                "base-uri 'none'; form-action 'self'")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"strict-origin-when-cross-origin")]
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html") and \
                        not scope["path"].startswith(("/docs", "/redoc")):
                    extra += [(b"content-security-policy", self.HTML_CSP.encode()),
                              (b"x-frame-options", b"DENY")]
                if scope["path"] == "/widget.js":
                    # Host pages on other origins load this script.
                    extra.append((b"cross-origin-resource-policy", b"cross-origin"))
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
