"""The edge's tests (tests/channels/edge) run on Python >= 3.12 in .venv-edge;
`make test` runs them there after the Rasa-side suite, so the Rasa venv skips them."""

import sys

collect_ignore = ["edge"] if sys.version_info < (3, 12) else []
