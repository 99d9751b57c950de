"""The extractive answerer's pure helpers."""

import pytest

from issqa.answering.extractive import stem


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
