"""A client for any OpenAI-compatible chat endpoint (llama.cpp's server, vLLM, OpenAI itself).

Only what the generative answerer needs: one chat completion, whole or streamed, under one
deadline. Every failure (refused connection, HTTP error, timeout, a body that is not the
OpenAI shape) raises :class:`LanguageModelError`, so the caller can fall back. The API key is
sent in the ``Authorization`` header only; no message, log line or error ever contains it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import httpx

__all__ = ["ChatClient", "LanguageModelError", "Message"]

Message = dict[str, str]


class LanguageModelError(Exception):
    """The language model could not give a usable reply (the reason, without secrets)."""


@dataclass
class ChatClient:
    """Chat completions from ``base_url`` (ending in ``/v1``) with ``model``."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout_s: float = 8.0
    max_tokens: int = 300

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"the language model URL must start with http:// or https://, "
                             f"got {self.base_url!r}")
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        # One connection pool for the process; requests from several threads share it.
        self._http = httpx.Client(headers=headers, timeout=httpx.Timeout(self.timeout_s))

    def _payload(self, messages: Sequence[Message], stream: bool) -> dict[str, object]:
        return {"model": self.model, "messages": list(messages), "temperature": 0,
                "max_tokens": self.max_tokens, "stream": stream}

    def complete(self, messages: Sequence[Message]) -> str:
        """The assistant's reply to ``messages``, whole."""
        try:
            response = self._http.post(f"{self.base_url}/chat/completions",
                                       json=self._payload(messages, stream=False))
        except httpx.TimeoutException:
            raise LanguageModelError(f"no reply within {self.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise LanguageModelError(f"cannot reach the language model: "
                                     f"{type(exc).__name__}") from None
        _check_status(response)
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise LanguageModelError("the reply is not an OpenAI chat completion") from None
        if not isinstance(content, str):
            raise LanguageModelError("the reply has no text content")
        return content

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The assistant's reply to ``messages`` as it is generated, piece by piece.

        The deadline covers the whole reply, not each piece: a model that trickles tokens
        slowly is cut off like one that never answers.
        """
        deadline = time.monotonic() + self.timeout_s
        try:
            with self._http.stream("POST", f"{self.base_url}/chat/completions",
                                   json=self._payload(messages, stream=True)) as response:
                if response.status_code != 200:
                    response.read()
                    _check_status(response)
                for line in response.iter_lines():
                    if time.monotonic() > deadline:
                        raise LanguageModelError(f"reply not finished within "
                                                 f"{self.timeout_s:g} s")
                    piece = _stream_piece(line)
                    if piece is None:
                        return
                    if piece:
                        yield piece
        except httpx.TimeoutException:
            raise LanguageModelError(f"no reply within {self.timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise LanguageModelError(f"cannot reach the language model: "
                                     f"{type(exc).__name__}") from None

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()


def _check_status(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise LanguageModelError(f"the language model answered HTTP {response.status_code}")


def _stream_piece(line: str) -> str | None:
    """The text of one Server-Sent Events line: '' for none, None at ``[DONE]``."""
    if not line.startswith("data:"):
        return ""  # blank separators, comments and other fields carry no text
    data = line[5:].strip()
    if data == "[DONE]":
        return None
    try:
        choice = json.loads(data)["choices"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        raise LanguageModelError("a streamed chunk is not an OpenAI chat completion chunk") \
            from None
    content = (choice.get("delta") or {}).get("content") if isinstance(choice, dict) else None
    if content is not None and not isinstance(content, str):
        raise LanguageModelError("a streamed chunk has no text content")
    return content or ""
