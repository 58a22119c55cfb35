# budget-audit: `make reports` runs the main job on data/raw; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install reports processed test notebooks lab sample bench bench-read bench-report accuracy chromium clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Headless Chromium renders the reports in the offline test (Debian package).
chromium:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian$$missing for the offline report test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	  || echo "warning: could not install$$missing; the offline report test may be skipped"; \
	fi

# Parse and audit once, then render every report in parallel (one worker per core); prints the index's path.
reports: install
	$(BIN)/budget-audit report data/raw --out reports --processed data/processed

# The parsed and audited disclosures of data/raw and their dataset (what the committed notebooks read).
processed: install
	$(BIN)/budget-audit audit data/raw --out data/processed > /dev/null
	$(BIN)/budget-audit dataset data/processed --out data/dataset > /dev/null

# Every test (slow ones included), plus the committed notebooks checked cell by cell with nbval
# (strict: outputs must match). Tests run on TEST_WORKERS processes (one per core by default),
# each test file on one of them, and the files that read the session's report set together
# (tests/conftest.py), so that set is rendered once. TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto
test: install chromium processed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --hypothesis-profile=budget-audit \
	  tests/ --nbval notebooks/ --nbval-sanitize-with notebooks/sanitize.cfg

# Re-run the committed notebooks on the sample's processed folder, on purpose, to refresh their outputs.
notebooks: install processed
	$(BIN)/python -m analysis.reports.refresh

# JupyterLab on notebooks/; the "python3" kernel is this .venv's Python (ipykernel's own kernelspec).
lab: install
	$(BIN)/jupyter kernelspec list
	cd notebooks && PATH="$(CURDIR)/$(BIN):$$PATH" "$(CURDIR)/$(BIN)/jupyter" lab --notebook-dir=.

sample: install
	$(BIN)/python -m analysis.sample.build

bench: install
	@command -v pdftotext >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null) || echo "warning: poppler-utils unavailable; pdftotext column will read n/a"
	$(BIN)/python benchmarks/parse.py

# Reading accuracy on the shared corpus against the hand-verified keys in tests/keys/.
accuracy: install
	$(BIN)/python benchmarks/accuracy.py

# Seconds per page: pdftotext, bare pdfplumber, the pdfium reader, parse + audit with each reader, cold and cached.
bench-read: install
	$(BIN)/python benchmarks/read_speed.py

# Report time per disclosure and batch speed-up on 1 and 2 workers (sample, and ../shared/corpus when present).
bench-report: install
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf reports/* data/processed/* data/dataset .pytest_cache
	touch reports/.gitkeep data/processed/.gitkeep
