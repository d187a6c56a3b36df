# rbdata: every command needs only Python 3.11+ and make; the first one
# creates .venv/ and installs the pinned packages of requirements.lock.
# `make` alone lists the targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.rbdata-installed
# cffconvert needs jsonschema<4 (frictionless needs >=4.20): its own small environment
CFF_VENV := .venv-cff
CFF_STAMP := $(CFF_VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

# Headless, reproducible and never waiting for input.
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0
export PIP_NO_INPUT := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
export JUPYTER_PLATFORM_DIRS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Jupyter and the kernels it starts find the venv's programs first.
VENV_PATH := PATH="$(CURDIR)/$(BIN):$$PATH"

.PHONY: help all venv build notebooks site test lint benchmark readme lock clean

help: ## list the targets
	@echo "usage: make TARGET"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

all: venv build notebooks site ## the main job: set up .venv, build data/processed/, re-run every notebook, build the site

venv: $(STAMP) $(CFF_STAMP) ## create .venv/ (requirements.lock and rbdata) and .venv-cff/ (cffconvert), only when they changed
	@:

$(CFF_STAMP): requirements-cff.lock
	test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --progress-bar off -r requirements-cff.lock
	touch $@

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "rbdata needs Python 3.11 or newer; run: make PYTHON=python3.11 ..." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar off -r requirements.lock
	$(BIN)/python -m pip install --progress-bar off --no-deps -e .
	touch $@

build: venv ## parse data/raw/ and write data/processed/ (CSV, rbdata.xlsx, datapackage.json)
	$(BIN)/python -m rbdata build

notebooks: venv ## execute every notebook in place with the venv's python3 kernel
ifneq ($(NOTEBOOKS),)
	$(VENV_PATH) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=600 \
		--ExecutePreprocessor.record_timing=False \
		$(NOTEBOOKS)
	$(BIN)/python scripts/normalise_notebooks.py $(NOTEBOOKS)
else
	@echo "no notebooks in notebooks/"
endif

site: venv ## build the documentation site into docs/_build/html (notebooks shown with their stored outputs, never re-run)
	rm -rf docs/_build
	$(BIN)/sphinx-build -b html -W --keep-going -q -d docs/_build/doctrees docs docs/_build/html
	@echo "site: open docs/_build/html/index.html"

test: lint ## run every test: lint and types, tests/, doctests of rbdata, notebooks (nbval, strict); one worker per core, a file's tests on one worker
	CFFCONVERT=$(CURDIR)/$(CFF_VENV)/bin/cffconvert $(VENV_PATH) $(BIN)/python -m pytest \
		-n auto --dist loadfile tests --doctest-modules rbdata \
		$(if $(NOTEBOOKS),--nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg $(NOTEBOOKS)) \
		</dev/null

lint: venv ## ruff (lint + format check) on rbdata/, tests/, scripts/; mypy on rbdata/
	$(BIN)/ruff check rbdata tests scripts
	$(BIN)/ruff format --check rbdata tests scripts
	$(BIN)/mypy

benchmark: venv ## time import rbdata and parsing both documents
	$(BIN)/python scripts/benchmark.py

readme: venv ## regenerate the column lists in README.md from rbdata/contract/schema.py
	$(BIN)/python scripts/update_readme.py

lock: venv ## rewrite requirements.lock from the packages installed in .venv
	{ echo "# Exact versions of every package of the reference environment (Python 3.11),"; \
	  echo "# so that notebook outputs are reproducible. Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^rbdata[= @]'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	touch $(STAMP)

clean: ## remove .venv/, caches and the built site (never data/)
	rm -rf $(VENV) $(CFF_VENV) build dist *.egg-info .pytest_cache .benchmarks docs/_build
	find . -path ./.git -prune -o \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -prune -exec rm -rf {} +
