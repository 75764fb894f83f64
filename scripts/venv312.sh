#!/usr/bin/env bash
# Create (if missing or too old) a venv on Python >= 3.12 and install a lock file into it.
#   scripts/venv312.sh <venv dir> <lock file> <what it is for>
# Used by `make install` for the public edge and the action server; nothing but packages is downloaded.
set -euo pipefail
venv=$1 lock=$2 what=$3
py="$venv/bin/python"
if [ ! -x "$py" ] || ! "$py" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 12))'; then
  python312=$(scripts/find-python.sh 3.12+)
  echo "creating $venv with $python312"
  rm -rf "$venv"; "$python312" -m venv "$venv"
fi
echo "installing $what's locked dependencies into $venv ..."
"$py" -m pip install -q -r "$lock"
"$py" -m pip check
rm -f "$venv"/.installed-*
