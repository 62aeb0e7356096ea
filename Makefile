# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --require-hashes --no-deps

# PostgreSQL or Redis in the environment means the scale-out packages are needed too.
SCALE := $(if $(or $(findstring postgres,$(DATABASE_URL)),$(MESSAGE_QUEUE),$(REDIS_URL)),$(VENV)/.scale,)

.PHONY: run test lint lock translations extract-messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the hashed lock files; the *.in files are what people edit (`make lock`).
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(PIP) -r requirements.txt
	touch $@

$(VENV)/.scale: requirements-scale.txt $(VENV)/.runtime
	$(PIP) -r requirements-scale.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) -r requirements-dev.txt
	touch $@

# Compiled catalogues are build output; the .po files are the source.
translations: $(VENV)/.runtime
	$(BIN)/pybabel --quiet compile --use-fuzzy -d translations -D messages

run: translations $(SCALE)
	$(BIN)/python app.py

# Lint, the lock files' freshness, then every test.
test: $(VENV)/.dev translations lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/python scripts/lock.py --check
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .

# After editing a requirements*.in: recompile the hashed lock files (needs the network).
lock: $(VENV)/.dev
	$(BIN)/python scripts/lock.py

# After changing user-facing text: refresh the template and both catalogues, then translate.
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ -k gettext -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations -D messages
	$(BIN)/python scripts/catalogues.py

bench: $(VENV)/.dev translations
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
