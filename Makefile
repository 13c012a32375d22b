# Two commands do all the set-up: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ALLIAGE_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/alliage

.PHONY: demo test lint format messages system-deps bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## Start the demo: SQLite under var/, seeded with the programme, on http://127.0.0.1:8000/
demo: $(VENV)/.installed
	$(BIN)/alliage demo

## Debian's Chromium (browser tests) and gettext (message catalogues), where missing
system-deps:
	@command -v chromium >/dev/null && command -v msgfmt >/dev/null || \
	  ( $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium gettext )

## The whole suite: lint, tests, browser tests; again on PostgreSQL when ALLIAGE_TEST_POSTGRES=1
test: $(VENV)/.installed-test system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest -n 2 --dist loadgroup
	@if [ "$$ALLIAGE_TEST_POSTGRES" = 1 ]; then \
	  echo "== the same suite on PostgreSQL =="; \
	  ALLIAGE_DATABASE_URL=$(ALLIAGE_TEST_DATABASE_URL) $(BIN)/python -m pytest -n 2 --dist loadgroup; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## Refresh the message catalogues after changing user-facing strings
messages: $(VENV)/.installed-test
	cd src/alliage && ../../$(BIN)/alliage makemessages -l fr --no-location --no-obsolete --keep-pot
	msgen --lang=en -o src/alliage/locale/en/LC_MESSAGES/django.po src/alliage/locale/django.pot
	rm src/alliage/locale/django.pot
	sed -i -e 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
	  -e 's/^"Project-Id-Version: .*/"Project-Id-Version: Alliage\\n"/' \
	  -e 's/^"Last-Translator: .*/"Last-Translator: Alliage team\\n"/' \
	  -e 's/^"Language-Team: .*/"Language-Team: English\\n"/' \
	  -e 's/^"PO-Revision-Date: YEAR.*/"PO-Revision-Date: 2026-11-29 22:00+0100\\n"/' \
	  -e '/^#, fuzzy$$/d' src/alliage/locale/en/LC_MESSAGES/django.po
	cd src/alliage && ../../$(BIN)/alliage compilemessages

bench: $(VENV)/.installed-test
	$(BIN)/python bench/coalition_list.py
	$(BIN)/python bench/matching.py
