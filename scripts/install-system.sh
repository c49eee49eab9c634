#!/usr/bin/env bash
# Installs the Debian packages Sijill runs and tests with. Idempotent: when
# every package is present it exits at once without touching apt. Needs root.
#   tesseract-ocr + ara/eng/fra/vie + osd (page orientation), ghostscript,
#   unpaper, qpdf, pngquant: OCR
#   poppler-utils: rasterizing scanned PDFs for OCR, and with libnss3-tools
#   pdfsig cross-checks of signatures
#   fonts-hosny-amiri, fonts-noto-core: Arabic result documents and screens
#   chromium: the browser test; postgresql: the test database server
#   softhsm2: PKCS#11 signing tests; time: peak memory in the benchmarks
set -euo pipefail

packages=(
  tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-vie tesseract-ocr-osd
  ghostscript unpaper qpdf pngquant poppler-utils libnss3-tools
  fonts-hosny-amiri fonts-noto-core chromium postgresql softhsm2 time
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "system packages present"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "missing Debian packages: ${missing[*]}; run this script as root (apt-get install)" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
