"""A scripted OpenAI-compatible chat server for tests: real HTTP on a loopback port, replies
chosen by the test (a supported sentence, a fabricated one, malformed output, a slow reply, an
error) so every path of the generative answerer can be driven deterministically."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.servers import free_port


@dataclass(frozen=True)
class Reply:
    """What the server answers: text (whole or streamed in ``pieces``, ``piece_delay_s``
    apart), or a raw body and status, after ``delay_s``."""

    content: str = ""
    status: int = 200
    raw: str | None = None
    delay_s: float = 0.0
    pieces: int = 4
    piece_delay_s: float = 0.0


Script = Callable[[list[dict[str, str]]], Reply]


def passages_of(messages: list[dict[str, str]]) -> dict[int, str]:
    """The numbered passages of the prompt issqa sent: {n: text without its title line}."""
    user = next(m["content"] for m in messages if m["role"] == "user")
    found = re.findall(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\nQuestion: )", user,
                       flags=re.S | re.M)
    return {int(n): text for n, text in found}


def first_sentence(text: str) -> str:
    """The first statement of a passage (not a heading or an FAQ's question), as a model
    quoting it would write it."""
    lines = [line for line in text.strip().splitlines()[1:] if line.strip()] or [text]
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(lines).strip())
    return next(s for s in sentences if not s.endswith("?"))


@dataclass
class ScriptedLLM:
    """The running server: set ``script`` to choose replies; ``requests`` records each call."""

    url: str
    script: Script = field(default=lambda _messages: Reply(content="NO ANSWER"))
    requests: list[dict] = field(default_factory=list)


def _handler(state: ScriptedLLM) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["content-length"])))
            state.requests.append({"path": self.path, "body": body,
                                   "authorization": self.headers.get("authorization")})
            reply = state.script(body["messages"])
            time.sleep(reply.delay_s)
            if reply.raw is not None or reply.status != 200:
                self._send(reply.status, reply.raw or '{"error": {"message": "boom"}}')
            elif body.get("stream"):
                self._stream(reply)
            else:
                self._send(200, json.dumps({
                    "id": "cmpl-1", "object": "chat.completion", "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": reply.content}}]}))

        def _send(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.end_headers()
            size = max(1, len(reply.content) // reply.pieces + 1)
            for start in range(0, len(reply.content), size):
                chunk = {"choices": [{"index": 0, "delta": {
                    "content": reply.content[start:start + size]}}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
                time.sleep(reply.piece_delay_s)
            self.wfile.write(b"data: [DONE]\n\n")

    return Handler


@contextmanager
def scripted_llm() -> Iterator[ScriptedLLM]:
    """Start the server on a free port (base URL ending in /v1); stop it after."""
    port = free_port()
    state = ScriptedLLM(url=f"http://127.0.0.1:{port}/v1")
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
