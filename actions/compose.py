"""Channel-neutral replies built from catalogue records (no Rasa here).

A reply is text plus optional buttons and links; each channel renders it
its own way. Every fact comes from the catalogue with its source link and
"checked on" date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actions.i18n import text
from catalogue.languages import pick
from catalogue.records import Service


@dataclass
class Reply:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)

    def as_message(self) -> dict[str, object]:
        message: dict[str, object] = {"text": self.text}
        if self.buttons:
            message["buttons"] = self.buttons
        if self.links:
            message["custom"] = {"links": self.links}
        return message


def _detail_language(lang: str) -> str:
    # Steps, documents and fee labels exist in Korean and English.
    return "ko" if lang == "ko" else "en"


def _won(amount: int) -> str:
    return f"{amount:,} KRW"


def service_reply(service: Service, lang: str) -> Reply:
    """What a service is, whether it is online, fee, documents, deadline, source."""
    detail = _detail_language(lang)
    title = pick(service.title, lang)
    korean_title = service.title.get("ko", "")
    # The Korean name helps at the counter and is what tier-2 users need.
    heading = title if lang == "ko" or not korean_title else f"{title} ({korean_title})"
    lines = [f"📌 {heading}", pick(service.summary, lang)]
    online = text("label_online_yes" if service.online else "label_online_no", lang)
    where = f" — {service.url}" if service.url else ""
    lines.append(f"💻 {text('label_online', lang)}: {online}{where}")
    if service.fees:
        fees = " · ".join(f"{_won(f.krw)} ({pick(f.label, detail)})" if f.label else _won(f.krw)
                          for f in service.fees)
    else:
        fees = text("label_free", lang)
    lines.append(f"💰 {text('label_fee', lang)}: {fees}")
    if service.documents:
        docs = ", ".join(pick(d, detail) for d in service.documents[:6])
        lines.append(f"📄 {text('label_documents', lang)}: {docs}")
    if service.deadline:
        lines.append(f"⏰ {text('label_deadline', lang)}: {pick(service.deadline, detail)}")
    statuses = ", ".join(service.visa_statuses) or text("label_everyone", lang)
    lines.append(f"👤 {text('label_for', lang)}: {statuses}")
    if service.disputed:
        lines.append(f"⚠️ {text('label_disputed', lang)}: {pick(service.disputed[0], detail)}")
    checked = text("label_checked_on", lang, date=service.checked_on.isoformat())
    lines.append(f"🔎 {text('label_source', lang)}: {service.sources[0]} ({checked})")
    lines.append(text("check_before_you_go", lang))
    links = [{"title": title, "url": service.url}] if service.url else []
    links += [{"title": text("label_source", lang), "url": s} for s in service.sources[:1]]
    return Reply("\n".join(lines), links=links)
