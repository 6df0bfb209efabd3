# OCAM training platform. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# The sandbox's demo baseline: about 100k movements, quick on SQLite.
DEMO_SEED ?= 2026
DEMO_SCALE ?= 100k
# Settings and environment that `make lint` gives `check --deploy`: production-like, not secret.
DEPLOY_ENV := DJANGO_SETTINGS_MODULE=lms.settings.production \
	DJANGO_SECRET_KEY=lint-only-$$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-production-like-value \
	DJANGO_ALLOWED_HOSTS=formacion.ocam.example \
	LMS_SITE_URL=https://formacion.ocam.example \
	DATABASE_URL=postgres://lms:lms@db.internal:5432/lms \
	CELERY_BROKER_URL=redis://redis.internal:6379/0 \
	CACHE_URL=redis://redis.internal:6379/1 \
	EMAIL_URL=smtp+tls://mailer:password@smtp.ocam.example:587 \
	CERTIFICATES_SIGNING_KEY_FILE=/etc/ocam/certificate-signing.pem

.PHONY: help run test lint bench messages makemessages static migrate demo worker-ping clean screenshot

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

messages: $(VENV)/.runtime ## Compile the Spanish and English catalogues
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install the Debian package gettext."; exit 1; }
	cd lms && ../$(BIN)/python ../manage.py compilemessages --verbosity 0

makemessages: $(VENV)/.runtime ## Extract translatable strings into lms/locale
	$(MANAGE) makemessages --locale es --locale en --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'docs/*'

static: $(VENV)/.runtime ## Collect static files for WhiteNoise
	$(MANAGE) collectstatic --noinput --verbosity 0

migrate: $(VENV)/.runtime ## Apply database migrations
	$(MANAGE) migrate --noinput --verbosity 0

demo: migrate ## Load the demo users, courses, country tracking history and sandbox baseline (idempotent)
	$(MANAGE) demo_load
	$(MANAGE) sandbox_generate --seed $(DEMO_SEED) --scale $(DEMO_SCALE) --if-missing
	$(MANAGE) tracking_demo_load

run: $(VENV)/.runtime migrate messages static demo ## Set up and run the platform with a worker at http://127.0.0.1:$(PORT)
	@echo
	@echo "  OCAM training platform: http://127.0.0.1:$(PORT)/   (English: http://127.0.0.1:$(PORT)/en/)"
	@echo "  Administration:         http://127.0.0.1:$(PORT)/admin/"
	@echo "  Demo logins (password ocam-demo-2026): see the list above, or README.md."
	@echo "  E-mails the platform sends are printed here. Another port: PORT=8103 make run. Stop with Ctrl-C."
	@echo
	@# honcho, with time for the worker to finish its tasks when stopped (lms/shell/workers.py);
	@# Ctrl-C stops both processes (honcho exits 130 for SIGINT, 143 for SIGTERM): not an error.
	PORT=$(PORT) LMS_PORT=$(PORT) $(BIN)/python -m lms.shell.workers honcho start --no-prefix -f Procfile \
		|| [ $$? -eq 130 -o $$? -eq 143 ]

worker-ping: $(VENV)/.runtime ## Prove that a Celery worker answers
	$(MANAGE) worker_ping

test: $(VENV)/.dev messages ## Run the whole test suite, then the lint checks
	$(BIN)/pytest -n 2
	$(MAKE) lint

lint: $(VENV)/.dev ## ruff, import-linter, migrations check, deploy checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: $(VENV)/.dev messages ## Run the benchmarks and print the table of ratios
	$(BIN)/python -m bench

screenshot: $(VENV)/.dev messages ## Refresh docs/screenshot.png (needs chromium)
	$(BIN)/python -m bench.screenshot docs/screenshot.png

clean: ## Remove the virtualenv, the local database and collected static files
	rm -rf $(VENV) var staticfiles
