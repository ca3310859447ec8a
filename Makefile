# Two commands do all set-up on a fresh machine (python3 only):
#   make site    build the site from briefs/ with every check; findings are printed
#   make test    run the whole test suite (installs what it needs)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test clean bench bench-smoke bench-figures system-deps screenshots

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(VENV)/bin/mkdocs build

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

check: $(STAMP)
	$(VENV)/bin/briefcheck check

# System packages the tests drive for real: redis-server (the shared link cache) and Debian's
# chromium (the browser tests; Playwright drives it, no browser download).
SYSTEM_PACKAGES := redis-server chromium
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do command -v $$p >/dev/null || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq $$missing; \
	  else echo "make test needs:$$missing (apt-get install$$missing)"; exit 1; fi; \
	fi

test: $(STAMP) system-deps
	$(VENV)/bin/pytest

clean:
	rm -rf site .cache

# The README's screenshots, taken in Chromium from a fresh build of the site.
screenshots: site system-deps
	$(PY) scripts/screenshots.py site docs/screenshots

# Performance benchmarks (README "Performance"): ratios against their baselines, one run each.
# bench_build.py makes its own venv for mkdocs-bibtex.
bench: $(STAMP)
	$(PY) benchmarks/bench_build.py $(BENCH_ARGS)
	$(PY) benchmarks/bench_check_scaling.py
	$(PY) benchmarks/bench_serve_edit.py --with-build
	$(PY) benchmarks/bench_links.py

bench-smoke: $(STAMP)
	$(PY) benchmarks/bench_build.py --briefs 5 --repeat 1 --entries 300
	$(PY) benchmarks/bench_check_scaling.py --sizes 10 40 --repeat 1 --entries 300
	$(PY) benchmarks/bench_serve_edit.py --briefs 20 --entries 300 --repeat 1
	$(PY) benchmarks/bench_links.py --warm-urls 200 --cold-urls 100 --repeat 1

# Our figure extractor vs quantulum3 (accuracy and speed); quantulum3 gets a venv of its own.
# Options go in BENCH_ARGS, e.g. make bench-figures BENCH_ARGS=--verbose
Q3_VENV ?= .venv-quantulum3
Q3_STAMP := $(Q3_VENV)/.installed
QUANTULUM3 ?= quantulum3==0.10.0

$(Q3_STAMP):
	python3 -m venv $(Q3_VENV)
	$(Q3_VENV)/bin/python -m pip install --quiet '$(QUANTULUM3)'
	touch $(Q3_STAMP)

bench-figures: $(STAMP) $(Q3_STAMP)
	$(PY) benchmarks/figures_vs_quantulum3.py --quantulum3-python $(Q3_VENV)/bin/python $(BENCH_ARGS)
