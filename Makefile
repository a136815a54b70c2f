# Two commands set everything up on a fresh machine with Python >= 3.11 and make:
#   make run   — create .venv, install, start the bot (local console without Slack tokens)
#   make test  — install the dev extra, run ruff and the whole test suite
# Both install the tested versions pinned, with hashes, in requirements.txt (run) and
# requirements-dev.txt (test); `make lock` re-resolves them from pyproject.toml with uv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test lint format bench clean lock install-check mutation

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(DEVSTAMP): pyproject.toml requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/cdfbot run

test: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEVSTAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(DEVSTAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/extract_bench.py

# Re-resolve both lock files from pyproject.toml (universal: every platform and Python >= 3.11).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra postgres --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command 'make lock' -q -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --extra postgres --extra dev --universal \
		--python-version 3.11 --generate-hashes --custom-compile-command 'make lock' -q \
		-o requirements-dev.txt

# What a user without the lock gets: stock pip 23.2, a plain `pip install .` in a fresh venv,
# then an HTML extraction (trafilatura → justext → lxml.html.clean). Slow (downloads
# everything), so not part of `make test`.
install-check:
	rm -rf .install-check && $(PYTHON) -m venv .install-check
	.install-check/bin/python -m pip install --quiet 'pip==23.2'
	.install-check/bin/python -m pip install --quiet .
	.install-check/bin/cdfbot extract examples/2024-computing-power-briefing.html --json \
		| .install-check/bin/python -c 'import json, sys; assert json.load(sys.stdin)["figures"]'
	rm -rf .install-check
	@echo "install-check: a plain pip install . works"

# Mutation testing of the safety-critical modules (scripts/mutation.py; config in
# [tool.mutmut]): a few minutes, so not part of `make test`. Survivors: docs/mutation.md.
mutation: $(DEVSTAMP)
	$(BIN)/python -m pip install --quiet -e '.[mutation]'
	$(BIN)/python scripts/mutation.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info .install-check
