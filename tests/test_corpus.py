"""The corpus loader: valid files load, and every problem is reported with file, line and field."""

from pathlib import Path

import pytest

from issqa.corpus import load_corpus
from issqa.errors import CorpusError

PAGE = """---
id: {id}
title: A page
url: /station/{id}
section: modules
updated: 2026-11-26
sources:
  - https://example.org/a
---
Some text about the station.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(corpus: Path) -> list[str]:
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    return [str(p) for p in info.value.problems]


def test_fixture_corpus_loads_pages_and_faqs(fixture_corpus):
    docs = {d.doc_id: d for d in load_corpus(fixture_corpus)}
    assert docs["zarya"].kind == "page"
    assert docs["zarya"].body.startswith("Zarya was the first piece")
    faq = docs["faq-speed"]
    assert faq.kind == "faq" and faq.title == "How fast does the station travel?"
    assert faq.body[faq.answer_start:].startswith("The station travels at about 28,000 km/h")
    assert faq.sources == ("https://example.org/orbit",)
    assert docs["faq-first-crew"].sources == ()  # sources are optional for FAQs


def test_every_problem_is_listed_at_once_with_file_line_entry_and_field(tmp_path):
    write(tmp_path / "pages" / "a.md", PAGE.format(id="dup"))
    write(tmp_path / "pages" / "b.md", PAGE.format(id="dup").replace("/station/dup", "/station/b"))
    write(tmp_path / "pages" / "c.md", PAGE.format(id="c").replace("2026-11-26", "2026-13-40"))
    write(tmp_path / "pages" / "d.md", PAGE.format(id="d").replace("title: A page\n", ""))
    write(tmp_path / "faqs" / "f.yaml", """\
- id: faq-one
  question: What?
  answer: ""
  url: /faq/x#faq-one
  section: crew
  updated: 2026-11-26
  colour: blue
""")
    write(tmp_path / "faqs" / "broken.yaml", "- id: faq-two\n  question: [unclosed\n")
    found = problems_of(tmp_path)
    assert any("b.md" in p and "duplicate id" in p and "a.md" in p for p in found)
    assert any(p.startswith(f"{tmp_path}/pages/c.md:6 ") and "'updated'" in p and
               "YYYY-MM-DD" in p for p in found)
    assert any("d.md" in p and "field 'title': missing" in p for p in found)
    assert f"{tmp_path}/faqs/f.yaml:3 entry 'faq-one' field 'answer': must not be empty" in found
    assert any("f.yaml:7" in p and "field 'colour': unknown field" in p for p in found)
    assert any("broken.yaml:3" in p and "invalid YAML" in p for p in found)
    assert len(found) == 6


def test_page_without_front_matter_or_text_is_reported(tmp_path):
    write(tmp_path / "pages" / "plain.md", "# Just markdown\n")
    write(tmp_path / "pages" / "empty.md", PAGE.format(id="e").replace(
        "Some text about the station.\n", ""))
    found = problems_of(tmp_path)
    assert any("plain.md:1" in p and "front matter" in p for p in found)
    assert any("empty.md" in p and "no text" in p for p in found)


def test_duplicate_keys_and_list_where_text_expected(tmp_path):
    write(tmp_path / "faqs" / "f.yaml", """\
- id: faq-a
  id: faq-b
  question: [a, b]
  answer: An answer.
  url: /faq/x#faq-a
  section: crew
  updated: 2026-11-26
""")
    found = problems_of(tmp_path)
    assert any("f.yaml:2" in p and "appears twice" in p for p in found)
    assert any("f.yaml:3" in p and "field 'question': must be text" in p for p in found)


def test_missing_or_empty_corpus_folder_is_explained(tmp_path):
    assert "corpus folder not found" in problems_of(tmp_path / "nope")[0]
    assert "no pages" in problems_of(tmp_path)[0]


def test_readme_files_are_not_pages(fixture_corpus):
    write(fixture_corpus / "README.md", "# How to write the corpus\n")
    assert "readme" not in {d.doc_id for d in load_corpus(fixture_corpus)}


def test_non_utf8_file_is_reported(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "latin.md").write_bytes("---\nid: x\n---\ncaf\xe9".encode("latin-1"))
    assert any("not UTF-8" in p for p in problems_of(tmp_path))


FAQ = """- id: {id}
  question: {question}
  also_asked:
{phrasings}
  answer: The station travels at about 28,000 km/h.
  url: /faq/systems#{id}
  section: systems
  updated: 2026-11-26
"""


def faq(id: str, question: str, *phrasings: str) -> str:
    return FAQ.format(id=id, question=question,
                      phrasings="\n".join(f"    - {p}" for p in phrasings))


def test_also_asked_phrasings_load_with_the_faq(tmp_path):
    write(tmp_path / "faqs" / "a.yaml", faq("faq-speed", "How fast is the station?",
                                            "how fast do you guys go", "iss speed mph"))
    [doc] = load_corpus(tmp_path)
    assert doc.also_asked == ("how fast do you guys go", "iss speed mph")


def test_bad_also_asked_phrasings_are_reported_with_file_line_and_entry(tmp_path):
    write(tmp_path / "faqs" / "a.yaml",
          faq("faq-a", "How fast is the station?", "How fast is the station ?", "speed")
          + faq("faq-b", "How high is the station?", "how fast do you go", "iss altitude km")
          + faq("faq-c", "How old is the station?", "how FAST do you go!", "iss age years"))
    problems = problems_of(tmp_path)
    assert any(":3 entry 'faq-a' field 'also_asked': phrasing 1 repeats the question" in p
               for p in problems), problems
    assert any("entry 'faq-a' field 'also_asked': phrasing 2 must have 2 to 40 words" in p
               for p in problems), problems
    assert any("entry 'faq-c' field 'also_asked': question or phrasing 'how fast do you go' "
               "is also asked by faq-b" in p for p in problems), problems


def test_also_asked_must_be_a_list(tmp_path):
    write(tmp_path / "faqs" / "a.yaml", FAQ.format(id="faq-a", question="How fast?",
                                                   phrasings="    how fast do you go"))
    assert any("field 'also_asked': must be a list of phrasings" in p
               for p in problems_of(tmp_path))
