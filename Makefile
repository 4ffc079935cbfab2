# Single entry point. From a bare python3 with pip: `make serve` or `make test`.
PYTHON      ?= python3
UV_VERSION  ?= 0.13.9
TOOLS       := .tools
UV          := $(TOOLS)/bin/uv
RUN         := $(UV) run --frozen --no-sync
# Comments on their own lines: make keeps trailing spaces in values.
export UV_PYTHON_DOWNLOADS := never
export UV_CACHE_DIR ?= $(CURDIR)/.cache/uv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

NAME        := cuishou-fagui
OFFLINE_DIR := site-offline

.PHONY: help setup validate build serve offline test lint chromium clean
.PHONY: nginx publish-check
.PHONY: bench

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --target $(TOOLS) "uv==$(UV_VERSION)"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-groups
	@touch $@

setup: .venv/.synced  ## create .venv with the locked dependencies

validate: setup  ## check every regulation entry and citation
	$(RUN) python -m scripts validate

build: setup  ## build the static site into site/
	$(RUN) mkdocs build --strict

serve: build  ## build, then serve on http://127.0.0.1:8000 with live reload
	$(RUN) mkdocs serve --strict --livereload -a 127.0.0.1:8000

offline: setup  ## zip a build that opens from disk (no server, no network) into dist/
	OFFLINE=true $(RUN) mkdocs build --strict -d $(OFFLINE_DIR)
	$(RUN) python -m scripts package $(OFFLINE_DIR) dist/$(NAME)-offline.zip

chromium:  ## make sure Debian's Chromium is there for the browser tests
	@bash scripts/ensure-chromium.sh

nginx:  ## make sure Debian's nginx (with brotli) is there for the publish check
	@bash scripts/ensure-nginx.sh

publish-check: setup chromium nginx  ## build, serve with deploy/nginx/ on 127.0.0.1, check every page type in Chromium
	$(RUN) pytest tests/e2e/test_publish.py tests/test_csp.py

test: setup chromium nginx lint  ## run the whole test suite (lint first: it takes a second)
	$(RUN) pytest

lint: setup  ## ruff: lint rules and formatting
	$(RUN) ruff check scripts tests benchmarks
	$(RUN) ruff format --check scripts tests benchmarks

bench: setup chromium  ## run the benchmarks and update docs/about/performance.md
	$(RUN) python -m benchmarks.run_all

clean:  ## remove build output and the environment
	rm -rf site $(OFFLINE_DIR) dist .venv .cache .pytest_cache
