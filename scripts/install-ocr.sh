#!/usr/bin/env bash
# Installs OCRmyPDF (>= 17) from PyPI into a project-local tool environment,
# .tools/venv, for src/digitize. Idempotent: when the installed version is
# already new enough it exits in well under a second.
#
# Debian's python3-ocrmypdf (14.x) is never used, because it OCRs a signed PDF
# without complaint and so destroys its signature. Tesseract, Ghostscript,
# unpaper, qpdf and pngquant come from Debian (apt-get install tesseract-ocr
# tesseract-ocr-ara tesseract-ocr-eng ghostscript unpaper qpdf pngquant).
#
# Usage: scripts/install-ocr.sh [--force]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.tools/venv"
minimum_major=17

installed_major() {
  "$venv/bin/ocrmypdf" --version 2>/dev/null | head -1 | cut -d. -f1
}

if [[ "${1:-}" != "--force" && -x "$venv/bin/ocrmypdf" ]]; then
  major=$(installed_major || true)
  if [[ -n "$major" && "$major" -ge "$minimum_major" ]]; then
    echo "ocrmypdf $("$venv/bin/ocrmypdf" --version) already in $venv"
    exit 0
  fi
fi

# OCRmyPDF 17 needs Python >= 3.11. Prefer the python3 on PATH (pyenv on the
# dev machines), then Debian's.
python=""
for candidate in python3 /usr/bin/python3 python3.13 python3.12 python3.11; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    python=$(command -v "$candidate")
    break
  fi
done
if [[ -z "$python" ]]; then
  echo "install-ocr: no Python >= 3.11 with the venv module found; install python3 and python3-venv" >&2
  exit 1
fi

mkdir -p "$root/.tools"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "ocrmypdf>=${minimum_major}"

major=$(installed_major || true)
if [[ -z "$major" || "$major" -lt "$minimum_major" ]]; then
  echo "install-ocr: ocrmypdf >= $minimum_major expected in $venv, found '${major:-nothing}'" >&2
  exit 1
fi
echo "ocrmypdf $("$venv/bin/ocrmypdf" --version) installed in $venv"
