# kinerja: build, demo and test.
#
#   make demo   create .venv if missing, build and install the package, run `python -m kinerja demo`
#   make test   everything CI runs: cargo fmt/clippy/test/doc, the extension, stubtest, ruff, pytest, docs
#   make docs   the documentation site (mkdocs, strict, offline) into $(VENV)/site
#
# Variables: VENV (default .venv), PYTHON (interpreter used to create the venv, default python3),
# MATURIN_FLAGS (e.g. --release; default builds the dev profile, which is faster to compile and
# fast enough for the tests), LANG_ARG (e.g. --lang en for `make demo`).

VENV ?= .venv
PYTHON ?= python3
MATURIN_FLAGS ?=
LANG_ARG ?=

VENV_ABS := $(abspath $(VENV))
PY := $(VENV_ABS)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check

# The extension and `cargo` share one build configuration, so pyo3 is compiled once.
export PYO3_PYTHON := $(PY)
export PYO3_BUILD_EXTENSION_MODULE := 1

BUILD_DEPS := "maturin>=1.16,<2"
TEST_DEPS := pytest hypothesis cloudpickle pandas polars pyarrow nbclient nbformat ipykernel \
	matplotlib mypy ruff dask distributed pyspark selenium schemathesis
DOCS_DEPS := "mkdocs==1.6.1" "mkdocs-material>=9.8,<9.9" mkdocstrings-python pymdown-extensions


.PHONY: all demo test wheel docs venv test-deps develop rust-tools rust-checks python-checks pytest stubtest lint server-checks clean-venv mutants

all: test

$(VENV_ABS)/.kinerja-build-deps:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV_ABS)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(BUILD_DEPS)
	@touch $@

$(VENV_ABS)/.kinerja-test-deps: $(VENV_ABS)/.kinerja-build-deps
	$(PIP) install -q $(TEST_DEPS)
	@touch $@

$(VENV_ABS)/.kinerja-docs-deps: $(VENV_ABS)/.kinerja-build-deps
	$(PIP) install -q $(DOCS_DEPS)
	@touch $@

venv: $(VENV_ABS)/.kinerja-build-deps

# clippy and rustfmt come with most toolchains; add them through rustup only when missing.
rust-tools:
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
	@cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt

test-deps: $(VENV_ABS)/.kinerja-test-deps

# Builds the native module and installs the package into the venv (editable: python/ is used
# in place, the compiled module is copied next to it).
develop: venv
	VIRTUAL_ENV=$(VENV_ABS) PATH=$(VENV_ABS)/bin:$$PATH $(VENV_ABS)/bin/maturin develop $(MATURIN_FLAGS)

demo: develop
	$(PY) -m kinerja demo $(LANG_ARG)

rust-checks: rust-tools
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo test --workspace
	cargo check -p kinerja-core --no-default-features --lib
	RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

stubtest: test-deps develop
	$(PY) -m mypy.stubtest kinerja._kinerja
	$(PY) -m mypy python/kinerja --strict

lint: test-deps
	$(PY) -m ruff check python tests benches build_backend
	$(PY) -m ruff format --check python tests benches build_backend
	$(PY) -m mypy --strict build_backend
	MYPYPATH=tests:python $(PY) -m mypy --strict benches

pytest: test-deps develop
	$(PY) -m pytest -q tests

python-checks: stubtest lint pytest

# The OpenAPI document of kinerja-server against the live server (schemathesis, bounded: a few
# examples per operation, at most SCHEMATHESIS_TIME seconds): no 5xx, statuses, content types,
# headers and bodies as documented, every error an RFC 9457 problem (tests/schemathesis_hooks.py).
# The server runs with a token, as the document's bearer scheme says (401 without it).
SCHEMATHESIS_EXAMPLES ?= 10
SCHEMATHESIS_TIME ?= 60
server-checks: test-deps
	SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONPATH=tests $(PY) tests/server_process.py \
		--server-arg=--token=schemathesis-check -- \
		$(VENV_ABS)/bin/schemathesis --no-color run {url}/openapi.json --url {url} \
		-H "Authorization: Bearer schemathesis-check" \
		--checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,problem_json \
		--max-examples $(SCHEMATHESIS_EXAMPLES) --max-time $(SCHEMATHESIS_TIME) \
		--seed 16 --workers 1 --request-timeout 30 --generation-database none

# The documentation site (mkdocs.yml) into $(VENV)/site, strict (a warning fails) and offline: no
# page or stylesheet may load web fonts or CDN assets. (Material's JS bundle names fallback URLs
# for polyfills and mermaid that these pages never load, so it is not searched.)
docs: $(VENV_ABS)/.kinerja-docs-deps
	$(PY) -m mkdocs build --strict --site-dir $(VENV_ABS)/site
	@if grep -rlE --include='*.html' --include='*.css' 'fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg|jsdelivr' $(VENV_ABS)/site; then echo "docs: the files above load external fonts or CDN assets"; exit 1; fi

test: test-deps rust-checks develop python-checks server-checks docs

clean-venv:
	rm -rf $(VENV_ABS)

# A portable release wheel: abi3 for CPython >= 3.11, manylinux2014 (glibc 2.17: RHEL/CentOS 7,
# Ubuntu 18.04, Debian 9 and later) linked with zig (PyPI `ziglang`), stripped; then checked by
# tests/wheel_check.py (no glibc symbol newer than 2.17, no symbol table, under 15 MB).
WHEEL_DIR ?= target/wheels

wheel: venv
	$(PIP) install -q "ziglang<0.18"
	rm -f $(WHEEL_DIR)/kinerja-*.whl
	PATH=$(VENV_ABS)/bin:$$PATH $(VENV_ABS)/bin/maturin build --release --zig \
		--compatibility manylinux2014 -i $(PY) --out $(WHEEL_DIR)
	$(PY) tests/wheel_check.py $(WHEEL_DIR)/kinerja-*.whl

# Mutation testing of the legal kernels with cargo-mutants (see TESTING.md). Not part of `make
# test` or CI: the whole set takes hours on 2 cores. Narrow it with e.g.
# `make mutants MUTANTS_FILES=kinerja-core/src/achievement.rs`. Needs `cargo install cargo-mutants --locked`.
MUTANTS_FILES ?= kinerja-core/src/regime/*.rs kinerja-core/src/achievement.rs \
	kinerja-core/src/followup/credit_points.rs kinerja-core/src/instruments/*.rs \
	kinerja-core/src/org/distribution.rs
MUTANTS_JOBS ?= 1
MUTANTS_TIMEOUT ?= 600

mutants:
	@cargo mutants --version >/dev/null 2>&1 || { echo "cargo-mutants missing: cargo install cargo-mutants --locked"; exit 1; }
	cargo mutants --test-package kinerja-core -j $(MUTANTS_JOBS) --timeout $(MUTANTS_TIMEOUT) \
		--output target $(foreach f,$(MUTANTS_FILES),--file '$(f)')
