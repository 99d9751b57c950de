"""Turn a site's own pages into corpus pages: saved HTML, plain text, or a sitemap crawl.

The stage before the corpus: it only writes files that ``corpus.load_corpus`` reads, so
``issqa build`` takes its output unchanged. Each source yields ``Page`` objects (main content as
Markdown with ``##``/``###`` headings), and ``write_pages`` stores them::

    html.collect_html_dir ─┐
    text.collect_text_files ├─> [Page] ─> store.write_pages ─> <out>/<slug>.md + IngestReport
    sitemap.crawl_sitemap ──┘
"""

from .decode import decode_html, decode_text
from .html import collect_html_dir, extract_html
from .page import Page, Skipped, content_key, render_page, slug_for_url
from .sitemap import CrawlConfig, CrawlResult, crawl_sitemap
from .store import Duplicate, IngestReport, write_pages
from .text import collect_text_files, extract_text

__all__ = [
    "CrawlConfig",
    "CrawlResult",
    "Duplicate",
    "IngestReport",
    "Page",
    "Skipped",
    "collect_html_dir",
    "collect_text_files",
    "content_key",
    "crawl_sitemap",
    "decode_html",
    "decode_text",
    "extract_html",
    "extract_text",
    "render_page",
    "slug_for_url",
    "write_pages",
]
