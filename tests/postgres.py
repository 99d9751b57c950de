"""A real PostgreSQL server for tests: initdb and pg_ctl in a temporary folder on a free port.

Nothing is started by hand: the fixture creates the cluster, starts it, hands out a fresh
database per test, and stops it at the end. The server binaries come from the machine's
PostgreSQL package (`make postgres` installs Debian's if they are missing). PostgreSQL refuses
to run as root, so under root the cluster belongs to the `postgres` system user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return str(versions[-1]) if versions else None


def _run(command: list[str], owner: str | None) -> subprocess.CompletedProcess:
    if owner:
        command = ["runuser", "-u", owner, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A running PostgreSQL server; yields its base DSN (without a database name)."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.fail("PostgreSQL's initdb and pg_ctl are not installed: run `make postgres` "
                    "(Debian's postgresql package)")
    pytest.importorskip("psycopg", reason="pip install -e '.[dev]' installs psycopg")
    owner = "postgres" if os.geteuid() == 0 else None
    # Not under pytest's own temporary folder: under root that one is closed to other users.
    root = Path(tempfile.mkdtemp(prefix="issqa-postgres-"))
    data, log = root / "data", root / "server.log"
    if owner:
        shutil.chown(root, owner)
    made = _run([initdb, "-D", str(data), "-A", "trust", "-U", "issqa", "--no-sync"], owner)
    assert made.returncode == 0, made.stderr
    port = free_port()
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    started = _run([pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"],
                   owner)
    assert started.returncode == 0, started.stderr + (log.read_text() if log.exists() else "")
    try:
        yield f"postgresql://issqa@127.0.0.1:{port}"
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], owner)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_dsn(postgres_server) -> str:
    """A new, empty database on the test server: its DSN."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"
