"""A printable card to show a clerk: the service in Korean and the user's language.

Rendered on the server with every value HTML-escaped; the page has no
script at all, so nothing a catalogue entry or a URL parameter contains can
run in the browser.
"""

from __future__ import annotations

from html import escape

from bot.core.i18n import text
from bot.core.languages import ALL, pick
from catalogue.official import shown_source
from catalogue.records import Service


def _column(service: Service, lang: str) -> str:
    # Details fall back to English only where the catalogue lacks the language (``check`` reports it).
    fees = " · ".join(f"{f.krw:,} KRW ({escape(pick(f.label, lang))})" for f in service.fees) or \
        escape(text("label_fee_not_listed", lang))
    documents = "".join(f"<li>{escape(pick(d, lang))}</li>" for d in service.documents)
    where = escape(service.url or "")
    return (f'<section lang="{escape(lang)}"><h2>{escape(pick(service.title, lang))}</h2>'
            f"<p>{escape(pick(service.summary, lang))}</p>"
            f"<dl><dt>{escape(text('label_fee', lang))}</dt><dd>{fees}</dd>"
            f"<dt>{escape(text('label_online', lang))}</dt><dd>{where}</dd>"
            f"<dt>{escape(text('label_documents', lang))}</dt><dd><ul>{documents}</ul></dd></dl></section>")


def render_card(service: Service, lang: str) -> str:
    lang = lang if lang in ALL else "en"
    checked = escape(text("label_checked_on", lang, date=service.checked_on.isoformat()))
    official = shown_source(service)
    source = escape(official) if official else escape(text("label_unverified", lang))
    columns = _column(service, "ko") + ("" if lang == "ko" else _column(service, lang))
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(service.title.get('ko', service.id))}</title>"
        "<link rel=\"stylesheet\" href=\"../card.css\"></head><body>"
        f"<main class=\"card\"><header><strong>Ieum 이음</strong> · {escape(service.id)}</header>"
        f"<div class=\"columns\">{columns}</div>"
        f"<footer>{escape(text('label_source', lang))}: {source} · {checked}</footer></main></body></html>"
    )
