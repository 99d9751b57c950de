"""Fetch a site's pages from its sitemap, politely, and extract them like saved HTML pages.

Only the sitemap's own host is contacted: sitemaps, pages and redirects that lead elsewhere are
skipped, never fetched. robots.txt is read first and obeyed (its Crawl-delay too, if longer than
``--delay``). It is read with protego, an RFC 9309 parser: the longest matching rule wins
(``Allow: /a/b`` beats ``Disallow: /a``), ``*`` and ``$`` are wildcards, and the groups naming
our product token apply (merged), else the ``*`` group. Following RFC 9309, a robots.txt that is
missing (4xx) allows everything and one that cannot be fetched (5xx, timeout) forbids
everything. Requests are spaced by the delay; 5xx answers and timeouts are retried with
exponential backoff, 4xx answers are not. Bodies are streamed and abandoned past ``max_bytes``,
so a huge page costs no more than the cap.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree
from protego import Protego
from tqdm import tqdm

from ..errors import IngestError
from .decode import decode_html, decode_text
from .html import extract_html
from .page import Page, Skipped, slug_for_url

__all__ = ["USER_AGENT", "CrawlConfig", "CrawlResult", "crawl_sitemap"]

USER_AGENT = "issqa-ingest/0.1"
ROBOTS_AGENT = "issqa-ingest"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# The two robots.txt answers that have no file to parse, written as the files they amount to.
ALLOW_ALL = ""
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


@dataclass(frozen=True)
class CrawlConfig:
    """How far, how fast and how patiently to crawl; checked on construction."""

    max_pages: int = 200
    delay_s: float = 1.0
    timeout_s: float = 10.0
    retries: int = 2
    backoff_s: float = 1.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    max_sitemaps: int = 50
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        if self.max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, got {self.max_pages}")
        if not 0 <= self.delay_s <= 60:
            raise ValueError(f"delay_s must be between 0 and 60 seconds, got {self.delay_s}")
        if not 0 < self.timeout_s <= 300:
            raise ValueError(f"timeout_s must be between 0 and 300 seconds, got {self.timeout_s}")
        if not 0 <= self.retries <= 10:
            raise ValueError(f"retries must be between 0 and 10, got {self.retries}")
        if not 0 <= self.backoff_s <= 60:
            raise ValueError(f"backoff_s must be between 0 and 60 seconds, got {self.backoff_s}")
        if self.max_bytes < 1024:
            raise ValueError(f"max_bytes must be at least 1024, got {self.max_bytes}")


def backoff_delays(retries: int, base_s: float) -> list[float]:
    """Seconds to wait before each retry: ``base * 2**i`` (exponential backoff)."""
    return [base_s * 2 ** i for i in range(retries)]


@dataclass
class CrawlResult:
    """Pages extracted, URLs skipped (with reasons), and notes about the crawl as a whole."""

    pages: list[Page] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Skip(Exception):
    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


@dataclass(frozen=True)
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def last_modified(self) -> dt.date | None:
        value = self.headers.get("last-modified")
        try:
            return email.utils.parsedate_to_datetime(value).date() if value else None
        except (TypeError, ValueError, IndexError):
            return None


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lastmod(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10]) if text else None
    except ValueError:
        return None


class _Crawler:
    def __init__(self, start: str, config: CrawlConfig, client: httpx.Client,
                 sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self.config = config
        self.client = client
        self.sleep = sleep
        self.clock = clock
        parts = urlsplit(start)
        self.host = parts.hostname
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.delay = config.delay_s
        # Nothing is allowed until robots.txt has been read.
        self.robots = Protego.parse(DISALLOW_ALL)
        self._last_request = -math.inf

    # -- HTTP ---------------------------------------------------------------------------------

    def _throttle(self) -> None:
        wait = self._last_request + self.delay - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last_request = self.clock()

    def _request(self, url: str, page: bool) -> _Response:
        """One GET with retries on 5xx and timeouts; redirects and 4xx are returned as they are."""
        cfg = self.config
        waits = backoff_delays(cfg.retries, cfg.backoff_s)
        failure, kind = "", ""
        for attempt in range(cfg.retries + 1):
            if attempt:
                self.sleep(waits[attempt - 1])
            self._throttle()
            try:
                with self.client.stream("GET", url) as r:
                    if r.status_code >= 500:
                        failure, kind = f"HTTP {r.status_code} {r.reason_phrase}", \
                            f"HTTP {r.status_code}"
                        continue
                    if r.status_code >= 300:
                        return _Response(url, r.status_code, r.headers, b"")
                    return _Response(url, r.status_code, r.headers, self._read(r, page))
            except httpx.TimeoutException:
                failure, kind = f"timed out after {cfg.timeout_s:g} s", "timeout"
            except httpx.TransportError as exc:
                failure, kind = f"could not connect ({exc.__class__.__name__}: {exc})", \
                    "unreachable"
            except httpx.RequestError as exc:  # a garbled answer (bad compression): no retry
                raise _Skip(f"the answer cannot be read ({exc})", "unreadable") from None
            except httpx.InvalidURL as exc:
                raise _Skip(f"not a valid URL ({exc})", "invalid URL") from None
        tries = cfg.retries + 1
        raise _Skip(f"{failure} ({tries} {'try' if tries == 1 else 'tries'}); the site may be "
                    "slow or down: try again later, or raise --timeout", kind)

    def _read(self, r: httpx.Response, page: bool) -> bytes:
        """The body, unless it is not HTML (for pages) or larger than the cap."""
        cap = self.config.max_bytes
        media = r.headers.get("content-type", "").split(";")[0].strip().lower()
        if page and media and media not in HTML_TYPES:
            raise _Skip(f"not HTML (content type {media}); only HTML pages are imported",
                        "not HTML")
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _Skip(f"too large ({_size(int(declared))}; the limit is {_size(cap)}); "
                        "raise --max-bytes to import it", "too large")
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > cap:
                raise _Skip(f"too large (over {_size(cap)}, the limit); raise --max-bytes to "
                            "import it", "too large")
        if page and not media and not bytes(body[:512]).lstrip().startswith(b"<"):
            raise _Skip("not HTML (no content type, and the body is not markup)", "not HTML")
        return bytes(body)

    def _same_host(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.hostname == self.host

    def get(self, url: str, page: bool) -> _Response:
        """GET following same-host redirects (re-checking robots.txt for pages)."""
        current = url
        for _ in range(self.config.max_redirects + 1):
            response = self._request(current, page)
            if response.status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise _Skip(f"HTTP {response.status} redirect without a Location header",
                                f"HTTP {response.status}")
                target = urljoin(current, location).split("#")[0]
                if not self._same_host(target):
                    raise _Skip(f"redirects to another host ({target}); only {self.host} is "
                                "crawled", "other host")
                if page and not self.allowed(target):
                    raise _Skip(f"redirects to {target}, which robots.txt disallows",
                                "robots.txt")
                current = target
                continue
            if response.status >= 400:
                phrase = httpx.codes.get_reason_phrase(response.status)
                raise _Skip(f"HTTP {response.status} {phrase}".rstrip(), f"HTTP {response.status}")
            return response
        raise _Skip(f"more than {self.config.max_redirects} redirects", "redirects")

    # -- robots.txt and sitemaps -------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        return self.robots.can_fetch(url, ROBOTS_AGENT)

    def read_robots(self, notes: list[str]) -> None:
        url = f"{self.origin}/robots.txt"
        try:
            response = self.get(url, page=False)
        except _Skip as skip:
            if skip.kind.startswith("HTTP 4"):
                self.robots = Protego.parse(ALLOW_ALL)
                return
            self.robots = Protego.parse(DISALLOW_ALL)
            notes.append(f"{url} could not be fetched ({skip.reason}); as RFC 9309 asks, no "
                         "page was fetched. Try again later.")
            return
        self.robots = Protego.parse(decode_text(response.body))
        crawl_delay = self.robots.crawl_delay(ROBOTS_AGENT)
        if crawl_delay and crawl_delay > self.delay:
            self.delay = float(crawl_delay)
            notes.append(f"robots.txt asks for {self.delay:g} s between requests; using it")

    def _sitemap_xml(self, url: str) -> etree._Element:
        body = self.get(url, page=False).body
        if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served without Content-Encoding
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            body = inflater.decompress(body, self.config.max_bytes + 1)
            if len(body) > self.config.max_bytes:
                raise _Skip(f"too large once unpacked (over {_size(self.config.max_bytes)})",
                            "too large")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                                 remove_pis=True)
        try:
            root = etree.fromstring(body, parser=parser)
        except etree.XMLSyntaxError as exc:
            raise _Skip(f"is not a sitemap (the XML cannot be read: {exc})", "not a sitemap") \
                from None
        if _local(root.tag) not in ("urlset", "sitemapindex"):
            raise _Skip(f"is not a sitemap (the root element is <{_local(root.tag)}>, not "
                        "<urlset> or <sitemapindex>)", "not a sitemap")
        return root

    def sitemap_entries(self, start: str, result: CrawlResult) -> list[tuple[str, dt.date | None]]:
        """Page URLs and their <lastmod>, from the sitemap and every same-host child sitemap."""
        queue, seen = [start], {start}
        entries: list[tuple[str, dt.date | None]] = []
        fetched = 0
        while queue:
            url = queue.pop(0)
            if not self._same_host(url):
                result.skipped.append(Skipped(url, f"sitemap on another host; only {self.host} "
                                                   "is crawled", "other host"))
                continue
            if fetched >= self.config.max_sitemaps:
                result.notes.append(f"stopped after {fetched} sitemaps; {len(queue) + 1} more "
                                    "were not read")
                break
            fetched += 1
            try:
                root = self._sitemap_xml(url)
            except _Skip as skip:
                if url == start:
                    raise IngestError(f"the sitemap {url} cannot be used: {skip.reason}. Pass "
                                      "the URL of the site's sitemap.xml (or sitemap index).") \
                        from None
                result.skipped.append(Skipped(url, f"sitemap: {skip.reason}", skip.kind))
                continue
            for item in root:
                values = {_local(child.tag): (child.text or "").strip() for child in item}
                loc = values.get("loc")
                if not loc:
                    continue
                loc = urljoin(url, loc).split("#")[0]
                if _local(root.tag) == "sitemapindex":
                    if loc not in seen:
                        seen.add(loc)
                        queue.append(loc)
                else:
                    entries.append((loc, _lastmod(values.get("lastmod"))))
        return entries

    # -- pages ---------------------------------------------------------------------------------

    def page(self, url: str, lastmod: dt.date | None) -> Page:
        response = self.get(url, page=True)
        extracted = extract_html(decode_html(response.body, response.content_type), response.url)
        if not extracted.body.strip():
            raise _Skip("no main text found (only navigation or boilerplate); nothing to import",
                        "no text")
        canonical = extracted.canonical
        declared = canonical is not None and self._same_host(canonical)
        page_url = canonical if declared else response.url
        origin = url if response.url == url else f"{url} -> {response.url}"
        return Page(
            url=page_url, title=extracted.title or slug_for_url(page_url).replace("-", " "),
            body=extracted.body, origin=origin,
            updated=extracted.updated or lastmod or response.last_modified, canonical=declared,
        )


def crawl_sitemap(url: str, config: CrawlConfig | None = None, *, show_progress: bool = False,
                  transport: httpx.BaseTransport | None = None,
                  sleep: Callable[[float], None] = time.sleep,
                  clock: Callable[[], float] = time.monotonic) -> CrawlResult:
    """Read the sitemap at ``url`` (or a sitemap index) and extract its same-host pages."""
    config = config or CrawlConfig()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(f"the sitemap URL must start with http:// or https://, got {url!r}")
    result = CrawlResult()
    headers = {"User-Agent": config.user_agent,
               "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5"}
    with httpx.Client(timeout=config.timeout_s, follow_redirects=False, headers=headers,
                      transport=transport) as client:
        crawler = _Crawler(url, config, client, sleep, clock)
        crawler.read_robots(result.notes)
        entries = crawler.sitemap_entries(url, result)
        to_fetch: list[tuple[str, dt.date | None]] = []
        seen: set[str] = set()
        for loc, lastmod in entries:
            if loc in seen:
                continue
            seen.add(loc)
            if not crawler._same_host(loc):
                result.skipped.append(Skipped(loc, f"on another host; only {crawler.host} is "
                                                   "crawled", "other host"))
            elif not crawler.allowed(loc):
                result.skipped.append(Skipped(loc, "disallowed by robots.txt", "robots.txt"))
            else:
                to_fetch.append((loc, lastmod))
        if len(to_fetch) > config.max_pages:
            result.notes.append(f"{len(to_fetch) - config.max_pages} more page(s) in the sitemap "
                                f"were not fetched (--max-pages {config.max_pages})")
            to_fetch = to_fetch[:config.max_pages]
        for loc, lastmod in tqdm(to_fetch, desc="Fetching pages", unit="page",
                                 disable=not show_progress):
            try:
                result.pages.append(crawler.page(loc, lastmod))
            except _Skip as skip:
                result.skipped.append(Skipped(loc, skip.reason, skip.kind))
    return result
