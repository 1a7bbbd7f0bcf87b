# One command surface for contributors, README, CI and pre-commit. Each target first brings the
# environments up to date from the lock files (scripts/bootstrap.py), then calls one Python entry
# point: `python -m scripts <command>` (see scripts/README.md). Run `make help` for the list.

.DEFAULT_GOAL := help
SHELL := /bin/sh

# Python used only to create .venv; everything else runs inside .venv.
BOOTSTRAP_PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV_PYTHON := .venv/bin/python
RUN := $(VENV_PYTHON) -m scripts

PY_STAMP := .venv/.requirements.lock.sha256
NODE_STAMP := node_modules/.package-lock.sha256

$(PY_STAMP): requirements.lock scripts/bootstrap.py
	@$(BOOTSTRAP_PYTHON) scripts/bootstrap.py python

$(NODE_STAMP): package-lock.json scripts/bootstrap.py
	@$(BOOTSTRAP_PYTHON) scripts/bootstrap.py node

.PHONY: help serve build test check fix sync pack bench lock browser java clean

help: ## List the commands
	@echo "Usage: make <command>"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'
	@echo
	@echo "Options: LANG_ONLY=fr|en (serve one language, faster), PORT=8000 (serve), PAGES='...' (sync),"
	@echo "         ARGS='...' (extra arguments, e.g. make check ARGS=docs/fr/parents.md)"

serve: $(PY_STAMP) ## Set up, build and preview the site with live reload (http://127.0.0.1:8000)
	@$(RUN) serve $(if $(LANG_ONLY),--lang $(LANG_ONLY)) $(if $(PORT),--port $(PORT)) $(ARGS)

build: $(PY_STAMP) ## Strict build of both languages into site/ (unchanged if the build fails)
	@$(RUN) build $(ARGS)

test: $(PY_STAMP) $(NODE_STAMP) browser java ## Set up and run the whole test suite (built HTML, browser, workflows)
	@$(RUN) test $(ARGS)

check: $(PY_STAMP) $(NODE_STAMP) ## Contributor checks without a browser (prints file:line: problem — fix)
	@$(RUN) check $(ARGS)

fix: $(PY_STAMP) $(NODE_STAMP) ## Fix what can be fixed automatically (French typography, front-matter order), then check
	@$(RUN) check --fix $(ARGS)

sync: $(PY_STAMP) ## Record that twins say the same thing, after reading both: make sync PAGES="docs/fr/x.md …"
	@$(RUN) sync $(if $(PAGES),$(PAGES),$(error give the pages you checked: make sync PAGES="docs/fr/parents.md"))

pack: $(PY_STAMP) browser ## Offline pack for schools (zip + Kiwix ZIM + PDFs) into dist/
	@$(RUN) pack $(ARGS)

bench: $(PY_STAMP) browser ## Measure build time and page weight (prints a table, writes JSON)
	@$(RUN) bench $(ARGS)

lock: $(PY_STAMP) ## Re-pin requirements.lock from requirements.in (with hashes)
	@$(RUN) lock

browser:
	@$(BOOTSTRAP_PYTHON) scripts/bootstrap.py browser

java:
	@$(BOOTSTRAP_PYTHON) scripts/bootstrap.py java

clean: ## Remove build outputs (site/, dist/, caches); keeps .venv and node_modules
	rm -rf site dist .pytest_cache .cache
