# Gonghui — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
DEMO_SIZE ?= district

.PHONY: install run serve demo test test-fast lint format bench clean

$(BIN)/gonghui: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@

install: $(BIN)/gonghui

# Migrate the SQLite database under var/, load the demo once (idempotent), serve on $(HOST).
run: install
	GONGHUI_DEBUG=1 $(BIN)/gonghui migrate --noinput -v0
	GONGHUI_DEBUG=1 $(BIN)/gonghui demo --size $(DEMO_SIZE)
	GONGHUI_DEBUG=1 $(BIN)/gonghui serve $(HOST)

test: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not browser"

lint: install
	$(BIN)/ruff check src tests benchmarks

format: install
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install
	$(BIN)/python benchmarks/import_members.py

clean:
	rm -rf $(VENV) var
