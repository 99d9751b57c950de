"""The CLI through click's runner, with the real model on the fixture corpus."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from issqa.cli import cli

from tests.conftest import FIXTURE_CORPUS


@pytest.fixture(scope="module")
def built_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("cli") / "index"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(FIXTURE_CORPUS), "--index",
                                      str(index)])
    assert result.exit_code == 0, result.output
    assert "embedded" in result.output
    return index


def commands(group=cli, prefix=()):
    """Every command path of the CLI, nested groups included."""
    for name, command in group.commands.items():
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from commands(command, path)
        else:
            yield path


@pytest.mark.parametrize("path", list(commands()), ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"issqa {' '.join(path)} --help shows no example"


def test_ask_answers_with_citations_and_explains_itself(built_index):
    result = CliRunner().invoke(cli, ["ask", "When was Zarya launched?", "--index",
                                      str(built_index)])
    assert result.exit_code == 0, result.output
    assert "1998" in result.output and "[1] " in result.output
    explained = CliRunner().invoke(cli, ["ask", "--explain", "When was Zarya launched and who "
                                         "built it?", "--index", str(built_index)])
    assert explained.exit_code == 0, explained.output
    assert "part 1: When was Zarya launched?" in explained.output
    assert "answer type date" in explained.output and "answer type organisation" in explained.output
    assert "p(in scope)" in explained.output
    data = json.loads(CliRunner().invoke(cli, ["ask", "--json", "--explain", "how fast are you "
                                               "going", "--index", str(built_index)]).output)
    assert data["interpreted_as"] == "how fast is the station going"
    assert data["explanation"][0]["analysis"]["answer_type"] == "quantity"


def test_rebuild_without_change_says_nothing_was_embedded(built_index):
    result = CliRunner().invoke(cli, ["build", "--corpus", str(FIXTURE_CORPUS), "--index",
                                      str(built_index)])
    assert result.exit_code == 0
    assert "up to date" in result.output and "embedded 0" in result.output
    forced = CliRunner().invoke(cli, ["build", "--force", "--corpus", str(FIXTURE_CORPUS),
                                      "--index", str(built_index)])
    assert "embedded 0, reused" in forced.output and "built" in forced.output


def test_search_prints_ranked_passages_and_json(built_index):
    result = CliRunner().invoke(cli, ["search", "when was Zarya launched", "--index",
                                      str(built_index), "--k", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1. Zarya > Launch  (/station/modules/zarya)")
    data = json.loads(CliRunner().invoke(cli, ["search", "when was Zarya launched", "--json",
                                               "--mode", "bm25", "--index",
                                               str(built_index)]).output)
    assert data["mode"] == "bm25" and data["results"][0]["doc_id"] == "zarya"
    assert set(data["results"][0]["ranks"]) == {"bm25"}


def test_invalid_corpus_lists_every_problem_and_exits_non_zero(tmp_path):
    (tmp_path / "faqs").mkdir()
    (tmp_path / "faqs" / "f.yaml").write_text("- id: faq-a\n  question: Q?\n- id: Bad Id\n")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path), "--index",
                                      str(tmp_path / "index")])
    assert result.exit_code == 1
    assert "the corpus has" in result.output
    assert f"{tmp_path}/faqs/f.yaml:1 entry 'faq-a' field 'answer': missing" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "index").exists()


def test_search_without_index_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["search", "anything", "--index", str(tmp_path)])
    assert result.exit_code == 1 and "run `issqa build` first" in result.output


def test_bad_settings_are_reported_without_a_traceback(monkeypatch, tmp_path):
    monkeypatch.setenv("ISSQA_CHUNK_OVERLAP_TOKENS", "500")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(FIXTURE_CORPUS), "--index",
                                      str(tmp_path)])
    assert result.exit_code == 1 and "invalid settings" in result.output
    assert "Traceback" not in result.output


def test_chat_keeps_the_thread_until_a_new_conversation(built_index):
    session = "When was Zarya launched?\nWho built it?\n/new\nWho built it?\n"
    result = CliRunner().invoke(cli, ["chat", "--index", str(built_index)], input=session)
    assert result.exit_code == 0, result.output
    assert result.output.count("(read as: Who built Zarya?)") == 1
    assert "(new conversation)" in result.output
    assert "1998" in result.output and "[1] " in result.output


def test_ask_reads_a_follow_up_with_history(built_index):
    result = CliRunner().invoke(cli, ["ask", "--json", "--history", "When was Zarya launched?",
                                      "Who built it?", "--index", str(built_index)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["interpreted_as"] == "Who built Zarya?"


@pytest.mark.parametrize("command", [["serve", "--ray"], ["build", "--ray"], ["rollout"]],
                         ids=" ".join)
def test_ray_commands_without_the_ray_extra_say_how_to_install_it(built_index, monkeypatch,
                                                                   command):
    # As on a machine without `pip install 'issqa[ray]'`: importing Ray fails.
    for module in ("ray", "ray.data", "ray.serve"):
        monkeypatch.setitem(sys.modules, module, None)
    result = CliRunner().invoke(cli, [*command, "--index", str(built_index)]
                                + (["--corpus", str(FIXTURE_CORPUS)] if "build" in command
                                   else []))
    assert result.exit_code == 1, result.output
    assert "pip install 'issqa[ray]'" in result.output
    assert "Traceback" not in result.output


def test_serve_with_ray_takes_replicas_not_workers(built_index):
    result = CliRunner().invoke(cli, ["serve", "--ray", "--workers", "2", "--index",
                                      str(built_index)])
    assert result.exit_code == 2 and "ISSQA_RAY_REPLICAS" in result.output


def test_the_single_machine_path_does_not_import_ray():
    code = ("import sys, issqa.cli, issqa.service, issqa.api.app, issqa.distributed; "
            "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert loaded.stdout.strip() == "[]"
