"""Follow-up questions written out in full from the thread's earlier questions."""

import pytest

from issqa.answering import analyse_question
from issqa.answering.followup import resolve_follow_up, subject_of


@pytest.mark.parametrize(("question", "subject"), [
    ("When was Zarya launched?", "Zarya"),
    ("Who built the Columbus module?", "Columbus"),
    ("Who flew on Crew-9?", "Crew-9"),
    ("Did Soyuz MS-22 leak coolant?", "Soyuz MS-22"),
    ("What is the truss?", "the truss"),
    ("How fast does the ISS travel?", "the ISS"),
    ("how do astronauts sleep", None),
])
def test_the_subject_of_a_question(question, subject):
    assert subject_of(question) == subject


@pytest.mark.parametrize(("history", "question", "full"), [
    (["When was Zarya launched?"], "Who built it?", "Who built Zarya?"),
    (["What is the truss?"], "and how long is it?", "how long is the truss?"),
    (["Who built Columbus?"], "what about Kibo?", "Who built Kibo?"),
    (["Who built Columbus?"], "and Harmony?", "Who built Harmony?"),
    (["Who flew on Crew-9?"], "when did they come back?", "when did Crew-9 come back?"),
    # A thread of three: the second turn is resolved before the third borrows from it.
    (["When was Zarya launched?", "Who built it?"], "and what about Unity?", "Who built Unity?"),
    # The subject comes from the latest turn that has one.
    (["When was Zarya launched?", "how do astronauts sleep"], "Who built it?",
     "Who built Zarya?"),
])
def test_follow_ups_take_the_subject_of_earlier_turns(history, question, full):
    assert resolve_follow_up(question, history) == full


@pytest.mark.parametrize(("history", "question"), [
    ([], "Who built it?"),                                       # nothing to refer to
    (["When was Zarya launched?"], "Who commands Expedition 74?"),  # names its own subject
    (["When was Zarya launched?"], "How do astronauts sleep?"),     # no pronoun, no ellipsis
])
def test_questions_that_stand_alone_are_left_alone(history, question):
    assert resolve_follow_up(question, history) == question


def test_question_analysis_reads_the_follow_up_in_full():
    analysis = analyse_question("Who built it?", history=["When was Zarya launched?"])
    assert analysis.rewritten == "Who built Zarya?"
    assert analysis.answer_type == "person" and "zarya" in analysis.focus
