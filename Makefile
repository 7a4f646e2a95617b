# `make chat` and `make test` are the two commands a newcomer needs; each builds .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: chat test bench conformance clean

# Reinstall only when the package definition changes: a second `make test` starts at once.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Crossroads into $(VENV) (first run takes about a minute)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

chat: $(STAMP)
	@$(BIN)/crossroads chat

test: $(STAMP)
	@$(BIN)/python -m pytest

# Every bench prints its figures beside floors measured in the same run; all run, and the target
# fails if any bench missed a target.
bench: $(STAMP)
	@failed=""; for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "targets missed in:$$failed"; exit 1; fi

# Not part of `make test`: builds llama.cpp's server once (cached), runs the eval suite against a real
# weak model on 127.0.0.1 and the offline engine. ARGS=--full replays every scenario.
conformance: $(STAMP)
	@$(BIN)/python bench/conformance.py $(ARGS)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
