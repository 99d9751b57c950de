"""`issqa serve` turns Nagle's algorithm off on every connection, even on the proto-0 listening
socket uvicorn makes for several workers (where asyncio leaves it on)."""

import asyncio
import socket

from uvicorn.config import Config
from uvicorn.server import ServerState

from issqa.api.server import NoDelayH11Protocol


async def _app(scope, receive, send):  # pragma: no cover - never called: no request is sent
    raise AssertionError


def test_accepted_connections_have_tcp_nodelay_even_on_a_proto_zero_socket():
    async def main() -> int:
        config = Config(_app, lifespan="off")
        config.load()
        # As uvicorn binds for --workers > 1: no protocol number, so asyncio sets no NODELAY.
        listener = socket.socket(family=socket.AF_INET)
        listener.bind(("127.0.0.1", 0))
        protocols: list[NoDelayH11Protocol] = []

        def factory() -> NoDelayH11Protocol:
            protocol = NoDelayH11Protocol(config=config, server_state=ServerState(), app_state={})
            protocols.append(protocol)
            return protocol

        server = await asyncio.get_running_loop().create_server(factory, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        for _ in range(100):
            if protocols and protocols[0].transport is not None:
                break
            await asyncio.sleep(0.01)
        accepted = protocols[0].transport.get_extra_info("socket")
        value = accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        protocols[0].transport.close()
        writer.close()
        await writer.wait_closed()
        server.close()
        await server.wait_closed()
        return value

    assert asyncio.run(main()) != 0
