#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6); see find-python.sh.
exec "$(dirname "$0")/find-python.sh" 3.10
