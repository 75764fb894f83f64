"""Ieum's service catalogue: plain Python, no Rasa.

Public API::

    from catalogue import search, eligible
    search("gia hạn visa", "vi", visa_status="D-2")
"""

from __future__ import annotations

from catalogue.eligibility import Eligibility, eligible
from catalogue.service_catalogue import SearchResult, ServiceCatalogue, default_catalogue


def search(query: str, lang: str, visa_status: str | None = None, online_only: bool = False,
           limit: int = 5) -> list[SearchResult]:
    """Search the configured catalogue database (see ``catalogue.db``)."""
    return default_catalogue().search(query, lang, visa_status=visa_status, online_only=online_only, limit=limit)


__all__ = ["Eligibility", "SearchResult", "ServiceCatalogue", "default_catalogue", "eligible", "search"]
