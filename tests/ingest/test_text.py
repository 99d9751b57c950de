"""Plain-text pages: title, paragraphs and headings kept, menu lines dropped; pages written by
others (our own imitation of an agency home page, and NASA's real one where present)."""

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class ForeignPage:
    """A site's home page written by others: menus, counters and teasers around a few facts."""

    path: Path
    question: str   # asks for a figure only the page holds
    figure: str
    phrase: str     # the figure in the words of the page's sentence
    menu: frozenset[str]


# Our own page in the style of an agency's home page (always here), and NASA's station home page
# (the seed, only where ../shared is present: it may not be copied into the repository).
FOREIGN_PAGES = [
    ForeignPage(TEXT_FIXTURES / "station-portal-home.txt", "How many spacewalks were made from "
                "Pirs?", "52", "52 spacewalks",
                frozenset({"News & Events", "Multimedia", "Live TV", "Station Home"})),
    *([ForeignPage(SEED, "How many spacewalks have there been at the station?", "259",
                   "259 spacewalks",
                   frozenset({"News & Events", "Multimedia", "NASA+", "Station Home"}))]
      if SEED.is_file() else []),
]


@pytest.fixture(scope="module", params=FOREIGN_PAGES, ids=lambda page: page.path.stem)
def foreign_engine(request, tmp_path_factory, real_embedder):
    """The fixture corpus plus one imported foreign page, with the real model."""
    page: ForeignPage = request.param
    root = tmp_path_factory.mktemp("foreign")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    pages, skipped = collect_text_files([page.path])
    report = write_pages(pages, corpus / "imported", section="overview")
    assert not skipped and len(report.written) == 1
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    build(settings, embedder=real_embedder)
    return Engine(settings, embedder=real_embedder).load(), report.written[0].stem, page


def _menu_lines(path: Path) -> set[str]:
    """A page's navigation: its list items that are not sentences."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line[2:].strip() for line in lines
            if line.startswith("- ") and not re.search(r"[.!?]$", line)}


@pytest.mark.model
def test_the_foreign_page_answers_its_figure_and_never_its_menu(foreign_engine):
    engine, doc_id, page = foreign_engine
    answer = engine.ask(page.question).answer
    assert not answer.abstained, answer.text
    assert page.figure in answer.text, answer.text
    cited = [c for c in answer.citations if page.figure in c.snippet]
    assert cited and all(c.doc_id == doc_id for c in cited), answer.citations
    body = engine.document(doc_id).body
    assert page.phrase in body[cited[0].char_start:cited[0].char_end]


@pytest.mark.model
@pytest.mark.parametrize("question", MENU_QUESTIONS)
def test_menu_lines_are_never_answers(foreign_engine, question):
    engine, _, page = foreign_engine
    text = engine.ask(question).answer.text.lower()
    assert not any(label.lower() in text for label in page.menu if len(label) > 6), text


@pytest.mark.model
def test_menu_lines_are_not_passages(foreign_engine):
    engine, doc_id, page = foreign_engine
    menu = _menu_lines(page.path)
    assert page.menu <= menu
    chunks = [c for c in engine.index.chunks if c.doc_id == doc_id]
    assert chunks
    for chunk in chunks:
        assert chunk.text.strip() not in menu
        lines = {line.strip().lstrip("-*• ").strip() for line in chunk.text.splitlines()}
        assert not menu & lines, chunk.text
        assert not menu & set(chunk.headings), chunk.headings
    assert load_corpus(engine.settings.corpus_dir)
