#!/usr/bin/env bash
# Installs pyHanko from PyPI into its own tool environment, .tools/pyhanko,
# for tests/signatures/pyhanko.test.ts, which cross-checks Sijill's signature
# validation against pyHanko's. Test-only: Sijill never runs pyHanko.
# Idempotent: when the pinned version is installed it exits at once.
#
# Usage: scripts/install-pyhanko.sh [--force]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.tools/pyhanko"
# pyHanko and its certificate validator move together; the cross-check's expectations are written for these.
pyhanko_version=0.38.0
certvalidator_version=0.33.0

installed_version() {
  "$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("pyhanko"))' 2>/dev/null
}

if [[ "${1:-}" != "--force" && -x "$venv/bin/python" && "$(installed_version || true)" == "$pyhanko_version" ]]; then
  echo "pyhanko $pyhanko_version already in $venv"
  touch "$venv/.installed"
  exit 0
fi

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    python=$(command -v "$candidate")
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "install-pyhanko: no Python >= 3.10 with the venv module found; install python3 and python3-venv" >&2
  exit 1
fi

mkdir -p "$root/.tools"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "pyhanko==$pyhanko_version" "pyhanko-certvalidator==$certvalidator_version"

if [[ "$(installed_version || true)" != "$pyhanko_version" ]]; then
  echo "install-pyhanko: pyhanko $pyhanko_version expected in $venv, found '$(installed_version || echo nothing)'" >&2
  exit 1
fi
# The Makefile's target: a plain file, because bin/python is a symlink whose time is the system Python's.
touch "$venv/.installed"
echo "pyhanko $pyhanko_version installed in $venv"
