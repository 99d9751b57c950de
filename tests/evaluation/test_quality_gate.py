"""The quality gate in CI: the test split, hybrid mode, against eval/thresholds.toml."""

import json

from click.testing import CliRunner

from issqa.cli import cli
from issqa.evaluation import check_thresholds, load_thresholds, run_eval
from issqa.evaluation.gate import format_regressions
from issqa.evaluation.report import format_table
from issqa.evaluation.sets import SET_NAMES

from tests.conftest import REPO


def test_test_split_meets_the_thresholds(shipped_engine):
    thresholds = load_thresholds(REPO / "eval" / "thresholds.toml")
    # Hybrid mode over every set (abstention is gated over all of them together); bm25 and
    # dense over the sets their floors name, which keeps the test a third shorter.
    reports = {mode: run_eval(shipped_engine, REPO / "eval", split="test", modes=[mode],
                              sets=SET_NAMES if mode == "hybrid"
                              else [s for s in SET_NAMES if s in thresholds[mode]])
               for mode in sorted(thresholds)}
    metrics = {mode: report.metrics[mode] for mode, report in reports.items()}
    regressions = check_thresholds(metrics, thresholds)
    assert not regressions, (f"\n{format_regressions(regressions)}\n\nall figures:\n"
                             + "\n".join(format_table(r) for r in reports.values()))
    # Follow-ups are found through their history: asked alone, most of them are not.
    follow_ups = metrics["hybrid"]["conversations"]
    assert follow_ups["recall_at_5"] - follow_ups["recall_at_5_alone"] >= 0.3, follow_ups


def test_eval_command_writes_reports_and_gates(shipped_engine, tmp_path):
    index = str(shipped_engine.settings.index_dir)
    strict = tmp_path / "strict.toml"
    strict.write_text("[out_of_scope]\nabstention_recall = 1.01\n")
    result = CliRunner().invoke(cli, ["eval", "out_of_scope", "page_facts", "--split", "dev",
                                      "--mode", "hybrid", "--mode", "bm25", "--index", index,
                                      "--out", str(tmp_path), "--gate", str(strict)])
    assert result.exit_code == 2, result.output
    assert "Quality gate FAILED" in result.output and "abstention_recall" in result.output
    report = json.loads((tmp_path / "dev.json").read_text())
    assert report["modes"] == ["hybrid", "bm25"]
    assert {"page_facts", "out_of_scope", "overall"} <= set(report["metrics"]["bm25"])
    assert (tmp_path / "dev-modes.png").read_bytes().startswith(b"\x89PNG")
    assert "## Worst failures (hybrid)" in (tmp_path / "dev.md").read_text()
