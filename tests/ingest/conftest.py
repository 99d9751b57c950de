"""A small website on a loopback port, with every case the sitemap crawler must handle."""

from __future__ import annotations

import gzip
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HTML_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "html"
TEXT_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "text"
CAP = 5 * 1024 * 1024
SLOW_S = 30.0  # the wait ends early when the server stops

LATIN1_PAGE = """<!DOCTYPE html><html><head><title>Zarya's launch</title></head><body>
<main><h1>Zarya's launch</h1>
<p>Zarya lifted off from the Baïkonour cosmodrome on 20 November 1998. Engineers in Moscow
named the module for the sunrise; this page is written in ISO-8859-1, with accents.</p>
<h2>Façade of the hangar</h2>
<p>The hangar façade at Baïkonour was repainted for the launch; the café next to it served
crème brûlée to the visiting engineers, who came from Köln, Århus and Málaga.</p>
</main></body></html>"""

CP1252_PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1252">
<title>Station budget</title></head><body><article><h1>Station budget</h1>
<p>The European contribution to the station cost about €8 billion over three decades. Critics
called it “expensive” – supporters called it “the best laboratory in orbit”.</p>
<p>Columbus alone cost about €1.4 billion to build. It was launched on 7 February 2008 and
attached to the Harmony node four days later.</p>
</article></body></html>"""

TRUSS_PAGE = """<!DOCTYPE html><html><head><title>Integrated truss</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News &amp; Events</a></nav>
<main><h1>Integrated truss</h1>
<p>The integrated truss is the station's backbone, about 109 m long. It carries the solar
arrays, the radiators and the rails of the mobile transporter.</p>
<h2>Segments</h2>
<p>The truss was assembled from eleven segments on shuttle flights between 2000 and 2009.
The first segment, Z1, arrived on STS-92 in October 2000.</p></main>
<footer>Copyright Orbital Outpost</footer></body></html>"""

FLAKY_PAGE = """<!DOCTYPE html><html><head><title>Harmony node</title></head><body><main>
<h1>Harmony node</h1><p>Harmony connects the Destiny, Columbus and Kibo laboratories. It was
launched on STS-120 in October 2007 and is also called Node 2.</p>
<p>Harmony carries the docking ports where crew capsules from SpaceX and Boeing arrive.</p>
</main></body></html>"""


def _sitemap_index(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{base}/sitemaps/pages.xml</loc></sitemap>
  <sitemap><loc>{base}/sitemaps/more.xml.gz</loc></sitemap>
  <sitemap><loc>http://elsewhere.invalid/sitemap.xml</loc></sitemap>
</sitemapindex>"""


def _urlset(*entries: str) -> str:
    urls = "\n".join(f"  <url><loc>{e}</loc></url>" if "|" not in e else
                     "  <url><loc>{}</loc><lastmod>{}</lastmod></url>".format(*e.split("|"))
                     for e in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">\n{urls}\n</urlset>')


PAGE_PATHS = [
    "/station/cupola|2023-01-01",   # noise page with its own last-modified meta (2024-05-17)
    "/station/cupola/print",        # same content as /station/cupola
    "/station/solar-arrays",        # noise page; date from the Last-Modified header
    "/old/truss",                   # 301 to /station/truss
    "/leave",                       # 302 to another host
    "/missing",                     # 404
    "/private/plans",               # robots.txt disallows it
    "/files/station-poster.pdf",    # not HTML
    "/huge",                        # over the cap, with Content-Length
    "/huge-stream",                 # over the cap, streamed without Content-Length
    "/menu",                        # only navigation
    "/slow",                        # slower than the timeout
]
MORE_PATHS = [
    "/encoding/latin1|2022-02-02",  # ISO-8859-1 declared in the Content-Type header
    "/encoding/cp1252",             # windows-1252 declared in a <meta charset>
    "/flaky",                       # 503 once, then 200
    "http://elsewhere.invalid/page",
]


@dataclass
class Site:
    """The running server: its base URL and the requests it answered."""

    base: str
    robots_status: int = 200
    requests: Counter = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def sitemap(self) -> str:
        return f"{self.base}/sitemap_index.xml"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _make_handler(site: Site):
    lock = threading.Lock()
    fixture = {
        "/station/cupola": HTML_FIXTURES / "station" / "cupola.html",
        "/station/cupola/print": HTML_FIXTURES / "print" / "cupola.html",
        "/station/solar-arrays": HTML_FIXTURES / "station" / "solar-arrays.html",
        "/menu": HTML_FIXTURES / "menu-only.html",
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output clean
            pass

        def _send(self, status: int, body: bytes, content_type: str | None,
                  headers: dict[str, str] | None = None, length: bool = True) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if length:
                self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path
            with lock:
                site.requests[path] += 1
                count = site.requests[path]
            html = "text/html; charset=utf-8"
            if path == "/robots.txt":
                body = b"User-agent: *\nDisallow: /private/\n"
                self._send(site.robots_status, body, "text/plain")
            elif path == "/sitemap_index.xml":
                self._send(200, _sitemap_index(site.base).encode(), "application/xml")
            elif path == "/sitemaps/pages.xml":
                body = _urlset(*(site.url(p) if p.startswith("/") else p for p in PAGE_PATHS))
                self._send(200, body.encode(), "application/xml")
            elif path == "/sitemaps/more.xml.gz":
                body = _urlset(*(site.url(p) if p.startswith("/") else p for p in MORE_PATHS))
                self._send(200, gzip.compress(body.encode()), "application/gzip")
            elif path in fixture:
                headers = ({"Last-Modified": "Wed, 03 Jan 2024 10:00:00 GMT"}
                           if path == "/station/solar-arrays" else None)
                self._send(200, fixture[path].read_bytes(), html, headers)
            elif path == "/old/truss":
                self._send(301, b"", None, {"Location": "/station/truss"})
            elif path in ("/station/truss", "/private/plans"):
                self._send(200, TRUSS_PAGE.encode(), html)
            elif path == "/leave":
                self._send(302, b"", None, {"Location": "http://elsewhere.invalid/landing"})
            elif path == "/files/station-poster.pdf":
                self._send(200, b"%PDF-1.4 not really a pdf", "application/pdf")
            elif path in ("/huge", "/huge-stream"):
                para = b"<p>" + b"The station is big. " * 50 + b"</p>\n"
                body = b"<html><body><main>" + para * (CAP // len(para) + 100) + b"</main>"
                self._send(200, body, html, length=path == "/huge")
            elif path == "/encoding/latin1":
                self._send(200, LATIN1_PAGE.encode("iso-8859-1"),
                           "text/html; charset=ISO-8859-1")
            elif path == "/encoding/cp1252":
                self._send(200, CP1252_PAGE.encode("cp1252"), "text/html")
            elif path == "/flaky":
                if count == 1:
                    self._send(503, b"try again", "text/plain")
                else:
                    self._send(200, FLAKY_PAGE.encode(), html)
            elif path == "/slow":
                site.stop.wait(SLOW_S)
                self._send(200, TRUSS_PAGE.encode(), html)
            else:
                self._send(404, b"<h1>Not found</h1>", html)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # The client hangs up on purpose (timeouts, the size cap); that is not an error here.
        pass


@contextmanager
def serve_site() -> Iterator[Site]:
    """Run the site on a free loopback port, with proxies from the environment ignored."""
    with pytest.MonkeyPatch.context() as mp:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                     "all_proxy"):
            mp.delenv(name, raising=False)
        site = Site("")
        server = _Server(("127.0.0.1", 0), _make_handler(site))
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                  daemon=True)
        thread.start()
        try:
            yield site
        finally:
            site.stop.set()
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh site per test, so request counts start at zero."""
    with serve_site() as running:
        yield running
