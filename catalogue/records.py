"""Validated catalogue records, built from the YAML under ``catalogue/data``.

Validation is strict and reports where the problem is (file, record id,
field) because the YAML is edited by people: a typo must stop the load with
a message a reviewer can act on, not surface later as a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from bot.core.languages import ALL, DETAIL_LANGUAGES, TIER1

KINDS = ("essential", "tailored")
GROUPS = ("stay", "certificates", "nationality", "work", "labour", "return", "family", "students",
          "integration", "health", "contact")
CHANNELS = ("hikorea", "govkr", "website", "visit", "phone")
# Where a visit service is done when it is not at the immigration office (the default for a visit):
# each has a "where_at_<place>" message in every tier-1 language, and some an office list (offices.yml).
PLACES = ("community_centre", "family_center", "shelter_referral", "comwel", "nps", "nhis",
          "support_center", "embassy_abroad", "seoul_global_center", "insurer")
WORK_PERMISSIONS = ("yes", "no", "with_permission")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_STATUS = re.compile(r"^[A-H]-\d{1,2}(-\d{1,2})?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$")
_TIME = re.compile(r"^([01]\d|2[0-4]):[0-5]\d$")

Text = dict[str, str]


class CatalogueError(ValueError):
    """The catalogue data is invalid; the message names file, record and field."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, field_name: str, problem: str) -> None:
        self.items.append(f"{where}: field '{field_name}': {problem}")

    def raise_if_any(self) -> None:
        if self.items:
            shown = "\n  ".join(self.items[:25])
            more = f"\n  ... and {len(self.items) - 25} more" if len(self.items) > 25 else ""
            raise CatalogueError(f"catalogue data is invalid ({len(self.items)} problems):\n  {shown}{more}")


@dataclass(frozen=True)
class Fee:
    krw: int
    label: Text


@dataclass(frozen=True)
class Service:
    id: str
    kind: str
    group: str
    online: bool
    channel: str
    url: str | None
    intents: tuple[str, ...]
    fees: tuple[Fee, ...]
    documents: tuple[Text, ...]
    steps: tuple[Text, ...]
    visa_statuses: tuple[str, ...]
    sources: tuple[str, ...]
    checked_on: dt.date
    title: Text
    summary: Text
    processing_time: Text | None = None
    deadline: Text | None = None
    legal_basis: str | None = None
    disputed: tuple[Text, ...] = ()
    source_file: str = ""
    # Secondary evidence (news, university or agency pages): kept for reviewers, never shown to users.
    evidence: tuple[str, ...] = ()
    # No official page confirms this service's details: the bot says so and names a line to call.
    unverified: bool = False
    # How to reach the page where the site has no stable deep link ("HiKorea → e-Application → …").
    navigation: Text | None = None
    # One short line for users where sources differ; the evidence stays in ``disputed``.
    user_note: Text | None = None
    # Phone-line topics (contacts.yml) that fit this service better than its group's, e.g. the
    # COMWEL line's "industrial_accident" for accident compensation in the labour group.
    line_topics: tuple[str, ...] = ()
    # Where the service is done in person (PLACES); None: the channel's usual place.
    place: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    service: str
    printable_at_home: bool
    names: Text
    aliases: tuple[str, ...]

    @property
    def all_names(self) -> list[str]:
        """Every name a user may type for it: its title in each language, then its aliases."""
        return list(self.names.values()) + list(self.aliases)


@dataclass(frozen=True)
class VisaStatus:
    code: str
    ko: str
    en: str
    work: str
    subtypes: tuple[str, ...] = ()
    note: Text | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class HoursWindow:
    days: tuple[str, ...]
    open: str
    close: str
    languages: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Contact:
    id: str
    number: str
    name: Text
    languages: tuple[str, ...]
    hours: tuple[HoursWindow, ...]
    topics: tuple[str, ...] = ()
    from_abroad: str | None = None
    note: Text | None = None
    sources: tuple[str, ...] = ()
    disputed: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Office:
    id: str
    name: Text
    how_to_find: Text | None
    url: str | None
    sources: tuple[str, ...] = ()
    kind: str = "immigration"  # immigration, job_center, family_center, labour_office
    address: Text | None = None
    phone: str | None = None
    hours: str | None = None
    map_url: str | None = None
    # Korean names of the cities, counties and districts it serves ("안산시", "서울특별시 영등포구").
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """Everything the YAML holds, validated and cross-checked."""

    services: tuple[Service, ...]
    documents: tuple[Document, ...] = ()
    visa_statuses: tuple[VisaStatus, ...] = ()
    contacts: tuple[Contact, ...] = ()
    offices: tuple[Office, ...] = ()
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Service ids that i18n files translate but no service file defines (a removed service).
    orphan_translations: tuple[str, ...] = ()

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


# -- field checkers ------------------------------------------------------------


def _text(raw: Any, where: str, name: str, problems: _Problems, required: Iterable[str] = ()) -> Text | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        problems.add(where, name, "must be a mapping of language code to text")
        return None
    unknown = sorted(set(raw) - set(ALL))
    if unknown:
        problems.add(where, name, f"unknown language code(s) {unknown}")
    missing = [lang for lang in required if not (raw.get(lang) or "").strip()]
    if missing:
        problems.add(where, name, f"missing text in {missing}")
    return {k: v.strip() for k, v in raw.items()}


def _texts(raw: Any, where: str, name: str, problems: _Problems, required: Iterable[str] = ()) -> tuple[Text, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.add(where, name, "must be a list")
        return ()
    out = []
    for i, item in enumerate(raw):
        text = _text(item, where, f"{name}[{i}]", problems, required)
        if text is not None:
            out.append(text)
    return tuple(out)


def _urls(raw: Any, where: str, name: str, problems: _Problems, required: bool = True) -> tuple[str, ...]:
    if raw is None and not required:
        return ()
    if not isinstance(raw, list) or (required and not raw):
        problems.add(where, name, "must be a non-empty list of URLs")
        return ()
    bad = [u for u in raw if not isinstance(u, str) or not _URL.match(u)]
    if bad:
        problems.add(where, name, f"malformed URL(s) {bad}")
    return tuple(u for u in raw if isinstance(u, str))


def _words(raw: Any, where: str, name: str, problems: _Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(w, str) and w for w in raw):
        problems.add(where, name, f"must be a list of words, got {raw!r}")
        return ()
    return tuple(raw)


def _date(raw: Any, where: str, name: str, problems: _Problems) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        problems.add(where, name, f"must be a date YYYY-MM-DD, got {raw!r}")
        return dt.date.min


def _choice(raw: Any, allowed: tuple[str, ...], where: str, name: str, problems: _Problems) -> str:
    if raw not in allowed:
        problems.add(where, name, f"must be one of {list(allowed)}, got {raw!r}")
    return str(raw)


def _service(raw: Any, source_file: str, index: int, problems: _Problems, intents: frozenset[str]) -> Service | None:
    if not isinstance(raw, dict):
        problems.add(f"{source_file}: service #{index}", "-", "must be a mapping")
        return None
    sid = raw.get("id")
    where = f"{source_file}: service {sid or '#' + str(index)}"
    if not isinstance(sid, str) or not _ID.match(sid):
        problems.add(where, "id", f"must look like IMM-EXT, got {sid!r}")
    online = raw.get("online")
    if not isinstance(online, bool):
        problems.add(where, "online", "must be true or false")
    url = raw.get("url")
    # Phone lines such as 112 and counter services at a community centre
    # may have no web page; online services need one.
    if url is None and raw.get("channel") not in ("phone", "visit"):
        problems.add(where, "url", "missing (only phone and visit services may go without a URL)")
    elif url is not None and (not isinstance(url, str) or not _URL.match(url)):
        problems.add(where, "url", f"malformed URL {url!r}")
    statuses = raw.get("visa_statuses", [])
    if not isinstance(statuses, list) or not all(isinstance(s, str) and _STATUS.match(s) for s in statuses):
        problems.add(where, "visa_statuses", f"must be a list of codes like D-2, got {statuses!r}")
        statuses = []
    unverified = raw.get("unverified", False)
    if not isinstance(unverified, bool):
        problems.add(where, "unverified", "must be true or false")
        unverified = False
    raw_intents = raw.get("intents") or []
    unknown_intents = sorted(set(raw_intents) - intents) if intents else []
    if not raw_intents or unknown_intents:
        problems.add(where, "intents", f"must be a non-empty list of contract intents; unknown {unknown_intents}")
    fees = []
    for i, fee in enumerate(raw.get("fees") or []):
        if not isinstance(fee, dict) or not isinstance(fee.get("krw"), int) or fee["krw"] < 0:
            problems.add(where, f"fees[{i}]", "must have a non-negative integer 'krw'")
            continue
        label = _text(fee.get("label"), where, f"fees[{i}].label", problems, DETAIL_LANGUAGES) or {}
        fees.append(Fee(fee["krw"], label))
    known = {"id", "kind", "group", "online", "channel", "url", "intents", "fees", "processing_time", "deadline",
             "documents", "steps", "visa_statuses", "legal_basis", "sources", "checked_on", "disputed", "title",
             "summary", "evidence", "unverified", "navigation", "user_note", "line_topics", "place"}
    extra = sorted(set(raw) - known)
    if extra:
        problems.add(where, ",".join(extra), "unknown field(s)")
    return Service(
        id=str(sid),
        kind=_choice(raw.get("kind"), KINDS, where, "kind", problems),
        group=_choice(raw.get("group"), GROUPS, where, "group", problems),
        online=bool(online),
        channel=_choice(raw.get("channel"), CHANNELS, where, "channel", problems),
        url=url if isinstance(url, str) else None,
        intents=tuple(raw_intents),
        fees=tuple(fees),
        documents=_texts(raw.get("documents"), where, "documents", problems, DETAIL_LANGUAGES),
        steps=_texts(raw.get("steps"), where, "steps", problems, DETAIL_LANGUAGES),
        visa_statuses=tuple(statuses),
        sources=_urls(raw.get("sources"), where, "sources", problems, required=not unverified),
        checked_on=_date(raw.get("checked_on"), where, "checked_on", problems),
        title=_text(raw.get("title"), where, "title", problems, DETAIL_LANGUAGES) or {},
        summary=_text(raw.get("summary"), where, "summary", problems, DETAIL_LANGUAGES) or {},
        processing_time=_text(raw.get("processing_time"), where, "processing_time", problems, DETAIL_LANGUAGES),
        deadline=_text(raw.get("deadline"), where, "deadline", problems, DETAIL_LANGUAGES),
        legal_basis=raw.get("legal_basis"),
        disputed=_texts(raw.get("disputed"), where, "disputed", problems, DETAIL_LANGUAGES),
        source_file=source_file,
        evidence=_urls(raw.get("evidence"), where, "evidence", problems, required=False),
        unverified=unverified,
        navigation=_text(raw.get("navigation"), where, "navigation", problems, DETAIL_LANGUAGES),
        user_note=_text(raw.get("user_note"), where, "user_note", problems, DETAIL_LANGUAGES),
        line_topics=_words(raw.get("line_topics"), where, "line_topics", problems),
        place=_choice(raw["place"], PLACES, where, "place", problems) if raw.get("place") is not None else None,
    )


def _hours(raw: Any, where: str, problems: _Problems) -> tuple[HoursWindow, ...]:
    windows = []
    for i, w in enumerate(raw or []):
        name = f"hours[{i}]"
        if not isinstance(w, dict):
            problems.add(where, name, "must be a mapping")
            continue
        days = w.get("days") or []
        if not days or any(d not in DAYS for d in days):
            problems.add(where, f"{name}.days", f"must be a list of {list(DAYS)}")
        for key in ("open", "close"):
            if not isinstance(w.get(key), str) or not _TIME.match(w[key]):
                problems.add(where, f"{name}.{key}", f"must be a time like \"09:00\", got {w.get(key)!r}")
        langs = w.get("languages")
        windows.append(HoursWindow(tuple(days), str(w.get("open")), str(w.get("close")),
                                   tuple(langs) if langs else None))
    return tuple(windows)


def _records(raw: dict[str, Any], key: str, label: str, problems: _Problems,
             id_field: str = "id") -> list[tuple[str, dict[str, Any]]]:
    """(where, entry) for each reference-table entry that has an id."""
    out = []
    for source_file, entries in raw.get(key, []):
        for i, entry in enumerate(entries):
            ident = entry.get(id_field) if isinstance(entry, dict) else None
            where = f"{source_file}: {label} {ident or '#' + str(i)}"
            if not isinstance(ident, str):
                problems.add(where, id_field, "missing")
                continue
            out.append((where, entry))
    return out


# Fields an i18n file may translate: texts, and lists merged item by item.
TRANSLATED_TEXTS = ("title", "summary", "navigation", "user_note", "processing_time", "deadline")
TRANSLATED_LISTS = ("steps", "documents", "fees")


def _read_translations(files: list[tuple[str, str, Any]], problems: _Problems) -> dict[str, dict[str, dict[str, Any]]]:
    """service id -> field -> language -> text (or list of texts for steps, documents, fee labels)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for source_file, lang, entries in files:
        if lang not in ALL:
            problems.add(source_file, "-", f"file name is not a language code: {lang!r}")
            continue
        if not isinstance(entries, dict):
            problems.add(source_file, "-", "must map service ids to {title, summary, ...}")
            continue
        for sid, texts in entries.items():
            where = f"{source_file}: service {sid}"
            if not isinstance(texts, dict):
                problems.add(where, "-", "must be a mapping of field to text")
                continue
            extra = sorted(set(texts) - set(TRANSLATED_TEXTS) - set(TRANSLATED_LISTS))
            if extra:
                problems.add(where, ",".join(extra), "not a translatable field")
            for key in TRANSLATED_TEXTS:
                if isinstance(texts.get(key), str) and texts[key].strip():
                    out.setdefault(sid, {}).setdefault(key, {})[lang] = texts[key].strip()
            for key in TRANSLATED_LISTS:
                items = texts.get(key)
                if items is None:
                    continue
                if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
                    problems.add(where, key, "must be a list of non-empty texts")
                    continue
                out.setdefault(sid, {}).setdefault(key, {})[lang] = [x.strip() for x in items]
    return out


def _merge_translations(entry: dict[str, Any], translated: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The service entry with translations added; the service file's own text wins.

    A translated list whose length differs from the service's (the Korean and
    English were edited since) is left out, so the language falls back to
    English and ``python -m catalogue check`` reports the gap.
    """
    entry = dict(entry)
    for key in TRANSLATED_TEXTS:
        if key in translated and (key in ("title", "summary") or entry.get(key)):
            entry[key] = {**translated[key], **(entry.get(key) or {})}
    for key in TRANSLATED_LISTS:
        items = entry.get(key)
        if key not in translated or not isinstance(items, list):
            continue
        merged = []
        for i, item in enumerate(items):
            item = dict(item) if isinstance(item, dict) else item
            for lang, texts in translated[key].items():
                if len(texts) != len(items) or not isinstance(item, dict):
                    continue
                if key == "fees":
                    item["label"] = {lang: texts[i], **(item.get("label") or {})}
                else:
                    item.setdefault(lang, texts[i])
            merged.append(item)
        entry[key] = merged
    return entry


def build_catalogue(raw: dict[str, Any], intents: frozenset[str] = frozenset()) -> Catalogue:
    """Validate raw YAML content (as gathered by the loader) into records.

    ``raw`` maps: "services" -> list of (file, [service dicts]); "i18n" ->
    list of (file, {service id: {title, summary}}); and "documents",
    "visa_statuses", "contacts", "offices" -> (file, list); "rules" ->
    list of (file, dict).
    """
    problems = _Problems()
    translations = _read_translations(raw.get("i18n", []), problems)
    services: list[Service] = []
    for source_file, entries in raw.get("services", []):
        for i, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("id") in translations:
                entry = _merge_translations(entry, translations[entry["id"]])
            service = _service(entry, source_file, i, problems, intents)
            if service:
                services.append(service)
    ids = [s.id for s in services]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.add(f"service {dup}", "id", "duplicate id")
    # Translations of a removed service are reported by ``check`` (orphan_translations), not fatal:
    # translators and editors work on different files at the same time.
    orphans = tuple(sorted(set(translations) - set(ids)))

    documents = []
    for where, d in _records(raw, "documents", "document", problems):
        if d.get("service") not in ids:
            problems.add(where, "service", f"unknown service {d.get('service')!r}")
        names = _text(d.get("names"), where, "names", problems, DETAIL_LANGUAGES) or {}
        documents.append(Document(d["id"], str(d.get("service")), bool(d.get("printable_at_home")), names,
                                  tuple(str(a) for a in d.get("aliases") or [])))

    statuses = []
    for where, v in _records(raw, "visa_statuses", "visa status", problems, id_field="code"):
        if not _STATUS.match(v["code"]):
            problems.add(where, "code", "must be a code like D-2")
            continue
        statuses.append(VisaStatus(
            code=v["code"], ko=str(v.get("ko", "")), en=str(v.get("en", "")),
            work=_choice(v.get("work"), WORK_PERMISSIONS, where, "work", problems),
            subtypes=tuple(v.get("subtypes") or ()),
            note=_text(v.get("note"), where, "note", problems),
            sources=tuple(v.get("sources") or ()),
        ))

    contacts = []
    for where, c in _records(raw, "contacts", "contact", problems):
        if not c.get("number"):
            problems.add(where, "number", "missing")
            continue
        contacts.append(Contact(
            id=c["id"], number=str(c["number"]),
            name=_text(c.get("name"), where, "name", problems, DETAIL_LANGUAGES) or {},
            languages=tuple(c.get("languages") or ()),
            hours=_hours(c.get("hours"), where, problems),
            topics=tuple(c.get("topics") or ()),
            from_abroad=c.get("from_abroad"),
            note=_text(c.get("note"), where, "note", problems),
            sources=tuple(c.get("sources") or ()),
            disputed=_texts(c.get("disputed"), where, "disputed", problems),
        ))

    offices = [Office(o["id"], _text(o.get("name"), where, "name", problems, DETAIL_LANGUAGES) or {},
                      _text(o.get("how_to_find"), where, "how_to_find", problems), o.get("url"),
                      tuple(o.get("sources") or ()), kind=o.get("kind") or "immigration",
                      address=_text(o.get("address"), where, "address", problems), phone=o.get("phone"),
                      hours=o.get("hours"), map_url=o.get("map_url"), areas=tuple(o.get("areas") or ()))
               for where, o in _records(raw, "offices", "office", problems)]

    rules: dict[str, dict[str, Any]] = {}
    for source_file, body in raw.get("rules", []):
        if not isinstance(body, dict) or not isinstance(body.get("rule"), str):
            problems.add(source_file, "rule", "each rules file needs a 'rule' name")
            continue
        rules[body["rule"]] = body

    problems.raise_if_any()
    return Catalogue(tuple(services), tuple(documents), tuple(statuses), tuple(contacts), tuple(offices), rules,
                     orphan_translations=orphans)


def translation_gaps(catalogue: Catalogue, languages: Iterable[str] = TIER1) -> list[tuple[str, str, str]]:
    """(service id, field, language) for every missing title or summary."""
    gaps: list[tuple[str, str, str]] = []
    for service in catalogue.services:
        for name in ("title", "summary"):
            texts = getattr(service, name)
            gaps.extend((service.id, name, lang) for lang in languages if not texts.get(lang))
    return gaps


def detail_gaps(catalogue: Catalogue, languages: Iterable[str] = TIER1) -> list[tuple[str, str, str]]:
    """(service id, field, language) for every step, document, fee label or note a language lacks."""
    gaps: list[tuple[str, str, str]] = []
    for service in catalogue.services:
        fields: list[tuple[str, Text]] = [(f"steps[{i}]", t) for i, t in enumerate(service.steps)]
        fields += [(f"documents[{i}]", t) for i, t in enumerate(service.documents)]
        fields += [(f"fees[{i}]", f.label) for i, f in enumerate(service.fees)]
        fields += [(name, t) for name in ("navigation", "user_note", "processing_time", "deadline")
                   if (t := getattr(service, name))]
        for name, texts in fields:
            gaps.extend((service.id, name, lang) for lang in languages if not texts.get(lang))
    return gaps
