# Two commands on a fresh machine with only python3 and make: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
# `make lock` and `make audit` only: their tools live apart from .venv, which holds the lock alone.
TOOLS  := .tools
TOOL_VERSIONS := uv==0.13.9 pip-audit==2.10.1

.PHONY: demo test lint typecheck bench install lock audit clean

# Installs exactly the lock (every package pinned, with its hashes; pip itself and the build tools
# too), then the project with nothing more, and removes what the lock does not list. Refuses, saying
# what to do, when pyproject.toml's dependencies changed since the last `make lock`.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) tools/lock.py check
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python tools/lock.py prune
	touch $(STAMP)

install: $(STAMP)

$(TOOLS)/.installed: Makefile
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet $(TOOL_VERSIONS)
	touch $@

# Re-resolve requirements.lock from pyproject.toml (needs PyPI); commit the result.
lock: $(TOOLS)/.installed
	$(TOOLS)/bin/python tools/lock.py compile

# Known vulnerabilities in the locked packages (needs PyPI's JSON API or OSV; not part of `make test`).
audit: $(TOOLS)/.installed
	$(TOOLS)/bin/python tools/lock.py audit

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

# As modules (python -m bench.chat), so a bench can share helpers with another (bench/measure.py);
# helpers without a main only import.
bench: $(STAMP)
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python -m bench.$$(basename $$script .py) || exit 1; done

clean:
	rm -rf $(VENV) $(TOOLS) data .pytest_cache .ruff_cache .mypy_cache .hypothesis
