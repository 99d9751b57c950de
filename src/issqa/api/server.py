"""What `issqa serve` hands uvicorn besides the app: an HTTP protocol that sends at once.

With ``--workers`` above 1, uvicorn binds the listening socket itself as
``socket.socket(family=...)``, whose protocol number is 0; asyncio turns Nagle's algorithm off
(``TCP_NODELAY``) only for sockets whose protocol is TCP, so the accepted connections kept it
on. A response written in two parts (headers, then body) then waited for the client's delayed
ACK: every keep-alive request took about 40 ms more (measured: /healthz p50 2.1 ms with one
worker, 44 ms with two). This protocol sets ``TCP_NODELAY`` on every connection itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol"]


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with Nagle's algorithm off on each TCP connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # A connection the peer already closed has nothing to speed up.
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
