"""Checks on the shipped corpus: format, uniqueness, sizes, and coverage of the fact sheet."""

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from issqa.corpus import load_corpus

from tests.conftest import REPO, SHIPPED_CORPUS

SECTIONS = {"overview", "systems", "history", "modules", "robotics", "crew", "spacewalks",
            "vehicles", "research", "observing"}
FACT_SHEET = REPO.parent / "shared" / "reference" / "iss-facts.md"

# Every topic heading of the fact sheet -> (pages that cover it, a word each page must contain).
COVERAGE = {
    "1. Overview and purpose": (["station-overview"], "laboratory"),
    "2. Size, mass and volume": (["facts-and-figures"], "419,455 kg"),
    "3. Power, solar arrays, batteries and thermal control": (
        ["power-and-solar-arrays", "thermal-control"], "ammonia"),
    "4. Orbit and flight": (["orbit-and-flight"], "28,000 km/h"),
    "5. History and design (1984–1998)": (["history-and-design"], "Freedom"),
    "6. Assembly milestones": (["assembly-timeline"], "1998"),
    "7. Modules and elements": (["zarya", "destiny", "columbus", "kibo"], "module"),
    "7a. Russian segment": (["zarya", "zvezda", "pirs-and-poisk", "rassvet",
                             "nauka-and-prichal"], "Russia"),
    "7b. US, European and Japanese segment": (
        ["unity-and-pressurized-mating-adapters", "destiny", "quest-airlock", "harmony",
         "columbus", "kibo", "tranquility-and-cupola", "leonardo-and-beam", "bishop-airlock"],
        "module"),
    "7c. Truss and external structure": (["truss-and-radiators"], "truss"),
    "7d. Robotics": (["canadarm2-dextre-and-mobile-base", "era-and-kibo-arm"], "arm"),
    "8. International partners and agreements": (["partners-and-agreements"], "1998"),
    "9. Crews and expeditions": (["crews-and-expeditions"], "Expedition 1"),
    "10. Visitors": (["visitors"], "countries"),
    "11. Records (time in space and spacewalks)": (["records"], "Kononenko"),
    "12. Spacewalks": (["spacewalks"], "spacewalk"),
    "13. Visiting vehicles": (["visiting-vehicles-overview"], "vehicle"),
    "Totals": (["visiting-vehicles-overview"], "cargo"),
    "Soyuz and Progress (Russia)": (["soyuz-and-progress"], "Progress"),
    "Space Shuttle (US)": (["space-shuttle"], "Shuttle"),
    "ATV (ESA)": (["atv"], "ATV"),
    'HTV "Kounotori" and HTV-X (Japan)': (["htv-and-htv-x"], "HTV-X"),
    "SpaceX Dragon (US)": (["spacex-dragon"], "Dragon"),
    "Cygnus (US)": (["cygnus"], "Cygnus"),
    "Boeing Starliner (US)": (["starliner-and-dream-chaser"], "Starliner"),
    "Dream Chaser (US, planned)": (["starliner-and-dream-chaser"], "Dream Chaser"),
    "14. Life support (ECLSS)": (["life-support"], "oxygen"),
    "15. Communications and control": (["communications-and-control"], "TDRS"),
    "16. Research and the ISS National Laboratory": (["research-and-national-lab"],
                                                      "National Laboratory"),
    "17. Astronaut health, exercise and training": (["health-and-exercise",
                                                     "astronaut-training"], "train"),
    "18. STEM and education programmes": (["stem-and-education"], "students"),
    "19. Cost": (["cost"], "billion"),
    "20. End of life and commercial successors": (["end-of-life-and-successors"], "deorbit"),
    "21. How to see the station (Spot the Station)": (["how-to-see-the-station"],
                                                      "Spot the Station"),
    "22. Crewed missions and expeditions, 2019–2026": (["recent-crewed-missions"], "Crew-"),
    "22a. Soyuz MS crews": (["recent-crewed-missions"], "Soyuz MS"),
    "22b. SpaceX Crew Dragon (NASA crew rotations)": (["recent-crewed-missions"], "Crew Dragon"),
    "22c. Boeing Starliner Crew Flight Test (2024)": (["recent-crewed-missions",
                                                      "starliner-and-dream-chaser"], "Starliner"),
    "22d. Private missions (Axiom Space)": (["private-missions"], "Axiom"),
    "22e. Expeditions, long stays and unplanned returns": (
        ["recent-crewed-missions", "crews-and-expeditions"], "Expedition 74"),
    "23. Station milestones and firsts": (["milestones-and-firsts"], "first"),
    "23a. First visitors and first commanders by country and agency": (
        ["milestones-and-firsts"], "commander"),
    "23b. Records by spacecraft and station": (["records"], "record"),
    "23c. Social media and communications from orbit": (["communications-and-control"],
                                                        "tweet"),
    "23d. Firsts in experiments and daily life": (["milestones-and-firsts"], "grown"),
    "23e. Anniversaries of continuous human presence": (["milestones-and-firsts"],
                                                        "anniversary"),
    "24. Cargo missions 2019–2026 (brief)": (["visiting-vehicles-overview"], "cargo"),
    "SpaceX Dragon (CRS)": (["spacex-dragon"], "CRS-"),
    "Northrop Grumman Cygnus (NG)": (["cygnus"], "NG-"),
    "Roscosmos Progress MS": (["soyuz-and-progress"], "Progress MS"),
    "JAXA HTV-X and Sierra Space Dream Chaser": (["htv-and-htv-x",
                                                 "starliner-and-dream-chaser"], "20"),
}


@pytest.fixture(scope="module")
def docs():
    return load_corpus(SHIPPED_CORPUS)


def test_corpus_is_large_enough_and_sections_are_known(docs):
    pages = [d for d in docs if d.kind == "page"]
    faqs = [d for d in docs if d.kind == "faq"]
    assert len(pages) >= 45 and len(faqs) >= 150
    assert {d.section for d in docs} <= SECTIONS
    for page in pages:
        assert Path(page.path).parent.name == page.section, page.path


def test_ids_and_urls_are_unique_and_urls_site_relative(docs):
    for field in ("doc_id", "url"):
        counts = Counter(getattr(d, field) for d in docs)
        assert [v for v, n in counts.items() if n > 1] == []
    for d in docs:
        expected = f"/faq/{d.section}#{d.doc_id}" if d.kind == "faq" else None
        assert d.url.startswith("/station/") if d.kind == "page" else d.url == expected
        assert d.sources and all(s.startswith(("http://", "https://")) for s in d.sources)


def test_pages_have_300_to_1500_words_and_headings(docs):
    for page in (d for d in docs if d.kind == "page"):
        words = len(page.body.split())
        assert 300 <= words <= 1500, f"{page.path}: {words} words"
        assert re.search(r"^## ", page.body, re.M), f"{page.path}: no ## heading"


def test_faq_answers_are_short_and_stand_alone(docs):
    for faq in (d for d in docs if d.kind == "faq"):
        answer = faq.body[faq.answer_start:]
        assert len(answer.split()) <= 120, faq.doc_id
        assert faq.question.rstrip().endswith("?"), faq.doc_id
        assert not re.match(r"(It|This|They|See above)\b", answer), faq.doc_id


def test_no_two_faqs_ask_the_same_thing(docs, shipped_engine):
    normalised = Counter(re.sub(r"\W+", " ", d.question.lower()).strip()
                         for d in docs if d.kind == "faq")
    assert [q for q, n in normalised.items() if n > 1] == []
    index = shipped_engine.index
    rows = [i for i, s in enumerate(index.sentences) if s.role == "question"]
    vectors = index.sentence_vectors[rows]
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0)
    a, b = np.unravel_index(np.argmax(similarity), similarity.shape)
    pair = (index.sentences[rows[a]].doc_id, index.sentences[rows[b]].doc_id)
    # Paraphrases of one question score above 0.92 with this model; distinct ones below.
    assert similarity[a, b] < 0.92, pair


def test_every_fact_sheet_topic_is_covered_by_a_page(docs):
    bodies = {d.doc_id: d.body for d in docs if d.kind == "page"}
    for heading, (page_ids, word) in COVERAGE.items():
        for page_id in page_ids:
            assert page_id in bodies, f"{heading}: no page {page_id}"
        assert any(word.lower() in bodies[p].lower() for p in page_ids), heading


@pytest.mark.skipif(not FACT_SHEET.exists(), reason="the fact sheet lives in ../shared")
def test_coverage_map_lists_every_topic_heading_of_the_fact_sheet():
    text = FACT_SHEET.read_text()
    topics = text[text.index("## 1. "):text.index("## Known conflicts")]
    headings = {h.strip() for h in re.findall(r"^#{2,3} (.+)$", topics, re.M)}
    assert headings == set(COVERAGE)


def test_shipped_chunks_fit_the_model_window(shipped_engine):
    assert shipped_engine.index.manifest["truncated_chunks"] == []
