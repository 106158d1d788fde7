# Two entry points from a fresh clone: `make book` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# bash for `set -o pipefail` in the install recipe (a filtered pip still fails the install).
SHELL := /bin/bash

# The kernels that execute the chapters read the project's IPython profile
# (.ipython/profile_default/ipython_kernel_config.py), not the developer's ~/.ipython.
export IPYTHONDIR := $(CURDIR)/.ipython

.PHONY: book test lint bench install lock clean

# Chapters execute in chapters/, so a relative CORPUS_DIR is made absolute here,
# against the folder `make` was run from.
ifdef CORPUS_DIR
export CORPUS_DIR := $(abspath $(CORPUS_DIR))
endif

# pip's output during install, one line per package it fetches. Dropped: the per-package
# "Location '...' is ignored: it is neither a file nor a directory" warnings that a pip
# configuration naming missing local indexes prints, and the lines that only say a wheel is
# cached, downloading or already installed. Everything else (errors included) passes through.
PIP_PROGRESS := sed -e "/^WARNING: Location '.*' is ignored: it is neither a file nor a directory\.$$/d" \
	-e '/^  Using cached /d' -e '/^  Downloading /d' -e '/^  Obtaining /d' -e '/^Requirement already satisfied: /d' \
	-e 's/^Collecting \([^ ]*\).*/  \1/' \
	-e 's/^Processing [^ ]*\/\([^/ -]*\)-\([^/ -]*\)-[^ ]*\.whl .*/  \1==\2/' \
	-e 's/^Installing collected packages: .*/  installing them into $(VENV).../' \
	-e 's/^Successfully installed .*/  installed./'
PIP := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar off

# Create the virtual environment and install the exact pinned dependencies.
$(STAMP): requirements.txt constraints.txt pyproject.toml
	@echo "install: creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV)
	@echo "install: the pinned dependencies (requirements.txt, constraints.txt); a minute or more on a first install"
	@set -o pipefail; $(PIP) -r requirements.txt -c constraints.txt 2>&1 | $(PIP_PROGRESS)
	@echo "install: the analysis package (editable)"
	@set -o pipefail; $(PIP) --quiet --no-deps -e . 2>&1 | $(PIP_PROGRESS)
	@touch $(STAMP)
	@echo "install: done ($(VENV) is ready)"

install: $(STAMP)

# Build the corpus's book (default: corpus/ into _build/html; CORPUS_DIR=... into
# _build/<name>-<hash of its path>/html), unless nothing it reads has changed since that output's
# last successful build: `python -m analysis book` (analysis/cli.py). It first checks the corpus as
# `python -m analysis check` does (in the same process, to keep a no-change run short): on bad input
# its problems (file, row, field) are the last lines and nothing else runs. Then, under a lock per
# output: the hash check (analysis/inputs.py), the batch step into _build/results/<name>-<hash>/,
# `jupyter-book build --all` into a fresh temporary folder beside the output (the CSV downloads go
# into it, not into chapters/), and only on success the saved hash and the move into place. A failed
# build leaves the old book marked STALE.
book: $(STAMP)
	@$(BIN)/python -m analysis book

# Lint, format check and layer contracts (also run inside the suite by tests/test_layers.py).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The whole suite, including the strict book build (-W -n --keep-going).
test: lint
	$(BIN)/python -m pytest

# Issue #16's benchmarks and goals table (benchmarks/__main__.py); the full run takes an hour or more.
# `make bench BENCH_ARGS=--quick` runs every section on small corpora; `BENCH_ARGS="--only book"` one section.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

# Regenerate constraints.txt from the current environment.
lock: $(STAMP)
	( echo '# Full pin set (direct + transitive) of the tested environment; regenerate with `make lock`.'; \
	  $(BIN)/python -m pip freeze --exclude-editable ) > constraints.txt

clean:
	rm -rf _build
