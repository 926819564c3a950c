# hrbureau — the two commands of the README are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
BIND ?= 127.0.0.1:8000
STAMP := $(VENV)/.installed-$(shell sha256sum requirements/dev.lock 2>/dev/null | cut -c1-12)

.PHONY: bootstrap run test test-postgres lint format messages bench clean help

help:
	@echo "make run    — set up if needed, migrate, load demo data, start web + worker on http://127.0.0.1:8000"
	@echo "make test   — set up if needed and run the whole test suite (SQLite; DATABASE_URL for PostgreSQL)"
	@echo "make lint   — ruff, ruff format --check, mypy, import contracts, manage.py check, makemigrations --check"
	@echo "make bench  — fill a separate database and write bench/results.json"

bootstrap: $(STAMP)

$(STAMP): requirements/dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "hrbureau needs Python 3.11 or newer")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# The first run loads the registries and a tenth of each line's demo cases before the server starts (about a
# minute); the worker loads the rest in the background, reporting its progress. Later runs add nothing.
run: bootstrap
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo --rest-in-background
	$(MANAGE) serve --bind $(BIND)

# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process, for a debugger).
TEST_WORKERS ?= auto
test: bootstrap
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: bootstrap
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy hrbureau bench
	$(VENV)/bin/lint-imports
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) workflow_diagrams --check
	$(PY) scripts/check_messages.py

format: bootstrap
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: bootstrap
	$(MANAGE) makemessages -l zh_Hans --no-obsolete --no-location --no-wrap --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'
	$(MANAGE) compilemessages -l zh_Hans --ignore '.venv/*'

bench: bootstrap
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
