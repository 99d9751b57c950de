from hypothesis import given
from hypothesis import strategies as st

from issqa.text import bm25_terms, sentence_spans, tokenize


def test_sentences_split_on_full_stops_but_not_abbreviations_or_initials():
    text = "Zarya launched on Nov. 20, 1998 for the U.S. and Russia. George W. Bush spoke. Done!"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Zarya launched on Nov. 20, 1998 for the U.S. and Russia.",
        "George W. Bush spoke.",
        "Done!",
    ]


def test_list_items_and_blank_lines_split_and_markers_are_dropped():
    text = "Intro line.\n\n- First item\n- Second item. Still second?\n1. Numbered."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Intro line.", "First item", "Second item.", "Still second?", "Numbered.",
    ]


def test_decimal_numbers_do_not_end_sentences():
    text = "The arrays make 2.5 kW. Next one."
    assert [text[s:e] for s, e in sentence_spans(text)] == ["The arrays make 2.5 kW.", "Next one."]


@given(st.text())
def test_sentence_spans_are_ordered_non_empty_and_stripped(text):
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


def test_tokenize_folds_case_plurals_possessives_numbers_and_accents():
    assert tokenize("The station's arrays travel 17,500 mph; Kibō's batteries!") == [
        "station", "array", "travel", "17500", "mph", "kibo", "battery",
    ]


def test_tokenize_keeps_alphanumeric_names_and_can_keep_stopwords():
    assert tokenize("Canadarm2 and Expedition 1") == ["canadarm2", "expedition", "1"]
    assert tokenize("when was it", drop_stopwords=False) == ["when", "was", "it"]


def test_bm25_terms_add_one_joined_term_per_numbered_name():
    # "crew" and "8" alone match every crew and every eight; "crew8" only Crew-8.
    assert bm25_terms("After Crew-8 and Soyuz MS-28, Expeditions 45 and 46") == [
        "crew", "8", "soyuz", "ms", "28", "expedition", "45", "46",
        "crew8", "ms28", "expedition45",
    ]
    # A number after an ordinary word is no name.
    assert bm25_terms("in 2015 about 400 km") == tokenize("in 2015 about 400 km")


def test_a_one_letter_unit_ends_a_sentence_but_an_initial_does_not():
    text = "The arm is 17 m. NASA says 55 ft. John F. Kennedy agreed."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The arm is 17 m.", "NASA says 55 ft.", "John F. Kennedy agreed."]
