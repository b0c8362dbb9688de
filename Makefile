# Two commands on a fresh machine with only python3 and make: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench install clean

# (Re)install when pyproject.toml changes; creates the virtual environment if missing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tdc-bot demo

lint: $(STAMP)
	$(BIN)/ruff check .

# mypy --strict on every package we ship (files and options: [tool.mypy] in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

# Branch coverage of the rules, the flows and the storage, each held to COVERAGE_FLOOR percent.
COVERAGE_FLOOR ?= 90

test: $(STAMP) lint typecheck
	$(BIN)/pytest --cov --cov-report=
	@$(BIN)/coverage report | tail -n 1
	@status=0; for pkg in domain handlers storage; do \
	  total=$$($(BIN)/coverage report --include="$$pkg/*" --format=total); \
	  echo "branch coverage $$pkg/: $$total% (floor $(COVERAGE_FLOOR)%)"; \
	  $(BIN)/python -c "import sys; sys.exit(float('$$total') < $(COVERAGE_FLOOR))" || status=1; \
	done; [ $$status = 0 ] || { echo "coverage below the floor: see 'coverage report'"; exit 1; }

bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) data .pytest_cache .ruff_cache .mypy_cache .hypothesis
