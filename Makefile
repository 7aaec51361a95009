# The two commands of the README: `make run` and `make test`. Each installs what it needs.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint setup setup-test bench

setup:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

run: setup
	$(BIN)/paperasse serve

lint:
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy src
	$(BIN)/lint-imports

test: setup-test lint
	$(BIN)/pytest

bench: setup-test
	$(BIN)/python -m bench.ocr
	$(BIN)/python -m bench.classify
	$(BIN)/python -m bench.search
