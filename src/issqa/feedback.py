"""Answer feedback from the widget: a store (SQLite by default, PostgreSQL when configured) and
a CSV export.

One row per answer: a visitor's later feedback on the same ``answer_id`` (changing the thumb, or
adding a comment after the thumb) updates that row instead of counting twice.

- ``FeedbackStore`` (SQLite, ``ISSQA_FEEDBACK_DB``): every call opens its own connection and
  writes inside ``BEGIN IMMEDIATE``, so API worker threads and processes can write at once and
  ``issqa feedback export`` can read while they do (WAL journal). One file per machine.
- ``PostgresFeedbackStore`` (``ISSQA_FEEDBACK_DSN``): one table that every machine and replica
  writes to; an upsert (``INSERT ... ON CONFLICT``) gives the same one-row-per-answer semantics.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = [
    "ANSWER_ID_PATTERN",
    "CSV_COLUMNS",
    "MAX_COMMENT_CHARS",
    "Feedback",
    "FeedbackStore",
    "FeedbackUnavailable",
    "PostgresFeedbackStore",
    "export_csv",
    "open_store",
]

ANSWER_ID_PATTERN = re.compile(r"[0-9a-f]{32}")
MAX_COMMENT_CHARS = 1000
MAX_ORIGIN_CHARS = 200
CSV_COLUMNS = ("id", "answer_id", "helpful", "comment", "origin", "created_at", "updated_at")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id TEXT NOT NULL UNIQUE,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment TEXT,
    origin TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""
# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection);
# visitors write the comments, so such cells are exported with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FeedbackUnavailable(Exception):
    """The feedback database cannot be reached or written (the reason, without secrets)."""


@dataclass(frozen=True)
class Feedback:
    """One visitor's verdict on one answer."""

    id: int
    answer_id: str
    helpful: bool
    comment: str | None
    origin: str | None
    created_at: str
    updated_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _row(row: tuple) -> Feedback:
    fid, answer_id, helpful, comment, origin, created_at, updated_at = row
    return Feedback(fid, answer_id, bool(helpful), comment, origin, created_at, updated_at)


def _checked(answer_id: str, comment: str | None, origin: str | None) -> str | None:
    """Raise ValueError on a malformed answer id or an over-long comment; the origin, trimmed."""
    if not ANSWER_ID_PATTERN.fullmatch(answer_id):
        raise ValueError(f"answer_id must be 32 lower-case hex digits, got {answer_id!r}")
    if comment is not None and len(comment) > MAX_COMMENT_CHARS:
        raise ValueError(f"comment must be at most {MAX_COMMENT_CHARS} characters, "
                         f"got {len(comment)}")
    return origin[:MAX_ORIGIN_CHARS] if origin else None


class FeedbackStore:
    """Feedback rows in one SQLite file; the table is created on first write."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._schema_lock = threading.Lock()
        self._schema_ready = False

    def __repr__(self) -> str:
        return f"FeedbackStore({self.path})"

    @contextmanager
    def _connect(self, *, create: bool) -> Iterator[sqlite3.Connection]:
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif not self.path.is_file():
            raise FileNotFoundError(f"no feedback database at {self.path}")
        # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE), not implicit.
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as conn:
            if create:
                self._ensure_schema(conn)
            yield conn

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        with self._schema_lock:
            if self._schema_ready:
                return
            # WAL is a property of the file: set once, it holds for every later connection.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)
            self._schema_ready = True

    def save(self, answer_id: str, helpful: bool, comment: str | None = None,
             origin: str | None = None) -> tuple[Feedback, bool]:
        """Store feedback on an answer; returns the row and whether it is new (else updated).

        A later call for the same answer replaces the verdict and keeps an earlier comment when
        this one has none.
        """
        origin = _checked(answer_id, comment, origin)
        now = _now()
        with self._connect(create=True) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                found = conn.execute("SELECT id FROM feedback WHERE answer_id = ?",
                                     (answer_id,)).fetchone()
                if found is None:
                    conn.execute(
                        "INSERT INTO feedback (answer_id, helpful, comment, origin, created_at,"
                        " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                        (answer_id, int(helpful), comment, origin, now, now))
                else:
                    conn.execute(
                        "UPDATE feedback SET helpful = ?, comment = COALESCE(?, comment),"
                        " origin = COALESCE(?, origin), updated_at = ? WHERE answer_id = ?",
                        (int(helpful), comment, origin, now, answer_id))
                row = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback "
                                   "WHERE answer_id = ?", (answer_id,)).fetchone()
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return _row(row), found is None

    def rows(self) -> list[Feedback]:
        """Every stored row, oldest first; FileNotFoundError if nothing was ever stored."""
        with self._connect(create=False) as conn:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'"
            ).fetchone()
            if not has_table:
                return []
            cursor = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback ORDER BY id")
            return [_row(r) for r in cursor]


_PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id BIGSERIAL PRIMARY KEY,
    answer_id TEXT NOT NULL UNIQUE,
    helpful BOOLEAN NOT NULL,
    comment TEXT,
    origin TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
)
"""
# A known answer is updated (an earlier comment and origin kept when the new feedback has
# none). Tried first because an upsert takes a sequence number even when it updates, which
# would leave gaps in the ids.
_PG_UPDATE = f"""
UPDATE feedback SET helpful = %s, comment = COALESCE(%s, comment),
    origin = COALESCE(%s, origin), updated_at = %s
WHERE answer_id = %s
RETURNING {", ".join(CSV_COLUMNS)}, false AS inserted
"""
# A new answer is inserted; if another writer inserted it meanwhile, this updates it instead.
# ``xmax = 0`` is true only for a freshly inserted row.
_PG_UPSERT = f"""
INSERT INTO feedback (answer_id, helpful, comment, origin, created_at, updated_at)
VALUES (%s, %s, %s, %s, %s, %s)
ON CONFLICT (answer_id) DO UPDATE SET
    helpful = EXCLUDED.helpful,
    comment = COALESCE(EXCLUDED.comment, feedback.comment),
    origin = COALESCE(EXCLUDED.origin, feedback.origin),
    updated_at = EXCLUDED.updated_at
RETURNING {", ".join(CSV_COLUMNS)}, (xmax = 0) AS inserted
"""


class PostgresFeedbackStore:
    """Feedback rows in a PostgreSQL table (``dsn``: a ``postgresql://`` URL); the table is
    created on first use. Needs psycopg 3 (``pip install issqa[postgres]``)."""

    def __init__(self, dsn: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise RuntimeError("ISSQA_FEEDBACK_DSN needs psycopg 3: pip install "
                               "'issqa[postgres]'") from None
        self._psycopg = psycopg
        self.dsn = dsn
        self._schema_lock = threading.Lock()
        self._schema_ready = False

    def __repr__(self) -> str:
        return "PostgresFeedbackStore(<dsn hidden>)"  # the DSN may hold a password

    def _connect(self):
        conn = self._psycopg.connect(self.dsn, connect_timeout=10)
        with self._schema_lock:
            if not self._schema_ready:
                with conn.transaction():
                    # Two processes creating the table at once: the lock makes the second wait.
                    conn.execute("SELECT pg_advisory_xact_lock(2113104)")
                    conn.execute(_PG_SCHEMA)
                self._schema_ready = True
        return conn

    def save(self, answer_id: str, helpful: bool, comment: str | None = None,
             origin: str | None = None) -> tuple[Feedback, bool]:
        """Store feedback on an answer; returns the row and whether it is new (else updated)."""
        origin = _checked(answer_id, comment, origin)
        now = _now()
        try:
            with self._connect() as conn:
                row = conn.execute(_PG_UPDATE, (helpful, comment, origin, now, answer_id)
                                   ).fetchone() or conn.execute(
                    _PG_UPSERT, (answer_id, helpful, comment, origin, now, now)).fetchone()
        except self._psycopg.Error as exc:
            raise FeedbackUnavailable(f"PostgreSQL: {type(exc).__name__}") from None
        return _row(row[:-1]), bool(row[-1])

    def rows(self) -> list[Feedback]:
        """Every stored row, oldest first."""
        try:
            with self._connect() as conn:
                cursor = conn.execute(f"SELECT {', '.join(CSV_COLUMNS)} FROM feedback "
                                      "ORDER BY id")
                return [_row(r) for r in cursor]
        except self._psycopg.Error as exc:
            raise FeedbackUnavailable(f"PostgreSQL: {type(exc).__name__}") from None


def open_store(feedback_db: Path | str, feedback_dsn: str | None = None
               ) -> FeedbackStore | PostgresFeedbackStore:
    """The PostgreSQL store when a DSN is given, else the SQLite file."""
    return PostgresFeedbackStore(feedback_dsn) if feedback_dsn else FeedbackStore(feedback_db)


def _cell(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def export_csv(db: Path | str | FeedbackStore | PostgresFeedbackStore, out: TextIO) -> int:
    """Write every feedback row to ``out`` as CSV with a header; returns the number of rows.

    Free-text cells that a spreadsheet would run as a formula get a leading apostrophe.
    """
    store = db if isinstance(db, FeedbackStore | PostgresFeedbackStore) else FeedbackStore(db)
    rows = store.rows()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([r.id, r.answer_id, "true" if r.helpful else "false", _cell(r.comment),
                         _cell(r.origin), r.created_at, r.updated_at])
    return len(rows)
