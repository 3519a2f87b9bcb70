# The two commands of README: `make run` and `make test`. Everything else is optional.
# `make run` serves as production does (debug off, gunicorn, hashed static files); `make dev` is
# the autoreloading debug server for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.txt
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: run dev test setup migrate lint format bench screenshots messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when requirements.txt changed since the last install.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

setup: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput -v 0

# Hashed, compressed static files for WhiteNoise; collected again only when a static file changed.
STATIC_MANIFEST := $(or $(DJANGO_STATIC_ROOT),var/staticfiles)/staticfiles.json
$(STATIC_MANIFEST): $(STAMP) $(shell find static -type f)
	$(PY) manage.py collectstatic --noinput -v 0

run: setup $(STATIC_MANIFEST)
	$(PY) manage.py make_secret_key
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	$(VENV)/bin/gunicorn ytich.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 120 --access-logfile -

dev: setup
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Rebuild the Vietnamese catalogues after changing user-facing strings (needs GNU gettext).
# Each app's strings go to its own <app>/locale; templates/ and ytich/ go to locale/.
messages: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l vi --no-obsolete --no-location -i '.venv/*' -i 'var/*' -i 'static/*'
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -d djangojs -l vi --no-obsolete --no-location -i '.venv/*' -i 'var/*' -i 'static/vendor/*'
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -i .venv -v 0

# Province-scale benchmark on the configured database kind (SQLite var/bench.sqlite3, or the
# PostgreSQL database ytich_bench beside DATABASE_URL's); builds the synthetic province once.
bench: $(STAMP)
	$(PY) scripts/bench.py

screenshots: setup
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo --if-empty
	DJANGO_DEBUG=1 $(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) var/*.sqlite3 var/staticfiles
