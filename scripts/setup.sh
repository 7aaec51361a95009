#!/usr/bin/env bash
# Install what paperasse needs on Debian: system packages, a .venv, the Python packages.
# Usage: scripts/setup.sh run|test   (test adds the tools the test suite and benchmarks use)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
apt_run=(tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd poppler-utils fonts-dejavu-core)
apt_test=(chromium ocrmypdf dovecot-imapd)
# npm: Debian's package, unless the machine already has one (NodeSource's nodejs bundles npm
# and conflicts with Debian's npm package)
command -v npm >/dev/null || apt_test+=(npm)
# docker-compose only validates docker-compose.yml (no engine is needed, none is installed)
apt_test_bare=(docker-compose)
packages=("${apt_run[@]}")
bare=()
[ "$mode" = test ] && packages+=("${apt_test[@]}") && bare+=("${apt_test_bare[@]}")

missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}
read -ra missing_bare <<< "$(missing "${bare[@]}" | tr '\n' ' ')"
read -ra missing_full <<< "$(missing "${packages[@]}" | tr '\n' ' ')"
if [ ${#missing_full[@]} -gt 0 ] || [ ${#missing_bare[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing_full[*]} ${missing_bare[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "setup: please install as root: apt-get install ${missing_full[*]} ${missing_bare[*]}" >&2
    exit 1
  fi
  $sudo apt-get update -qq
  apt=($sudo apt-get install -y -qq)
  export DEBIAN_FRONTEND=noninteractive
  [ ${#missing_full[@]} -eq 0 ] || "${apt[@]}" "${missing_full[@]}" >/dev/null
  [ ${#missing_bare[@]} -eq 0 ] || "${apt[@]}" --no-install-recommends "${missing_bare[@]}" >/dev/null
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
