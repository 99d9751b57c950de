"""Main content of HTML pages as Markdown, with trafilatura.

trafilatura finds the main content of a page (it scores the DOM and falls back to readability
and jusText), so menus, footers, sidebars and most share widgets never reach the text. Around it
we add a few DOM-level rules (no regular expressions over HTML) for boilerplate it may keep:
cookie banners, galleries and carousels, share and follow buttons, and "Read more" style links.
Inline emphasis is unwrapped first, so quoted answer sentences carry no ``**`` markers.
Headings become ``##`` and ``###``: the chunker cuts pages at them.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

import trafilatura

from ..errors import IngestError
from .decode import decode_html
from .page import Page, Skipped

__all__ = ["HTML_SUFFIXES", "Extracted", "collect_html_dir", "extract_html", "tidy_markdown"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# class/id words of blocks that are never main content.
_NOISE_WORDS = frozenset(
    """
    cookie cookies consent gdpr gallery carousel slideshow slider lightbox share sharing
    sharebar social follow newsletter breadcrumb breadcrumbs
    """.split()
)
_NOISE_TAGS = ("nav", "footer", "form", "button", "dialog", "noscript", "figure", "template")
_NOISE_ROLES = frozenset({"navigation", "dialog", "alertdialog", "banner", "contentinfo",
                          "search"})
_INLINE_TAGS = ("b", "strong", "i", "em", "u", "mark", "small", "big", "span", "font", "abbr",
                "cite", "dfn", "ins", "q", "s", "sub", "sup", "var", "kbd", "samp", "tt")
_KEPT = frozenset({"html", "body", "main", "article"})
_WORD_SPLIT = re.compile(r"[\s_-]+")
# Link texts and leftover lines that point elsewhere instead of saying something.
_CALL_TO_ACTION = re.compile(
    r"^\W*(?:read|learn|see|view|watch|find out|discover|show|load)\s+(?:more|all)\b"
    r"|^\W*(?:continue reading|more)\W*$|^\W*[»›→>]+\W*$",
    re.I,
)
_LEFTOVER_LINE = re.compile(
    r"^\W*(?:continue reading|read more|learn more|see more|view more|share(?: this(?: page| "
    r"article| story)?)?|follow us|tags?|related(?: articles| posts| pages)?)\W*$",
    re.I,
)
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
_MODIFIED_META = ("last-modified", "article:modified_time", "og:updated_time", "dcterms.modified",
                  "dc.date.modified", "modified", "datemodified")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:]{1,2}\s+|\s+-\s+")


@dataclass(frozen=True)
class Extracted:
    """What one HTML page yields: title, Markdown body, canonical URL and last-modified date."""

    title: str | None
    body: str
    canonical: str | None
    updated: dt.date | None


def _text(el) -> str:
    return " ".join(el.text_content().split())


def _tokens(el) -> set[str]:
    words = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {w for w in _WORD_SPLIT.split(words) if w}


def _prune(tree) -> None:
    """Remove boilerplate blocks in place; the text that follows a removed element stays."""
    doomed = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag in _KEPT:
            continue
        role = (el.get("role") or "").lower()
        label = (el.get("aria-label") or "").lower()
        if (el.tag in _NOISE_TAGS or role in _NOISE_ROLES or "cookie" in label
                or _tokens(el) & _NOISE_WORDS
                or (el.tag == "a" and _CALL_TO_ACTION.search(_text(el)))):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    for el in tree.iter(*_INLINE_TAGS):
        if el.getparent() is not None:
            el.drop_tag()


def _parse_date(value: str | None) -> dt.date | None:
    """An ISO 8601 or RFC 2822 (HTTP) date, or None."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


def _modified(tree) -> dt.date | None:
    """The last-modified date the page declares in its meta tags, if any."""
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("http-equiv")
               or meta.get("itemprop") or "").strip().lower()
        if key in _MODIFIED_META:
            date = _parse_date(meta.get("content"))
            if date is not None:
                return date
    for el in tree.iter("time"):
        if (el.get("itemprop") or "").lower() == "datemodified":
            date = _parse_date(el.get("datetime"))
            if date is not None:
                return date
    return None


def _canonical(tree, base: str | None) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = link.get("href").strip()
            url = urljoin(base, href) if base else href
            if url.startswith(("http://", "https://", "/")):
                return url.split("#")[0]
    return None


def _document_title(tree) -> str | None:
    """The single <h1>, else <title> without a trailing " | Site name"."""
    h1s = [t for t in (_text(h) for h in tree.iter("h1")) if t]
    if len(h1s) == 1:
        return h1s[0]
    titles = [t for t in (_text(el) for el in tree.iter("title")) if t]
    if not titles:
        return h1s[0] if h1s else None
    parts = _TITLE_SEPARATORS.split(titles[0])
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 3 else titles[0]


def tidy_markdown(markdown: str) -> tuple[str | None, str]:
    """Headings to ``##``/``###``, the title heading and leftover link lines dropped.

    Returns the title (the first heading, if it is top-level; None otherwise) and the body.
    """
    lines = [line.rstrip() for line in markdown.splitlines()]
    headings = [(i, m) for i, line in enumerate(lines) if (m := _MARKDOWN_HEADING.match(line))]
    title = None
    if headings and len(headings[0][1].group(1)) == 1:
        first_line, first = headings[0]
        title = first.group(2).strip()
        lines[first_line] = ""
        headings = headings[1:]
    levels = sorted({len(m.group(1)) for _, m in headings})
    depth = {level: 2 if rank == 0 else 3 for rank, level in enumerate(levels)}
    for i, match in headings:
        lines[i] = f"{'#' * depth[len(match.group(1))]} {match.group(2).strip()}"
    kept = [line for line in lines if not _LEFTOVER_LINE.match(line) or not line.strip()]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    # A heading with nothing under it (the next thing is another heading or the end) says
    # nothing on its own; keep the page's structure for the text that is there.
    out: list[str] = []
    blocks = body.split("\n\n") if body else []
    for n, block in enumerate(blocks):
        heading = _MARKDOWN_HEADING.match(block)
        if heading and "\n" not in block:
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            nxt = _MARKDOWN_HEADING.match(following) if following else None
            if following is None or (nxt and len(nxt.group(1)) <= len(heading.group(1))):
                continue
        out.append(block)
    return title, "\n\n".join(out)


def extract_html(markup: str, url: str | None = None) -> Extracted:
    """Title, main content as Markdown, canonical URL and last-modified date of one page."""
    tree = trafilatura.load_html(markup) if markup.strip() else None
    if tree is None:
        return Extracted(None, "", None, None)
    canonical = _canonical(tree, url)
    updated = _modified(tree)
    doc_title = _document_title(tree)
    _prune(tree)
    markdown = trafilatura.extract(
        tree, url=url, output_format="markdown", include_formatting=True, include_links=False,
        include_images=False, include_comments=False, include_tables=True, favor_precision=True,
        deduplicate=False, with_metadata=False,
    ) or ""
    heading_title, body = tidy_markdown(markdown)
    return Extracted(heading_title or doc_title, body, canonical, updated)


def _page_url(rel: PurePosixPath, base_url: str | None) -> str:
    path = quote(str(rel))
    return urljoin(base_url.rstrip("/") + "/", path) if base_url else f"/{path}"


def collect_html_dir(directory: Path, base_url: str | None = None
                     ) -> tuple[list[Page], list[Skipped]]:
    """Extract every saved page (``*.html``, ``*.htm``, ``*.xhtml``) under ``directory``."""
    directory = Path(directory)
    if not directory.is_dir():
        raise IngestError(f"{directory} is not a folder; pass the folder that holds the saved "
                          "HTML pages")
    if base_url and urlsplit(base_url).scheme not in ("http", "https"):
        raise IngestError(f"--base-url must start with http:// or https://, got {base_url!r}")
    files = sorted(
        p for p in directory.rglob("*")
        if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )
    if not files:
        raise IngestError(f"no .html or .htm files found in {directory}; pass the folder that "
                          "holds the saved pages")
    pages, skipped = [], []
    for path in files:
        rel = PurePosixPath(path.relative_to(directory).as_posix())
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(str(path), f"cannot be read ({exc.strerror}); check its "
                                              "permissions", "unreadable"))
            continue
        url = _page_url(rel, base_url)
        extracted = extract_html(decode_html(data), url if url.startswith("http") else None)
        if not extracted.body.strip():
            skipped.append(Skipped(str(path), "no main text found (only navigation or "
                                              "boilerplate); nothing to import", "no text"))
            continue
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
        pages.append(Page(
            url=extracted.canonical or url,
            title=extracted.title or path.stem.replace("-", " ").replace("_", " "),
            body=extracted.body, origin=str(path), updated=extracted.updated or mtime,
            canonical=extracted.canonical is not None,
        ))
    return pages, skipped
