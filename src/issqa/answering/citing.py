"""What a citation shows: the passage around the cited sentence, trimmed to a length."""

from __future__ import annotations

from ..types import Chunk

__all__ = ["snippet_around"]


def snippet_around(body: str, chunk: Chunk, start: int, end: int, limit: int) -> str:
    """The passage around ``body[start:end]``, trimmed to about ``limit`` characters.

    A sentence outside the chunk (found elsewhere in its document) is quoted with its own
    surroundings; an ellipsis marks each side that was cut.
    """
    if chunk.char_start <= start and end <= chunk.char_end:
        chunk_start, chunk_end = chunk.char_start, chunk.char_end
    else:
        chunk_start, chunk_end = 0, len(body)
    if chunk_end - chunk_start <= limit:
        return body[chunk_start:chunk_end].strip()
    room = max(limit - (end - start), 0)
    lo = max(chunk_start, start - room // 2)
    hi = min(chunk_end, end + (room - (start - lo)))
    snippet = body[lo:hi].strip()
    return ("…" if lo > chunk_start else "") + snippet + ("…" if hi < chunk_end else "")
