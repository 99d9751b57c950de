"""Reports of an evaluation run: a terminal table, JSON, Markdown, and a PNG chart of modes."""

from __future__ import annotations

import json
from pathlib import Path

from .runner import EvalReport, QuestionResult, breakdown

__all__ = [
    "format_breakdown", "format_table", "reliability", "worst_failures", "write_reports",
]

_COLUMNS = ("success_at_1", "success_at_5", "recall_at_1", "recall_at_5", "recall_at_10",
            "mrr_at_10", "ndcg_at_10",
            "answer_contains", "token_f1", "citation_precision", "abstention_recall",
            "abstention_precision", "recall_at_5_alone", "answer_contains_alone",
            "latency_p50_ms", "latency_p95_ms")
_SHORT = {"success_at_1": "S@1", "success_at_5": "S@5", "recall_at_1": "R@1", "recall_at_5": "R@5",
          "recall_at_10": "R@10",
          "mrr_at_10": "MRR@10", "ndcg_at_10": "nDCG@10", "answer_contains": "fact",
          "token_f1": "F1", "citation_precision": "cite P", "abstention_recall": "abst R",
          "abstention_precision": "abst P", "recall_at_5_alone": "R@5 alone",
          "answer_contains_alone": "fact alone", "latency_p50_ms": "p50 ms",
          "latency_p95_ms": "p95 ms"}


def _rows(report: EvalReport) -> list[list[str]]:
    rows = []
    for mode in report.modes:
        for set_name, metrics in report.metrics[mode].items():
            cells = [mode, set_name, str(int(metrics.get("questions", 0)))]
            for column in _COLUMNS:
                value = metrics.get(column)
                cells.append("" if value is None else
                             (f"{value:.1f}" if column.endswith("_ms") else f"{value:.3f}"))
            rows.append(cells)
    return rows


def format_table(report: EvalReport) -> str:
    """Metrics per mode and set, aligned for a terminal."""
    header = ["mode", "set", "n", *(_SHORT[c] for c in _COLUMNS)]
    rows = [header, *_rows(report)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) if i > 1 else cell.ljust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
                     for row in rows)


def _breakdown_rows(report: EvalReport, group: str) -> list[list[str]]:
    rows = []
    for mode in report.modes:
        for key, figures in breakdown([r for r in report.results if r.mode == mode],
                                      group).items():
            rows.append([mode, key, str(int(figures["questions"])),
                         f"{figures['success_at_5']:.3f}", f"{figures['answer_contains']:.3f}"])
    return rows


def _breakdown_header(group: str) -> list[str]:
    return ["mode", group, "n", "S@5", "fact"]


def format_breakdown(report: EvalReport, group: str) -> str:
    """In-scope figures per corpus section or question style and mode, for a terminal."""
    rows = [_breakdown_header(group), *_breakdown_rows(report, group)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) if i > 1 else cell.ljust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
                     for row in rows)


def worst_failures(report: EvalReport, mode: str, limit: int = 15) -> list[QuestionResult]:
    """Wrong answers first: missed abstentions, then false abstentions, then facts not found."""
    failures = []
    for r in report.results:
        if r.mode != mode:
            continue
        if r.item.expects_abstention:
            if not r.abstained:
                failures.append((0, -r.confidence, r))
        elif r.abstained:
            failures.append((1, r.confidence, r))
        elif not r.scores.get("answer_contains"):
            failures.append((2, r.scores.get("token_f1", 0.0), r))
    failures.sort(key=lambda f: (f[0], f[1]))
    return [r for _, _, r in failures[:limit]]


def _markdown(report: EvalReport) -> str:
    header = ["mode", "set", "n", *(_SHORT[c] for c in _COLUMNS)]
    lines = [f"# Evaluation: {report.split} split", "",
             f"Index `{report.index_version}`, {report.created}, k = {report.k}.", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in _rows(report)]
    for group, title in (("section", "By corpus section (in-scope questions of all sets)"),
                         ("style", "By way of asking (in-scope visitor questions)")):
        header = _breakdown_header(group)
        lines += ["", f"## {title}", "", "| " + " | ".join(header) + " |",
                  "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in _breakdown_rows(report, group)]
    mode = "hybrid" if "hybrid" in report.modes else report.modes[0]
    lines += ["", f"## Reliability of `confidence` ({mode})", "",
              "| confidence | answers | mean confidence | right |", "|---|---|---|---|"]
    lines += [f"| {low:.1f}-{high:.1f} | {n} | {mean:.3f} | {right:.3f} |"
              for low, high, n, mean, right in reliability(report, mode)]
    for mode in report.modes:
        failures = worst_failures(report, mode)
        lines += ["", f"## Worst failures ({mode})", ""]
        if not failures:
            lines.append("None.")
        for r in failures:
            expected = ("abstain" if r.item.expects_abstention else
                        " + ".join(" / ".join(f) for f in r.item.answers) +
                        f" (in {', '.join(r.item.gold_doc_ids)})")
            got = "abstained" if r.abstained else r.answer
            lines += [f"- **{r.item.item_id}** {r.item.question}",
                      f"  - expected: {expected}", f"  - got: {got}"]
    return "\n".join(lines) + "\n"


def _chart(report: EvalReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display here
    import matplotlib.pyplot as plt

    metrics = [("faq_paraphrases", "recall_at_5"), ("faq_paraphrases", "answer_contains"),
               ("page_facts", "recall_at_5"), ("page_facts", "answer_contains"),
               ("out_of_scope", "abstention_recall"), ("overall", "abstention_precision")]
    metrics = [(s, m) for s, m in metrics if any(s in report.metrics[mode] and
                                                  m in report.metrics[mode][s]
                                                  for mode in report.modes)]
    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=110)
    width = 0.8 / max(len(report.modes), 1)
    for i, mode in enumerate(report.modes):
        values = [report.metrics[mode].get(s, {}).get(m, 0.0) for s, m in metrics]
        positions = [j + i * width for j in range(len(metrics))]
        bars = ax.bar(positions, values, width, label=mode)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    ax.set_xticks([j + width * (len(report.modes) - 1) / 2 for j in range(len(metrics))])
    ax.set_xticklabels([f"{s}\n{_SHORT.get(m, m)}" for s, m in metrics], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_title(f"issqa evaluation, {report.split} split, by retrieval mode")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def reliability(report: EvalReport, mode: str, bins: int = 5) -> list[tuple[float, float, int,
                                                                             float, float]]:
    """(low, high, answers, mean confidence, share right) per confidence bin of the answers
    given (not abstained) in ``mode``; an answer to an out-of-scope question counts as wrong."""
    answered = [r for r in report.results if r.mode == mode and not r.abstained]
    rows = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        inside = [r for r in answered
                  if low <= r.confidence < high or (i == bins - 1 and r.confidence == 1.0)]
        if inside:
            right = [float(r.scores.get("answer_contains", 0.0)) for r in inside]
            rows.append((low, high, len(inside),
                         sum(r.confidence for r in inside) / len(inside),
                         sum(right) / len(right)))
    return rows


def _reliability_chart(report: EvalReport, mode: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = reliability(report, mode)
    fig, ax = plt.subplots(figsize=(5, 5), dpi=110)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    ax.plot([r[3] for r in rows], [r[4] for r in rows], marker="o", label=mode)
    for r in rows:
        ax.annotate(str(r[2]), (r[3], r[4]), textcoords="offset points", xytext=(4, -10),
                    fontsize=7)
    ax.set_xlabel("confidence (mean per bin)")
    ax.set_ylabel("share of answers holding every gold fact")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(f"Reliability, {report.split} split ({mode})")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_reports(report: EvalReport, out_dir: Path) -> list[Path]:
    """Write ``<split>.json``, ``<split>.md`` and ``<split>-modes.png`` into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / f"{report.split}.json"
    json_path.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
    md_path = out_dir / f"{report.split}.md"
    md_path.write_text(_markdown(report), encoding="utf-8")
    png_path = out_dir / f"{report.split}-modes.png"
    _chart(report, png_path)
    mode = "hybrid" if "hybrid" in report.modes else report.modes[0]
    reliability_path = out_dir / f"{report.split}-reliability.png"
    _reliability_chart(report, mode, reliability_path)
    return [json_path, md_path, png_path, reliability_path]
