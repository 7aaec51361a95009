#!/usr/bin/env bash
# Install what paperasse needs on Debian: system packages, a .venv, the Python packages.
# Usage: scripts/setup.sh run|test   (test adds the tools the test suite and benchmarks use)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
apt_run=(tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd poppler-utils fonts-dejavu-core)
apt_test=(chromium ocrmypdf npm dovecot-imapd)
packages=("${apt_run[@]}")
[ "$mode" = test ] && packages+=("${apt_test[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: please install as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
# run: the service plus the training extra (the demo's sample mail, paperasse train);
# test: everything the tests and benchmarks use. Versions come from requirements.lock.
extra="[training]"; [ "$mode" = test ] && extra="[dev]"
stamp=".venv/.installed-$mode"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  echo "setup: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -c requirements.lock -e ".$extra"
  touch "$stamp"
fi

# axe-core, run by the browser tests on every page; downloaded from the npm registry into a
# folder git ignores, never committed.
axe_version="4.10.3"
axe_dir=".cache/axe-core-$axe_version"
if [ "$mode" = test ] && [ ! -f "$axe_dir/node_modules/axe-core/axe.min.js" ]; then
  echo "setup: installing axe-core $axe_version from the npm registry into $axe_dir"
  mkdir -p "$axe_dir"
  npm install --silent --no-audit --no-fund --prefix "$axe_dir" "axe-core@$axe_version" >/dev/null
fi
