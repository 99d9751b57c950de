"""Benchmark index builds on a synthetic corpus: local (one process) against Ray Data workers.

Run from the repository root (the Ray run needs the [ray] extra, `make install-ray`):

    .venv/bin/python bench/bench_build.py --chunks 20000 [--ray] [--json out.json]

Writes a synthetic corpus of pages, each section one chunk of about 45 words in one sentence
(so every chunk adds one answer sentence: 2 x --chunks texts to embed), then times
`issqa build` (or `issqa build --ray`) from an empty cache in a temporary folder, as a process,
the way a user runs it. The words are drawn from a fixed vocabulary with a fixed seed, so two
runs embed the same texts. Prints one JSON document with texts per second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, commit, report

ISSQA = [sys.executable, "-m", "issqa"]
SECTIONS_PER_PAGE = 20
WORDS_PER_SECTION = 45
WORDS = ("station module crew orbit solar array radiator truss airlock docking port cargo "
         "vehicle experiment laboratory oxygen water pressure thruster reboost altitude robot "
         "arm spacewalk suit battery antenna window cupola research microgravity plant cell "
         "engine launch landing capsule hatch node fuel power cooling sleep exercise food "
         "camera signal ground control mission schedule repair filter sensor").split()


def write_corpus(root: Path, chunks: int, seed: int = 7) -> None:
    """``chunks`` sections of one ~45-word sentence, SECTIONS_PER_PAGE to a page."""
    rng = random.Random(seed)
    pages = root / "pages" / "synthetic"
    pages.mkdir(parents=True)
    (root / "faqs").mkdir()
    for page in range(0, chunks, SECTIONS_PER_PAGE):
        lines = ["---", f"id: synthetic-{page}", f"title: Synthetic page {page}",
                 f"url: /synthetic/{page}", "section: systems", "updated: 2026-11-30",
                 "sources:", "  - https://example.org/synthetic", "---"]
        for section in range(page, min(page + SECTIONS_PER_PAGE, chunks)):
            words = " ".join(rng.choice(WORDS) for _ in range(WORDS_PER_SECTION))
            lines += ["", f"## Part {section}", f"Record {section}: {words}."]
        (pages / f"p{page}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=20_000)
    parser.add_argument("--ray", action="store_true", help="embed on Ray Data workers")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        write_corpus(corpus, args.chunks)
        command = [*ISSQA, "build", "--quiet", "--corpus", str(corpus), "--index", str(index)]
        started = time.perf_counter()
        subprocess.run([*command, *(["--ray"] if args.ray else [])], check=True, cwd=REPO)
        seconds = time.perf_counter() - started
        manifest = json.loads((index / "builds" / (index / "current").read_text().strip()
                               / "manifest.json").read_text())
    counts = manifest["counts"]
    texts = counts["chunks"] + counts["sentences"] + counts["phrasings"]
    result = {
        "commit": commit(),
        "cpus": os.cpu_count(), "embedding": manifest["built_on"]["embedding"],
        "chunks": counts["chunks"], "texts": texts, "seconds": round(seconds, 1),
        "texts_per_s": round(texts / seconds, 1),
        "words_per_chunk": WORDS_PER_SECTION,
    }
    report(result, args.json)


if __name__ == "__main__":
    main()
