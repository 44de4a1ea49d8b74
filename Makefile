# Two commands: `make run` opens the workbench, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench screenshots clean browser

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/workbench $(ARGS)

# Byte-code caches are written while testing, even where the environment turns them off:
# otherwise every worker compiles the app and rewrites every test module again, each run.
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP) browser
	$(BIN)/ruff check workbench tests benchmarks docs
	$(BIN)/ruff format --check workbench tests benchmarks docs
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser test (tests/cli/test_serve.py) drives Debian's chromium: installed here when it is
# missing and we are root; otherwise that test is skipped with how to install it (failed under CI).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium is missing: the browser test needs it (as root: apt-get install chromium)"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
