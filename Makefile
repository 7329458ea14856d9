# Halqa developer interface. `make demo` and `make test` are the quick start.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt
CATALOGUES := $(wildcard halqa/*/locale)

.PHONY: install dev messages demo serve test test-sqlite test-postgres test-topology lint format bench soak clean

install: $(VENV)/.installed messages

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

dev: $(VENV)/.dev messages

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) -e '.[dev]'
	touch $@

messages: $(VENV)/.installed
	@for dir in $(CATALOGUES); do $(BIN)/pybabel -q compile -d $$dir -D django || exit 1; done

demo: install
	$(BIN)/halqa demo

serve: install
	$(BIN)/halqa serve

test: dev lint
	bash scripts/test.sh

test-sqlite: dev
	bash scripts/test.sh sqlite

test-postgres: dev
	bash scripts/test.sh postgres

# Two servers behind a load balancer, PostgreSQL, Redis, a worker: a member journey (about 45 s).
test-topology: dev
	$(BIN)/pytest -n0 -q -p no:randomly tests/topology

lint: dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy halqa
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0
	$(BIN)/python scripts/check_catalogues.py
	$(BIN)/python scripts/check_css_direction.py

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: dev
	$(BIN)/python bench/run.py

# Load, soak and faults on loopback (docs/reliability.md): six scenarios of 5 minutes each.
# A part: make soak SOAK_ARGS="--scenario kill --duration 60".
soak: dev
	$(BIN)/python -m bench.soak.run $(SOAK_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info
