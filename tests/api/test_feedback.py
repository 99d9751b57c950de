"""Answer feedback: the SQLite and PostgreSQL stores (the same tests for both), POST
/feedback, and `issqa feedback export`."""

import csv
import io
import sqlite3
import threading
import uuid

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pydantic import SecretStr

from issqa.api import create_app
from issqa.cli import cli
from issqa.feedback import CSV_COLUMNS, FeedbackStore, PostgresFeedbackStore, export_csv

ERROR_KEYS = {"code", "message", "details"}


def new_id() -> str:
    return uuid.uuid4().hex


# --- the store ---------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def make_store(request, tmp_path):
    """A function making a store on one fresh database: a SQLite file, or a PostgreSQL database
    on a real server started for the tests."""
    if request.param == "sqlite":
        return lambda: FeedbackStore(tmp_path / "nested" / "feedback.sqlite3")
    dsn = request.getfixturevalue("postgres_dsn")
    return lambda: PostgresFeedbackStore(dsn)


def test_first_feedback_creates_a_row_and_later_feedback_updates_it(make_store):
    store = make_store()
    answer = new_id()
    row, created = store.save(answer, True, origin="https://site.example")
    assert created and row.id == 1 and row.helpful and row.comment is None
    row, created = store.save(answer, False, "Missed the launch date.")
    assert not created and row.id == 1 and not row.helpful
    assert row.comment == "Missed the launch date." and row.origin == "https://site.example"
    # Changing the thumb again keeps the comment sent earlier.
    row, _ = store.save(answer, True)
    assert row.helpful and row.comment == "Missed the launch date."
    other, created = store.save(new_id(), False)
    assert created and other.id == 2
    assert [r.id for r in store.rows()] == [1, 2]
    assert [r.answer_id for r in make_store().rows()] == [answer, other.answer_id]


def test_the_database_uses_wal_and_survives_a_new_store(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    answer = new_id()
    FeedbackStore(path).save(answer, True)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r.answer_id for r in FeedbackStore(path).rows()] == [answer]


def test_concurrent_writers_lose_nothing(make_store):
    store = make_store()
    ids = [new_id() for _ in range(80)]
    errors: list[BaseException] = []

    def write(chunk: list[str]) -> None:
        try:
            for answer in chunk:
                store.save(answer, len(answer) % 2 == 0)
                store.save(answer, True, "second thoughts")  # an update racing other inserts
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(ids[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = store.rows()
    assert sorted(r.answer_id for r in rows) == sorted(ids)
    assert all(r.helpful and r.comment == "second thoughts" for r in rows)


@pytest.mark.parametrize("answer_id, comment, message", [
    ("not-an-id", None, "answer_id must be 32 lower-case hex digits, got 'not-an-id'"),
    ("A" * 32, None, "answer_id must be 32"),
    # A fixed id: pytest-xdist's workers must collect the same test ids.
    ("0123456789abcdef" * 2, "x" * 1001, "comment must be at most 1000 characters, got 1001"),
])
def test_store_checks_its_arguments(make_store, answer_id, comment, message):
    with pytest.raises(ValueError, match=message):
        make_store().save(answer_id, True, comment)


def test_export_writes_a_header_and_defuses_spreadsheet_formulas(make_store):
    store = make_store()
    first, second = new_id(), new_id()
    store.save(first, True, 'Great, "quoted", and, commas\non two lines')
    store.save(second, False, "=HYPERLINK(\"http://evil.example\")", origin="https://a.example")
    out = io.StringIO()
    assert export_csv(store, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["answer_id"] == first and rows[0]["helpful"] == "true"
    assert rows[0]["comment"] == 'Great, "quoted", and, commas\non two lines'
    assert rows[1]["helpful"] == "false" and rows[1]["origin"] == "https://a.example"
    assert rows[1]["comment"] == "'=HYPERLINK(\"http://evil.example\")"


def test_export_of_a_missing_database_says_so_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError, match="no feedback database"):
        export_csv(tmp_path / "missing.sqlite3", io.StringIO())
    assert not (tmp_path / "missing.sqlite3").exists()


# --- POST /feedback ----------------------------------------------------------------------------


@pytest.fixture
def client(hash_engine, tmp_path):
    settings = hash_engine.settings.model_copy(
        update={"feedback_db": tmp_path / "data" / "feedback.sqlite3"})
    with TestClient(create_app(settings, engine=hash_engine),
                    raise_server_exceptions=False) as client:
        yield client


def test_feedback_on_a_real_answer_is_stored(client):
    answer = client.post("/ask", json={"question": "How fast does the station travel?"}).json()
    response = client.post("/feedback", json={"answer_id": answer["answer_id"], "helpful": True},
                           headers={"Origin": "http://127.0.0.1:8000"})
    assert response.status_code == 201, response.text
    assert response.json() == {"id": 1, "answer_id": answer["answer_id"], "helpful": True,
                               "comment": None}
    again = client.post("/feedback", json={"answer_id": answer["answer_id"], "helpful": False,
                                           "comment": "  Too long.  "})
    assert again.status_code == 200
    assert again.json()["id"] == 1 and again.json()["comment"] == "Too long."
    db = client.app.state.settings.feedback_db
    [row] = FeedbackStore(db).rows()
    assert (row.answer_id, row.helpful, row.comment, row.origin) == (
        answer["answer_id"], False, "Too long.", "http://127.0.0.1:8000")


@pytest.mark.parametrize("payload, field", [
    ({"answer_id": "abc", "helpful": True}, "answer_id"),
    ({"answer_id": "G" * 32, "helpful": True}, "answer_id"),
    ({"answer_id": new_id() + "0", "helpful": True}, "answer_id"),
    ({"helpful": True}, "answer_id"),
    ({"answer_id": new_id()}, "helpful"),
    ({"answer_id": new_id(), "helpful": "yes"}, "helpful"),
    ({"answer_id": new_id(), "helpful": 1}, "helpful"),
    ({"answer_id": new_id(), "helpful": True, "comment": "x" * 1001}, "comment"),
    ({"answer_id": new_id(), "helpful": True, "comment": 5}, "comment"),
    ({"answer_id": new_id(), "helpful": True, "rating": 5}, "rating"),
])
def test_bad_feedback_gets_422_in_the_error_shape(client, payload, field):
    response = client.post("/feedback", json=payload)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert set(error) == ERROR_KEYS and error["code"] == "invalid_request"
    assert field in {d["field"] for d in error["details"]}
    assert not client.app.state.settings.feedback_db.exists()


def test_answer_id_message_says_what_is_expected(client):
    error = client.post("/feedback", json={"answer_id": "x", "helpful": True}).json()["error"]
    assert error["message"] == ("answer_id: answer_id must be the 32 lower-case hex digits "
                                "that POST /ask returned")


def test_a_comment_of_exactly_1000_characters_is_accepted(client):
    response = client.post("/feedback", json={"answer_id": new_id(), "helpful": False,
                                              "comment": "y" * 1000})
    assert response.status_code == 201 and response.json()["comment"] == "y" * 1000


def test_malformed_json_and_wrong_method(client):
    response = client.post("/feedback", content=b"{", headers={"content-type":
                                                               "application/json"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "malformed_json"
    assert client.get("/feedback").json()["error"]["code"] == "method_not_allowed"


def test_an_unwritable_database_is_a_clean_500(client, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    client.app.state.feedback_store = FeedbackStore(blocker / "feedback.sqlite3")
    response = client.post("/feedback", json={"answer_id": new_id(), "helpful": True})
    assert response.status_code == 500
    assert response.json()["error"]["message"] == "feedback could not be stored; try again later"
    assert str(tmp_path) not in response.text


# --- issqa feedback export ---------------------------------------------------------------------


def test_cli_exports_csv_to_a_file_and_to_stdout(tmp_path, monkeypatch):
    db = tmp_path / "feedback.sqlite3"
    answer = new_id()
    FeedbackStore(db).save(answer, False, "-1 for this answer")
    out = tmp_path / "feedback.csv"
    result = CliRunner().invoke(cli, ["feedback", "export", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"exported 1 feedback row(s) to {out}" in result.output
    [row] = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row["answer_id"] == answer and row["helpful"] == "false"
    assert row["comment"] == "'-1 for this answer"

    monkeypatch.setenv("ISSQA_FEEDBACK_DB", str(db))
    result = CliRunner().invoke(cli, ["feedback", "export"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert answer in result.stdout


def test_cli_export_without_a_database_fails_with_a_clear_message(tmp_path):
    missing = tmp_path / "none.sqlite3"
    result = CliRunner().invoke(cli, ["feedback", "export", "--db", str(missing)])
    assert result.exit_code == 1
    assert f"no feedback database at {missing}" in result.output
    assert "Traceback" not in result.output


def test_feedback_commands_have_help_with_an_example():
    for args in (["feedback", "--help"], ["feedback", "export", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Example:" in result.output



def test_with_a_dsn_the_api_and_the_export_use_postgresql(hash_engine, tmp_path, postgres_dsn,
                                                          monkeypatch):
    settings = hash_engine.settings.model_copy(update={
        "feedback_db": tmp_path / "unused.sqlite3", "feedback_dsn": SecretStr(postgres_dsn)})
    with TestClient(create_app(settings, engine=hash_engine)) as client:
        answer_id = client.post("/ask", json={"question": "How fast does the station travel?"}
                                ).json()["answer_id"]
        first = client.post("/feedback", json={"answer_id": answer_id, "helpful": False})
        again = client.post("/feedback", json={"answer_id": answer_id, "helpful": True,
                                               "comment": "better now"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert not (tmp_path / "unused.sqlite3").exists()
    [row] = PostgresFeedbackStore(postgres_dsn).rows()
    assert (row.answer_id, row.helpful, row.comment) == (answer_id, True, "better now")

    monkeypatch.setenv("ISSQA_FEEDBACK_DSN", postgres_dsn)
    result = CliRunner().invoke(cli, ["feedback", "export"])
    assert result.exit_code == 0, result.output
    exported = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["answer_id"] for r in exported] == [answer_id]
    assert "issqa@" not in result.stderr  # the DSN (it may hold a password) is not printed


def test_an_unreachable_postgresql_is_a_clean_500_without_the_dsn(hash_engine, caplog):
    dsn = "postgresql://issqa:s3cret@127.0.0.1:9/none"
    settings = hash_engine.settings.model_copy(update={"feedback_dsn": SecretStr(dsn)})
    with TestClient(create_app(settings, engine=hash_engine),
                    raise_server_exceptions=False) as client:
        response = client.post("/feedback", json={"answer_id": new_id(), "helpful": True})
    assert response.status_code == 500 and set(response.json()["error"]) == ERROR_KEYS
    assert "s3cret" not in response.text + caplog.text
