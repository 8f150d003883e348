# Draagvlak: `make run` to start the app with a demo workspace, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV := DRAAGVLAK_DEBUG=1

.PHONY: run test install assets pango migrate demo lint migrations-check browser messages bench clean api-check

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) assets pango

# axe-core for the accessibility audit of tests/browser, from package-lock.json.
assets:
	@scripts/install-assets

# Pango for WeasyPrint, which writes the PDF reports (Debian packages, with apt when missing).
pango:
	@scripts/ensure-pango

migrate: install
	$(DEV) $(PY) manage.py migrate --noinput

demo: migrate
	$(DEV) $(PY) manage.py demo

# The app and, beside it, the worker that runs long work such as large imports.
run: demo
	@echo "Draagvlak runs at http://127.0.0.1:8000 — sign in as demo / draagvlak-demo (Ctrl+C stops it)"
	@$(DEV) $(PY) manage.py db_worker --interval 1 > var/worker.log 2>&1 & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(DEV) $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .

migrations-check: install
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

browser:
	@scripts/ensure-chromium

test: install lint migrations-check browser assets
	$(VENV)/bin/pytest

# Generated requests against the whole OpenAPI document (schemathesis, part of `make test` too):
# no server errors, no answer outside the document; about a minute on two cores.
api-check: install
	$(VENV)/bin/pytest -q tests/api/test_api_schema.py

# Regenerate the translation catalogues after changing texts (needs GNU gettext); Dutch texts
# for new messages may wait in locale/pending/*.po until then.
messages: install
	scripts/merge-translations

# Speed against the register's size, as ratios measured in one run (see bench/).
bench: install
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) staticfiles node_modules build/assets
