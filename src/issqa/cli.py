"""The ``issqa`` command line: build, search (and ask, serve, eval as they land)."""

from __future__ import annotations

import copy
import json
import os
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from pydantic import ValidationError

from . import service
from .errors import CorpusError, InvalidRequestError, IssqaError
from .evaluation.sets import SET_NAMES
from .retrieval import MODES, Filters
from .settings import Settings
from .types import Answer

if TYPE_CHECKING:
    from .ingest import IngestReport

__all__ = ["main"]


def _settings(**overrides) -> Settings:
    """Settings from the environment, with command-line options taking precedence."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        lines = [f"  {'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}"
                 for e in exc.errors()]
        raise click.ClickException("invalid settings:\n" + "\n".join(lines)) from None


def _fail(exc: IssqaError) -> None:
    """Print an issqa error as a one-screen message and exit non-zero."""
    if isinstance(exc, CorpusError):
        click.secho(f"error: the corpus has {len(exc.problems)} problem(s):", fg="red", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        click.echo("Fix them and run `issqa build` again.", err=True)
    else:
        click.secho(f"error: {exc.message}", fg="red", err=True)
    sys.exit(1)


corpus_option = click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path),
                             help="Corpus folder (default: $ISSQA_CORPUS_DIR or ./corpus).")
index_option = click.option("--index", "index_dir", type=click.Path(path_type=Path),
                            help="Index folder (default: $ISSQA_INDEX_DIR or ./index).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="issqa")
def cli() -> None:
    """issqa: answers about the International Space Station, with cited passages.

    \b
    Typical use:
      issqa build                       # index ./corpus into ./index
      issqa search "when was Zarya launched"
      issqa ask "How fast does the station travel?"
      issqa serve --port 8000
    """


@cli.command()
@corpus_option
@index_option
@click.option("--force", is_flag=True, help="Rebuild even if the index is up to date.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars or messages.")
@click.option("--ray", "on_ray", is_flag=True,
              help="Embed on a Ray cluster's workers ($ISSQA_RAY_ADDRESS, else a local Ray "
              "instance); needs the [ray] extra.")
def build(corpus_dir: Path | None, index_dir: Path | None, force: bool, quiet: bool,
          on_ray: bool) -> None:
    """Validate the corpus and build the search index.

    Only texts whose embedding is not cached are embedded; an unchanged corpus is detected and
    nothing is rebuilt. With --ray the embedding is spread over Ray Data workers; the index is
    the same.

    \b
    Example:
      issqa build --corpus corpus --index index
      ISSQA_RAY_ADDRESS=auto issqa build --ray
    """
    settings = _settings(corpus_dir=corpus_dir, index_dir=index_dir)
    log = (lambda _m: None) if quiet else (lambda m: click.echo(m, err=True))
    try:
        if on_ray:
            from .distributed import require_ray

            require_ray()
            from .distributed.build import build_on_ray

            report = build_on_ray(settings, force=force, show_progress=not quiet, log=log)
        else:
            report = service.build(settings, force=force, show_progress=not quiet, log=log)
    except IssqaError as exc:
        _fail(exc)
        return
    if not quiet:
        state = "up to date" if report.up_to_date else "built"
        click.echo(f"index {report.version} {state}: {report.documents} documents, "
                   f"{report.chunks} chunks; embedded {report.embedded}, reused {report.reused}")


@cli.command()
@click.argument("question")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True,
              help="Retriever: BM25, dense embeddings, or both fused.")
@click.option("--k", "k", type=click.IntRange(1, service.MAX_SEARCH_K), default=5,
              show_default=True, help="How many passages.")
@click.option("--section", multiple=True, help="Only these sections (repeatable).")
@click.option("--kind", type=click.Choice(["page", "faq"]), help="Only pages or only FAQs.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@index_option
def search(question: str, mode: str, k: int, section: tuple[str, ...], kind: str | None,
           as_json: bool, index_dir: Path | None) -> None:
    """Rank passages for a question.

    \b
    Example:
      issqa search "when was Zarya launched" --mode hybrid --k 3
    """
    settings = _settings(index_dir=index_dir)
    try:
        engine = service.Engine(settings)
        result = engine.search(question, k=k, mode=mode,
                               filters=Filters.of(section, kind))
    except IssqaError as exc:
        _fail(exc)
        return
    if as_json:
        # The same serialisation as GET /search, so scripts can use either.
        from .api.schemas import SearchResponse

        payload = SearchResponse.of(result).model_dump(mode="json")
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not result.hits:
        click.echo("No passages matched.")
    for rank, hit in enumerate(result.hits, start=1):
        c = hit.chunk
        ranks = ", ".join(f"{name} #{r}" for name, r in sorted(hit.ranks.items()))
        click.secho(f"{rank}. {c.context}  ({c.url})", bold=True)
        click.echo(f"   score {hit.score:.4f} [{ranks}]  {c.chunk_id}")
        snippet = c.text if len(c.text) <= 300 else c.text[:297].rstrip() + "..."
        click.echo(f"   {snippet}\n")


@cli.command()
@click.argument("question")
@click.option("--top-k", type=click.IntRange(1, service.MAX_TOP_K), default=5, show_default=True,
              help="Passages the answer may draw on.")
@click.option("--section", multiple=True, help="Only these sections (repeatable).")
@click.option("--kind", type=click.Choice(["page", "faq"]), help="Only pages or only FAQs.")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON as POST /ask.")
@click.option("--explain", is_flag=True,
              help="Show how the question was read and the evidence behind the answer.")
@click.option("--history", "history", multiple=True, metavar="QUESTION",
              help="An earlier question of the thread, oldest first (repeatable), so a "
              "follow-up such as 'Who built it?' is read in full.")
@index_option
def ask(question: str, top_k: int, section: tuple[str, ...], kind: str | None, as_json: bool,
        explain: bool, history: tuple[str, ...], index_dir: Path | None) -> None:
    """Answer a question with numbered citations.

    \b
    Examples:
      issqa ask "Who built the Columbus module?"
      issqa ask --explain "How fast are you moving, and how high?"
      issqa ask --history "When was Zarya launched?" "Who built it?"
    """
    from .api.schemas import AskResponse

    settings = _settings(index_dir=index_dir)
    try:
        result = service.Engine(settings).ask(
            question, top_k=top_k, filters=Filters.of(section, kind),
            history=list(history))
    except IssqaError as exc:
        _fail(exc)
        return
    if as_json:
        payload = AskResponse.of(result).model_dump(mode="json")
        if explain:
            payload["explanation"] = result.explanation
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if explain:
        _explain(result)
    if history and result.analysis is not None:
        click.echo(f"(read as: {result.analysis.interpreted_as})", err=True)
    _print_answer(result.answer)


def _print_answer(answer: Answer) -> None:
    """An answer for a terminal: the text, then each citation with its snippet."""
    click.echo(textwrap.fill(answer.text, width=100))
    if answer.abstained:
        for page in answer.related:
            click.echo(f"  - {page.title} ({page.url})")
        return
    click.echo()
    for c in answer.citations:
        click.secho(f"[{c.n}] {c.title} ({c.url})", bold=True)
        click.echo(textwrap.indent(textwrap.fill(c.snippet, width=96), "    "))


@cli.command()
@index_option
def chat(index_dir: Path | None) -> None:
    """Ask one question after another; follow-ups ("Who built it?") use the thread.

    Reads a question per line until end of input (Ctrl-D) or an empty line; "/new" starts a
    new conversation.

    \b
    Example:
      issqa chat
      > When was Zarya launched?
      > Who built it?
    """
    engine = service.Engine(_settings(index_dir=index_dir))
    history: list[str] = []
    while True:
        try:
            question = click.prompt(">", prompt_suffix=" ", default="", show_default=False)
        except (EOFError, click.Abort):
            break
        question = question.strip()
        if not question:
            break
        if question == "/new":
            history.clear()
            click.echo("(new conversation)")
            continue
        try:
            result = engine.ask(question, history=history[-service.MAX_HISTORY:])
        except InvalidRequestError as exc:
            click.secho(f"error: {exc.message}", fg="red", err=True)
            continue
        except IssqaError as exc:
            _fail(exc)
            return
        if result.analysis and result.analysis.interpreted_as != question:
            click.echo(f"(read as: {result.analysis.interpreted_as})")
        _print_answer(result.answer)
        click.echo()
        history.append(question)


def _explain(result: service.AskResult) -> None:
    """Print the question analysis and, per part, the evidence and probabilities."""
    for n, part in enumerate(result.explanation, start=1):
        analysis = part["analysis"]
        title = f"part {n}: " if len(result.explanation) > 1 else ""
        click.secho(f"{title}{part['question']}", bold=True, err=True)
        click.echo(f"  answer type {analysis['answer_type']}; focus "
                   f"{', '.join(analysis['focus']) or '(none)'}", err=True)
        click.echo(f"  searched as: {analysis['rewritten']}", err=True)
        if analysis["asked"]:
            click.echo(f"  asks for: {' / '.join(analysis['asked'])}", err=True)
        evidence = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                             for k, v in part["evidence"].items())
        click.echo(textwrap.fill(f"evidence: {evidence}", width=100,
                                 initial_indent="  ", subsequent_indent="    "), err=True)
        click.echo(f"  p(in scope) {part['p_in_scope']:.3f}, p(correct) {part['p_correct']:.3f}"
                   f" -> {part['strategy']}", err=True)
        if part["missing"]:
            click.echo(f"  abstained by rule: {part['missing']}", err=True)
    click.echo(err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes; each loads the model and index once.")
@click.option("--ray", "on_ray", is_flag=True,
              help="Serve from Ray Serve replicas ($ISSQA_RAY_REPLICAS, on $ISSQA_RAY_ADDRESS or "
              "a local Ray instance) instead of worker processes; needs the [ray] extra.")
@index_option
def serve(host: str, port: int, workers: int, on_ray: bool, index_dir: Path | None) -> None:
    """Serve the HTTP API (POST /ask, GET /search, /documents/{id}, /healthz, /readyz, /docs).

    \b
    Example:
      issqa serve --host 127.0.0.1 --port 8000 --workers 2
      ISSQA_RAY_REPLICAS=4 issqa serve --ray --host 0.0.0.0
    """
    import uvicorn

    settings = _settings(index_dir=index_dir)
    if on_ray and workers > 1:
        raise click.UsageError("--workers is for one machine; with --ray set ISSQA_RAY_REPLICAS")
    # Fail fast, before binding the port, with the message that says what to do.
    try:
        service.servable_build(settings)
        if on_ray:
            from .distributed import require_ray

            require_ray()
            from .distributed.serve import serve_forever

            serve_forever(settings, host, port, log=lambda m: click.echo(m, err=True))
            return
    except IssqaError as exc:
        _fail(exc)
        return
    # Workers are separate processes that read settings from the environment.
    os.environ["ISSQA_INDEX_DIR"] = str(settings.index_dir)
    click.echo(f"issqa serving http://{host}:{port} (docs at /docs)", err=True)
    # uvicorn's own logging, plus issqa's (one line per answer; question text only when
    # ISSQA_LOG_QUESTIONS allows it).
    log_config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    log_config["loggers"]["issqa"] = {"handlers": ["default"], "level": "INFO",
                                      "propagate": False}
    from .api.server import NoDelayH11Protocol

    uvicorn.run("issqa.api.app:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="info", log_config=log_config, http=NoDelayH11Protocol,
                timeout_keep_alive=settings.keep_alive_s)


@cli.command()
@click.option("--build", "version", metavar="VERSION",
              help="The build to roll out (a folder under index/builds); default: the one "
              "`current` points at.")
@index_option
def rollout(version: str | None, index_dir: Path | None) -> None:
    """Point the Ray Serve replicas of `issqa serve --ray` at a new build, one at a time.

    Connects to $ISSQA_RAY_ADDRESS (default: the Ray instance running on this machine). Each
    replica finishes its running requests on the old build; none is restarted. Returns when
    every replica serves the new build.

    \b
    Example:
      issqa build && issqa rollout
      issqa rollout --build 090fd29aa75f      # back to an earlier build
    """
    settings = _settings(index_dir=index_dir)
    try:
        from .distributed import require_ray

        require_ray()
        from .distributed import serve as ray_serve

        ray_serve.connect(settings, start_local=False)
        ray_serve.rollout(settings, version, log=lambda m: click.echo(m, err=True))
    except ConnectionError as exc:
        raise click.ClickException(f"no Ray cluster to roll out to ({exc}); start one with "
                                   "`issqa serve --ray`, or set ISSQA_RAY_ADDRESS") from None
    except IssqaError as exc:
        _fail(exc)


@cli.command("eval")
@click.argument("sets", nargs=-1, type=click.Choice(SET_NAMES))
@click.option("--split", type=click.Choice(["dev", "test"]), default="dev", show_default=True,
              help="Tune on dev; report test.")
@click.option("--mode", "modes", multiple=True, type=click.Choice(MODES),
              help="Retrieval mode(s) to compare (repeatable; default: all three).")
@click.option("--k", "k", type=click.IntRange(1, 20), default=10, show_default=True,
              help="Cut-off for retrieval metrics.")
@click.option("--eval-dir", type=click.Path(path_type=Path, file_okay=False), default="eval",
              show_default=True, help="Folder with the evaluation sets.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default="eval/reports", show_default=True, help="Where reports are written.")
@click.option("--gate", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Fail (exit 2) if metrics fall below these minimums (TOML, per mode).")
@index_option
def eval_command(sets: tuple[str, ...], split: str, modes: tuple[str, ...], k: int,
                 eval_dir: Path, out_dir: Path, gate: Path | None,
                 index_dir: Path | None) -> None:
    """Measure retrieval and answer quality on the evaluation sets.

    Writes JSON and Markdown reports and a PNG chart comparing modes, and lists the worst
    failures so the corpus or the code can be fixed.

    \b
    Example:
      issqa eval --split test --mode hybrid --gate eval/thresholds.toml
      issqa eval faq_paraphrases --split dev --mode bm25 --mode hybrid
    """
    from .evaluation import check_thresholds, load_thresholds, run_eval
    from .evaluation.gate import format_regressions
    from .evaluation.report import (
        format_breakdown,
        format_table,
        worst_failures,
        write_reports,
    )

    settings = _settings(index_dir=index_dir)
    modes = modes or MODES
    try:
        thresholds = load_thresholds(gate) if gate else None
        if thresholds and not set(thresholds) <= set(modes):
            missing = ", ".join(sorted(set(thresholds) - set(modes)))
            raise click.UsageError(f"{gate} has minimums for mode(s) {missing}; add --mode "
                                   "for each (or leave --mode out to run all)")
        engine = service.Engine(settings).load()
        report = run_eval(engine, eval_dir, sets=sets or SET_NAMES, split=split, modes=modes,
                          k=k, show_progress=True)
    except IssqaError as exc:
        _fail(exc)
        return
    click.echo(format_table(report))
    click.echo("\nIn-scope questions by corpus section:")
    click.echo(format_breakdown(report, "section"))
    if any(r.item.style for r in report.results):
        click.echo("\nIn-scope visitor questions by way of asking:")
        click.echo(format_breakdown(report, "style"))
    failures = worst_failures(report, "hybrid" if "hybrid" in modes else modes[0], limit=8)
    if failures:
        click.echo("\nWorst failures:")
        for r in failures:
            got = "abstained" if r.abstained else textwrap.shorten(r.answer, 110)
            click.echo(f"  {r.item.item_id} {r.item.question}\n      got: {got}")
    paths = write_reports(report, out_dir)
    click.echo(f"\nReports: {', '.join(str(p) for p in paths)}")
    if thresholds is not None:
        regressions = check_thresholds(report.metrics, thresholds)
        if regressions:
            click.secho("\nQuality gate FAILED; below the minimums in "
                        f"{gate}:\n{format_regressions(regressions)}", fg="red", err=True)
            sys.exit(2)
        click.secho(f"\nQuality gate passed ({gate}).", fg="green")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
def openapi(out: Path | None) -> None:
    """Print the API's OpenAPI document (the contract in api/openapi.json).

    \b
    Example:
      issqa openapi --out api/openapi.json
    """
    from .api import create_app

    text = json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@cli.group()
def feedback() -> None:
    """Answer feedback collected by the widget (POST /feedback).

    \b
    Example:
      issqa feedback export --out feedback.csv
    """


@feedback.command("export")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--db", "feedback_db", type=click.Path(path_type=Path, dir_okay=False),
              help="Feedback SQLite file (default: $ISSQA_FEEDBACK_DSN's PostgreSQL database if "
                   "set, else $ISSQA_FEEDBACK_DB or data/feedback.sqlite3).")
def feedback_export(out: Path | None, feedback_db: Path | None) -> None:
    """Export every feedback row as CSV (one row per answer, oldest first).

    Columns: id, answer_id, helpful (true/false), comment, origin, created_at, updated_at.
    Comments that a spreadsheet would run as a formula are written with a leading apostrophe.

    \b
    Example:
      issqa feedback export --out feedback.csv
      issqa feedback export --db /var/lib/issqa/feedback.sqlite3 > feedback.csv
    """
    settings = _settings()
    store = service.open_feedback(settings, db=feedback_db)
    try:
        if out is None:
            count = service.export_feedback(store, sys.stdout)
        else:
            with out.open("w", encoding="utf-8", newline="") as handle:
                count = service.export_feedback(store, handle)
    except IssqaError as exc:
        raise click.ClickException(exc.message) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc}") from None
    click.echo(f"exported {count} feedback row(s)" + (f" to {out}" if out else ""), err=True)


@cli.group()
def ingest() -> None:
    """Turn your own pages into corpus pages: saved HTML, plain text, or a sitemap crawl.

    Each command writes one Markdown page per source page (main content only, headings kept)
    into --out, which defaults to the `imported` folder of the corpus ($ISSQA_CORPUS_DIR or
    ./corpus). Re-running on unchanged pages changes no file. Then run `issqa build`.

    \b
    Example:
      issqa ingest html saved-site/ --base-url https://example.org
      issqa build
    """


def _ingest_options(command):
    """--out, --section and --quiet, shared by every ingest command."""
    command = click.option("--quiet", "-q", is_flag=True,
                           help="Only the summary line: no progress or per-page lines.")(command)
    command = click.option("--section", default="imported", show_default=True,
                           help="Section slug the pages get (for ?section= filters).")(command)
    return click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
                        help="Folder to write pages to (default: <corpus>/imported).")(command)


def _check_section(section: str) -> None:
    from .ingest.page import check_section

    try:
        check_section(section)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--section") from None


def _ingest(run_import: Callable[[], IngestReport], quiet: bool) -> None:
    """Run an import; print what happened to each page, the summary, and any problem of the
    corpus the pages joined."""
    try:
        report = run_import()
    except IssqaError as exc:
        _fail(exc)
        return
    if not quiet:
        for line in report.details():
            click.echo(line)
    click.echo(report.summary())
    if report.corpus_problems:
        _fail(CorpusError(report.corpus_problems))


@ingest.command("html")
@click.argument("directory", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--base-url", help="Site address the folder was saved from; a page's URL is this "
              "plus its path, unless it declares <link rel=canonical>.")
@_ingest_options
def ingest_html(directory: Path, base_url: str | None, out_dir: Path | None, section: str,
                quiet: bool) -> None:
    """Import saved HTML pages (*.html, *.htm) from a folder.

    Title from <h1> or <title>; date from a last-modified meta tag, else the file's date.

    \b
    Example:
      issqa ingest html saved-site/ --base-url https://example.org --section outreach
    """
    _check_section(section)
    _ingest(lambda: service.import_html(_settings(), directory, base_url, out_dir=out_dir,
                                        section=section), quiet)


@ingest.command("text")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--base-url", help="Site address; a page's URL is this plus the file's name "
              "(default: /<file name>).")
@_ingest_options
def ingest_text(files: tuple[Path, ...], base_url: str | None, out_dir: Path | None,
                section: str, quiet: bool) -> None:
    """Import plain-text pages, such as a page copied from a browser.

    The first heading-like line is the title; short title-case lines followed by text become
    headings; menu-like lines (short, no sentence punctuation) are dropped.

    \b
    Example:
      issqa ingest text about.txt history.txt --base-url https://example.org/pages
    """
    _check_section(section)
    _ingest(lambda: service.import_text(_settings(), files, base_url, out_dir=out_dir,
                                        section=section), quiet)


@ingest.command("sitemap")
@click.argument("url")
@click.option("--max-pages", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Fetch at most this many pages.")
@click.option("--delay", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds between requests (robots.txt Crawl-delay wins if longer).")
@click.option("--timeout", type=click.FloatRange(0.1, 300), default=10.0, show_default=True,
              help="Seconds to wait for an answer.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
              help="Retries after a 5xx answer or a timeout (never after a 4xx).")
@click.option("--backoff", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds before the first retry; doubled for each next one.")
@click.option("--max-bytes", type=click.IntRange(1024), default=5 * 1024 * 1024,
              show_default=True, help="Skip pages larger than this.")
@_ingest_options
def ingest_sitemap(url: str, max_pages: int, delay: float, timeout: float, retries: int,
                   backoff: float, max_bytes: int, out_dir: Path | None, section: str,
                   quiet: bool) -> None:
    """Crawl the pages listed in a sitemap (or sitemap index) and import them.

    Only the sitemap's host is contacted; robots.txt is obeyed; non-HTML, oversized and
    failing pages are skipped with the reason.

    \b
    Example:
      issqa ingest sitemap https://example.org/sitemap.xml --max-pages 100 --delay 2
    """
    from .ingest import CrawlConfig

    _check_section(section)
    config = CrawlConfig(max_pages=max_pages, delay_s=delay, timeout_s=timeout, retries=retries,
                         backoff_s=backoff, max_bytes=max_bytes)
    _ingest(lambda: service.import_sitemap(_settings(), url, config, out_dir=out_dir,
                                           section=section, show_progress=not quiet), quiet)


def main() -> None:
    """Entry point of the ``issqa`` script."""
    cli(prog_name="issqa")
