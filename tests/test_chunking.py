"""Chunking: heading paths, exact spans, token budget, no lost text (property-tested)."""

import datetime as dt
import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from issqa.chunking import ChunkerConfig, chunk_document, section_spans
from issqa.tokens import count_tokens
from issqa.types import Document


def page(body: str) -> Document:
    return Document("p", "page", "Title", "/p", "modules", dt.date(2026, 11, 26), ("s",), body,
                    "p.md")


def test_sections_follow_the_heading_path():
    body = "Intro.\n\n## A\nText a.\n### A1\nText a1.\n## B\nText b.\n"
    assert [(h, body[s:e].strip()) for h, s, e in section_spans(body)] == [
        ((), "Intro."), (("A",), "Text a."), (("A", "A1"), "Text a1."), (("B",), "Text b."),
    ]


def test_hash_lines_inside_code_fences_are_not_headings():
    body = "Intro.\n```\n# not a heading\n```\n## Real\nText."
    assert [h for h, _, _ in section_spans(body)] == [(), ("Real",)]


def test_heading_path_is_context_not_text():
    chunks = chunk_document(page("## Launch\nZarya launched in 1998.\n"))
    assert [c.text for c in chunks] == ["Zarya launched in 1998."]
    assert chunks[0].headings == ("Launch",)
    assert chunks[0].indexed_text == "Title > Launch\n\nZarya launched in 1998."


def test_long_sections_split_within_budget_with_overlap():
    body = "## Long\n" + " ".join(f"Sentence {i} is about the station." for i in range(80))
    config = ChunkerConfig(max_tokens=50, overlap_tokens=10)
    chunks = chunk_document(page(body), config)
    assert len(chunks) > 5
    assert all(count_tokens(c.text) <= 50 for c in chunks)
    for first, second in itertools.pairwise(chunks):
        assert second.char_start < first.char_end  # the overlap repeats a sentence
        assert second.char_start > first.char_start  # and always moves forward


def test_faq_is_one_chunk_whatever_its_length():
    body = "Q?\n\n" + "word " * 500
    doc = Document("f", "faq", "Q?", "/f", "crew", dt.date(2026, 11, 26), (), body, "f.yaml", "Q?")
    chunks = chunk_document(doc, ChunkerConfig(max_tokens=50, overlap_tokens=0))
    assert len(chunks) == 1 and chunks[0].text == body.strip()


def test_a_single_over_long_word_is_cut_by_characters():
    body = "x" * 3000
    chunks = chunk_document(page(body), ChunkerConfig(max_tokens=40, overlap_tokens=0))
    assert "".join(c.text for c in chunks) == body
    assert all(count_tokens(c.text) <= 40 for c in chunks)


markdown_line = st.one_of(
    st.from_regex(r"#{1,3} [A-Za-z ]{1,20}", fullmatch=True),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.just(""),
    st.just("- A list item. With two sentences."),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(markdown_line, max_size=25), st.integers(8, 120), st.integers(0, 7))
def test_spans_map_back_budget_holds_and_no_text_is_lost(lines, max_tokens, overlap):
    body = "\n".join(lines)
    config = ChunkerConfig(max_tokens=max_tokens, overlap_tokens=min(overlap, max_tokens - 1))
    chunks = chunk_document(page(body), config)
    covered = [False] * len(body)
    for chunk in chunks:
        assert body[chunk.char_start:chunk.char_end] == chunk.text
        assert count_tokens(chunk.text) <= max_tokens
        for i in range(chunk.char_start, chunk.char_end):
            covered[i] = True
    # Every character outside the chunks is white space, a heading line or a list marker.
    headings = [(m.start(), m.end()) for m in re.finditer(r"^#{1,6}[ \t]+.+$", body, re.M)]
    for i, ch in enumerate(body):
        if covered[i] or ch.isspace() or any(a <= i < b for a, b in headings):
            continue
        line_start = body.rfind("\n", 0, i) + 1
        assert re.match(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]", body[line_start:]), (i, ch, body)
