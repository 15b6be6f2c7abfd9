# Renda: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: run test lint format bench venv messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

## Create the venv, migrate, load the demo congress and serve on http://127.0.0.1:$(PORT).
run: $(STAMP)
	$(BIN)/renda migrate --noinput
	$(BIN)/renda demo
	$(BIN)/renda serve --port $(PORT)

## Lint, then run every test (browser tests skip without Chromium unless REQUIRE_E2E=1).
test: lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Run every benchmark; each prints key=value figures on its last line.
bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

## Update the English catalogue from the source (needs GNU gettext), then compile it with polib.
messages: $(STAMP)
	cd renda && ../$(BIN)/django-admin makemessages -l en --settings=renda.settings -i "lawtext/*" -i "*/tests/*"
	$(BIN)/python -m renda.core.i18n_compile

clean:
	rm -rf $(VENV) var/static
