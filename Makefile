# Two entry points on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-long test-llm test-ray install install-dev install-llm install-ray lint build serve bench clean chromium postgres

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "issqa needs Python 3.11; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

build: install
	$(BIN)/issqa build

# Build the index if it is missing or stale (an unchanged corpus is detected in well under a
# second), then serve the API.
run: build
	exec $(BIN)/issqa serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check src tests bench eval

# Browser tests use Debian's Chromium (never a browser download); install it if missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The feedback store's tests start a throw-away PostgreSQL server (initdb + pg_ctl); install
# Debian's server binaries if they are missing.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing Debian's postgresql for the feedback store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# The tests run on TEST_WORKERS processes (pytest-xdist); the shipped corpus's index they share
# is built first (index/tests/, kept between runs), so that no worker waits on it.
TEST_WORKERS ?= 2
test: install-dev chromium postgres
	$(BIN)/ruff check src tests bench eval
	$(BIN)/python -c 'from tests.conftest import build_shipped_test_index as b; b(show_progress=True)'
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# The long soak (20,000 requests) and fuzz run (1,000 cases per operation); figures in
# docs/reliability.md. `make test` runs shorter versions of both. Also the Ray tests.
test-long: install-dev chromium postgres test-ray
	ISSQA_SOAK_REQUESTS=20000 ISSQA_FUZZ_EXAMPLES=1000 $(BIN)/python -m pytest -s \
	  tests/reliability/test_soak.py tests/reliability/test_fuzz_contract.py

# The generative answerer against a real llama.cpp server with SmolLM2-135M-Instruct; the
# [llm] extra builds llama-cpp-python from source (about 9 minutes on 2 cores, once).
$(VENV)/.installed-llm: pyproject.toml | $(VENV)/.installed-dev
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install --quiet -e '.[dev,llm]'
	touch $@

install-llm: $(VENV)/.installed-llm

test-llm: install-llm
	$(BIN)/python -m pytest -s -m llm tests/real_llm

# Ray Serve replicas and Ray Data builds on a local Ray instance (the [ray] extra); figures
# in docs/benchmarks.md and docs/deploy.md.
$(VENV)/.installed-ray: pyproject.toml | $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet -e '.[dev,ray]'
	touch $@

install-ray: $(VENV)/.installed-ray

test-ray: install-ray
	$(BIN)/python -m pytest -s -m ray tests/distributed

bench: install-dev
	$(BIN)/python bench/bench_search.py

clean:
	rm -rf $(VENV) index/builds index/current index/cache index/tests .pytest_cache
