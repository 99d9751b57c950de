"""Shared fixtures: a tiny in-repo corpus, a fake embedder, and the real model loaded once."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from filelock import FileLock

from issqa.embedding import SentenceTransformerEmbedder
from issqa.service import Engine, build
from issqa.settings import Settings

from tests.fakes import HashEmbedder
from tests.postgres import postgres_dsn, postgres_server  # noqa: F401 (fixtures for every test)

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).resolve().parent.parent
SHIPPED_CORPUS = REPO / "corpus"
# The shipped corpus's index for the tests, kept between runs (an unchanged corpus is checked in
# seconds, a changed one rebuilt) and shared by pytest-xdist's workers.
SHIPPED_TEST_INDEX = REPO / "index" / "tests" / "shipped"


def build_shipped_test_index(show_progress: bool = False) -> Settings:
    """Build (or check) the tests' index of the shipped corpus, one process at a time.

    `make test` calls it (with progress) before the test workers start, so that none of them
    waits on the build; a worker that finds it built only checks it. Built with a thread per
    core, as ``issqa build`` does.
    """
    settings = Settings(corpus_dir=SHIPPED_CORPUS, index_dir=SHIPPED_TEST_INDEX)
    SHIPPED_TEST_INDEX.mkdir(parents=True, exist_ok=True)
    with FileLock(str(SHIPPED_TEST_INDEX.parent / "shipped.lock")):
        build(settings, show_progress=show_progress, log=print if show_progress else
              lambda _m: None)
    return settings


@pytest.fixture
def no_network(monkeypatch):
    """Every socket connection attempt fails, as on a machine with no internet."""
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def fixture_corpus(tmp_path: Path) -> Path:
    """A private copy of the fixture corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture
def hash_settings(fixture_corpus: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a private corpus copy and index folder."""
    return Settings(corpus_dir=fixture_corpus, index_dir=tmp_path / "index")


@pytest.fixture
def hash_engine(hash_settings: Settings) -> Engine:
    """An engine over the fixture corpus with the deterministic fake embedder."""
    embedder = HashEmbedder()
    build(hash_settings, embedder=embedder)
    return Engine(hash_settings, embedder=embedder).load()


@pytest.fixture(scope="session")
def real_embedder() -> SentenceTransformerEmbedder:
    """The packaged all-MiniLM-L6-v2, loaded once per test session."""
    embedder = SentenceTransformerEmbedder()
    embedder.load()
    return embedder


@pytest.fixture(scope="session")
def real_fixture_engine(tmp_path_factory, real_embedder) -> Engine:
    """The real model over the fixture corpus."""
    root = tmp_path_factory.mktemp("real-fixture")
    settings = Settings(corpus_dir=FIXTURE_CORPUS, index_dir=root / "index")
    build(settings, embedder=real_embedder)
    return Engine(settings, embedder=real_embedder).load()


@pytest.fixture(scope="session")
def shipped_engine() -> Engine:
    """The real model over the shipped corpus, on the ONNX backend: what users get; served
    with one thread."""
    return Engine(build_shipped_test_index()).load()


@pytest.fixture(scope="session")
def hash_engine_session(tmp_path_factory) -> Engine:
    """A fake-embedder engine over the fixture corpus, shared by property tests."""
    root = tmp_path_factory.mktemp("hash-session")
    settings = Settings(corpus_dir=FIXTURE_CORPUS, index_dir=root / "index")
    embedder = HashEmbedder()
    build(settings, embedder=embedder)
    return Engine(settings, embedder=embedder).load()
