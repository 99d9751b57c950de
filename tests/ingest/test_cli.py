"""`issqa ingest html | text | sitemap` through click's runner."""

import os
import shutil

import pytest
from click.testing import CliRunner

from issqa.cli import cli
from issqa.corpus import load_corpus

from tests.conftest import FIXTURE_CORPUS
from tests.ingest.conftest import HTML_FIXTURES, TEXT_FIXTURES


@pytest.mark.parametrize("command", [[], ["html"], ["text"], ["sitemap"]])
def test_every_ingest_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, ["ingest", *command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_ingest_html_then_again(tmp_path):
    out = tmp_path / "imported"
    args = ["ingest", "html", str(HTML_FIXTURES), "--out", str(out), "--base-url",
            "https://outpost.example", "--section", "modules"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == (f"ingest: 2 written, 0 unchanged, 1 duplicate(s), 1 skipped (1 no text)"
                         f" -> {out}")
    assert any(line.startswith("duplicate") and "print/cupola.html" in line for line in lines)
    assert any(line.startswith("skipped") and "menu-only.html: no main text" in line
               for line in lines)
    assert {d.section for d in load_corpus(out)} == {"modules"}
    again = CliRunner().invoke(cli, [*args, "--quiet"])
    assert again.output.strip() == (f"ingest: 0 written, 2 unchanged, 1 duplicate(s), 1 skipped "
                                    f"(1 no text) -> {out}")


def test_ingest_text(tmp_path):
    out = tmp_path / "imported"
    result = CliRunner().invoke(cli, ["ingest", "text", str(TEXT_FIXTURES / "station-robotics.txt"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    (doc,) = load_corpus(out)
    assert (doc.doc_id, doc.title, doc.url) == ("station-robotics", "Station Robotics",
                                                "/station-robotics")
    assert "## Dextre" in doc.body and "News & Events" not in doc.body


def test_ingest_sitemap(site, tmp_path):
    out = tmp_path / "imported"
    result = CliRunner().invoke(cli, ["ingest", "sitemap", site.sitemap, "--out", str(out),
                                      "--delay", "0", "--timeout", "2", "--retries", "0",
                                      "--max-pages", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith(
        "ingest: 2 written, 0 unchanged, 1 duplicate(s)")
    assert "more page(s) in the sitemap were not fetched (--max-pages 3)" in result.output
    assert "Fetching pages" in result.stderr  # the progress bar
    assert len(load_corpus(out)) == 2


def test_errors_name_the_input_and_say_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", "html", str(tmp_path), "--out",
                                      str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"no .html or .htm files found in {tmp_path}; pass the folder" in result.output
    bad = CliRunner().invoke(cli, ["ingest", "html", str(HTML_FIXTURES), "--section", "A B"])
    assert bad.exit_code == 2 and "'A B'" in bad.output
    down = CliRunner().invoke(cli, ["ingest", "sitemap", "http://127.0.0.1:9/sitemap.xml",
                                    "--out", str(tmp_path / "o"), "--retries", "0",
                                    "--timeout", "1", "-q"])
    assert down.exit_code == 1 and "Traceback" not in down.output
    assert "http://127.0.0.1:9/sitemap.xml cannot be used: could not connect" in down.output


def test_pages_that_clash_with_the_corpus_are_reported(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    monkeypatch.setenv("ISSQA_CORPUS_DIR", str(corpus))
    clash = tmp_path / "zarya.txt"
    clash.write_text("Zarya\n\nLaunch\nZarya was launched in November 1998 from Baikonur.\n")
    result = CliRunner().invoke(cli, ["ingest", "text", str(clash)])
    assert result.exit_code == 1
    assert os.path.exists(corpus / "imported" / "zarya.md")
    assert "entry 'zarya' field 'id': duplicate id" in result.output
    assert "run `issqa build` again" in result.output
