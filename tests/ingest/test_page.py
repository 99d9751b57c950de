"""Naming and rendering ingested pages: slugs make valid ids, front matter reads back exactly."""

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from issqa.corpus import parse_page
from issqa.ingest.page import MAX_SLUG_CHARS, Page, check_section, render_page, slug_for_url

LOADER_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@pytest.mark.parametrize("url, slug", [
    ("https://outpost.example/station/cupola.html", "station-cupola"),
    ("https://outpost.example/station/cupola", "station-cupola"),
    ("https://outpost.example/", "index"),
    ("/index.html", "index"),
    ("/station/modules/index.htm", "station-modules"),
    ("/Über%20uns/Geschichte.php", "uber-uns-geschichte"),
    ("/search?q=Zarya&page=2", "search-q-zarya-page-2"),
    ("/nasa-iss-home-page", "nasa-iss-home-page"),
])
def test_slug_for_url(url, slug):
    assert slug_for_url(url) == slug


@given(st.text(min_size=0, max_size=400))
def test_every_slug_is_a_valid_corpus_id(path):
    slug = slug_for_url("https://outpost.example/" + path)
    assert LOADER_ID.match(slug) and len(slug) <= MAX_SLUG_CHARS


def test_long_slugs_stay_distinct():
    a = slug_for_url("/" + "very-long-path-" * 10 + "a")
    b = slug_for_url("/" + "very-long-path-" * 10 + "b")
    assert a != b and len(a) == len(b) == MAX_SLUG_CHARS


@given(title=st.text(min_size=1, max_size=120).filter(lambda t: any(c.isalnum() for c in t)),
       path=st.text(alphabet="abcxyz/-_.:#?=&", max_size=30))
def test_front_matter_reads_back_through_the_corpus_loader(title, path):
    url = f"https://outpost.example/{path}"
    page = Page(url=url, title=title, body="The Cupola has seven windows.", origin="x")
    problems = []
    doc = parse_page(render_page(page, "cupola", "imported", dt.date(2025, 1, 30)), "f.md",
                     problems)
    assert problems == [] and doc is not None
    expected = "".join(ch for ch in " ".join(title.split()) if ch.isprintable())
    assert doc.title == expected.strip()
    assert (doc.url, doc.sources, doc.updated) == (url, (url,), dt.date(2025, 1, 30))
    assert doc.body == "The Cupola has seven windows.\n"


def test_headings_are_listed_in_order():
    page = Page(url="/a", title="A", origin="x",
                body="Intro.\n\n## Windows\n\nText.\n\n### Shutters\n\nMore.\n")
    assert page.headings == ("Windows", "Shutters")


def test_a_bad_section_is_refused_with_the_value():
    assert check_section("outreach") == "outreach"
    with pytest.raises(ValueError, match="'Station Pages'"):
        check_section("Station Pages")
