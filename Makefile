# The README's two commands: `make demo` (set up and serve) and `make test` (the whole suite).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Django 6 needs Python >= 3.12: prefer 3.12 (what the suite is run on), then 3.13, then
# python3 (Django 5.2 LTS on 3.11).
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3 python3.13 \
	$$HOME/.pyenv/versions/3.13*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
	2>/dev/null && { command -v $$p; break; }; done || true)
PYTHON := $(if $(PYTHON),$(PYTHON),python3)
PORT ?= 8000

.PHONY: demo setup serve test test-sqlite test-postgres lint bench install constraints \
	docs-screenshots

# constraints.txt pins every package to the versions the suite last passed with, on Python 3.12
# (pyproject.toml keeps the ranges; Python 3.11 installs from those, with Django 5.2);
# `make constraints` rewrites it from this venv (README, "Dependencies").
$(BIN)/banenbrug: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $$($(BIN)/python -c 'import sys; \
		sys.version_info >= (3, 12) and print("-c constraints.txt")') -e '.[test]'
	touch $@

constraints:
	{ sed -n '/^#/p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt

install: $(BIN)/banenbrug

setup: install
	$(BIN)/banenbrug setup

demo: setup
	$(BIN)/banenbrug serve --port $(PORT)

test: install
	bash scripts/test.sh

test-sqlite: install
	TEST_RUNS=sqlite bash scripts/test.sh

test-postgres: install
	TEST_RUNS=postgres bash scripts/test.sh

# the user guide's screenshots, from the last browser run's (docs/user-guide.md)
docs-screenshots: install
	$(BIN)/python scripts/docs_screenshots.py

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: install
	$(BIN)/python benchmarks/import_esco.py
	$(BIN)/python benchmarks/search_latency.py
