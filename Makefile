# The portal's commands. Only python3 (3.11+) and make are needed; everything else goes into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` is the embedded default: SQLite, tasks in-process, email on the console, debug on.
RUN_ENV := DJANGO_DEBUG=on
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help install run test bench lint format messages makemessages superuser lock clean deploy-check

help:
	@echo "make run         start the portal on http://127.0.0.1:8000 with demo data (SQLite)"
	@echo "make test        run the test suite (PostgreSQL and Redis when DATABASE_URL / CELERY_BROKER_URL are set)"
	@echo "make bench       the deadline-rush benchmark on PostgreSQL, Redis, gunicorn and Celery (about 10 minutes)"
	@echo "make lint        ruff, formatting and migration checks"
	@echo "make deploy-check  render the Kubernetes manifests and validate them offline; check docker-compose.yml"
	@echo "make superuser   create a staff login for /admin/"
	@echo "make makemessages  refresh the translation catalogues after changing texts"

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Compiled catalogues are built, not committed: Babel compiles them without needing GNU gettext.
messages: $(MO_FILES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/pybabel compile --domain django --directory locale --locale $*

makemessages: install  # needs GNU gettext (Debian package gettext)
	$(RUN_ENV) $(BIN)/python manage.py makemessages --all --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*"
	@# English is the source language: its catalogue repeats each text (GNU gettext's msgen), never a guess.
	msgattrib --clear-fuzzy --empty --width=79 --output-file=locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	msgen --width=79 --output-file=locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

run: install messages
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo_data
	@echo ""
	@echo "  The portal: http://127.0.0.1:8000/  (staff: http://127.0.0.1:8000/admin/)"
	@echo "  A staff login: run 'make superuser' in another terminal."
	@echo "  Emails are printed here, in this terminal."
	@echo ""
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install messages
	@if [ -z "$$DATABASE_URL" ] || [ -z "$$CELERY_BROKER_URL" ]; then \
	  echo "NOTICE: DATABASE_URL and/or CELERY_BROKER_URL not set: testing on SQLite without a broker;"; \
	  echo "        tests that need PostgreSQL, Redis and a Celery worker are skipped. CI sets both."; \
	fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The production-like stack on this machine under the deadline rush, then the admin with 20,000 registrations.
# Figures go to bench-results/ (JSON and an SVG chart); BENCH_ARGS passes options (python -m benchmarks.run -h).
bench: install messages
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

# The Kubernetes manifests as kustomize renders them, validated offline against the API schemas of
# KUBERNETES_VERSION (bundled with kubernetes-validate); the compose file as docker-compose reads it.
KUBECTL ?= kubectl
KUBERNETES_VERSION ?= 1.30.0
deploy-check: install
	@mkdir -p .deploy-check
	$(KUBECTL) kustomize deploy/kubernetes/base > .deploy-check/base.yaml
	$(KUBECTL) kustomize deploy/kubernetes/overlays/example > .deploy-check/example.yaml
	$(BIN)/kubernetes-validate --strict --quiet --kubernetes-version $(KUBERNETES_VERSION) \
	  .deploy-check/base.yaml .deploy-check/example.yaml
	DJANGO_SECRET_KEY=deploy-check docker-compose -f docker-compose.yml config -q
	@echo "deploy-check: the manifests and the compose file are valid."

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

superuser: install
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

# Re-resolve the pinned dependencies after changing pyproject.toml.
lock: install
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-find-links --no-emit-index-url \
	  --no-emit-trusted-host --output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .deploy-check $(MO_FILES)
