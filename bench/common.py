"""What every benchmark script shares: the commit it measured, and how it reports."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def commit() -> str:
    """The short hash of the checked-out commit (the figures belong to it)."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=REPO).stdout.strip()


def report(result: dict, path: Path | None) -> None:
    """Print the result as JSON, and write it to ``path`` too when one is given."""
    text = json.dumps(result, indent=2) + "\n"
    print(text, end="")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
