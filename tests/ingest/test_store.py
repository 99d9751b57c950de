"""Writing pages: idempotent, duplicates stored once, valid ids, output that issqa build accepts."""

import datetime as dt
import shutil

import pytest

from issqa.corpus import load_corpus
from issqa.errors import IngestError
from issqa.ingest import Page, Skipped, write_pages
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.conftest import FIXTURE_CORPUS
from tests.fakes import HashEmbedder

DAY = dt.date(2025, 1, 30)
CUPOLA = Page(url="https://outpost.example/station/cupola", title="Cupola: the window",
              body="The Cupola has seven windows.\n\n## Shutters\n\nShutters close the windows.",
              origin="cupola.html", updated=dt.date(2024, 5, 17), canonical=True)
TRUSS = Page(url="https://outpost.example/station/truss", title="Integrated truss",
             body="The integrated truss is about 109 m long.", origin="truss.html")


def snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_written_pages_load_and_re_ingesting_changes_nothing(tmp_path):
    out = tmp_path / "imported"
    first = write_pages([CUPOLA, TRUSS], out, section="imported", today=DAY)
    assert [p.name for p in first.written] == ["station-cupola.md", "station-truss.md"]
    docs = {d.doc_id: d for d in load_corpus(out)}
    assert docs["station-cupola"].title == "Cupola: the window"
    assert docs["station-cupola"].updated == dt.date(2024, 5, 17)
    assert docs["station-truss"].updated == DAY  # no date from the source: today
    assert docs["station-cupola"].sources == (CUPOLA.url,)
    before = snapshot(out)
    again = write_pages([CUPOLA, TRUSS], out, section="imported", today=DAY + dt.timedelta(9))
    assert again.written == [] and [p.name for p in again.unchanged] == ["station-cupola.md",
                                                                         "station-truss.md"]
    assert snapshot(out) == before
    assert again.summary().startswith("ingest: 0 written, 2 unchanged, 0 duplicate(s), 0 skipped")


def test_a_new_date_alone_does_not_rewrite_but_new_text_does(tmp_path):
    out = tmp_path / "imported"
    write_pages([CUPOLA], out, section="imported")
    before = snapshot(out)
    redated = Page(**{**CUPOLA.__dict__, "updated": dt.date(2025, 2, 2)})
    assert write_pages([redated], out, section="imported").unchanged
    assert snapshot(out) == before
    edited = Page(**{**redated.__dict__, "body": CUPOLA.body + "\n\nIt was launched in 2010."})
    report = write_pages([edited], out, section="imported")
    assert [p.name for p in report.written] == ["station-cupola.md"]
    (doc,) = load_corpus(out)
    assert doc.updated == dt.date(2025, 2, 2) and "launched in 2010" in doc.body


def test_same_content_under_two_urls_is_stored_once(tmp_path):
    out = tmp_path / "imported"
    printed = Page(url="https://outpost.example/print/cupola", title="Print: Cupola",
                   body=CUPOLA.body.replace("\n\n", "\n\n\n"), origin="print/cupola.html")
    report = write_pages([printed, CUPOLA, TRUSS], out, section="imported")
    # The page that declared its URL (canonical) is kept, whatever the order.
    assert [p.name for p in report.written] == ["station-cupola.md", "station-truss.md"]
    assert [(d.origin, d.kept) for d in report.duplicates] == [
        ("print/cupola.html", "cupola.html (https://outpost.example/station/cupola)")]
    assert "duplicate  print/cupola.html: same content as cupola.html" in "\n".join(
        report.details())
    # A later run finds the twin among the files already written.
    later = write_pages([printed], out, section="imported")
    assert later.written == [] and later.duplicates[0].kept.endswith(
        "station-cupola.md (https://outpost.example/station/cupola)")


def test_one_url_with_two_texts_keeps_the_first(tmp_path):
    other = Page(url=TRUSS.url, title="Truss", body="Something else entirely.", origin="b.html")
    report = write_pages([TRUSS, other], tmp_path, section="imported")
    assert len(report.written) == 1
    assert report.skipped[0].origin == "b.html" and report.skipped[0].kind == "same URL"


def test_slug_collisions_get_distinct_ids(tmp_path):
    a = Page(url="/a-b", title="A", body="Alpha is first.", origin="1")
    b = Page(url="/a/b", title="B", body="Beta is second.", origin="2")
    report = write_pages([a, b], tmp_path, section="imported")
    names = [p.name for p in report.written]
    assert names[0] == "a-b.md" and names[1].startswith("a-b-") and len(set(names)) == 2
    assert {d.doc_id for d in load_corpus(tmp_path)} == {p.stem for p in report.written}
    again = write_pages([b, a], tmp_path, section="imported")
    assert len(again.unchanged) == 2 and again.written == []


def test_summary_lists_skip_reasons(tmp_path):
    skipped = [Skipped("https://x/a", "HTTP 404 Not Found", "HTTP 404"),
               Skipped("https://x/b", "HTTP 404 Not Found", "HTTP 404"),
               Skipped("https://x/c", "disallowed by robots.txt", "robots.txt")]
    report = write_pages([TRUSS], tmp_path, section="imported", skipped=skipped)
    assert report.summary() == (f"ingest: 1 written, 0 unchanged, 0 duplicate(s), 3 skipped "
                                f"(2 HTTP 404, 1 robots.txt) -> {tmp_path}")
    assert "skipped    https://x/c: disallowed by robots.txt" in report.details()


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError, match="'Bad Section'"):
        write_pages([TRUSS], tmp_path, section="Bad Section")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(IngestError, match="choose another with --out"):
        write_pages([TRUSS], blocker / "out", section="imported")


def test_issqa_build_accepts_the_output_next_to_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    write_pages([CUPOLA, TRUSS], corpus / "imported", section="modules")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    embedder = HashEmbedder()
    report = build(settings, embedder=embedder)
    assert report.documents == len(load_corpus(FIXTURE_CORPUS)) + 2
    hits = Engine(settings, embedder=embedder).load().search("shutters close the windows",
                                                             mode="bm25").hits
    assert hits[0].chunk.doc_id == "station-cupola"
    assert hits[0].chunk.headings == ("Shutters",) and hits[0].chunk.section == "modules"
