# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint check-deploy services messages clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## Create the venv, migrate, load the demo site and serve http://127.0.0.1:8000
run: $(STAMP)
	bash scripts/ensure-fonts.sh
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole suite (SQLite and local memory unless DATABASE_URL / REDIS_URL are set)
test: $(STAMP)
	bash scripts/ensure-browser.sh
	bash scripts/ensure-fonts.sh
	$(BIN)/ruff check .
	$(BIN)/pytest

## Everything but the browser journeys
test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Start PostgreSQL and Redis on 127.0.0.1 (root, Debian) and print their URLs
services:
	@bash scripts/services.sh

## Refresh the translation catalogues after changing UI strings
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache
