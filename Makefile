# Two commands do all set-up on a fresh machine (python3 only):
#   make site    build the site from briefs/ with every check; findings are printed
#   make test    run the whole test suite (installs what it needs)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test clean

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

test: $(STAMP)
	$(VENV)/bin/pytest

clean:
	rm -rf site .cache
