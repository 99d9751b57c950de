"""Bytes to text for fetched and saved pages, whatever encoding they were written in.

The order follows what browsers do (the WHATWG encoding sniffing algorithm, simplified): a byte
order mark, then the charset the server declared, then a ``<meta charset>`` in the first bytes,
then UTF-8 if the bytes are valid UTF-8, then statistical detection (charset-normalizer, which
trafilatura already depends on; windows-1252 wins ties, as browsers default to it). As in
browsers, the labels ISO-8859-1 and US-ASCII are read as windows-1252: pages that declare them
very often contain its curly quotes and euro sign.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["charset_from_content_type", "decode_html", "decode_text"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_WINDOWS_1252_LABELS = {"latin1", "latin_1", "iso8859_1", "ascii", "cp1252"}
# The <meta charset> prescan looks at bytes, before any decoding; this is the pattern browsers
# match (``charset=`` inside a meta tag), not HTML parsing.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.I)
_PRESCAN_BYTES = 4096


def _codec(label: str | None) -> str | None:
    """The Python codec for an encoding label, or None if the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name.replace("-", "_") in _WINDOWS_1252_LABELS else name


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    match = _CHARSET_PARAM.search(content_type or "")
    return match.group(1) if match else None


def _try(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str:
    """UTF-8 if valid, else the encoding charset-normalizer finds, else windows-1252."""
    text = _try(data, "utf-8")
    if text is not None:
        return text
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if matches:
        best = min(m.chaos for m in matches)
        # Single-byte Latin encodings often fit equally well; then prefer windows-1252, the
        # default browsers use for undeclared Western pages.
        if any("cp1252" in m.could_be_from_charset for m in matches if m.chaos <= best):
            return data.decode("cp1252", errors="replace")
        text = _try(data, _codec(matches[0].encoding))
        if text is not None:
            return text
    return data.decode("cp1252", errors="replace")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a plain-text page: byte order mark, then ``declared``, then detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    text = _try(data, _codec(declared))
    return text if text is not None else _detect(data)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode an HTML page: byte order mark, Content-Type charset, ``<meta charset>``, detection."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for label in (charset_from_content_type(content_type), _meta_charset(data)):
        codec = _codec(label)
        # A page cannot declare UTF-16 inside itself once read as ASCII-compatible bytes.
        if codec and not codec.startswith(("utf-16", "utf-32")):
            text = _try(data, codec)
            if text is not None:
                return text
    return _detect(data)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match.group(1).decode("ascii", errors="replace") if match else None
