# Two entry points that work on a fresh machine with Python >= 3.10:
#   make demo   set up .venv from the lock file and read the bundled corpus
#   make test   set up .venv from the lock file and run the tests
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lock clean

$(BIN)/cobs: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(BIN)/cobs

demo: $(BIN)/cobs
	$(BIN)/cobs corpus corpus/

test: $(BIN)/cobs
	$(BIN)/python -m pytest

# Re-pin every dependency (runtime and test) after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[test]"
	.lock-venv/bin/python -m pip freeze --exclude cobs > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV)
