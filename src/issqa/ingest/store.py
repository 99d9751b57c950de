"""Write extracted pages as corpus files: one ``<slug>.md`` per page, idempotent, duplicates once.

A page is unchanged when its file would differ at most in the ``updated`` date; such a file is
not rewritten (dates move only when content moves, so re-ingesting is byte-for-byte a no-op even
when a source gives no date and today's date would otherwise be used). Every file is checked
with the corpus loader's own parser before it is written, and written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import parse_page
from ..errors import IngestError, Problem
from ..types import Document
from .page import Page, Skipped, check_section, content_key, render_page, slug_for_url

__all__ = ["Duplicate", "IngestReport", "write_pages"]


@dataclass(frozen=True)
class Duplicate:
    """A page not stored because ``kept`` (a page or file) has the same content."""

    origin: str
    url: str
    kept: str


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    out_dir: Path
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # What is wrong with the corpus the pages were written into, checked after writing.
    corpus_problems: list[Problem] = field(default_factory=list)

    def details(self) -> list[str]:
        """One line per page that was not simply written, then any notes."""
        lines = [f"unchanged  {p}" for p in self.unchanged]
        lines += [f"written    {p}" for p in self.written]
        lines += [f"duplicate  {d.origin}: same content as {d.kept}; stored once"
                  for d in self.duplicates]
        lines += [f"skipped    {s.origin}: {s.reason}" for s in self.skipped]
        return lines + [f"note       {n}" for n in self.notes]

    def summary(self) -> str:
        """The one line printed last: counts, and the reasons pages were skipped."""
        line = (f"ingest: {len(self.written)} written, {len(self.unchanged)} unchanged, "
                f"{len(self.duplicates)} duplicate(s), {len(self.skipped)} skipped")
        if self.skipped:
            kinds = Counter(s.kind for s in self.skipped)
            line += " (" + ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) + ")"
        return f"{line} -> {self.out_dir}"


@dataclass
class _Existing:
    path: Path
    text: str
    doc: Document | None


def _read_existing(out_dir: Path) -> list[_Existing]:
    found = []
    for path in sorted(out_dir.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            found.append(_Existing(path, "", None))
            continue
        found.append(_Existing(path, text, parse_page(text, str(path), [])))
    return found


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


def _winners(pages: list[Page]) -> dict[str, Page]:
    """For each content, the page to keep: the first that declared its URL, else the first."""
    winners: dict[str, Page] = {}
    for page in pages:
        key = content_key(page.body)
        if key not in winners or (page.canonical and not winners[key].canonical):
            winners[key] = page
    return winners


def write_pages(pages: list[Page], out_dir: Path, *, section: str,
                skipped: list[Skipped] | None = None, today: dt.date | None = None
                ) -> IngestReport:
    """Write ``pages`` into ``out_dir`` as corpus pages; return what was done to each."""
    section = check_section(section)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IngestError(f"cannot create the output folder {out_dir} ({exc.strerror}); "
                          "choose another with --out") from exc
    today = today or dt.date.today()
    report = IngestReport(out_dir, skipped=list(skipped or ()))
    existing = _read_existing(out_dir)
    by_url = {e.doc.url: e for e in existing if e.doc is not None}
    by_key: dict[str, list[_Existing]] = {}
    for e in existing:
        if e.doc is not None:
            by_key.setdefault(content_key(e.doc.body), []).append(e)
    taken = {e.path.stem for e in existing}
    seen_urls: dict[str, Page] = {}
    for page in pages:
        first = seen_urls.setdefault(page.url, page)
        if first is page:
            continue
        if content_key(first.body) == content_key(page.body):
            report.duplicates.append(Duplicate(page.origin, page.url, first.origin))
        else:
            report.skipped.append(Skipped(
                page.origin, f"has the same URL {page.url} as {first.origin}, with other "
                "text; only the first was kept (give the pages distinct URLs)", "same URL"))
    unique = list(seen_urls.values())
    winners = _winners(unique)
    for page in unique:
        key = content_key(page.body)
        winner = winners[key]
        if winner is not page:
            kept = winner.origin if winner.origin == winner.url else \
                f"{winner.origin} ({winner.url})"
            report.duplicates.append(Duplicate(page.origin, page.url, kept))
            continue
        twin = next((e for e in by_key.get(key, ()) if e.doc and e.doc.url != page.url), None)
        if twin is not None and page.url not in by_url:
            report.duplicates.append(Duplicate(page.origin, page.url,
                                               f"{twin.path} ({twin.doc.url})"))
            continue
        _store(page, section, today, by_url.get(page.url), taken, report)
    return report


def _store(page: Page, section: str, today: dt.date, current: _Existing | None,
           taken: set[str], report: IngestReport) -> None:
    """Write one page unless its file already says the same; record the outcome."""
    if current is not None and current.doc is not None:
        path, doc_id = current.path, current.doc.doc_id
        if render_page(page, doc_id, section, current.doc.updated) == current.text:
            report.unchanged.append(path)
            return
    else:
        doc_id = slug_for_url(page.url)
        if doc_id in taken:
            doc_id = f"{doc_id}-{hashlib.sha1(page.url.encode('utf-8')).hexdigest()[:8]}"
        path = report.out_dir / f"{doc_id}.md"
    text = render_page(page, doc_id, section, page.updated or today)
    problems: list[Problem] = []
    if parse_page(text, str(path), problems) is None:
        report.skipped.append(Skipped(page.origin, "does not make a valid corpus page: "
                                      + "; ".join(p.message for p in problems), "invalid"))
        return
    try:
        _write_atomically(path, text)
    except OSError as exc:
        raise IngestError(f"cannot write {path} ({exc.strerror}); check that the output folder "
                          "is writable or choose another with --out") from exc
    taken.add(doc_id)
    report.written.append(path)
