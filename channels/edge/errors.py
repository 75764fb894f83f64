"""Polite JSON errors, and the two refusals any channel may meet.

Every refusal the edge makes is a 4xx with ``{"error": "<what to do>"}``;
the exception handlers in ``app.py`` turn these exceptions into that shape
wherever they are raised, so no route ever answers a bad request with a 500.
"""

from __future__ import annotations

from starlette.responses import JSONResponse


class Refused(Exception):
    """A request the edge will not pass on; ``status`` and ``message`` are for the client."""

    status = 400

    def __init__(self, message: str, status: int | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.headers = headers or {}


class RateLimited(Refused):
    status = 429


def problem(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)
