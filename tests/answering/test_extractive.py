"""The extractive answerer's pure helpers."""

import pytest

from issqa.answering.extractive import (
    _COUNTED,
    _counted_words,
    _counts_events,
    _ranks_another,
    _states_plan,
    earliest_dated,
    mentions,
    stem,
)
from issqa.text import tokenize


@pytest.mark.parametrize(("a", "b"), [
    ("undock", "undocked"),
    ("launch", "launching"),
    ("dock", "docking"),
    ("stop", "stopped"),
    ("make", "making"),
])
def test_inflections_share_a_stem(a, b):
    assert stem(a) == stem(b)


@pytest.mark.parametrize(("a", "b"), [
    ("dock", "doctor"),
    ("launch", "lunch"),
    ("11", "1"),
])
def test_different_words_keep_different_stems(a, b):
    assert stem(a) != stem(b)


@pytest.mark.parametrize("term", ["1998", "17500", "ms22", "ring", "bed"])
def test_numbers_and_short_words_are_left_alone(term):
    assert stem(term) == term


# Sentences and a heading of the shipped corpus (crews-and-expeditions, faq-crew-11-early-return,
# faq-first-crew-exchange), for "when did they go home?" after a question on the first crew.
@pytest.mark.parametrize(("text", "about"), [
    ("Expedition 1, the first resident crew", True),
    ("The first station crew exchange happened on shuttle mission STS-102", True),
    # Crew-11 came home in the first medical evacuation: "first" and "crew", but not the
    # first crew.
    ("Crew-11 splashed down off San Diego on January 15, 2026, in the first medical evacuation "
     "in the station's history.", False),
    ("Crew-11 came home early because a crew member developed a medical problem on January 7, "
     "2026.", False),
])
def test_a_sentence_mentions_a_subject_only_with_its_words_in_order_and_close(text, about):
    assert mentions(("first", "crew"), tokenize(text)) is about


def test_mentions_compares_stems_and_an_empty_subject_is_always_mentioned():
    assert mentions(("docking", "port"), tokenize("the port where Dragon docks"), gap=2) \
        is False
    assert mentions(("undocked",), tokenize("Starliner would undock empty"))
    assert mentions((), tokenize("anything at all"))


def test_a_hyphenated_name_is_mentioned_only_whole():
    # "Crew-11" is not "Expedition 11 ... with a crew of two".
    assert mentions(("crew", "11"), tokenize("Crew-11 splashed down after 167 days"), gap=0)
    assert not mentions(("crew", "11"),
                        tokenize("Expedition 11, a crew of two, lasted 179 days"), gap=0)


def test_the_earliest_year_leads_among_sentences_close_to_the_best():
    # "275 launches ... as of November 2023" scores best, the 1998 launch of Zarya close enough.
    assert earliest_dated([0.78, 0.77, 0.70], [2023, 2012, 1998], 0.75) == 2
    # Too far below the best, an earlier year does not count; nor a sentence without one (0).
    assert earliest_dated([0.78, 0.77, 0.50], [2023, 2012, 1998], 0.75) == 1
    assert earliest_dated([0.78, 0.70], [0, 2001], 0.75) == 1
    # The same year: the better score; nothing dated: None.
    assert earliest_dated([0.7, 0.8], [1998, 1998], 0.75) == 1
    assert earliest_dated([0.7], [0], 0.75) is None and earliest_dated([], [], 0.75) is None


@pytest.mark.parametrize(("text", "counts"), [
    ("From 1999 to 2018, the station carried out 25 debris avoidance maneuvers.", True),
    ("Discovery flew to the station 13 times.", True),
    ("The crew tried twice.", True),
    ("The station dodges space junk by firing engines for a few minutes.", False),
    ("Zarya launched in 1998 on a rocket 57 m tall.", False),
])
def test_a_count_of_events_is_no_measure_and_no_year(text, counts):
    assert _counts_events(text) is counts


@pytest.mark.parametrize(("text", "counted"), [
    ("more than 23,000 such pieces were tracked in 2021", ["pieces"]),
    ("the crew made two more spacewalks", ["spacewalks"]),
    ("250 active research facilities", ["active", "research", "facilities"]),
    ("2 during a spacewalk", []),
])
def test_what_a_number_counts_skips_such_and_more(text, counted):
    assert _counted_words(_COUNTED.search(text)) == counted


@pytest.mark.parametrize(("text", "other"), [
    ("Each common hatch measures 53 inches square, making it the biggest hatch.", True),
    ("The ISS is also the biggest satellite in low Earth orbit.", True),
    ("Japan's Kibo is the largest single module of the station by volume.", False),
    ("Kibo is the largest by volume.", False),      # ranks no noun
    ("Kibo has ten experiment racks.", False),       # no superlative at all
])
def test_a_superlative_that_ranks_another_noun(text, other):
    assert _ranks_another(text, ("biggest", "largest"), "module") is other


@pytest.mark.parametrize(("sentence", "plan"), [
    ("Ax-5 is targeted for no earlier than January 2027.", True),
    ("Roscosmos picked him as commander of a future Soyuz flight.", True),
    # Reported in an earlier year, the plan itself has no year: still a plan.
    ("As of March 2025, Roscosmos had picked him for a future Soyuz flight.", True),
    # Told in the past tense and reaching the pages' latest year: still to come.
    ("The fourth pair was due to be delivered in late 2025 or early 2026.", True),
    # Set only in earlier years, called off, or told in the past with no year: no plan now.
    ("The next crew was set to launch on December 3, 2018.", False),
    ("Crew-11 launched on August 1, 2025 for a planned six-month stay.", False),
    ("A spacewalk planned for January 8, 2026 was cancelled.", False),
    ("The crew was expected to return.", False),
    ("Crew-11 came home about a month ahead of plan in 2026.", False),
    ("The Starliner and Dream Chaser programmes have both seen their original plans change.",
     False),
])
def test_a_plan_still_to_come(sentence, plan):
    assert _states_plan(sentence, 2026) is plan
