#!/usr/bin/env bash
# Print the path of a Python interpreter of the wanted version, without
# downloading anything: on PATH, else pyenv-installed, else one uv manages.
#   scripts/find-python.sh 3.10    exactly 3.10 (Rasa 3.6)
#   scripts/find-python.sh 3.12+   3.12 or newer (the public edge)
set -u
want=${1:?usage: find-python.sh 3.10 | 3.12+}
major=${want%%.*}; rest=${want#*.}; minor=${rest%+}
if [ "${want%+}" != "$want" ]; then
  test_expr="sys.version_info[:2] >= ($major, $minor)"; names="python$major.$minor python3"
else
  test_expr="sys.version_info[:2] == ($major, $minor)"; names="python$major.$minor"
fi
fits() { "$1" -c "import sys; sys.exit(0 if $test_expr else 1)" >/dev/null 2>&1; }

for name in $names; do
  if command -v "$name" >/dev/null 2>&1 && fits "$name"; then command -v "$name"; exit 0; fi
done
roots=""
command -v pyenv >/dev/null 2>&1 && roots="$(pyenv root)"
roots="$roots $HOME/.pyenv"
for root in $roots; do
  # Oldest fitting first: the edge's lock file is resolved on the lowest supported version.
  for candidate in $(ls -d "$root"/versions/3.*/bin/python3 2>/dev/null | sort -V); do
    if [ -x "$candidate" ] && fits "$candidate"; then echo "$candidate"; exit 0; fi
  done
done
if command -v uv >/dev/null 2>&1; then
  candidate=$(UV_PYTHON_DOWNLOADS=never uv python find "$major.$minor" 2>/dev/null) && fits "$candidate" && { echo "$candidate"; exit 0; }
fi
if [ "${want%+}" != "$want" ]; then
  why="the public edge (channels/edge) runs on a supported Python, $major.$minor or newer"
else
  why="Rasa 3.6 runs on Python $major.$minor at most"
fi
cat >&2 <<MSG
error: Python $want was not found ($why).
Install one of:
  - Debian/Ubuntu: apt-get install python$major.$minor python$major.$minor-venv
  - pyenv:         pyenv install $major.$minor
  - uv:            uv python install $major.$minor
then run the command again.
MSG
exit 1
