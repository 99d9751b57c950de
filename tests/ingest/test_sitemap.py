"""The sitemap crawler against a real HTTP server on a loopback port: each case, its outcome."""

import datetime as dt

import httpx
import pytest

from issqa.corpus import load_corpus
from issqa.errors import IngestError
from issqa.ingest import CrawlConfig, crawl_sitemap, slug_for_url, write_pages
from issqa.ingest.sitemap import backoff_delays

from tests.ingest.conftest import PAGE_PATHS, serve_site

FAST = CrawlConfig(delay_s=0, timeout_s=1.0, retries=1, backoff_s=0.01)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One crawl of the whole site, written to a folder: (site, crawl result, write report)."""
    out = tmp_path_factory.mktemp("crawl") / "imported"
    with serve_site() as site:
        result = crawl_sitemap(site.sitemap, FAST)
        report = write_pages(result.pages, out, section="imported", skipped=result.skipped)
        yield site, result, report


def _outcome(crawled, path):
    """What happened to one URL of the site: ('written', page) / ('duplicate', d) / skip kind."""
    site, result, report = crawled
    url = path if path.startswith("http") else site.url(path)
    written = {str(p): p for p in report.written}
    for page in result.pages:
        if page.origin.split(" -> ")[0] == url:
            if any(d.origin == page.origin for d in report.duplicates):
                return "duplicate", page
            assert str(report.out_dir / f"{slug_for_url(page.url)}.md") in written
            return "written", page
    kinds = [s for s in report.skipped if s.origin == url]
    assert len(kinds) == 1, f"{url} has no outcome"
    return kinds[0].kind, kinds[0]


@pytest.mark.parametrize("path, outcome, detail", [
    ("/station/cupola", "written", "The Cupola is a small module"),
    ("/station/cupola/print", "duplicate", "The Cupola is a small module"),
    ("/station/solar-arrays", "written", "eight solar array wings"),
    ("/old/truss", "written", "backbone"),
    ("/encoding/latin1", "written", "Baïkonour"),
    ("/encoding/cp1252", "written", "€8 billion"),
    ("/flaky", "written", "Harmony connects"),
    ("/leave", "other host", "redirects to another host (http://elsewhere.invalid/landing)"),
    ("http://elsewhere.invalid/page", "other host", "only 127.0.0.1 is crawled"),
    ("http://elsewhere.invalid/sitemap.xml", "other host", "sitemap on another host"),
    ("/missing", "HTTP 404", "HTTP 404 Not Found"),
    ("/private/plans", "robots.txt", "disallowed by robots.txt"),
    ("/files/station-poster.pdf", "not HTML", "content type application/pdf"),
    ("/huge", "too large", "the limit is 5.0 MB"),
    ("/huge-stream", "too large", "over 5.0 MB"),
    ("/menu", "no text", "no main text found"),
    ("/slow", "timeout", "timed out after 1 s (2 tries)"),
])
def test_each_case_has_its_outcome(crawled, path, outcome, detail):
    got, item = _outcome(crawled, path)
    assert got == outcome
    assert detail in (item.body if hasattr(item, "body") else item.reason)


def test_every_listed_url_is_accounted_for(crawled):
    _, _, report = crawled
    assert len(report.written) == 6 and len(report.duplicates) == 1
    assert len(report.skipped) == 10
    assert report.summary().startswith(
        "ingest: 6 written, 0 unchanged, 1 duplicate(s), 10 skipped (1 HTTP 404, 1 no text, "
        "1 not HTML, 3 other host, 1 robots.txt, 1 timeout, 2 too large)")
    assert load_corpus(report.out_dir)


def test_requests_obey_robots_and_retry_only_what_may_recover(crawled):
    site, _, _ = crawled
    assert site.requests["/private/plans"] == 0   # robots.txt: never asked for
    assert site.requests["/missing"] == 1         # 4xx: no retry
    assert site.requests["/flaky"] == 2           # 503, then retried and answered
    assert site.requests["/slow"] == 2            # timeout, retried once, timed out again
    assert site.requests["/robots.txt"] == 1


def test_pages_keep_url_title_headings_and_last_modified(crawled):
    site, result, _ = crawled
    pages = {p.url.removeprefix(site.base): p for p in result.pages}
    truss = pages["/station/truss"]  # the URL after the redirect
    assert truss.title == "Integrated truss" and truss.headings == ("Segments",)
    assert "News & Events" not in truss.body and "Copyright" not in truss.body
    assert pages["/station/cupola"].headings == ("Windows", "Shutters", "Installation")
    assert pages["/station/cupola"].updated == dt.date(2024, 5, 17)      # meta beats lastmod
    assert pages["/station/solar-arrays"].updated == dt.date(2024, 1, 3)  # Last-Modified
    assert pages["/encoding/latin1"].updated == dt.date(2022, 2, 2)       # sitemap <lastmod>
    latin1 = pages["/encoding/latin1"]
    assert latin1.headings == ("Façade of the hangar",)
    assert "crème brûlée" in latin1.body and "Ã" not in latin1.body
    assert "“expensive” – supporters" in pages["/encoding/cp1252"].body


def test_recrawling_an_unchanged_site_changes_no_file(site, tmp_path):
    out = tmp_path / "imported"
    first = crawl_sitemap(site.sitemap, FAST)
    write_pages(first.pages, out, section="imported", skipped=first.skipped)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    second = crawl_sitemap(site.sitemap, FAST)
    report = write_pages(second.pages, out, section="imported", skipped=second.skipped)
    assert report.written == [] and len(report.unchanged) == 6
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before


def test_max_pages_stops_early_and_says_so(site):
    result = crawl_sitemap(site.sitemap, CrawlConfig(delay_s=0, timeout_s=1.0, max_pages=2))
    assert len(result.pages) == 2
    assert site.requests["/station/solar-arrays"] == 0
    fetchable = len(PAGE_PATHS) - 1 + 3  # pages.xml minus robots-disallowed, plus more.xml.gz
    assert f"{fetchable - 2} more page(s) in the sitemap were not fetched (--max-pages 2)" in \
        result.notes


class _Recorder(httpx.BaseTransport):
    """Notes the (fake) time of every request, then sends it for real."""

    def __init__(self, clock) -> None:
        self.clock = clock
        self.times: list[float] = []
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request):
        self.times.append(self.clock())
        return self.inner.handle_request(request)


def test_requests_are_spaced_by_the_delay_and_retries_back_off(site):
    now = [0.0]
    sleeps: list[float] = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    recorder = _Recorder(lambda: now[0])
    config = CrawlConfig(delay_s=0.25, timeout_s=1.0, retries=2, backoff_s=0.1)
    crawl_sitemap(site.sitemap, config, transport=recorder, sleep=sleep, clock=lambda: now[0])
    gaps = [b - a for a, b in zip(recorder.times, recorder.times[1:], strict=False)]
    assert len(recorder.times) == sum(site.requests.values()) and gaps
    assert min(gaps) >= 0.25 - 1e-9
    # /slow: 3 tries, with waits doubling between them.
    assert 0.2 in sleeps and 0.1 in sleeps[:sleeps.index(0.2)]
    assert backoff_delays(3, 0.5) == [0.5, 1.0, 2.0]


def test_robots_txt_that_cannot_be_fetched_stops_the_crawl(site):
    site.robots_status = 503
    result = crawl_sitemap(site.sitemap, FAST)
    assert result.pages == [] and any("RFC 9309" in n for n in result.notes)
    assert {s.kind for s in result.skipped} <= {"robots.txt", "other host"}
    assert site.requests["/station/cupola"] == 0


def test_missing_robots_txt_allows_everything(site):
    site.robots_status = 404
    result = crawl_sitemap(site.sitemap, FAST)
    assert any(p.url.endswith("/private/plans") for p in result.pages)


class _RobotsTxt(httpx.BaseTransport):
    """Answers /robots.txt with the given text; every other request goes to the site itself."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request):
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text=self.text, headers={"Content-Type": "text/plain"})
        return self.inner.handle_request(request)


def _robots_crawl(site, robots_txt):
    """Crawl the site under another robots.txt: (paths it disallowed, the crawl result)."""
    config = CrawlConfig(delay_s=0, timeout_s=1.0, retries=0, max_pages=1)
    result = crawl_sitemap(site.sitemap, config, transport=_RobotsTxt(robots_txt),
                           sleep=lambda _: None)
    disallowed = {s.origin.removeprefix(site.base) for s in result.skipped
                  if s.kind == "robots.txt"}
    return disallowed, result


def test_robots_txt_longest_match_wins_whatever_the_order(site):
    # RFC 9309 2.2.2: the most specific (longest) rule wins, not the first one listed.
    robots = "User-agent: *\nDisallow: /station\nAllow: /station/cupola\n"
    disallowed, result = _robots_crawl(site, robots)
    assert disallowed == {"/station/solar-arrays"}           # /a/x: only Disallow /a matches
    assert [p.url for p in result.pages] == [site.url("/station/cupola")]
    assert site.requests["/station/solar-arrays"] == 0
    # /a/b/c (the print page) matches Allow /a/b, which is longer than Disallow /a.
    assert "/station/cupola/print" not in disallowed


def test_robots_txt_wildcard_and_end_anchor(site):
    robots = ("User-agent: *\nDisallow: /*.pdf$\nDisallow: /huge$\nDisallow: /*/cp\n")
    disallowed, _ = _robots_crawl(site, robots)
    # "/huge$" is /huge only, not /huge-stream; "/*/cp" is a wildcard, not a literal "*".
    assert disallowed == {"/files/station-poster.pdf", "/huge", "/encoding/cp1252"}


def test_robots_txt_group_for_our_agent_beats_the_star_group(site):
    robots = """User-agent: *
Disallow: /
Crawl-delay: 9

User-agent: otherbot
Disallow: /station/

User-agent: ISSQA-Ingest
Disallow: /private/
Crawl-delay: 2

User-agent: issqa-ingest
Disallow: /menu
"""
    disallowed, result = _robots_crawl(site, robots)
    # Both groups naming us apply (merged, case-insensitively); "*" and otherbot's do not.
    assert disallowed == {"/private/plans", "/menu"}
    assert [p.url for p in result.pages] == [site.url("/station/cupola")]
    assert "robots.txt asks for 2 s between requests; using it" in result.notes


def test_a_bad_sitemap_url_says_what_to_do(site):
    with pytest.raises(IngestError, match=r"sitemap .*/missing cannot be used: HTTP 404.*sitemap"
                                          r"\.xml"):
        crawl_sitemap(site.url("/missing"), FAST)
    with pytest.raises(IngestError, match=r"is not a sitemap \(the root element is <html>"):
        crawl_sitemap(site.url("/station/truss"), FAST)
    with pytest.raises(IngestError, match="must start with http"):
        crawl_sitemap("ftp://example.org/sitemap.xml")


def test_config_is_checked_where_it_enters():
    with pytest.raises(ValueError, match="max_pages must be at least 1, got 0"):
        CrawlConfig(max_pages=0)
    with pytest.raises(ValueError, match="timeout_s must be between 0 and 300 seconds, got 0"):
        CrawlConfig(timeout_s=0)
