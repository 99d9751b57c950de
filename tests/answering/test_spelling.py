"""Spelling correction against the corpus's own words."""

import pytest

from issqa.answering import analyse_question
from issqa.answering.spelling import Speller, edit_distance, english_words

CORPUS = ["The astronauts of Expedition 16 and their commander live on the space station.",
          "Astronauts grow taller in orbit. The temperature inside is about 22 degrees."]


@pytest.fixture(scope="module")
def speller():
    return Speller(CORPUS, known=["router", "recipe", "grate"])


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("station", "station", 0), ("staton", "station", 1), ("astronuats", "astronauts", 1),
    ("comander", "commander", 1), ("tempreture", "temperature", 2), ("abc", "", 3),
])
def test_edit_distance_counts_swaps_as_one(a, b, distance):
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(("question", "corrected"), [
    ("how much taler do astronuats get", "how much taller do astronauts get"),
    ("who was comander of expedtion 16", "who was commander of expedition 16"),
    ("Astronuats on the staton", "Astronauts on the station"),
    # Two edits apart (one letter changed, one left out) in a long word.
    ("why do astronots exercise", "why do astronauts exercise"),
    ("Astronots exercise", "Astronauts exercise"),  # a capital that only starts the sentence
])
def test_misspelled_words_become_corpus_words(speller, question, corrected):
    assert speller.correct(question) == corrected


@pytest.mark.parametrize("question", [
    "How do I reset my router?",        # known English, not in the corpus
    "a good recipe for banana bread",    # short or unknown words without a close corpus word
    "can you see the grate wall",
    "who is koh",                        # too short to correct safely
    "how many Astronots are there",      # a name (a capital inside): one edit at most
])
def test_real_words_and_short_words_are_left_alone(speller, question):
    assert speller.correct(question) == question


def test_question_analysis_uses_the_speller(speller):
    analysis = analyse_question("whos the comander of expedtion 16", speller=speller)
    assert "commander" in analysis.focus and "expedition" in analysis.focus
    assert analysis.answer_type == "person"


def test_common_english_words_are_known_and_misspellings_are_not():
    words = english_words()
    assert {"snore", "racked", "router", "recipe"} <= words
    # The rare tail of the frequency list holds misspellings; it is left out.
    assert not {"taler", "staton", "astronuats", "medecine", "emergancy"} & words


def test_a_known_word_is_not_bent_towards_a_corpus_word():
    speller = Speller(["They score points and rank the crews."], known=english_words())
    assert speller.correct("do they snore") == "do they snore"
    assert speller.correct("who racked up the most days") == "who racked up the most days"


def test_a_short_misspelling_is_mended_only_beside_its_corpus_neighbour():
    speller = Speller(["Christina Koch set the record. Butch Wilmore flew on Starliner."])
    assert speller.correct("what record did christina koh set") == \
        "what record did christina koch set"
    assert speller.correct("how long was buch wilmore up") == "how long was butch wilmore up"
    # Without the neighbour the corpus pairs it with, a short word is left alone.
    assert speller.correct("who is koh") == "who is koh"


def test_names_typed_in_lower_case_are_capitalised_as_the_corpus_writes_them():
    speller = Speller(["Chris Hadfield sang aboard. The crew heard Chris Hadfield sing.",
                       "A Soyuz landed in Kazakhstan. Each Soyuz flies.",
                       "The crew sleeps. Crew members vote.", "Sleep is short. Sleep helps."])
    assert speller.restore_names("did chris hadfield sing in the soyuz") == \
        "did chris Hadfield sing in the Soyuz"  # "Chris" is inside a sentence once only
    # A word the corpus also writes in lower case, or capitalises only where a sentence
    # starts, is no name.
    assert speller.restore_names("how does the crew sleep") == "how does the crew sleep"
    analysis = analyse_question("how many spacewalks did chris hadfield make", speller=speller)
    assert ("hadfield",) in analysis.names


def test_an_english_word_one_edit_away_beats_a_corpus_word_two_away():
    speller = Speller(["The modules were connected in orbit."], known=["corrected", "orbit"])
    assert speller.correct("was the orbit corected") == "was the orbit corrected"
    # A corpus word one edit away is still the correction.
    assert speller.correct("were they conected") == "were they connected"


def test_an_english_word_the_corpus_capitalises_is_a_name_only_beside_one():
    speller = Speller(["Then Suni Williams flew. Later Suni Williams walked outside.",
                       "It faced the Sun. Arrays follow the Sun with a Beta Mechanism, "
                       "the Beta Mechanism."])
    assert speller.restore_names("was suni williams first") == "was Suni Williams first"
    # "sun", "mechanism" and "williams" are English words: alone they stay as typed.
    assert speller.restore_names("the sun mechanism") == "the sun mechanism"
    assert speller.restore_names("did williams fly") == "did williams fly"


def test_words_with_capitals_or_apostrophes_inside_are_corpus_words():
    # Cut at the capital, "SpaceX" had left "spacex" unknown, "mended" to "space"; cut at the
    # apostrophe, "doesn't" had made "doesnt" the word-piece "doesn".
    speller = Speller(["SpaceX flies Dragon. SpaceX builds the deorbit vehicle.",
                       "The station doesn't fall."], known=english_words())
    assert speller.correct("i read spacex is building a vehicle") == \
        "i read spacex is building a vehicle"
    assert speller.correct("why doesnt the station fall") == "why doesnt the station fall"
    # An acronym typed in lower case is left as typed, not made a longer name's start.
    assert speller.restore_names("spacex dragon") == "spacex dragon"


def test_contractions_without_apostrophes_are_known_and_possessives_are_not():
    words = english_words()
    assert {"doesnt", "didnt", "wasnt", "theyre"} <= words
    assert "tims" not in words  # a misspelt "times", not "tim's"


def test_a_name_beside_a_capitalised_name_is_still_restored():
    # History is capitalised before the speller runs again over the question's analysis.
    speller = Speller(["Then Suni Williams flew. Later Suni Williams walked outside."])
    assert speller.restore_names("was Suni williams first") == "was Suni Williams first"


def test_a_word_typed_with_capitals_inside_is_left_as_typed():
    # "NORAD" is one edit from the corpus's "nomad"; typed in capitals, it is an acronym.
    speller = Speller(["A nomad crew wandered. The nomad life."], known=english_words())
    assert speller.correct("ISS NORAD catalog ID") == "ISS NORAD catalog ID"
    assert speller.correct("the norad id") == "the nomad id"  # in lower case, a misspelling


def test_an_english_word_where_a_how_word_stands_is_that_word_mistyped():
    speller = Speller(["How long is the arm? How big is it? The arm is long."],
                      known=english_words())
    # "lon" is in the English word list, but never follows "how" in the corpus; "long" does.
    assert speller.correct("how lon is the canadian arm") == "how long is the canadian arm"
    assert speller.correct("how bog is it") == "how big is it"
    # A word the corpus itself uses after "how" is left alone, as is one elsewhere.
    assert speller.correct("how long is the lon arm") == "how long is the lon arm"


def test_no_question_is_mended_to_end_with_the():
    speller = Speller(["They went out the door and out the hatch."])
    assert speller.correct("how long were they out ther") == "how long were they out ther"
    assert speller.correct("they went out ther door") == "they went out the door"


def test_an_english_word_named_together_with_a_name_is_a_name():
    speller = Speller(["NASA astronauts Butch Wilmore and Suni Williams flew. Later Butch Wilmore "
                       "and Suni Williams came home."])
    # "butch" is an English word; beside "and suni" it is Butch Wilmore's first name.
    assert speller.restore_names("tell me about butch and suni") == \
        "tell me about Butch and Suni"
    assert speller.restore_names("a butch haircut") == "a butch haircut"


def test_two_english_words_the_corpus_writes_together_as_a_name_are_one():
    speller = Speller(["NASA sent Scott Kelly up. Later Scott Kelly came home. The Sun rose "
                       "over the Beta Mechanism, a Beta Mechanism."])
    assert speller.restore_names("my uncle says scott kelly spent a year up there") == \
        "my uncle says Scott Kelly spent a year up there"
    # Each always capitalised, but never written together: no name.
    assert speller.restore_names("the sun mechanism") == "the sun mechanism"


def test_a_name_the_pages_write_with_its_number_is_mended_to_it():
    speller = Speller(["Canadarm2 moved the module.", "The crew used Canadarm2 again."])
    assert speller.correct("who controls the Canadarm") == "who controls the Canadarm2"
    assert speller.correct("how long is Canadarm2") == "how long is Canadarm2"
