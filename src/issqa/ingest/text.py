"""Plain-text pages (a page saved as text, a copy-paste from a browser) as Markdown.

Plain text has no markup, so structure is guessed line by line:

- prose: a line that ends a sentence (``.``, ``!``, ``?``, ``…``) and has a few words; kept as a
  paragraph. Hard-wrapped paragraphs (long lines that stop mid-sentence) are joined first.
- heading: a short title-case line that starts with a letter and has no sentence punctuation,
  directly followed (at most one blank line between) by prose or a list of sentences; becomes
  ``## heading``.
- anything else that is short and has no sentence punctuation (``- News & Events``,
  ``Multimedia``, ``Follow NASA``, ``270+``) looks like navigation, a button or a counter, and is
  dropped. So are list items that are not sentences.

The title is the first heading-like line. "Read more"-style links glued to the end of a paragraph
by the copy ("...community.Read More about ...") are cut off, and a "Last updated: <date>" line
gives the page's date.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass
from pathlib import Path

from ..errors import IngestError
from .decode import decode_text
from .page import Page, Skipped, slug_for_url

__all__ = ["TextExtracted", "collect_text_files", "extract_text"]

MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 80
MIN_PROSE_WORDS = 4
# A line this long that stops mid-sentence is a hard-wrapped paragraph, not a menu entry.
WRAP_MIN_CHARS = 50

_LIST_MARKER = re.compile(r"^\s*(?:[-*+•·▪◦‣]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_INNER_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+\S")
# "Read More", "Learn More", "Read the Daily Blog", "Watch More Videos" glued to a paragraph.
_GLUED_CALL_TO_ACTION = re.compile(
    r"(?:(?<=[.!?…\"”’)])|(?<=[a-z0-9]))\s?(?:Read|Learn|Watch|View|See|Discover) "
    r"(?:More|more|the\b|all\b|All\b).*$"
)
_LAST_UPDATED = re.compile(r"\b(?:last\s+updated|last\s+modified|updated)\s*:?\s*(.+)$", re.I)
_DATE_FORMATS = ("%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%b. %d, %Y")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to vs via with".split())


@dataclass(frozen=True)
class TextExtracted:
    """Title, Markdown body and the date the page states, if any."""

    title: str | None
    body: str
    updated: dt.date | None


@dataclass(frozen=True)
class _Line:
    text: str
    listed: bool
    blanks_before: int


def _is_prose(text: str) -> bool:
    """A sentence (or several): ends like one and has a few words."""
    words = len(text.split())
    if _SENTENCE_END.search(text) and words >= MIN_PROSE_WORDS:
        return True
    return words >= 2 * MIN_PROSE_WORDS and bool(_INNER_SENTENCE_END.search(text)) and \
        text.rstrip()[-1] in ".!?…\"”’)"


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    if not words or not next(ch for ch in text if ch.isalpha()).isupper():
        return False
    big = [w for w in words if w.lower().strip(string.punctuation) not in _SMALL_WORDS]
    capital = [w for w in big if next(ch for ch in w if ch.isalpha()).isupper()]
    return len(capital) >= max(1, 0.75 * len(big))


def _is_heading_like(line: _Line) -> bool:
    text = line.text
    return (not line.listed and len(text) <= MAX_HEADING_CHARS and text[0].isalpha()
            and 1 <= len(text.split()) <= MAX_HEADING_WORDS
            and not _SENTENCE_END.search(text) and not text.endswith((",", ";"))
            and _is_title_case(text))


def _parse_date(text: str) -> dt.date | None:
    text = " ".join(text.replace(",", ", ").split()).replace(" ,", ",").strip(" .")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _lines(text: str) -> list[_Line]:
    """Non-blank lines, list markers and glued calls to action removed, hard wraps joined."""
    out: list[_Line] = []
    blanks = 1
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            blanks += 1
            continue
        marker = _LIST_MARKER.match(stripped)
        content = stripped[marker.end():] if marker else stripped
        content = _GLUED_CALL_TO_ACTION.sub("", content).strip()
        if not content:
            blanks = 0
            continue
        previous = out[-1] if out else None
        if (previous is not None and not blanks and not marker and not previous.listed
                and len(previous.text) >= WRAP_MIN_CHARS
                and not _SENTENCE_END.search(previous.text)
                and (content[0].islower() or content[0].isdigit()
                     or not _is_heading_like(_Line(content, False, 0)))):
            out[-1] = _Line(f"{previous.text} {content}", False, previous.blanks_before)
        else:
            out.append(_Line(content, bool(marker), blanks))
        blanks = 0
    return out


def _title_text(text: str) -> str:
    return string.capwords(text) if text.isupper() else text


def extract_text(text: str) -> TextExtracted:
    """Title, Markdown body (paragraphs and ``##`` headings) and stated date of a text page."""
    lines = _lines(text)
    updated = None
    kept: list[_Line] = []
    for line in lines:
        match = _LAST_UPDATED.search(line.text)
        if match and not _is_prose(line.text) and (date := _parse_date(match.group(1))):
            updated = updated or date
            continue
        kept.append(line)
    title_at = next((i for i, line in enumerate(kept) if _is_heading_like(line)), None)
    title = _title_text(kept[title_at].text) if title_at is not None else None
    blocks: list[str] = []
    for i, line in enumerate(kept):
        if i == title_at:
            continue
        if _is_prose(line.text):
            blocks.append(f"- {line.text}" if line.listed else line.text)
            continue
        following = kept[i + 1] if i + 1 < len(kept) else None
        if (_is_heading_like(line) and following is not None
                and following.blanks_before <= 1 and _is_prose(following.text)):
            blocks.append(f"## {line.text}")
    # Consecutive list items stay one list; everything else is its own paragraph.
    body = ""
    for n, block in enumerate(blocks):
        if n:
            both_listed = block.startswith("- ") and blocks[n - 1].startswith("- ")
            body += "\n" if both_listed else "\n\n"
        body += block
    return TextExtracted(title, body, updated)


def collect_text_files(files: list[Path], base_url: str | None = None
                       ) -> tuple[list[Page], list[Skipped]]:
    """Extract each plain-text file; its URL is ``base_url`` + its name (or ``/`` + its name)."""
    if not files:
        raise IngestError("no files given; pass one or more plain-text files")
    pages, skipped = [], []
    for path in map(Path, files):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(f"{path} cannot be read ({exc.strerror}); check the path") from exc
        stem = path.stem
        url = f"{base_url.rstrip('/')}/{stem}" if base_url else f"/{slug_for_url('/' + stem)}"
        extracted = extract_text(decode_text(data))
        if not extracted.body.strip():
            skipped.append(Skipped(str(path), "no paragraphs found (only short menu-like "
                                              "lines); nothing to import", "no text"))
            continue
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
        pages.append(Page(url=url, title=extracted.title or stem.replace("-", " ").capitalize(),
                          body=extracted.body, origin=str(path),
                          updated=extracted.updated or mtime))
    return pages, skipped
