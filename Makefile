# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint check-deploy services prod prod-stop messages bench bench-scale lock clean

# Installs exactly what the lock files name, each file checked against its hash.
$(STAMP): requirements.lock requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(STAMP)

# pip-tools lives in a venv of its own, so locking never changes the project's venv.
LOCK_VENV := .venv-lock
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet pip==26.3 pip-tools==7.7.0

## Regenerate requirements.lock and requirements-dev.lock (hashes included) after editing a pin
lock: $(LOCK_VENV)/bin/pip-compile
	$(PIP_COMPILE) --output-file=requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint=requirements.lock --output-file=requirements-dev.lock \
		requirements-dev.txt

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
	bash scripts/ensure-nginx.sh
	bash scripts/ensure-standards.sh
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest

## Everything but the browser journeys
test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Start PostgreSQL and Redis on 127.0.0.1 (root, Debian) and print their URLs
services:
	@bash scripts/services.sh

## The production stack here: nginx on http://127.0.0.1:8480, gunicorn, Celery worker and beat
prod: $(STAMP)
	bash scripts/prod.sh

## Stop a stack that `make prod` left running
prod-stop:
	bash scripts/prod.sh stop

# The benchmark empties this Redis database; the PostgreSQL role needs CREATEDB.
BENCH_PG ?= postgres://qingshui:qingshui@127.0.0.1:5432
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/9
BENCH_ARGS ?=
BENCH := $(BIN)/python benchmarks/bench.py --redis-url $(BENCH_REDIS_URL) \
	--demo $(BENCH_PG)/qingshui_bench_demo

## Benchmark the demo site under gunicorn against a bare-Django ceiling; writes docs/performance.md
bench: $(STAMP)
	bash scripts/ensure-bench.sh
	$(BENCH) $(BENCH_ARGS)

## The same, then the seed-scale data set at 1/10 and full size (refills qingshui_bench_scale)
bench-scale: $(STAMP)
	bash scripts/ensure-bench.sh
	$(BENCH) --scale $(BENCH_PG)/qingshui_bench_scale $(BENCH_ARGS)

## Refresh the translation catalogues after changing UI strings
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=staticfiles --ignore=var --ignore=tools
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=tools

clean:
	rm -rf $(VENV) $(LOCK_VENV) staticfiles var .pytest_cache
