#!/usr/bin/env bash
# Re-resolve requirements/<name>.in into requirements/<name>-lock.txt on Python >= 3.12.
#   scripts/lock312.sh edge|actions
set -euo pipefail
name=$1
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
python312=$(scripts/find-python.sh 3.12+)
"$python312" -m venv "$d/venv"
"$d/venv/bin/pip" install -q -r "requirements/$name.in"
version=$("$d/venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
{ echo "# Locked from requirements/$name.in on Python $version ('make lock-$name')."
  "$d/venv/bin/pip" freeze --all; } > "requirements/$name-lock.txt.new"
mv "requirements/$name-lock.txt.new" "requirements/$name-lock.txt"
echo "requirements/$name-lock.txt updated"
