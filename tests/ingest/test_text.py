"""Plain-text pages: title, paragraphs and headings kept, menu lines dropped; the real NASA page."""

import datetime as dt
import re
import shutil

import pytest

from issqa.corpus import load_corpus
from issqa.errors import IngestError
from issqa.ingest import collect_text_files, extract_text, write_pages
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.conftest import FIXTURE_CORPUS, REPO
from tests.ingest.conftest import TEXT_FIXTURES

SEED = REPO.parent / "shared" / "seeds" / "nasa-iss-home-page.txt"
ROBOTICS = TEXT_FIXTURES / "station-robotics.txt"


def test_title_headings_and_paragraphs():
    page = extract_text(ROBOTICS.read_text(encoding="utf-8"))
    assert page.title == "Station Robotics"
    assert page.body == (
        "## Canadarm2\n\n"
        "Canadarm2 is the station's large robotic arm. It was built in Canada by MDA and "
        "launched in April 2001 on mission STS-100, and it can move end over end between "
        "fixtures on the outside of the station.\n\n"
        "## Dextre\n\n"
        "Dextre is a two-armed robot that rides on the end of Canadarm2. It replaces batteries "
        "and cameras outside the station so that astronauts need fewer spacewalks."
    )
    assert page.updated == dt.date(2025, 3, 4)


@pytest.mark.parametrize("text, body", [
    # A short title-case line followed by prose is a heading; one followed by nothing is not.
    ("Title\n\nOrbit\nThe station orbits at about 400 km.\n\nGallery\n\nTwelve Images\n",
     "## Orbit\n\nThe station orbits at about 400 km."),
    # Lists of sentences stay lists; lists of links go.
    ("Title\n- Home\n- About\n\nFacts\n- The station has 16 modules.\n- It weighs 420 tonnes.\n",
     "## Facts\n\n- The station has 16 modules.\n- It weighs 420 tonnes."),
    # Lowercase lines are not headings; a sentence after them stays.
    ("Title\n\nsee below\nThe crew is seven people.\n", "The crew is seven people."),
    # Counters and buttons ("270+", "Astronauts Visited") are dropped.
    ("Title\n25\nYears in Orbit\n270+\nAstronauts Visited\n\n\nAbout\nThe station is crewed.\n",
     "## About\n\nThe station is crewed."),
])
def test_line_heuristics(text, body):
    assert extract_text(text).body == body


def test_files_get_urls_from_their_names(tmp_path):
    pages, skipped = collect_text_files([ROBOTICS], "https://outpost.example/pages/")
    assert pages[0].url == "https://outpost.example/pages/station-robotics"
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\n- News & Events\n- Multimedia\n")
    pages, skipped = collect_text_files([ROBOTICS, menu])
    assert [p.url for p in pages] == ["/station-robotics"]
    assert skipped[0].origin == str(menu) and "no paragraphs found" in skipped[0].reason
    with pytest.raises(IngestError, match="cannot be read"):
        collect_text_files([tmp_path / "gone.txt"])


MENU_QUESTIONS = ["news and events", "News & Events", "multimedia", "Where is the multimedia?"]
SPACEWALKS = "How many spacewalks have there been at the station?"


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory, real_embedder):
    if not SEED.is_file():
        pytest.skip(f"the seed page {SEED} is not present (it lives outside the repository)")
    root = tmp_path_factory.mktemp("seed")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    pages, skipped = collect_text_files([SEED])
    report = write_pages(pages, corpus / "imported", section="overview")
    assert not skipped and len(report.written) == 1
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    build(settings, embedder=real_embedder)
    return Engine(settings, embedder=real_embedder).load(), report.written[0].stem


def _seed_menu_lines() -> set[str]:
    """The seed's navigation: its list items that are not sentences."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return {line[2:].strip() for line in lines
            if line.startswith("- ") and not re.search(r"[.!?]$", line)}


@pytest.mark.model
def test_the_real_page_answers_its_figure_and_never_its_menu(seed_engine):
    engine, doc_id = seed_engine
    result = engine.ask(SPACEWALKS)
    answer = result.answer
    assert not answer.abstained, answer.text
    assert "259" in answer.text, answer.text
    cited = [c for c in answer.citations if "259" in c.snippet]
    assert cited and all(c.doc_id == doc_id for c in cited), answer.citations
    body = engine.document(doc_id).body
    assert "259 spacewalks" in body[cited[0].char_start:cited[0].char_end]


@pytest.mark.model
@pytest.mark.parametrize("question", MENU_QUESTIONS)
def test_menu_lines_are_never_answers(seed_engine, question):
    engine, _ = seed_engine
    text = engine.ask(question).answer.text
    assert "news & events" not in text.lower() and "multimedia" not in text.lower(), text


@pytest.mark.model
def test_menu_lines_are_not_passages(seed_engine):
    engine, doc_id = seed_engine
    menu = _seed_menu_lines()
    assert {"News & Events", "Multimedia", "NASA+", "Station Home"} <= menu
    chunks = [c for c in engine.index.chunks if c.doc_id == doc_id]
    assert chunks
    for chunk in chunks:
        assert chunk.text.strip() not in menu
        lines = {line.strip().lstrip("-*• ").strip() for line in chunk.text.splitlines()}
        assert not menu & lines, chunk.text
        assert not menu & set(chunk.headings), chunk.headings
    assert load_corpus(engine.settings.corpus_dir)
