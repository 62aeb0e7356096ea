# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --require-hashes --no-deps

# PostgreSQL or Redis in the environment means the scale-out packages are needed too.
SCALE := $(if $(or $(findstring postgres,$(DATABASE_URL)),$(MESSAGE_QUEUE),$(REDIS_URL)),$(VENV)/.scale,)

.PHONY: run test lint lint-js lock translations extract-messages bench screenshots clean

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
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory lint-js; \
	elif [ "$$REQUIRE_ESLINT" = 1 ]; then echo "lint: REQUIRE_ESLINT=1 but npm is not installed"; exit 1; \
	else echo "lint: no node/npm here, so ESLint is skipped (CI runs it)"; fi

# ESLint for static/js, installed from the hashed npm lock (package-lock.json) into node_modules/.
node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

lint-js: node_modules/.installed
	node_modules/.bin/eslint --max-warnings 0 .

# After editing a requirements*.in: recompile the hashed lock files (needs the network).
lock: $(VENV)/.dev
	$(BIN)/python scripts/lock.py

# After changing user-facing text: refresh the template and both catalogues, then translate.
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ -k gettext -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations -D messages
	$(BIN)/python scripts/catalogues.py

# Refresh the README's screenshots from the browser test that takes them (needs Debian's Chromium).
screenshots: $(VENV)/.dev translations
	REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_core_flow.py::test_core_flow
	mkdir -p docs/screenshots
	cp test-output/screenshots/readme/*.jpg docs/screenshots/

bench: $(VENV)/.dev translations
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache node_modules
