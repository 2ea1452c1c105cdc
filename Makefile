# The two commands of the README: `make run` and `make test`. Each creates the virtual
# environment and installs what it needs on first use; re-running is safe and fast.
VENV := .venv
PYTHON := $(VENV)/bin/python
HOST_PORT := 127.0.0.1:8000

.PHONY: run test lint audit lock format messages

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

# requirements.lock pins every package, so that every machine installs the versions that were
# tested and audited; pyproject.toml says what the product needs.
$(VENV)/.installed: pyproject.toml requirements.lock | $(PYTHON)
	$(PYTHON) -m pip install --quiet --constraint requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements.lock | $(PYTHON)
	$(PYTHON) -m pip install --quiet --constraint requirements.lock -e '.[dev]'
	touch $@ $(VENV)/.installed

# Local development: DEBUG on unless the environment says otherwise, SQLite and the embedded
# broker (files under var/broker/) unless DATABASE_URL and CELERY_BROKER_URL are set. A Celery
# worker with its beat runs beside the web server, as in production, so that a report is built
# outside the web request and the scheduled jobs run; both stop together.
run: export DEBUG := $(or $(DEBUG),true)
run: export COUNTRY_NAME := $(or $(COUNTRY_NAME),Demoland (demonstration data))
run: $(VENV)/.installed
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py loadcompact
	$(PYTHON) manage.py seed_demo
	$(VENV)/bin/celery --app tracker worker --pool prefork --concurrency 1 --without-gossip \
		--without-mingle --loglevel WARNING --beat --schedule var/celerybeat-schedule & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PYTHON) manage.py runserver $(HOST_PORT)

test: $(VENV)/.installed-dev lint audit
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --recursive --configfile pyproject.toml tracker compact reports

# Fails on any known vulnerability of a locked package (PyPA's advisories through PyPI's API).
# A package the service cannot be asked about is listed as not audited, without failing: see
# the README's Security section for the machines where that is every package.
audit: $(VENV)/.installed-dev
	$(VENV)/bin/pip-audit --requirement requirements.lock --no-deps --disable-pip \
		--progress-spinner off

# After changing the dependencies in pyproject.toml: pin them again.
lock: $(VENV)/.installed-dev
	$(VENV)/bin/pip-compile --quiet --strip-extras --extra dev --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock pyproject.toml

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Compile the interface translations after editing tracker/locale/*/LC_MESSAGES/django.po.
# The compiled .mo files are committed, so that running the product needs no gettext tools.
messages: $(VENV)/.installed-dev
	$(PYTHON) manage.py makemessages -l sv -l nb -l da --no-obsolete --add-location=file \
		--ignore=.venv --ignore=var --ignore=tests --ignore=fixtures
	$(PYTHON) manage.py compilemessages --ignore=.venv
