# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test translations extract-messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled catalogues are build output; the .po files are the source.
translations: $(VENV)/.runtime
	$(BIN)/pybabel --quiet compile --use-fuzzy -d translations -D messages

run: translations
	$(BIN)/python app.py

test: $(VENV)/.dev translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# After changing user-facing text: refresh the template and both catalogues, then translate.
extract-messages: $(VENV)/.runtime
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ -k gettext -k lazy_gettext --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations -D messages
	$(BIN)/python scripts/catalogues.py

bench: $(VENV)/.dev translations
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
