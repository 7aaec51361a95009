#!/usr/bin/env bash
# Refresh requirements.lock: resolve pyproject.toml's dependencies (with the dev and
# training extras) in a new, empty virtual environment and record every version.
# scripts/setup.sh installs with this file as constraints, so a fresh machine gets
# exactly the versions the tests passed with. Run it after changing a dependency,
# then run `make test` and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q ".[dev]"
{
  echo "# Versions resolved by scripts/lock.sh on $(date -u +%Y-%m-%d) with $("$python" --version)."
  echo "# Used as pip constraints by scripts/setup.sh; refresh with scripts/lock.sh."
  "$tmp/venv/bin/python" -m pip freeze --all --exclude-editable | grep -v -i -E '^(paperasse|pip|setuptools|wheel)[= @]' | sort -f
} > requirements.lock
echo "requirements.lock: $(grep -c '==' requirements.lock) pinned packages"
