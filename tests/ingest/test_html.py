"""Saved HTML pages: main content only, headings kept, URLs, titles and dates, duplicates."""

import datetime as dt
import os
import shutil

import pytest

from issqa.errors import IngestError
from issqa.ingest.html import collect_html_dir, extract_html, tidy_markdown

from tests.ingest.conftest import HTML_FIXTURES

# Text that sits in the fixtures' menus, banners, share bars, galleries, sidebars and footers.
NOISE = ["cookie", "News & Events", "Multimedia", "About Us", "Share on", "Email this page",
         "Read more", "Gallery photo", "Related articles", "Tranquility node\n",
         "Destiny laboratory", "Copyright", "Privacy", "Follow us", "YouTube", "Tweet",
         "LinkedIn", "Popular pages", "Slide 1", "Slide 2", "Continue reading", "OK, got it",
         "not affiliated", "Orbital Outpost", "Home", "Shop", "Terms", "Contact", "Sitemap"]
FIXED_MTIME = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC).timestamp()


def extract(name: str, url: str | None = None):
    return extract_html((HTML_FIXTURES / name).read_text(encoding="utf-8"), url)


@pytest.mark.parametrize("name", ["station/cupola.html", "station/solar-arrays.html"])
def test_no_boilerplate_becomes_text(name):
    body = extract(name).body
    leaked = [n for n in NOISE if n.lower() in body.lower()]
    assert not leaked, f"boilerplate in {name}: {leaked}\n{body}"


def test_main_text_and_headings_are_kept():
    page = extract("station/cupola.html")
    assert page.title == "Cupola observation module"
    assert page.body.startswith("The Cupola is a small module with seven windows")
    assert "## Windows\n\nThe central window of the Cupola is 80 cm across" in page.body
    assert "### Shutters\n\nEach window has an external shutter" in page.body
    assert "## Installation\n\nSpace shuttle Endeavour delivered the Cupola" in page.body
    assert "# Cupola" not in page.body  # the title is front matter, not a heading
    assert "**" not in page.body


def test_canonical_url_and_last_modified_meta():
    page = extract("station/cupola.html")
    assert page.canonical == "https://outpost.example/station/cupola"
    assert page.updated == dt.date(2024, 5, 17)
    arrays = extract("station/solar-arrays.html")
    assert (arrays.canonical, arrays.updated) == (None, None)
    assert arrays.title == "Solar arrays"


def test_title_from_title_tag_without_site_name_when_there_is_no_h1():
    markup = ("<html><head><title>Node 3 Tranquility | Orbital Outpost</title></head><body>"
              "<article><p>Tranquility holds the station's life-support racks. It was launched "
              "in February 2010 together with the Cupola on shuttle mission STS-130, and it has "
              "six berthing ports.</p></article></body></html>")
    assert extract_html(markup).title == "Node 3 Tranquility"


def test_a_menu_only_page_has_no_text():
    assert extract("menu-only.html").body == ""


def test_xhtml_with_an_xml_declaration():
    markup = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
              "<head><title>Kibo</title></head><body><main><h1>Kibo</h1><p>Kibo is Japan's "
              "laboratory, the largest single module of the station. Its exposed facility holds "
              "experiments in open space.</p></main></body></html>")
    page = extract_html(markup)
    assert page.title == "Kibo" and page.body.startswith("Kibo is Japan's laboratory")


def test_heading_levels_become_two_and_three():
    title, body = tidy_markdown("# Page\n\nIntro.\n\n#### Deep\n\nA.\n\n###### Deeper\n\nB.\n\n"
                                "#### Again\n\nC.")
    assert title == "Page"
    assert body == "Intro.\n\n## Deep\n\nA.\n\n### Deeper\n\nB.\n\n## Again\n\nC."


def test_empty_headings_and_leftover_link_lines_are_dropped():
    _, body = tidy_markdown("Intro.\n\n## Gallery\n\n## Facts\n\nFact.\n\nRead more »\n\n"
                            "Share this page\n\n## End")
    assert body == "Intro.\n\n## Facts\n\nFact."


@pytest.fixture
def saved_site(tmp_path):
    site = tmp_path / "saved"
    shutil.copytree(HTML_FIXTURES, site)
    for path in site.rglob("*"):
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return site


def test_collect_a_folder(saved_site):
    pages, skipped = collect_html_dir(saved_site, "https://outpost.example/")
    by_origin = {p.origin.removeprefix(f"{saved_site}/"): p for p in pages}
    assert set(by_origin) == {"station/cupola.html", "print/cupola.html",
                              "station/solar-arrays.html"}
    cupola = by_origin["station/cupola.html"]
    assert cupola.url == "https://outpost.example/station/cupola" and cupola.canonical
    arrays = by_origin["station/solar-arrays.html"]
    assert arrays.url == "https://outpost.example/station/solar-arrays.html"
    assert arrays.updated == dt.date(2025, 3, 1)  # no meta: the file's date
    assert not arrays.canonical
    assert [(s.origin, s.kind) for s in skipped] == [(str(saved_site / "menu-only.html"),
                                                      "no text")]


def test_without_base_url_pages_get_site_relative_urls(saved_site):
    pages, _ = collect_html_dir(saved_site)
    assert "/station/solar-arrays.html" in {p.url for p in pages}


def test_folder_errors_say_what_to_do(tmp_path):
    with pytest.raises(IngestError, match=r"no \.html or \.htm files found in .*pass the folder"):
        collect_html_dir(tmp_path)
    with pytest.raises(IngestError, match="is not a folder"):
        collect_html_dir(tmp_path / "missing")
    with pytest.raises(IngestError, match="--base-url must start with http"):
        collect_html_dir(HTML_FIXTURES, "outpost.example")
