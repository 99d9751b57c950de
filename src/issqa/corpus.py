"""Load and validate the corpus: Markdown pages with YAML front matter, and YAML files of FAQs.

Validation collects every problem in every file before failing, so one ``issqa build`` run
shows all there is to fix. Problems name the file, the line, the entry and the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import CorpusError, Problem
from .types import Document

__all__ = ["FAQ_FIELDS", "PAGE_FIELDS", "load_corpus", "parse_faq_file", "parse_page"]

PAGE_FIELDS = ("id", "title", "url", "section", "updated", "sources")
FAQ_FIELDS = ("id", "question", "answer", "url", "section", "updated")
_FAQ_OPTIONAL = ("sources", "also_asked")
# Other phrasings of an FAQ question: a handful, each a real question, not a paragraph.
ALSO_ASKED_MAX = 8
PHRASING_WORDS = (2, 40)
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass
class _Entry:
    """A mapping read from YAML, values kept as text with the line of each key."""

    line: int
    values: dict[str, str | list[str]]
    lines: dict[str, int]


def _read_mapping(node: yaml.Node, file: str, line_offset: int, entry: str | None,
                  problems: list[Problem]) -> _Entry | None:
    """Turn a YAML mapping node into an ``_Entry``; scalars stay strings, so no implicit typing."""
    line = node.start_mark.line + 1 + line_offset
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(file, "expected a mapping of field: value", line, entry))
        return None
    values: dict[str, str | list[str]] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1 + line_offset
        if key in values:
            problems.append(Problem(file, "field appears twice", key_line, entry, key))
            continue
        lines[key] = key_line
        if isinstance(value_node, yaml.ScalarNode):
            values[key] = str(value_node.value)
        elif isinstance(value_node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in value_node.value
        ):
            values[key] = [str(item.value) for item in value_node.value]
        else:
            problems.append(Problem(file, "must be text or a list of text", key_line, entry, key))
    return _Entry(line, values, lines)


def _check_fields(entry: _Entry, required: Iterable[str], optional: Iterable[str], file: str,
                  name: str | None, problems: list[Problem]) -> bool:
    """Report missing, empty, unknown and mistyped fields; return whether the entry is usable."""
    required, optional = tuple(required), tuple(optional)
    ok = True
    for key in entry.values:
        if key not in required and key not in optional:
            known = ", ".join(required + optional)
            problems.append(Problem(file, f"unknown field (known fields: {known})",
                                    entry.lines[key], name, key))
            ok = False
    for key in required:
        value = entry.values.get(key)
        if value is None:
            problems.append(Problem(file, "missing", entry.line, name, key))
            ok = False
        elif key == "sources":
            if not isinstance(value, list) or not value or not all(v.strip() for v in value):
                problems.append(Problem(file, "must be a non-empty list of URLs",
                                        entry.lines[key], name, key))
                ok = False
        elif not isinstance(value, str):
            problems.append(Problem(file, "must be text, not a list", entry.lines[key], name, key))
            ok = False
        elif not value.strip():
            problems.append(Problem(file, "must not be empty", entry.lines[key], name, key))
            ok = False
    for key in optional:
        value = entry.values.get(key)
        if value is not None and not isinstance(value, list):
            what = "phrasings" if key == "also_asked" else "URLs"
            problems.append(Problem(file, f"must be a list of {what}", entry.lines[key], name, key))
            ok = False
    if not ok:
        return False
    line = entry.lines
    values = entry.values
    if not _ID.match(str(values["id"])):
        problems.append(Problem(file, "must be lowercase letters, digits, '.', '_' or '-'",
                                line["id"], name, "id"))
        ok = False
    if _parse_date(str(values["updated"])) is None:
        problems.append(Problem(file, f"must be a date as YYYY-MM-DD, got {values['updated']!r}",
                                line["updated"], name, "updated"))
        ok = False
    url = str(values["url"])
    if not (url.startswith("/") or url.startswith(("http://", "https://"))):
        problems.append(Problem(file, f"must be a site-relative path or http(s) URL, got {url!r}",
                                line["url"], name, "url"))
        ok = False
    return ok


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _yaml_error(exc: yaml.YAMLError, file: str, line_offset: int) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 + line_offset if mark is not None else None
    reason = getattr(exc, "problem", None) or str(exc)
    return Problem(file, f"invalid YAML: {reason}", line)


def parse_page(text: str, file: str, problems: list[Problem]) -> Document | None:
    """Parse one Markdown page with front matter; append problems and return None if invalid."""
    match = _FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(file, "must start with YAML front matter between '---' lines", 1))
        return None
    try:
        node = yaml.compose(match.group(1) or "", Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        problems.append(_yaml_error(exc, file, 1))
        return None
    if node is None:
        problems.append(Problem(file, "front matter is empty", 1))
        return None
    entry = _read_mapping(node, file, 1, None, problems)
    if entry is None:
        return None
    name = entry.values.get("id") if isinstance(entry.values.get("id"), str) else None
    if not _check_fields(entry, PAGE_FIELDS, (), file, name, problems):
        return None
    body = text[match.end():]
    if not body.strip():
        body_line = text[: match.end()].count("\n") + 1
        problems.append(Problem(file, "page has no text after the front matter", body_line, name))
        return None
    v = entry.values
    return Document(
        doc_id=str(v["id"]), kind="page", title=str(v["title"]).strip(), url=str(v["url"]).strip(),
        section=str(v["section"]).strip(), updated=_parse_date(str(v["updated"])),
        sources=tuple(s.strip() for s in v["sources"]), body=body, path=file,
    )


def parse_faq_file(text: str, file: str, problems: list[Problem]) -> list[Document]:
    """Parse a YAML list of FAQ entries; append problems, return the valid entries."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        problems.append(_yaml_error(exc, file, 0))
        return []
    if node is None:
        problems.append(Problem(file, "file is empty; expected a list of FAQ entries", 1))
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(file, "expected a list of FAQ entries ('- id: ...')",
                                node.start_mark.line + 1))
        return []
    docs = []
    for position, item in enumerate(node.value, start=1):
        entry = _read_mapping(item, file, 0, f"#{position}", problems)
        if entry is None:
            continue
        raw_id = entry.values.get("id")
        name = raw_id if isinstance(raw_id, str) and raw_id.strip() else f"#{position}"
        if not _check_fields(entry, FAQ_FIELDS, _FAQ_OPTIONAL, file, name, problems):
            continue
        v = entry.values
        question, answer = str(v["question"]).strip(), str(v["answer"]).strip()
        also_asked = _check_also_asked(v.get("also_asked", []), entry, file, name, problems)
        if also_asked is None:
            continue
        docs.append(Document(
            doc_id=str(v["id"]), kind="faq", title=question, url=str(v["url"]).strip(),
            section=str(v["section"]).strip(), updated=_parse_date(str(v["updated"])),
            sources=tuple(s.strip() for s in v.get("sources", [])),
            body=f"{question}\n\n{answer}", path=file, question=question,
            also_asked=also_asked,
        ))
    return docs


def _check_also_asked(value: list[str], entry: _Entry, file: str, name: str,
                      problems: list[Problem]) -> tuple[str, ...] | None:
    """Validate an FAQ's other phrasings; None (with problems added) if any is unusable."""
    line = entry.lines.get("also_asked", entry.line)
    phrasings = tuple(" ".join(p.split()) for p in value)
    ok = True
    if len(phrasings) > ALSO_ASKED_MAX:
        problems.append(Problem(file, f"at most {ALSO_ASKED_MAX} phrasings, got {len(phrasings)}",
                                line, name, "also_asked"))
        ok = False
    low, high = PHRASING_WORDS
    seen = {_normalise_question(str(entry.values["question"]))}
    for position, phrasing in enumerate(phrasings, start=1):
        words = len(phrasing.split())
        if not low <= words <= high:
            problems.append(Problem(file, f"phrasing {position} must have {low} to {high} words, "
                                    f"got {words}: {phrasing!r}", line, name, "also_asked"))
            ok = False
        elif (key := _normalise_question(phrasing)) in seen:
            problems.append(Problem(file, f"phrasing {position} repeats the question or another "
                                    f"phrasing: {phrasing!r}", line, name, "also_asked"))
            ok = False
        else:
            seen.add(key)
    return phrasings if ok else None


def _normalise_question(text: str) -> str:
    """Case, punctuation and spacing folded, so near-identical phrasings compare equal."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Load every page (``**/*.md`` except README.md) and FAQ file (``**/*.yaml``/``.yml``).

    Raises ``CorpusError`` listing every problem found, across all files.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError([Problem(str(corpus_dir), "corpus folder not found; set "
                                   "ISSQA_CORPUS_DIR or pass --corpus")])
    problems: list[Problem] = []
    docs: list[Document] = []
    for path in sorted(corpus_dir.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.parts):
            continue
        rel = str(path)
        if path.suffix == ".md" and path.name.lower() != "readme.md":
            text = _read_text(path, problems)
            if text is not None and (doc := parse_page(text, rel, problems)):
                docs.append(doc)
        elif path.suffix in (".yaml", ".yml"):
            text = _read_text(path, problems)
            if text is not None:
                docs.extend(parse_faq_file(text, rel, problems))
    if not docs and not problems:
        problems.append(Problem(str(corpus_dir), "no pages (*.md) or FAQ files (*.yaml) found"))
    _check_unique(docs, problems)
    if problems:
        raise CorpusError(problems)
    return docs


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), f"not UTF-8 text (byte {exc.start}); save it as UTF-8"))
        return None


def _check_unique(docs: list[Document], problems: list[Problem]) -> None:
    """Ids, URLs and FAQ phrasings (questions and ``also_asked``) must be unique."""
    seen_ids: dict[str, Document] = {}
    seen_urls: dict[str, Document] = {}
    seen_phrasings: dict[str, Document] = {}
    for doc in docs:
        if doc.kind != "faq":
            continue
        for phrasing in {_normalise_question(p) for p in (doc.question or "", *doc.also_asked)}:
            first = seen_phrasings.setdefault(phrasing, doc)
            if first is not doc:
                problems.append(Problem(doc.path, f"question or phrasing {phrasing!r} is also "
                                        f"asked by {first.doc_id} in {first.path}",
                                        None, doc.doc_id, "also_asked"))
    for doc in docs:
        if (first := seen_ids.get(doc.doc_id)) is not None:
            problems.append(Problem(doc.path, f"duplicate id (first used in {first.path})",
                                    None, doc.doc_id, "id"))
        seen_ids.setdefault(doc.doc_id, doc)
        if (first := seen_urls.get(doc.url)) is not None:
            problems.append(Problem(doc.path, f"duplicate url {doc.url!r} (also {first.doc_id} "
                                    f"in {first.path})", None, doc.doc_id, "url"))
        seen_urls.setdefault(doc.url, doc)
