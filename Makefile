# Two entry points that work on a fresh machine with Python >= 3.10:
#   make demo   set up .venv from the lock file and write the report of the bundled corpus (report/index.html)
#   make test   set up .venv from the lock file, lint (ruff), run the docstrings' examples (make doctest), build the
#               reference site with warnings as errors, then the tests (and install Chromium for the report's browser
#               test when it is missing and this is root with apt-get; elsewhere that test is skipped)
#   make docs   the reference site (Sphinx, numpydoc, autosummary) into docs/_build/html, offline
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo lint doctest docs docs-check test test-fast chromium lock clean link-model

$(BIN)/cobs: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(BIN)/cobs

demo: $(BIN)/cobs
	$(BIN)/cobs report -o report

# ruff (pinned in the test extra) with the rules of pyproject.toml, on the whole tree (notebooks too).
lint: $(BIN)/cobs
	$(BIN)/ruff check .

# The examples of every docstring in cobs/ (doctests), on their own and before the tests, so that a red one names
# itself (cobs/topics/_quality.py::cobs.topics._quality.coherence) rather than hide among 900 tests; about 20 s of CPU.
doctest: $(BIN)/cobs
	$(BIN)/python -m pytest cobs -p no:cacheprovider

# The reference site, built offline (no intersphinx) from the docstrings, the README's guide sections, cobs.columns
# and the figures of examples/; docs-check (make test) turns every warning into an error, so that a broken
# cross-reference or docstring fails CI.
SPHINX := $(BIN)/python -m sphinx -q -j auto
docs: $(BIN)/cobs
	$(SPHINX) -b html docs docs/_build/html
	@echo "docs/_build/html/index.html"

docs-check: $(BIN)/cobs
	$(SPHINX) -W --keep-going -b html docs docs/_build/html

# The doctests (above), the site, then tests/ (pytest alone would run both: pyproject's testpaths).
test: lint chromium doctest docs-check
	$(BIN)/python -m pytest tests

# The inner loop: every test but those that read the real documents of ../shared/data (marked real_data) and the
# end-to-end runs of the notebooks, the report and the examples (marked slow); make test (CI) runs them all.
# It runs on every core (pytest-xdist, a test module per worker); make test stays on one process, as the
# interrupt tests inspect the worker processes they start.
FAST := not real_data and not slow
test-fast: $(BIN)/cobs
	$(BIN)/python -m pytest -m "$(FAST)" -n auto --dist loadfile

# Debian's Chromium for tests/test_report.py (the page in a browser); the test says why it skips without it.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (apt-get) for the browser test of the report"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "chromium could not be installed: the browser test of the report will be skipped"; \
	  else \
	    echo "chromium is not installed and this is not root with apt-get: the browser test will be skipped"; \
	  fi; }

# Re-pin every dependency (runtime and test) after changing pyproject.toml.
# The UPR link model of cobs.compare.align (cobs/data/upr_link_model.json), fitted again on the gold in tests/data
# (needs ../shared/data: the COs, the UPR reports and UPR Info's export); random_state=0, so the same file each time.
link-model: $(BIN)/cobs
	cd benchmarks && ../$(BIN)/python train_link_model.py

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet ".[test,docs]"
	.lock-venv/bin/python -m pip freeze --exclude cobs > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV)
