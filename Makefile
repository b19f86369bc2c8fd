# Short verbs for orgkg. `make run` and `make test` set everything up themselves.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= data/orgkg.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test load serve lint schema clean

# The Python environment: rebuilt when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

# Node tools the tests drive (GraphQL-over-HTTP audit, Cypher linter), pinned in tests/js.
tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Load the bundled examples into the embedded store and serve GraphQL on http://$(HOST):$(PORT)/graphql
run: $(VENV)/.installed
	$(BIN)/orgkg --db $(DB) load examples/
	$(BIN)/orgkg --db $(DB) serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed $(if $(wildcard tests/js/package.json),tests/js/node_modules/.installed)
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

schema: $(VENV)/.installed
	$(BIN)/orgkg schema > api/schema.graphql

clean:
	rm -rf $(VENV) data tests/js/node_modules
