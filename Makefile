# Two commands do everything on a fresh machine:  make run  ·  make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

# Offline by design: no analytics, no telemetry, no model-hub look-ups at run time.
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY     := False
export HF_HUB_OFFLINE           := 1
export TOKENIZERS_PARALLELISM   := false

.PHONY: run test install install-dev index serve lint typecheck bench eval clean browser-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -U pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(PIP) install -e '.[dev,llm-test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

index: install
	$(BIN)/shkc-advisor index

# Build the index only when it is missing, then serve the chat on 127.0.0.1:7860.
run: install
	@test -f .shkc/bm25/chunks.jsonl || $(BIN)/shkc-advisor index
	$(BIN)/shkc-advisor serve

# Debian chromium + CJK fonts for the real-browser tests (installed when missing).
browser-deps:
	@bash scripts/ensure-browser.sh

test: install-dev browser-deps
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check shkc_advisor tests evals benchmarks
	$(BIN)/mypy shkc_advisor

eval: install-dev
	$(BIN)/shkc-advisor eval evals/datasets/dev.jsonl --compare

bench: install-dev
	$(BIN)/python -m benchmarks

clean:
	rm -rf .shkc test-artifacts .pytest_cache .mypy_cache .ruff_cache
