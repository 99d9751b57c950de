"""Arbitrary Unicode never crashes retrieval or answering: a valid answer, or an abstention."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from issqa.errors import InvalidRequestError
from issqa.service import MAX_QUESTION_CHARS

NASTY = [
    "🚀🛰️🌍 ISS?", "כמה מהר התחנה טסה?", "ما هي سرعة المحطة؟", "\u202eevil\u202c Zarya",
    "\x00\x01\x02 zarya \x7f", "a" * 10_000, "?!.,;:-()[]{}", "the of and to is was when",
    "Zarya" * 200, "ｚａｒｙａ　ｌａｕｎｃｈ", "\ufeffZarya", "Z̵̢a̸r̶y̵a̴", "\n\n\t  \r\n?",
    "SELECT * FROM chunks; --", "<script>alert(1)</script>",
]


def check(engine, question):
    try:
        result = engine.ask(question)
    except InvalidRequestError as exc:
        # Only blank or over-long questions may be refused, and with a clear message.
        assert not question.strip() or len(question.strip()) > MAX_QUESTION_CHARS, exc
        return
    answer = result.answer
    if answer.abstained:
        assert answer.citations == () and answer.strategy == "abstain"
    else:
        assert answer.citations
        for citation in answer.citations:
            body = engine.index.documents[citation.doc_id].body
            assert body[citation.char_start:citation.char_end] in answer.text
    assert 0.0 <= answer.confidence <= 1.0
    for mode in ("bm25", "dense", "hybrid"):
        engine.search(question[:MAX_QUESTION_CHARS] or "x", k=5, mode=mode)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=300))
def test_any_text_gets_an_answer_an_abstention_or_a_clear_refusal(hash_engine_session, text):
    check(hash_engine_session, text)


@pytest.mark.parametrize("question", NASTY)
def test_nasty_inputs_with_the_real_model(shipped_engine, question):
    check(shipped_engine, question)
