# Samtalsplan: `make serve` to work on the site, `make test` to check everything.
# Both set up what they need first: .venv (Python 3.12+) and node_modules.

.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
export NO_MKDOCS_2_WARNING := 1
PORT ?= 8000
# What builds the site: mkdocs (the default) or properdocs (its maintained fork), e.g.
# `make site GENERATOR=properdocs`. README: "Which generator".
GENERATOR ?= mkdocs
ifeq ($(filter $(GENERATOR),mkdocs properdocs),)
$(error GENERATOR must be mkdocs or properdocs, not '$(GENERATOR)')
endif
SITE_CLI := $(BIN)/python -m samtalsplan_site
# The config named, as ProperDocs asks (it would look for properdocs.yml first).
BUILD_SITE = $(BIN)/$(1) build --strict --config-file mkdocs.yml

# The newest Python 3.12+ on PATH, else in pyenv's versions (pyodide-build needs 3.12+).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 \
	  $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { command -v $$p; break; }; done)

.PHONY: help setup site dist serve test unit e2e test-properdocs lint bench clean

help:
	@echo "make serve   build and serve the site on http://$(HOST):$(PORT)/ (rebuilds on change; reload to see it)"
	@echo "make test    run every test: Python unit tests and Chromium end-to-end tests"
	@echo "make site    build the deployable static site into site/ (GENERATOR=properdocs: with ProperDocs)"
	@echo "make dist    build the release zip (site and server configs) into dist/"
	@echo "make unit    run the tests that need neither a built site nor a browser"
	@echo "make test-properdocs  build with ProperDocs into site-properdocs/ and run the planner's browser tests on it"
	@echo "make lint    type-check (mypy --strict) and lint (ruff)"
	@echo "make bench   measure start-up, responsiveness, bytes and memory against bare Pyodide"

$(BIN)/.installed: requirements-dev.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or newer found on PATH or in pyenv. Install one (e.g. 'pyenv install 3.13') or run: make PYTHON=/path/to/python3.12"; exit 1; }
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@# Editable, so the build package (pyapp/samtalsplan_site) and the browser package import as they are.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or newer."; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

setup: $(BIN)/.installed node_modules/.installed

site: setup
	$(call BUILD_SITE,$(GENERATOR))

# The release zip: the site, the IIS/nginx/Apache configs and a README.
dist: site
	$(SITE_CLI) dist site dist

# Offline caching is off here (SAMTALSPLAN_OFFLINE=off), so every rebuild shows at once.
serve: setup
	SAMTALSPLAN_OFFLINE=off $(call BUILD_SITE,$(GENERATOR))
	SAMTALSPLAN_OFFLINE=off $(SITE_CLI) serve site --host $(HOST) --port $(PORT) --rebuild --generator $(GENERATOR)

bench: site
	$(BIN)/python tests/benchmark.py

test: site
	$(BIN)/pytest

# Needs no built site: tests that do are marked `site` (tests/conftest.py).
unit: setup
	$(BIN)/pytest -m "not e2e and not site"

e2e: site
	$(BIN)/pytest -m e2e

# The same sources built with ProperDocs, and the planner's browser tests against that build.
test-properdocs: setup
	$(call BUILD_SITE,properdocs) --site-dir site-properdocs
	SAMTALSPLAN_SITE=site-properdocs $(BIN)/pytest tests/test_built_site.py tests/e2e/test_planner.py tests/e2e/test_pages.py

lint: setup
	$(BIN)/mypy
	$(BIN)/ruff check pyapp overrides/hooks tests

clean:
	rm -rf $(VENV) node_modules site site-properdocs build dist .pytest_cache .mypy_cache
