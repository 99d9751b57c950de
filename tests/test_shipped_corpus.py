"""Checks on the shipped corpus: format, uniqueness, sizes, and coverage of the fact sheet."""

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from issqa.chunking import section_spans
from issqa.corpus import load_corpus
from issqa.text import sentence_spans

from tests.conftest import REPO, SHIPPED_CORPUS

SECTIONS = {"overview", "systems", "history", "modules", "robotics", "crew", "spacewalks",
            "vehicles", "research", "observing", "life", "safety", "operations", "astronauts"}
REFERENCE = REPO.parent / "shared" / "reference"
TOPICS = REPO / "tests" / "fixtures" / "fact-sheet-topics.txt"
FACT_SHEETS = ("iss-facts.md", "iss-facts-life-aboard.md", "iss-facts-safety-operations.md",
               "iss-facts-missions-1998-2018.md")

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
    # iss-facts-life-aboard.md, iss-facts-safety-operations.md, iss-facts-missions-1998-2018.md
    "60. Space Shuttle missions to the ISS (1998–2011)": (
        ["shuttle-missions-to-the-station", "shuttle-flights-1998-2002",
         "shuttle-flights-2005-2011"],
        "Endeavour"),
    "60a. One line per flight": (
        ["shuttle-flights-1998-2002", "shuttle-flights-2005-2011"],
        "Atlantis"),
    "60b. Additional facts about individual flights": (
        ["shuttle-missions-to-the-station", "shuttle-flights-1998-2002",
         "shuttle-flights-2005-2011"],
        "spacewalks"),
    "61. Expeditions 1–57 (2000–2018)": (
        ["expeditions-2000-2006", "expeditions-2006-2009", "expeditions-2009-2018"],
        "Expedition"),
    "61a. Three-person crews rotated by the shuttle (Expeditions 1–6, 2000–2003)": (
        ["expeditions-2000-2006"],
        "Culbertson"),
    "61b. Two-person caretaker crews after Columbia (Expeditions 7–12, 2003–2006)": (
        ["expeditions-2000-2006"],
        "Malenchenko"),
    "61c. Three-person crews again (Expeditions 13–19, 2006–2009)": (
        ["expeditions-2006-2009"],
        "Reiter"),
    "61d. Six-person crews (Expeditions 20–57, 2009–2018)": (
        ["expeditions-2009-2018"],
        "six-person"),
    "62. Records and notable stays before 2019": (
        ["records-before-2019", "year-long-mission", "spacewalk-records-before-2019",
         "space-tourists-2001-2009"],
        "International Space Station"),
    "62a. Time in space": (["records-before-2019", "year-long-mission"], "Padalka"),
    "62b. Spacewalks": (["spacewalk-records-before-2019"], "spacewalk"),
    "62c. Paying visitors (space tourists), 2001–2009": (["space-tourists-2001-2009"], "Tito"),
    "63. Notable firsts and events, 1998–2018": (
        ["firsts-1998-2018", "hazards-repairs-and-cargo-losses"],
        "Soyuz"),
    "63a. Firsts": (["firsts-1998-2018"], "Canadarm2"),
    "63b. Hazards and repairs": (["hazards-repairs-and-cargo-losses"], "Parmitano"),
    "63c. Cargo-ship losses": (["hazards-repairs-and-cargo-losses"], "Progress M-12M"),
    "25. Daily schedule and time": (["daily-schedule-and-station-time", "sleep-aboard"], "GMT"),
    "26. Sleep": (["sleep-aboard"], "sleeping bag"),
    "27. Food and water": (["food-and-meals", "drinks-and-water"], "galley"),
    "28. Hygiene and the toilet": (["toilet-and-waste", "washing-and-hygiene"], "trash"),
    "29. Health and medical care": (["medical-care-aboard", "body-changes-in-space"], "medical"),
    "30. Cabin environment and microgravity": (
        ["cabin-air-temperature-and-noise", "microgravity-and-floating"],
        "dioxide"),
    "31. Leisure and contact with home": (["free-time-and-contact-with-home"], "Cupola"),
    "32. Work aboard": (["work-aboard-and-mission-control"], "CAPCOM"),
    "43. Flying the station": (["flying-and-steering-the-station"], "gyroscopes"),
    "44. Communications": (["talking-to-the-ground"], "Luch"),
    "45. Hatches, docking and berthing": (["hatches-docking-and-berthing"], "berthing"),
    "46. Spacesuits and spacewalks": (["spacesuits"], "Orlan"),
    "47. Becoming an astronaut and training": (
        ["becoming-an-astronaut", "astronaut-selection-by-agency",
         "training-for-a-station-mission"],
        "training"),
    "40. Emergencies": (["emergencies-on-the-station"], "emergency"),
    "40a. Emergency types and how the crew responds": (
        ["emergencies-on-the-station", "fire-leaks-and-toxic-air"],
        "ammonia"),
    "40b. Drills, lifeboats and sheltering": (["lifeboats-drills-and-sheltering"], "lifeboat"),
    "40c. Notable incidents": (["notable-incidents"], "PrK"),
    "41. Space debris and micrometeoroids": (["space-debris-and-micrometeoroids"], "Whipple"),
    "42. Radiation": (["radiation-on-the-station"], "dosimeter"),
}


@pytest.fixture(scope="module")
def docs():
    return load_corpus(SHIPPED_CORPUS)


def test_corpus_is_large_enough_and_sections_are_known(docs):
    pages = [d for d in docs if d.kind == "page"]
    faqs = [d for d in docs if d.kind == "faq"]
    assert len(pages) >= 80 and len(faqs) >= 450
    assert {d.section for d in docs} == SECTIONS
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


def test_every_faq_has_two_to_five_visitor_phrasings(docs):
    for faq in (d for d in docs if d.kind == "faq"):
        assert 2 <= len(faq.also_asked) <= 5, faq.doc_id


# A changing figure says when it was true: "as of 2025", a year or a full date.
# Lower-case "now"/"today" only: "Universe Today" is a name, "now and then" an idiom.
_UNDATED = re.compile(r"\b(?:[Cc]urrently|[Aa]t present|now(?! and then)|today)\b|^(?:Now|Today)\b")
_DATED = re.compile(r"\bas of\b|\b(?:19|20)\d\d\b", re.I)


def test_sentences_about_the_present_carry_a_date(docs):
    undated = []
    for doc in docs:
        for headings, start, end in section_spans(doc.body):
            heading = " ".join(headings)
            for a, b in sentence_spans(doc.body, start, end):
                sentence = doc.body[a:b]
                if sentence.endswith("?"):
                    continue  # an FAQ question is the visitor's words, not a claim
                if _UNDATED.search(sentence) and not _DATED.search(sentence + heading):
                    undated.append(f"{doc.path}: {sentence}")
    assert undated == []


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


def sheet_topics() -> set[str]:
    """The topic headings of the fact sheets, as committed (the sheets are outside the repo)."""
    lines = TOPICS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def test_coverage_map_lists_every_topic_heading_of_the_fact_sheets():
    assert sheet_topics() == set(COVERAGE)


@pytest.mark.skipif(not REFERENCE.exists(), reason="the fact sheets live in ../shared; the "
                    "coverage test above uses the committed list")
def test_the_committed_topic_list_matches_the_fact_sheets():
    """Where the sheets are present, the committed list of their headings must equal them."""
    headings = set()
    for name in FACT_SHEETS:
        text = (REFERENCE / name).read_text()
        topics = text[text.index("\n## ") + 1:text.index("## Known conflicts")]
        headings |= {h.strip() for h in re.findall(r"^#{2,3} (.+)$", topics, re.M)}
    assert headings == sheet_topics()


def test_shipped_chunks_fit_the_model_window(shipped_engine):
    assert shipped_engine.index.manifest["truncated_chunks"] == []
