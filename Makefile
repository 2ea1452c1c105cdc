# The two commands of the README: `make run` and `make test`. Each creates the virtual
# environment and installs what it needs on first use; re-running is safe and fast.
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST_PORT := 127.0.0.1:8000

.PHONY: run test lint format messages

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# Local development: DEBUG on unless the environment says otherwise, SQLite and in-process tasks
# unless DATABASE_URL and CELERY_BROKER_URL are set.
run: export DEBUG := $(or $(DEBUG),true)
run: export COUNTRY_NAME := $(or $(COUNTRY_NAME),Demoland (demonstration data))
run: $(VENV)/.installed
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py loadcompact
	$(PYTHON) manage.py seed_demo
	$(PYTHON) manage.py runserver $(HOST_PORT)

test: $(VENV)/.installed-dev lint
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --recursive --configfile pyproject.toml tracker compact reports

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Compile the interface translations after editing tracker/locale/*/LC_MESSAGES/django.po.
# The compiled .mo files are committed, so that running the product needs no gettext tools.
messages: $(VENV)/.installed-dev
	$(PYTHON) manage.py makemessages -l sv -l nb -l da --no-obsolete --add-location=file \
		--ignore=.venv --ignore=var --ignore=tests --ignore=fixtures
	$(PYTHON) manage.py compilemessages --ignore=.venv
