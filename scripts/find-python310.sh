#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter: python3.10 on PATH, else a
# pyenv-installed 3.10.x, else one uv already manages. Nothing is downloaded.
set -u
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }

if command -v python3.10 >/dev/null 2>&1 && is310 python3.10; then
  command -v python3.10; exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  for candidate in $(ls -d "$(pyenv root)"/versions/3.10*/bin/python3.10 2>/dev/null | sort -V -r); do
    if is310 "$candidate"; then echo "$candidate"; exit 0; fi
  done
fi
for candidate in "$HOME"/.pyenv/versions/3.10*/bin/python3.10; do
  if [ -x "$candidate" ] && is310 "$candidate"; then echo "$candidate"; exit 0; fi
done
if command -v uv >/dev/null 2>&1; then
  candidate=$(UV_PYTHON_DOWNLOADS=never uv python find 3.10 2>/dev/null) && is310 "$candidate" && { echo "$candidate"; exit 0; }
fi
cat >&2 <<'MSG'
error: Python 3.10 was not found (Rasa 3.6 runs on Python 3.10 at most).
Install one of:
  - Debian/Ubuntu: apt-get install python3.10 python3.10-venv
  - pyenv:         pyenv install 3.10
  - uv:            uv python install 3.10
then run the command again.
MSG
exit 1
