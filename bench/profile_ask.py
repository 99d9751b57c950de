"""Profile `Engine.ask` in-process with pyinstrument, to see what dominates a request.

    .venv/bin/python bench/profile_ask.py            # needs `issqa build` first

Asks every FAQ-paraphrase question once (each new, so each pays the model call) and prints
pyinstrument's call tree, trimmed to frames above 2% of the time.
"""

from __future__ import annotations

from pathlib import Path

from pyinstrument import Profiler

from issqa.evaluation import load_set
from issqa.service import Engine
from issqa.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    engine = Engine(Settings()).load()
    questions = [item.question for split in ("dev", "test")
                 for item in load_set(REPO / "eval", "faq_paraphrases", split)]
    profiler = Profiler(interval=0.0005)
    with profiler:
        for question in questions:
            engine.ask(question)
    print(profiler.output_text(unicode=False, color=False, show_all=False,
                               flat=True, flat_time="self")[:4000])


if __name__ == "__main__":
    main()
