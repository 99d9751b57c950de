"""Evaluation sets: JSONL files ``eval/<set>/<split>.jsonl``, validated with file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidRequestError

__all__ = ["SET_NAMES", "SPLITS", "STYLES", "EvalItem", "load_set"]

SET_NAMES = ("faq_paraphrases", "page_facts", "out_of_scope", "visitor_questions",
             "conversations")
# How visitors phrase questions; visitor_questions tags each question with one.
STYLES = ("second_person", "child", "two_part", "news", "yes_no", "misspelled", "keywords",
          "plain")
SPLITS = ("dev", "test")


@dataclass(frozen=True)
class EvalItem:
    """One question: gold documents and facts, or an expected abstention."""

    set_name: str
    item_id: str
    question: str
    gold_doc_ids: tuple[str, ...] = ()
    answers: tuple[tuple[str, ...], ...] = ()
    kind: str | None = None
    abstain: bool = False
    style: str | None = None
    section: str | None = None
    history: tuple[str, ...] = ()

    @property
    def expects_abstention(self) -> bool:
        """Out-of-scope questions, and questions marked ``abstain``, should be abstained on."""
        return self.set_name == "out_of_scope" or self.abstain


def _fail(path: Path, line: int, message: str) -> InvalidRequestError:
    return InvalidRequestError(f"{path}:{line}: {message}")


def load_set(eval_dir: Path, set_name: str, split: str) -> list[EvalItem]:
    """Load one set's split; raise with file and line on the first malformed row."""
    if set_name not in SET_NAMES:
        raise InvalidRequestError(f"unknown set {set_name!r}; sets: {', '.join(SET_NAMES)}")
    if split not in SPLITS:
        raise InvalidRequestError(f"unknown split {split!r}; splits: {', '.join(SPLITS)}")
    path = Path(eval_dir) / set_name / f"{split}.jsonl"
    if not path.is_file():
        raise InvalidRequestError(f"{path} not found; see eval/README.md for the format")
    if set_name == "conversations":
        return _conversations(path)
    items: list[EvalItem] = []
    for line_no, item_id, row in _rows(path):
        question = row.get("question")
        if not isinstance(question, str) or not question.strip():
            raise _fail(path, line_no, "'question' must be a non-empty string")
        style, section = row.get("style"), row.get("section")
        if style is not None and style not in STYLES:
            raise _fail(path, line_no, f"'style' must be one of {', '.join(STYLES)}, "
                                       f"got {style!r}")
        if section is not None and (not isinstance(section, str) or not section):
            raise _fail(path, line_no, "'section' must be a non-empty string")
        abstain = _abstains(path, line_no, row, always=set_name == "out_of_scope")
        if set_name == "out_of_scope" or abstain:
            items.append(EvalItem(set_name, item_id, question, kind=row.get("kind"),
                                  abstain=abstain, style=style, section=section))
            continue
        gold, answers = _gold(path, line_no, row)
        items.append(EvalItem(set_name, item_id, question, gold, answers, style=style,
                              section=section))
    return items


def _rows(path: Path) -> Iterator[tuple[int, str, dict]]:
    """(line number, id, object) of each non-blank line; raise naming the line if a line is
    not a JSON object with a new, non-empty ``id``."""
    seen: set[str] = set()
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(path, line_no, f"not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise _fail(path, line_no, "expected a JSON object")
        item_id = row.get("id")
        if not isinstance(item_id, str) or not item_id:
            raise _fail(path, line_no, "'id' must be a non-empty string")
        if item_id in seen:
            raise _fail(path, line_no, f"duplicate id {item_id!r}")
        seen.add(item_id)
        yield line_no, item_id, row


def _abstains(path: Path, line_no: int, row: dict, what: str = "a question", where: str = "",
              always: bool = False) -> bool:
    """Whether a row is marked ``"abstain": true``; raise naming the line if the mark is no
    boolean, or if a row expected to abstain (marked, or ``always``) has gold."""
    abstain = row.get("abstain", False)
    if not isinstance(abstain, bool):
        raise _fail(path, line_no, f"{where}'abstain' must be true or false")
    if (abstain or always) and (row.get("gold_doc_ids") or row.get("answers")):
        raise _fail(path, line_no, f"{where}{what} expected to abstain has no "
                                   "'gold_doc_ids' or 'answers'")
    return abstain


def _gold(path: Path, line_no: int, row: dict, where: str = ""
          ) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """A row's ``gold_doc_ids`` and ``answers``, checked."""
    gold, answers = row.get("gold_doc_ids"), row.get("answers")
    if not isinstance(gold, list) or not gold or not all(isinstance(g, str) for g in gold):
        raise _fail(path, line_no, f"{where}'gold_doc_ids' must be a non-empty list of ids")
    if not isinstance(answers, list) or not answers or not all(
            isinstance(f, list) and f and all(isinstance(v, str) and v for v in f)
            for f in answers):
        raise _fail(path, line_no, f"{where}'answers' must be a list of facts, each a "
                                   "non-empty list of accepted strings")
    return tuple(gold), tuple(tuple(f) for f in answers)


def _conversations(path: Path) -> list[EvalItem]:
    """Dialogues, one per line: ``{"id", "section", "turns": [{"question"}, {"question",
    "gold_doc_ids", "answers"} or {"question", "abstain": true}, ...]}``; every turn after the
    first is a follow-up, an item whose history is the questions before it."""
    items: list[EvalItem] = []
    for line_no, dialogue_id, row in _rows(path):
        turns = row.get("turns")
        if not isinstance(turns, list) or not 2 <= len(turns) <= 7 or not all(
                isinstance(t, dict) and isinstance(t.get("question"), str)
                and t["question"].strip() for t in turns):
            raise _fail(path, line_no, "'turns' must be 2 to 7 objects, each with a non-empty "
                                       "'question'")
        section = row.get("section")
        for n, turn in enumerate(turns[1:], start=2):
            history = tuple(t["question"].strip() for t in turns[:n - 1])
            if _abstains(path, line_no, turn, "a turn", f"turn {n}: "):
                # A follow-up the pages do not answer ("is the app free?").
                items.append(EvalItem("conversations", f"{dialogue_id}#{n}",
                                      turn["question"].strip(), abstain=True, section=section,
                                      history=history))
                continue
            gold, answers = _gold(path, line_no, turn, f"turn {n}: ")
            items.append(EvalItem(
                "conversations", f"{dialogue_id}#{n}", turn["question"].strip(), gold, answers,
                section=section, history=history))
    return items
