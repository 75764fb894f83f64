# Ieum: `make run` to chat, `make test` to test. Both install what is missing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
# No telemetry or error reports leave the machine.
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install run test train lint bench eval-lid eval-nlu eval-answers eval-conversations lock clean catalogue

help: ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv on Python 3.10 and install the locked dependencies

$(STAMP): requirements/lock.txt pyproject.toml
	@set -e; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  PYTHON310=$$(scripts/find-python310.sh); \
	  echo "creating $(VENV) with $$PYTHON310"; \
	  rm -rf $(VENV); "$$PYTHON310" -m venv $(VENV); \
	fi; \
	echo "installing the locked dependencies (first time: a few minutes) ..."; \
	$(PY) -m pip install -q "pip==24.3.1"; \
	$(PY) -m pip install -q -r requirements/lock.txt -c requirements/lock.txt; \
	$(PY) -m pip install -q --no-deps --no-build-isolation -e .; \
	$(PY) -m pip check; \
	rm -f $(VENV)/.installed-*; touch $@

catalogue: install ## validate catalogue/data and load it into the database
	$(PY) -m catalogue load

run: install ## load the catalogue, train if needed, start everything; prints the chat URL
	$(PY) -m bot.launcher run

train: install ## train the model if its inputs changed
	$(PY) -m bot.launcher train

test: install ## run the test suite
	$(PY) -m pytest

lint: install ## ruff, the layer contracts (import-linter) and mypy on the whole tree
	$(VENV)/bin/ruff check bot actions catalogue channels tests bench
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy

bench: install ## benchmarks; results in bench/results/
	$(PY) -m bench.run

eval-lid: install ## language-ID table against fastText, langdetect and lingua
	$(PY) -m bench.eval_lid

eval-nlu: install ## intent/entity evaluation against Rasa's default pipeline
	$(PY) -m bench.eval_nlu

eval-answers: install ## right-service-first per language against today's resolver and plain e5
	$(PY) -m bench.eval_answers

eval-conversations: install ## scripted multi-turn conversations played against the running bot
	$(PY) -m bench.eval_conversations

lock: ## re-resolve requirements/base.in into requirements/lock.txt
	@set -e; d=$$(mktemp -d); PY310=$$(scripts/find-python310.sh); "$$PY310" -m venv $$d/venv; \
	$$d/venv/bin/pip install -q --upgrade "pip<25"; \
	$$d/venv/bin/pip install -q -r requirements/base.in -c requirements/constraints.txt; \
	{ head -2 requirements/lock.txt; $$d/venv/bin/pip freeze --all; } > requirements/lock.txt.new; \
	mv requirements/lock.txt.new requirements/lock.txt; rm -rf $$d; echo "requirements/lock.txt updated"

clean: ## remove trained models and the local database
	rm -rf models/*.tar.gz var tests/.cache
