"""Short forms the corpus defines ("ERA", "MRM-2") are searched with their names."""

import pytest

from issqa.answering.aliases import Aliases
from issqa.answering.question import analyse_question

PAGES = [
    "The European Robotic Arm (ERA) arrived with Nauka. Poisk (MRM-2) sits on top of Zvezda.",
    "Harmony, also called Node 2, links the labs. Russia's Rassvet (MRM-1) stores cargo.",
    # Brackets that hold no short form of the name before them.
    "William Shepherd (Expedition 1) flew on Soyuz. The suit (NASA) weighs a lot (ISS).",
    "The Extravehicular Mobility Unit (EMU) is the US spacesuit. Cupola (ABC) has windows.",
]


@pytest.fixture(scope="module")
def aliases():
    return Aliases(PAGES, known_words=frozenset({"era", "emu"}))


def test_acronyms_and_designations_defined_in_the_pages_are_read(aliases):
    assert aliases.names == {
        "ERA": "European Robotic Arm", "MRM-2": "Poisk", "Node 2": "Harmony",
        "MRM-1": "Rassvet", "EMU": "Extravehicular Mobility Unit",
    }


@pytest.mark.parametrize(("question", "names"), [
    ("can ERA be operated from inside?", ["European Robotic Arm"]),
    ("what does the mrm 2 module do?", ["Poisk"]),  # any case and separator
    ("what is node-2 for", ["Harmony"]),
    ("what is in MRM-1 and MRM-2?", ["Rassvet", "Poisk"]),
    ("is Poisk (MRM-2) an airlock?", []),  # the name is already there
    ("what was life like in the era of the shuttle?", []),  # an English word, not in capitals
    ("how heavy is an EMU?", ["Extravehicular Mobility Unit"]),
])
def test_a_question_using_a_short_form_is_searched_with_its_name(aliases, question, names):
    assert aliases.expansions(question) == names


def test_short_forms_are_found_as_written_with_their_names(aliases):
    # The answerer counts a sentence naming Rassvet as naming "MRM-1".
    assert aliases.shorts_in("is mrm 1 bigger than MRM-2?") == [("mrm 1", "Rassvet"),
                                                                 ("MRM-2", "Poisk")]
    assert aliases.shorts_in("what is Zvezda for?") == []


def test_the_name_is_searched_but_not_shown_nor_made_a_focus_term(aliases):
    analysis = analyse_question("can ERA be operated by a spacewalker?", aliases=aliases)
    assert "(European Robotic Arm)" in analysis.rewritten
    assert "European" not in analysis.interpreted_as
    assert "european" not in analysis.focus and "era" in analysis.focus


@pytest.mark.model
@pytest.mark.parametrize(("question", "fact"), [
    # The pages answer under "the European Robotic Arm" and "Rassvet".
    ("can a spacewalker control ERA from outside?", "from outside"),
    ("when did MRM-1 arrive at the station?", "Rassvet"),
])
def test_questions_by_short_form_find_the_page_that_uses_the_name(shipped_engine, question,
                                                                   fact):
    answer = shipped_engine.ask(question).answer
    assert not answer.abstained and fact in answer.text, answer.text


def test_a_short_form_the_pages_use_widely_is_not_expanded():
    # "Node 2" stands in most of these pages: it is found by itself.
    pages = ["Harmony, also called Node 2, links the labs."] + [
        f"Page {n} mentions Node 2 and its hatches." for n in range(150)]
    assert "Node 2" not in Aliases(pages).names
