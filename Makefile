# Ieum: `make run` to chat, `make test` to test. Both install what is missing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements/lock.txt pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
# The public edge (channels/edge): its own venv on Python >= 3.12, no Rasa in it.
EDGE_VENV := .venv-edge
EDGE_PY := $(EDGE_VENV)/bin/python
EDGE_STAMP := $(EDGE_VENV)/.installed-$(shell cat requirements/edge-lock.txt 2>/dev/null | sha1sum | cut -c1-12)
# The action server (actions/): rasa-sdk 3.21 on Python >= 3.12, its own venv.
ACTIONS_VENV := .venv-actions
ACTIONS_PY := $(ACTIONS_VENV)/bin/python
ACTIONS_STAMP := $(ACTIONS_VENV)/.installed-$(shell cat requirements/actions-lock.txt 2>/dev/null | sha1sum | cut -c1-12)
# rasa-webchat (pinned in package-lock.json) for the browser test; npm ci writes this file.
WEBCHAT_DIR := tests/channels/edge/webchat
WEBCHAT_STAMP := $(WEBCHAT_DIR)/node_modules/.package-lock.json
export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL := 2
# No telemetry or error reports leave the machine.
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help install run test train lint bench eval-lid eval-nlu eval-answers eval-conversations lock lock-edge lock-actions clean catalogue

help: ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

install: $(STAMP) $(EDGE_STAMP) $(ACTIONS_STAMP) webchat-widget ## create .venv (Python 3.10, Rasa), .venv-edge and .venv-actions (3.12+); install the locked dependencies

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

$(EDGE_STAMP): requirements/edge-lock.txt
	@scripts/venv312.sh $(EDGE_VENV) requirements/edge-lock.txt "the edge" && touch $@

$(ACTIONS_STAMP): requirements/actions-lock.txt
	@scripts/venv312.sh $(ACTIONS_VENV) requirements/actions-lock.txt "the action server" && touch $@

# npm ci at install time, never at test time; without npm the browser test is skipped and says why.
.PHONY: webchat-widget
webchat-widget:
	@if [ -f $(WEBCHAT_STAMP) ] && [ $(WEBCHAT_STAMP) -nt $(WEBCHAT_DIR)/package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
	  echo "installing rasa-webchat (pinned) for the browser test ..."; \
	  (cd $(WEBCHAT_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null); \
	else echo "npm not found: the rasa-webchat browser test will be skipped"; fi

catalogue: install ## validate catalogue/data and load it into the database
	$(PY) -m catalogue load

run: install ## load the catalogue, train if needed, start everything; prints the chat URL
	$(PY) -m bot.launcher run

train: install ## train the model if its inputs changed
	$(PY) -m bot.launcher train

test: install ## run both suites: the Rasa side (.venv), then the public edge (.venv-edge)
	@status=0; \
	$(PY) -m pytest --ignore=tests/channels/edge || status=$$?; \
	echo; echo "=== the public edge: tests/channels/edge on $$($(EDGE_PY) -V) ==="; \
	$(EDGE_PY) -m pytest tests/channels/edge || { s=$$?; [ $$status -ne 0 ] || status=$$s; }; \
	exit $$status

lint: install ## ruff, the layer contracts (import-linter) and mypy on the whole tree
	$(VENV)/bin/ruff check bot actions catalogue channels tests bench
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	@# The edge is checked against its own Python and packages.
	$(VENV)/bin/mypy --python-executable $(EDGE_PY) --python-version 3.12 --ignore-missing-imports --check-untyped-defs $$(find channels/edge -name "*.py")

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

lock-edge: ## re-resolve requirements/edge.in into requirements/edge-lock.txt (Python 3.12+)
	@scripts/lock312.sh edge

lock-actions: ## re-resolve requirements/actions.in into requirements/actions-lock.txt (Python 3.12+)
	@scripts/lock312.sh actions

clean: ## remove trained models and the local database
	rm -rf models/*.tar.gz var tests/.cache
