"""Things a question describes ("the American lab") are searched with the names the pages
give them ("Destiny")."""

import pytest

from issqa.answering.aliases import Aliases
from issqa.answering.descriptions import Descriptions
from issqa.answering.question import analyse_question

TITLES = [
    "Destiny, the US laboratory",
    "Columbus, Europe's laboratory",
    "Zarya, the first module",
    "Leonardo and BEAM, the station's storage modules",
    # No definition: a common word before the comma, and no description after it.
    "Hazards, repairs and lost cargo ships, 2004–2018",
    "Canadarm2, Dextre and the Mobile Base System",
]
SENTENCES = [
    "Progress is Russia's uncrewed cargo ship.",
    "Soyuz is Russia's crew spacecraft.",
    "HTV-X is Japan's new-generation cargo ship, the successor to the HTV.",
    "Cygnus is an uncrewed US cargo ship built by Northrop Grumman.",
    "Starliner is Boeing's crew capsule for flights to the station.",
    "Kibo is Japan's first human-rated space facility.",
    # A definition may end with what it belongs to: "of the International Space Station".
    "Canadarm2 is the large robotic arm of the International Space Station and more.",
    # What a name did, or a description that goes on: no definition of the name.
    "Boeing was the builder of the Destiny laboratory.",
    "Pirs was the first ISS module to be discarded.",
]


@pytest.fixture(scope="module")
def descriptions():
    return Descriptions(TITLES, SENTENCES)


def test_definitions_are_read_from_titles_and_defining_sentences(descriptions):
    assert [d.name for d in descriptions.definitions] == [
        "Destiny", "Columbus", "Zarya", "Leonardo", "BEAM", "Progress", "Soyuz", "HTV-X",
        "Cygnus", "Starliner", "Kibo", "Canadarm2"]


@pytest.mark.parametrize(("question", "names"), [
    ("what's the name of the American lab on the ISS", ["Destiny"]),
    ("when did Europe's lab module get attached?", ["Columbus"]),  # "module" fits any thing
    ("where is the ESA laboratory run from?", ["Columbus"]),  # an agency is its country
    ("do the Russian cargo ships come back?", ["Progress"]),
    ("what is Japan's new cargo ship doing now?", ["HTV-X"]),
    ("who built Boeing's crew capsule?", ["Starliner"]),  # "built" only ends it
    # A people that fits nothing describes another thing: not Starliner.
    ("what's the Russian crew capsule called?", []),
    # The closest fit: the "first module", not Japan's "first ... facility".
    ("who built the very first piece of the space station?", ["Zarya"]),
    ("what is the storage module for?", ["Leonardo", "BEAM"]),
    # "big" is "large", "robot" is "robotic".
    ("what is the big robot arm for?", ["Canadarm2"]),
    # Too many fit, or none, or the question names the thing already.
    ("when did the first cargo ship arrive?", []),
    ("what does the Canadian arm do?", []),
    ("why does Zarya count as an American part of the station?", []),
    ("what is a lab?", []),
    # A "thing" a clause goes on to describe is something done, and "ones" are the thread's
    # things: neither is the first module or the new cargo ship.
    ("what's the first thing you'd grab if a fire broke out?", []),
    ("what is the first thing astronauts eat when they get back?", []),
    ("they swapped in new ones, right?", []),
    ("what is the first thing on the station called?", ["Zarya"]),
])
def test_a_description_finds_the_names_that_fit_it(descriptions, question, names):
    assert descriptions.names(question) == names


def test_the_name_is_searched_but_not_made_a_focus_term(descriptions):
    aliases = Aliases([], descriptions=descriptions)
    analysis = analyse_question("when did the American lab launch?", aliases=aliases)
    assert "(Destiny)" in analysis.rewritten
    assert "destiny" not in analysis.focus


@pytest.mark.model
@pytest.mark.parametrize(("question", "fact"), [
    ("when did the American lab launch?", "February 7, 2001"),
    ("when was the very first piece of the station launched?", "November 20, 1998"),
])
def test_questions_by_description_find_the_named_thing(shipped_engine, question, fact):
    answer = shipped_engine.ask(question).answer
    assert not answer.abstained and fact in answer.text, answer.text


def test_a_name_of_three_words_is_defined_too():
    descriptions = Descriptions([], ["The Automated Transfer Vehicle (ATV) was Europe's "
                                     "uncrewed cargo ship for the station."])
    assert descriptions.names("what was the european cargo ship called?") == \
        ["Automated Transfer Vehicle"]
