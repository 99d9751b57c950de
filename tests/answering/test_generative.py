"""The generative answerer: claims parsed and split as they stream, each verified against the
passage it cites, and every failure of the model falling back to the extractive answer.

The model is a scripted OpenAI-compatible server over real HTTP (``tests/llm_server.py``); its
supported replies quote the passages issqa actually sent, so nothing here is hard-coded.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import pytest

from issqa.answering.generative import (
    ClaimSplitter,
    GenerativeAnswerer,
    build_messages,
    parse_claim,
)
from issqa.service import Engine
from issqa.settings import Settings

from tests.llm_server import Reply, first_sentence, passages_of, scripted_llm

pytestmark = pytest.mark.model

SPEED = "How fast does the station travel?"
FABRICATED = "The station was first assembled by Martian engineers in 1850. [1]"


def test_a_claim_is_its_text_and_its_markers():
    claim = parse_claim("The station orbits about 16 times a day [2][3].")
    assert claim.text == "The station orbits about 16 times a day."
    assert claim.markers == (2, 3)
    assert parse_claim("It has six sleeping quarters").markers == ()
    assert parse_claim("It has six sleeping quarters").text == "It has six sleeping quarters."


def test_streamed_text_is_cut_into_sentences_only_once_each_is_complete():
    text = ("The station travels at about 28,000 km/h. [1] It circles Earth every 90 minutes "
            "[1]. Crews of 7.5 people? No. [2]")
    splitter = ClaimSplitter()
    done = []
    for start in range(0, len(text), 3):  # three characters at a time, as a model streams
        for sentence in splitter.feed(text[start:start + 3]):
            done.append((start, sentence))
    done += [(len(text), s) for s in splitter.finish()]
    assert [s for _, s in done] == [
        "The station travels at about 28,000 km/h. [1]",
        "It circles Earth every 90 minutes [1].",
        "Crews of 7.5 people?",
        "No. [2]",
    ]
    # The first sentence was given out before the model had written the second one.
    assert done[0][0] < text.index("It circles")


def test_list_replies_are_cut_at_line_breaks_and_lose_their_numbering():
    splitter = ClaimSplitter()
    reply = "1. The station has six sleeping quarters.\n\n2. 28,000 km/h is its speed"
    claims = [parse_claim(s) for s in splitter.feed(reply) + splitter.finish()]
    assert [c.text for c in claims if c.text] == ["The station has six sleeping quarters.",
                                                  "28,000 km/h is its speed."]
    assert parse_claim("3.").text == "" and parse_claim("- **Zarya** launched [1]").text == \
        "Zarya launched."


@pytest.fixture(scope="module")
def llm():
    with scripted_llm() as server:
        yield server


@pytest.fixture(scope="module")
def engine(shipped_engine, llm) -> Engine:
    """The shipped index, answered with the scripted model (a short timeout for the slow case)."""
    settings = Settings(**{**shipped_engine.settings.model_dump(), "llm_base_url": llm.url,
                           "llm_api_key": "sk-test-secret", "llm_timeout_s": 1.0})
    return Engine(settings, embedder=shipped_engine.model).load()


def quote(n: int):
    """A script: the first statement of passage ``n``, cited as [n]."""
    return lambda messages: Reply(content=f"{first_sentence(passages_of(messages)[n])} [{n}]")


def test_supported_sentences_are_kept_and_cite_the_sentence_that_supports_them(engine, llm):
    def script(messages):
        passages = passages_of(messages)
        return Reply(content=f"{first_sentence(passages[1])} [1] {first_sentence(passages[2])} [2]")
    llm.script = script
    answer = engine.ask(SPEED).answer
    assert answer.strategy == "generative"
    assert answer.text.count("[1]") == 1 and "[2]" in answer.text
    for citation in answer.citations:
        body = engine.index.documents[citation.doc_id].body
        cited = body[citation.char_start:citation.char_end]
        assert cited in answer.text  # a quoted sentence's citation points at that sentence
    assert "28,000" in answer.text


def test_a_fabricated_sentence_never_reaches_the_answer(engine, llm):
    def script(messages):
        return Reply(content=f"{FABRICATED} {first_sentence(passages_of(messages)[1])} [1]")
    llm.script = script
    answer = engine.ask(SPEED).answer
    assert answer.strategy == "generative"
    assert "Martian" not in answer.text and "1850" not in answer.text
    verdicts = [v.check for v in engine._state().generator.verify(
        [parse_claim(FABRICATED)], engine.search(SPEED).hits)]
    assert verdicts == ["unsupported_fact"]


def test_each_check_drops_what_it_should(engine):
    hits = engine.search(SPEED).hits
    generator = engine._state().generator
    unrelated = parse_claim("the crew enjoys painting pictures of cats on weekends. [1]")
    no_marker = parse_claim(first_sentence(hits[0].chunk.text))
    wrong_marker = parse_claim(f"{first_sentence(hits[0].chunk.text)} [9]")
    question = parse_claim("How fast does the station travel? [1]")
    invented = parse_claim("The station travels at about 31,000 km/h.")
    verdicts = generator.verify([unrelated, no_marker, wrong_marker, question, invented],
                                hits[:5])
    assert [v.check for v in verdicts] == ["unsupported_fact", "supported", "bad_citation",
                                           "question", "unsupported_fact"]
    assert "cat" in verdicts[0].reason  # words of its own, not in the passage
    # A sentence without a marker is attributed to the passage that states it.
    assert verdicts[1].hit == hits[0]


def test_a_sentence_that_means_something_else_is_dropped_by_similarity(engine):
    """With the word check off, the meaning check alone still drops an unrelated sentence."""
    hits = engine.search(SPEED).hits
    generator = engine._state().generator
    lenient = GenerativeAnswerer(engine.index, engine.model, generator.client,
                                 replace(generator.config, min_coverage=0.0))
    unrelated = parse_claim("the crew enjoys painting pictures of cats on weekends. [1]")
    quoted = parse_claim(f"{first_sentence(hits[0].chunk.text)} [1]")
    checks = [(v.check, round(v.similarity, 2)) for v in lenient.verify([unrelated, quoted],
                                                                          hits[:5])]
    assert checks[0][0] == "low_similarity" and checks[0][1] < generator.config.min_similarity
    assert checks[1] == ("supported", 1.0)


@pytest.mark.parametrize("reply", [
    Reply(content=FABRICATED),                  # nothing survives verification
    Reply(raw="this is not JSON"),              # malformed body
    Reply(raw='{"choices": []}'),               # JSON, but not a chat completion
    Reply(status=500),                          # the endpoint fails
    Reply(content="Too late. [1]", delay_s=1.5),  # slower than llm_timeout_s (1 s)
    Reply(content="NO ANSWER"),                 # the model says the passages do not answer
], ids=["fabricated", "malformed", "not-a-completion", "http-500", "slow", "no-answer"])
def test_every_failure_falls_back_to_the_extractive_answer(engine, shipped_engine, llm, reply):
    llm.script = lambda _messages: reply
    expected = shipped_engine.ask(SPEED).answer
    answer = engine.ask(SPEED).answer
    assert answer.strategy == expected.strategy != "generative"
    assert answer.text == expected.text


def test_out_of_scope_questions_abstain_without_asking_the_model(engine, llm):
    llm.script = quote(1)
    before = len(llm.requests)
    answer = engine.ask("What is the capital of France?").answer
    assert answer.abstained
    assert len(llm.requests) == before


def test_the_model_reads_a_follow_up_in_full_and_gets_the_key_but_logs_never_do(
        engine, llm, caplog):
    llm.script = quote(1)
    with caplog.at_level(logging.DEBUG):
        result = engine.ask("Who built it?", history=["What is the Columbus module?"])
    sent = llm.requests[-1]
    assert sent["authorization"] == "Bearer sk-test-secret"
    assert sent["body"]["temperature"] == 0
    assert sent["body"]["messages"][-1]["content"].endswith(
        f"Question: {result.analysis.rewritten}")
    assert "Columbus" in result.analysis.rewritten
    assert "sk-test-secret" not in caplog.text
    assert "sk-test-secret" not in repr(engine.settings)


def test_streaming_gives_each_verified_sentence_then_the_result(engine, llm):
    def script(messages):
        passages = passages_of(messages)
        return Reply(content=f"{first_sentence(passages[1])} [1] {FABRICATED} "
                             f"{first_sentence(passages[2])} [2]", pieces=12)
    llm.script = script
    pieces = list(engine.ask_stream(SPEED))
    texts, result = pieces[:-1], pieces[-1]
    assert len(texts) == 2
    assert "".join(texts) == result.answer.text
    assert result.answer.strategy == "generative"
    assert "Martian" not in result.answer.text


def test_the_prompt_numbers_the_passages_it_gives(shipped_engine):
    hits = shipped_engine.search(SPEED).hits[:3]
    messages = build_messages(SPEED, hits)
    passages = passages_of(messages)
    assert sorted(passages) == [1, 2, 3]
    assert all(hit.chunk.text.strip().endswith(passages[n].strip()[-40:])
               for n, hit in enumerate(hits, start=1))


def test_a_restated_sentence_is_given_once(engine, llm):
    def script(messages):
        sentence = first_sentence(passages_of(messages)[1])
        return Reply(content=f"{sentence} [1] {sentence} [1]")
    llm.script = script
    answer = engine.ask(SPEED).answer
    assert answer.strategy == "generative"
    assert answer.text.count("[1]") == 1 and len(answer.citations) == 1


def test_a_figure_borrowed_from_elsewhere_in_the_passage_is_caught(engine):
    """A year or number must be the supporting sentence's own, not another sentence's."""
    generator = engine._state().generator
    hits = engine.search("What was Zarya, the first module?").hits[:5]
    zarya = next(h for h in hits if "November 20, 1998" in h.chunk.text
                 and "2000" in h.chunk.text)  # both years in one passage
    sentence = next(s for s in re.split(r"(?<=[.!?])\s+", zarya.chunk.text)
                    if "November 20, 1998" in s)
    marker = hits.index(zarya) + 1
    right = parse_claim(f"{sentence} [{marker}]")
    moved = parse_claim(f"{sentence.replace('1998', '2000')} [{marker}]")
    checks = [v.check for v in generator.verify([right, moved], hits)]
    assert checks == ["supported", "unsupported_fact"]
