# Sijill's entry points. `make demo` and `make test` work on a fresh Debian
# machine: they install what is missing first (Debian packages as root,
# npm packages, OCRmyPDF into .tools/venv).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

SERVE ?= 1
DEMO_FLAGS := $(if $(filter 0 no false,$(SERVE)),--no-serve,)

.PHONY: setup demo test typecheck lint bench web clean

setup: node_modules/.installed .tools/venv/bin/ocrmypdf .tools/pyhanko/.installed
	@scripts/install-system.sh

node_modules/.installed: package.json package-lock.json
	@# npm runs on the system Node here; Node 24 comes from this install, so engine warnings are expected.
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.tools/venv/bin/ocrmypdf: scripts/install-ocr.sh
	scripts/install-ocr.sh

# pyHanko, for the signature validation cross-check in the tests only.
.tools/pyhanko/.installed: scripts/install-pyhanko.sh
	scripts/install-pyhanko.sh

web: setup
	node scripts/build-web.ts

demo: setup web
	node --liftoff-only bin/sijill.js demo $(DEMO_FLAGS)

test: setup web typecheck lint
	@export SIJILL_TEST_DATABASE_URL=$$(scripts/start-postgres.sh) && npm test

typecheck: node_modules/.installed
	tsc --noEmit

# Floating promises, `any` and import cycles (eslint.config.js).
lint: node_modules/.installed
	eslint .

BENCHMARKS := bench/engine.ts bench/demo-memory.ts bench/signatures.ts bench/digitize.ts bench/digitize-memory.ts bench/results.ts

# Writes docs/benchmarks.md, one section per benchmark.
bench: setup web
	@export SIJILL_TEST_DATABASE_URL=$$(scripts/start-postgres.sh) && for b in $(BENCHMARKS); do echo "== $$b"; node $$b || exit 1; done

clean:
	rm -rf var src/web/static/build
