"""`issqa build --ray` on a local Ray instance gives the index a local build gives, and resumes
from its checkpoints after being killed mid-embedding.

The shipped corpus, the real model, real processes: a local build, then a Ray build that is
killed (with its whole process group, as a crashed machine would) once it has checkpointed,
then run again. Run with `make test-ray`.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import faiss
import numpy as np
import pytest

from tests.conftest import SHIPPED_CORPUS

pytest.importorskip("ray", reason="needs the [ray] extra (make test-ray)")

pytestmark = pytest.mark.ray

ISSQA = [sys.executable, "-m", "issqa"]
# Differ by design: when and where a build ran, and how long it took.
RUN_FIELDS = {"built_at", "built_on", "build_seconds"}
VECTOR_FILES = ("dense.faiss", "sentences.npy", "phrasings.npy")


def build(index: Path, *extra: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ISSQA, "build", "--corpus", str(SHIPPED_CORPUS), "--index",
                           str(index), *extra], capture_output=True, text=True, check=True,
                          env={**os.environ, **env})


def vectors(build_dir: Path, name: str) -> np.ndarray:
    if name == "dense.faiss":
        index = faiss.read_index(str(build_dir / name))
        return index.reconstruct_n(0, index.ntotal)
    return np.load(build_dir / name)


def test_a_killed_ray_build_resumes_and_equals_a_local_build(tmp_path):
    local = build(tmp_path / "local")
    version = (tmp_path / "local" / "current").read_text().strip()

    ray_index = tmp_path / "ray"
    env = {**os.environ, "ISSQA_EMBED_CHECKPOINT_EVERY": "256"}
    command = [*ISSQA, "build", "--ray", "--corpus", str(SHIPPED_CORPUS), "--index",
               str(ray_index)]
    with (tmp_path / "killed.log").open("w") as log:
        killed = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    deadline = time.monotonic() + 300
    while not list((ray_index / "cache").glob("*.part-*.npz")):
        assert killed.poll() is None, (tmp_path / "killed.log").read_text()
        assert time.monotonic() < deadline, "no checkpoint within 300 s"
        time.sleep(0.2)
    os.killpg(killed.pid, signal.SIGKILL)  # the driver and the Ray instance it started
    killed.wait()
    assert not (ray_index / "current").exists()

    resumed = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Resuming: (\d+) vectors", resumed.stderr)
    assert found, resumed.stderr
    embedded = re.search(r"Embedded (\d+) texts on Ray", resumed.stderr)
    assert embedded, resumed.stderr
    total = re.search(r"Embedded (\d+) texts, reused", local.stderr)
    assert total, local.stderr
    # The rerun embeds only what the killed build had not checkpointed.
    assert int(embedded.group(1)) == int(total.group(1)) - int(found.group(1))
    print(f"\nkilled Ray build: {found.group(1)} vectors checkpointed and reused, "
          f"{embedded.group(1)} embedded by the rerun")

    assert (ray_index / "current").read_text().strip() == version
    a, b = tmp_path / "local" / "builds" / version, ray_index / "builds" / version
    manifest_a = json.loads((a / "manifest.json").read_text())
    manifest_b = json.loads((b / "manifest.json").read_text())
    assert manifest_b["built_on"]["embedding"].startswith("Ray (")
    for name in VECTOR_FILES:
        manifest_a["files"].pop(name)
        manifest_b["files"].pop(name)
        np.testing.assert_allclose(vectors(b, name), vectors(a, name), atol=1e-5)
    assert {k: v for k, v in manifest_b.items() if k not in RUN_FIELDS} == \
        {k: v for k, v in manifest_a.items() if k not in RUN_FIELDS}
