"""The unit of ingestion: one extracted page, and how it is named and written as a corpus file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import yaml

__all__ = [
    "MAX_SLUG_CHARS",
    "Page",
    "Skipped",
    "check_section",
    "content_key",
    "render_page",
    "slug_for_url",
]

MAX_SLUG_CHARS = 80
_SECTION = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Extensions that say how a page was served, not what it is about.
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|txt|md)$", re.I)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.M)


@dataclass(frozen=True)
class Page:
    """One page's main content as Markdown, ready to become a corpus file.

    ``origin`` is where it came from (a file path or the URL fetched), for messages only;
    ``canonical`` says the page declared its URL itself (``<link rel="canonical">``), which makes
    it the copy to keep when the same content turns up under several URLs.
    ``updated`` is None when the source did not say; the writer then keeps the date of an
    unchanged file, or uses today's date for a new one.
    """

    url: str
    title: str
    body: str
    origin: str
    updated: dt.date | None = None
    canonical: bool = False

    @property
    def headings(self) -> tuple[str, ...]:
        """The Markdown headings of the body, in order."""
        return tuple(_HEADING.sub("", line).strip() for line in self.body.splitlines()
                     if _HEADING.match(line))


@dataclass(frozen=True)
class Skipped:
    """A page that was not stored, and why: ``reason`` in full, ``kind`` for the summary."""

    origin: str
    reason: str
    kind: str = "other"


def check_section(section: str) -> str:
    """Validate a section slug as the corpus expects it; return it."""
    if not _SECTION.match(section):
        raise ValueError(f"section must be lower-case letters, digits, '-' or '_', got {section!r}")
    return section


def _ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NOT_SLUG.sub("-", text).strip("-")


def slug_for_url(url: str) -> str:
    """A file name and corpus id for a URL: its path (and query) as ``[a-z0-9-]``.

    ``https://site/station/cupola.html`` -> ``station-cupola``; the site root -> ``index``.
    Long slugs are cut and end with a hash of the URL, so they stay unique.
    """
    parts = urlsplit(url)
    path = unquote(parts.path)
    path = re.sub(r"/index\.[a-z]+$", "/", path, flags=re.I)
    path = _PAGE_SUFFIX.sub("", path)
    slug = _ascii_slug(f"{path} {unquote(parts.query)}") or "index"
    if len(slug) > MAX_SLUG_CHARS:
        digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
        slug = slug[:MAX_SLUG_CHARS - 9].rstrip("-") + "-" + digest
    return slug


def content_key(body: str) -> str:
    """What makes two pages duplicates: the same words, ignoring white space and case."""
    words = " ".join(body.split()).casefold()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def _yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back unchanged, else double-quoted."""
    value = "".join(ch for ch in " ".join(value.split()) if ch.isprintable())
    try:
        # Plain only if any YAML reader gets the same string back (not a bool, number or date).
        plain = yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        plain = False
    # JSON strings are valid YAML double-quoted scalars.
    return value if plain and value else json.dumps(value, ensure_ascii=False)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def render_page(page: Page, doc_id: str, section: str, updated: dt.date) -> str:
    """The corpus file for a page: front matter (id, title, url, section, updated, sources)."""
    url = _yaml_scalar(page.url)
    return (
        "---\n"
        f"id: {doc_id}\n"
        f"title: {_yaml_scalar(page.title)}\n"
        f"url: {url}\n"
        f"section: {section}\n"
        f"updated: {updated.isoformat()}\n"
        "sources:\n"
        f"  - {url}\n"
        "---\n"
        f"{_normalize_newlines(page.body).strip()}\n"
    )
