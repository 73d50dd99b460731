# Reflection assistant: `make run` to chat, `make test` to test. `make help` lists everything.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
PIPELINE := build/spacy_nl/meta.json
NLU_PIPELINE := build/spacy_nl_nlu/meta.json
MODEL_DIR := models
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# Nothing leaves the machine: no usage telemetry (exception reports: components/tracker_store.py).
export RASA_TELEMETRY_ENABLED := false
# Telegram is off unless a token is given (credentials.yml reads these; Rasa needs them set).
export TELEGRAM_ACCESS_TOKEN ?=
export TELEGRAM_BOT_USERNAME ?=
export TELEGRAM_WEBHOOK_URL ?=
export TELEGRAM_API_URL ?= https://api.telegram.org
export TELEGRAM_SECRET_TOKEN ?=
# What endpoints.yml reads; deploy/start.sh adds the action server's secret from the keys.
export ACTION_SERVER_URL ?= http://127.0.0.1:$(ACTIONS_PORT)/webhook
WIDGET := widget/dist/widget.js

.PHONY: help setup train run shell actions keys lint types test nlu-report retention demo bench widget clean

help:  ## this menu
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@command -v python3.10 >/dev/null || { echo "Python 3.10 is needed (pyenv: .python-version)"; exit 1; }
	test -x $(PY) || python3.10 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade "pip==24.0"
	$(PY) -m pip install -q -r requirements.lock
	-timeout 60 $(PY) -m spacy download nl_core_news_sm >/dev/null 2>&1 || echo "nl_core_news_sm not downloadable here; the own Dutch pipeline is trained from language/corpus"
	touch $(STAMP)

# The Dutch pipeline: official nl_core_news_sm when it loads, else trained here from the vendored
# UD corpus (cached in build/spacy_nl_own by a stamp; NL_PIPELINE=own|official forces a base).
$(PIPELINE): $(STAMP) language/*.py language/config.cfg language/lexicons/* language/corpus/*/*
	$(PY) -m language.build_pipeline

# What Rasa's NLU loads: blank Dutch, lookup lemmas, the lexicons (seconds; no training).
$(NLU_PIPELINE): $(STAMP) language/build_pipeline.py language/lexicons.py language/lexicons/*
	$(PY) -m language.build_pipeline --nlu

$(WIDGET): widget/package-lock.json widget/build.mjs widget/src/*.js
	@command -v npm >/dev/null || { echo "npm is needed to build the widget (Node.js 18+)"; exit 1; }
	cd widget && npm ci --no-audit --no-fund && npm run build

widget: $(WIDGET)  ## build the website chat widget (widget/dist/widget.js)

setup: $(STAMP) $(PIPELINE) $(NLU_PIPELINE) $(WIDGET)  ## create the venv, install pinned packages, build the Dutch pipelines and the widget

train: $(STAMP) $(NLU_PIPELINE)  ## train the model (skipped by Rasa when nothing changed; forced after an NLU pipeline rebuild)
	@force=""; [ $(NLU_PIPELINE) -nt $(MODEL_DIR)/reflectie.tar.gz ] && force="--force"; \
	$(RASA) train --fixed-model-name reflectie --out $(MODEL_DIR) $$force

actions: setup  ## run the action server in the foreground (keys must exist: make keys)
	$(PY) -m actions -p $(ACTIONS_PORT)

keys: setup  ## create the keys once (var/keys.json); `make run` does this itself
	$(PY) -m store.keys_cli init

run: train setup  ## run the assistant on localhost: keys, action server, Rasa server (deploy/start.sh)
	@echo "Chat over REST:  curl -s localhost:$(RASA_PORT)/webhooks/rest/webhook -d '{\"sender\":\"ik\",\"message\":\"hallo\"}'"
	@echo "Demo page with the chat widget: http://localhost:$(RASA_PORT)/widget/"
	@echo "Or in a terminal: make shell"
	RASA_PORT=$(RASA_PORT) ACTIONS_PORT=$(ACTIONS_PORT) deploy/start.sh

shell: train setup  ## chat in the terminal
	RASA_PORT=$(RASA_PORT) ACTIONS_PORT=$(ACTIONS_PORT) deploy/start.sh shell

lint: $(STAMP)  ## ruff: pyflakes, pycodestyle, import order, bugbear (pyproject.toml)
	$(VENV)/bin/ruff check .

types: $(STAMP)  ## mypy on the core, the store and the actions (pyproject.toml)
	$(VENV)/bin/mypy

test: lint types  ## lint, type check, validate data, pytest (units + conversations through the model), test stories
	@# the model trains while the Dutch pipeline is built (one core each on a 2-core machine)
	$(MAKE) -j2 train setup
	$(RASA) data validate
	$(PY) -m pytest -q tests
	$(RASA) test core --stories tests/stories --model $(MODEL_DIR)/reflectie.tar.gz --fail-on-prediction-errors --out results/core

nlu-report: setup  ## NLU report: held-out split + cross-validation, crisis-net recall/false positives
	$(PY) -m bench.quality

retention: setup  ## delete reflections and conversations older than REFLECTION_RETENTION_DAYS (default 365)
	$(PY) -m store.cli purge

DEMO ?= verjaardag
demo: train setup  ## play a facilitator demo in the terminal (DEMO=name, STEP=1: Enter per step, URL=http://...)
	$(PY) -m demos play $(DEMO) $(if $(STEP),--step) $(if $(URL),--url $(URL))

bench: setup  ## benchmark against a default `rasa init` bot, profile, NLU and crisis-net quality (~20 min)
	$(PY) -m bench.run

clean:  ## remove models, build output and results (keeps var/ with people's data)
	rm -rf $(MODEL_DIR) build results
