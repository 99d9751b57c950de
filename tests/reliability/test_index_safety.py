"""A killed build never damages the index readers use; a damaged index is refused by name."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from issqa.chunking import ChunkerConfig
from issqa.corpus import load_corpus
from issqa.embedding import SentenceTransformerEmbedder
from issqa.index import corpus_version, load_index
from issqa.index.store import current_build

from tests.conftest import FIXTURE_CORPUS
from tests.servers import free_port


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """The fixture corpus built once by a real `issqa build` (about 9 s with the model)."""
    root = tmp_path_factory.mktemp("built")
    corpus = root / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    index = root / "index"
    subprocess.run([sys.executable, "-m", "issqa", "build", "-q", "--corpus", str(corpus),
                    "--index", str(index)], check=True, timeout=300)
    return corpus, index


@pytest.fixture
def built(tmp_path, built_once):
    """A private copy of that corpus and index, which a test may damage."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built_once[0], corpus)
    shutil.copytree(built_once[1], index)
    return corpus, index


def test_sigkill_at_any_point_of_a_build_leaves_the_previous_index_loadable(built):
    corpus, index = built
    model_id = SentenceTransformerEmbedder().model_id
    first = load_index(index, model_id=model_id).version
    page = corpus / "pages" / "systems" / "power.md"
    # Kill points spread over a real build: start-up, model load, embedding, writing.
    for n, delay in enumerate((0.2, 1.0, 2.5, 4.0, 5.5, 7.0)):
        page.write_text(page.read_text() + f"\nThe power system has detail number {n}.\n")
        process = subprocess.Popen(
            [sys.executable, "-m", "issqa", "build", "-q", "--corpus", str(corpus), "--index",
             str(index)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        edited = corpus_version(load_corpus(corpus), model_id, ChunkerConfig())
        loaded = load_index(index, model_id=model_id)
        # Either the old build, or (if the kill came after the switch) the complete new one.
        assert loaded.version in (first, edited)
        first = loaded.version
    finished = subprocess.run(
        [sys.executable, "-m", "issqa", "build", "--corpus", str(corpus), "--index", str(index)],
        capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "detail number 5" in load_index(index).documents["power"].body
    assert not list(index.glob(".staging-*"))  # what killed builds left is cleared


@pytest.mark.parametrize("damage", ["truncate", "alter", "delete"])
def test_serve_refuses_a_damaged_index_naming_the_file_and_the_fix(built, damage):
    _, index = built
    target = current_build(index) / "bm25.npz"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    elif damage == "alter":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
    else:
        target.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "issqa", "serve", "--port", str(free_port()), "--index",
         str(index)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert result.returncode == 1
    assert str(target) in result.stderr and "run `issqa build`" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_build_killed_mid_embedding_resumes_from_its_checkpoints(tmp_path):
    """SIGKILL a real build (the real model) once it has checkpointed, then count what the
    rerun embeds: only what the killed build had not written."""
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    index = tmp_path / "index"
    command = [sys.executable, "-m", "issqa", "build", "--corpus", str(corpus), "--index",
               str(index)]
    env = {**os.environ, "ISSQA_EMBED_CHECKPOINT_EVERY": "8", "ISSQA_BUILD_THREADS": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list((index / "cache").glob("*.part-*.npz")):
        assert process.poll() is None, "the build finished before its first checkpoint"
        assert time.monotonic() < deadline, "no checkpoint within 120 s"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    from issqa.index.embed_cache import EmbeddingCache

    checkpointed = EmbeddingCache(index / "cache", SentenceTransformerEmbedder().model_id).resumed
    assert checkpointed >= 8
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"Resuming: {checkpointed} vectors" in rerun.stdout + rerun.stderr
    report = re.search(r"embedded (\d+), reused (\d+)", rerun.stdout + rerun.stderr)
    embedded, reused = int(report.group(1)), int(report.group(2))
    assert reused >= checkpointed and embedded > 0
