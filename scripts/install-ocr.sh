#!/usr/bin/env bash
# Installs OCRmyPDF (>= 17) and OpenCV (opencv-python-headless, which
# flattens phone photos of a page) from PyPI into a project-local tool
# environment, .tools/venv, for src/digitize. When java and mvn are present,
# it also installs the veraPDF command line from Maven Central into
# .tools/verapdf, which the OCR tests use to check PDF/A output. Idempotent:
# when all are installed it exits in about a second.
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
verapdf_dir="$root/.tools/verapdf"
verapdf_version=1.28.2

install_verapdf() {
  if [[ "${1:-}" != "--force" && -x "$verapdf_dir/verapdf" ]]; then
    return 0
  fi
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    echo "install-ocr: java or mvn not found, so veraPDF is not installed (the PDF/A test needs it)" >&2
    return 0
  fi
  mkdir -p "$verapdf_dir"
  cat >"$verapdf_dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.sijill</groupId>
  <artifactId>verapdf-tool</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>org.verapdf.apps</groupId>
      <artifactId>greenfield-apps</artifactId>
      <version>$verapdf_version</version>
    </dependency>
  </dependencies>
</project>
POM
  # The class path lists greenfield-apps itself and every jar it depends on.
  (cd "$verapdf_dir" && mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=classpath.txt -Dmdep.includeScope=runtime)
  cat >"$verapdf_dir/verapdf" <<SCRIPT
#!/bin/sh
# veraPDF $verapdf_version command line, installed by scripts/install-ocr.sh.
exec java -cp "\$(cat "$verapdf_dir/classpath.txt")" org.verapdf.apps.GreenfieldCliWrapper "\$@"
SCRIPT
  chmod +x "$verapdf_dir/verapdf"
  echo "veraPDF $verapdf_version installed in $verapdf_dir"
}

installed_major() {
  "$venv/bin/ocrmypdf" --version 2>/dev/null | head -1 | cut -d. -f1
}

if [[ "${1:-}" != "--force" && -x "$venv/bin/ocrmypdf" ]]; then
  major=$(installed_major || true)
  if [[ -n "$major" && "$major" -ge "$minimum_major" ]] && "$venv/bin/python" -c 'import cv2' 2>/dev/null; then
    echo "ocrmypdf $("$venv/bin/ocrmypdf" --version) already in $venv"
    install_verapdf
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
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "ocrmypdf>=${minimum_major}" "opencv-python-headless>=4.10,<6"

major=$(installed_major || true)
if [[ -z "$major" || "$major" -lt "$minimum_major" ]]; then
  echo "install-ocr: ocrmypdf >= $minimum_major expected in $venv, found '${major:-nothing}'" >&2
  exit 1
fi
if ! "$venv/bin/python" -c 'import cv2' 2>/dev/null; then
  echo "install-ocr: OpenCV (cv2) expected in $venv but cannot be imported" >&2
  exit 1
fi
echo "ocrmypdf $("$venv/bin/ocrmypdf" --version) and OpenCV installed in $venv"
install_verapdf "${1:-}"
