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

# Build _build/html, unless nothing it reads has changed since its last successful build.
# `book-hash --check` hashes the corpus folder, analysis/, chapters/, _config.yml, _toc.yml,
# references.bib and the pins (analysis/inputs.py), and stops here when the hash equals the one
# saved in $(BOOK_STAMP). Otherwise: the batch step brings the corpus's results under
# _build/results/ up to date (only new or changed articles are computed), every chapter is
# executed (`--all` plus `execute_notebooks: force`) reading them through ANALYSIS_CACHE, and the
# hash is saved once the build has succeeded.
BOOK_STAMP := _build/html/.book-inputs
book: $(STAMP)
	@$(BIN)/python -m analysis book-hash --check $(BOOK_STAMP) || { \
	  results="$$($(BIN)/python -m analysis book-hash --results-dir)" && \
	  $(BIN)/python -m analysis run --out "$$results" && \
	  ANALYSIS_CACHE="$$results" $(BIN)/jupyter-book build --all . && \
	  $(BIN)/python -m analysis book-hash --save $(BOOK_STAMP); }

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
