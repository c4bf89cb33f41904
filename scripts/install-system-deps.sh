#!/usr/bin/env bash
# Installs what `report` and its tests need from Debian/Ubuntu packages, when missing:
# Chromium (to print PDFs), poppler-utils (the tests read PDFs back with it), a base font, and iproute2 (`ip netns`:
# the tests run a PDF build in a network namespace to see that the browser reaches nothing).
set -euo pipefail

need=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ] && [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then need+=(chromium); fi
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
if [ ${#need[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
