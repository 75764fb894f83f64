"""The catalogue as the actions, the console and the CLI use it.

Records are read from the database once per process and kept immutable;
``search`` ranks in memory from the n-gram index and then filters through
a parameterised SQL query (eligibility and online-only), so the database
stays the source of truth.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, not_, or_, select
from sqlalchemy.engine import Engine

from bot.core.languages import pick
from bot.storage import database, tables
from catalogue import db
from catalogue.contacts import numbers_in
from catalogue.eligibility import Eligibility, eligible, main_code, status_in
from catalogue.names import NameIndex
from catalogue.questions import TypicalQuestion, read_questions
from catalogue.records import Catalogue, Contact, Document, Service, VisaStatus
from catalogue.search import ALIAS_WEIGHT, QUESTION_WEIGHT, SUMMARY_WEIGHT, TITLE_WEIGHT, Hit, IndexedText, SearchIndex

LIKE_ESCAPE = "\\"
GENERAL_SERVICE_BONUS = 0.03


def escape_like(text: str) -> str:
    """Make user text literal inside a LIKE pattern."""
    return text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


@dataclass(frozen=True)
class SearchResult:
    service: Service
    score: float
    title: str
    summary: str
    eligibility: Eligibility


class ServiceCatalogue:
    def __init__(self, records: Catalogue, engine: Engine | None = None,
                 questions: list[TypicalQuestion] | None = None) -> None:
        self.records = records
        self._engine = engine
        self._by_id = {s.id: s for s in records.services}
        self._documents = {d.id: d for d in records.documents}
        self._statuses = {v.code: v for v in records.visa_statuses}
        self._contacts = {c.id: c for c in records.contacts}
        # Phone numbers in each service's names (CON-1345 "... 1345", FAM-DANURI "... 1577-1366"), and the
        # contact record of each phone-line service, matched by that number.
        self._numbers = {s.id: frozenset().union(*(numbers_in(t) for t in s.title.values())) for s in records.services}
        self.phone_service_ids = frozenset(s.id for s in records.services if s.channel == "phone")
        # In catalogue order: where two services share a line (1345 and its interpreting), the first one
        # listed is the line's own service.
        self._line_of: dict[str, Contact] = {}
        for service in records.services:
            if service.id in self.phone_service_ids:
                line = next((c for c in records.contacts if numbers_in(c.number) & self._numbers[service.id]), None)
                if line is not None:
                    self._line_of[service.id] = line
        texts: list[IndexedText] = []
        for service in records.services:
            texts.append(IndexedText(service.id, service.id, TITLE_WEIGHT))
            texts.extend(IndexedText(service.id, t, TITLE_WEIGHT) for t in service.title.values())
            texts.extend(IndexedText(service.id, t, SUMMARY_WEIGHT) for t in service.summary.values())
        for document in records.documents:
            texts.extend(IndexedText(document.service, n, ALIAS_WEIGHT) for n in document.all_names)
        # How users ask about a service finds it by their own words too.
        texts.extend(IndexedText(q.service_id, q.text, QUESTION_WEIGHT) for q in questions or ()
                     if q.service_id in self._by_id)
        self._index = SearchIndex(texts)
        self._names = NameIndex(records.services, records.documents)

    @classmethod
    def from_database(cls, engine: Engine) -> ServiceCatalogue:
        records = db.read_stored_catalogue(engine)
        # Questions of services this database does not hold (a test fixture) are skipped.
        return cls(records, engine, read_questions())

    # -- lookups -----------------------------------------------------------------

    def get(self, service_id: str) -> Service | None:
        return self._by_id.get(service_id)

    def document(self, document_id: str) -> Document | None:
        return self._documents.get(document_id)

    def visa_status(self, code: str | None) -> VisaStatus | None:
        return self._statuses.get(main_code(code) or "")

    def contact(self, contact_id: str) -> Contact | None:
        return self._contacts.get(contact_id)

    def numbers(self, service_id: str) -> frozenset[str]:
        """The phone numbers in the service's names, digits only."""
        return self._numbers.get(service_id, frozenset())

    def line_of(self, service_id: str) -> Contact | None:
        """The contact record (hours, languages) of a phone-line service."""
        return self._line_of.get(service_id)

    def service_of_line(self, contact_id: str) -> Service | None:
        """The phone-line service a contact record belongs to."""
        return next((self._by_id[sid] for sid, line in self._line_of.items() if line.id == contact_id), None)

    def rule(self, name: str) -> dict[str, Any] | None:
        return self.records.rules.get(name)

    def for_intent(self, intent: str, visa_status: str | None = None, text: str = "") -> list[Service]:
        """Services that answer ``intent``, best first.

        Those the user can certainly use come first (open to everyone, or
        listing their status), then those that depend on a status we do not
        know yet, then the rest; within a rank, the closest match to the
        user's own words.
        """
        matches = [s for s in self.records.services if intent in s.intents]
        scores = {h.service_id: h.score for h in self._index.query(text, limit=len(self._by_id))} if text else {}
        order = {True: 0, None: 1, False: 2}

        def rank(service: Service) -> tuple[int, int, float, str]:
            verdict = eligible(service, visa_status, self.records.rules).eligible
            # Known status: the most specific service that fits (F-6 extension
            # for an F-6 holder). Unknown: the most general one.
            breadth = len(service.visa_statuses) or 1000
            return order[verdict], breadth if visa_status else -breadth, -scores.get(service.id, 0.0), service.id

        return sorted(matches, key=rank)

    def lexical_hits(self, text: str, limit: int = 20) -> list[Hit]:
        """Services whose words the text shares, best first (no eligibility filter)."""
        return self._index.query(text, limit=limit) if text else []

    def named_services(self, text: str) -> list[str]:
        """Services the text names outright ("family center", "가족센터"), longest name first."""
        return self._names.named(text)

    def eligibility(self, service: Service, visa_status: str | None) -> Eligibility:
        return eligible(service, visa_status, self.records.rules)

    # -- search ------------------------------------------------------------------

    def search(self, query: str, lang: str, visa_status: str | None = None, online_only: bool = False,
               limit: int = 5) -> list[SearchResult]:
        if not isinstance(query, str) or not query.strip() or limit <= 0:
            return []
        hits = self._index.query(query, limit=max(limit * 4, 20))
        # Near-ties go to the general service (open to everyone) over a
        # status-specific one: "visa extension" means IMM-EXT first.
        hits.sort(key=lambda h: -(h.score + (GENERAL_SERVICE_BONUS if not self._by_id[h.service_id].visa_statuses
                                             else 0.0)))
        allowed = self._filter([h.service_id for h in hits], visa_status, online_only)
        results = []
        for hit in hits:
            if hit.service_id not in allowed:
                continue
            service = self._by_id[hit.service_id]
            results.append(SearchResult(service, hit.score, pick(service.title, lang), pick(service.summary, lang),
                                        self.eligibility(service, visa_status)))
            if len(results) == limit:
                break
        return results

    def _filter(self, ids: list[str], visa_status: str | None, online_only: bool) -> set[str]:
        """Apply eligibility and online filters, in SQL when a database is attached."""
        if not ids:
            return set()
        if not visa_status and not online_only:
            return set(ids)  # nothing to filter: no database round trip
        code = main_code(visa_status)
        status = visa_status.upper() if visa_status else None
        if self._engine is None:
            # status_in keeps a service for D-4-1 when the user said only "D-4": the sub-code decides later.
            return {i for i in ids
                    if (not online_only or self._by_id[i].online)
                    and (code is None or not self._by_id[i].visa_statuses
                         or status_in(visa_status, self._by_id[i].visa_statuses) is not False)}
        s = tables.services
        conditions = [s.c.id.in_(ids)]
        if online_only:
            conditions.append(s.c.online.is_(True))
        if code:
            st = tables.service_statuses
            listed = exists().where(and_(st.c.service_id == s.c.id))
            same = [st.c.code == code, st.c.code == status]
            if status == code:
                same.append(st.c.code.like(f"{escape_like(code)}-%", escape=LIKE_ESCAPE))
            matches = exists().where(and_(st.c.service_id == s.c.id, or_(*same)))
            conditions.append(or_(not_(listed), matches))
        with self._engine.connect() as conn:
            return set(conn.execute(select(s.c.id).where(and_(*conditions))).scalars())

    def find_ids(self, fragment: str, limit: int = 20) -> list[str]:
        """Service ids containing ``fragment`` (for the CLI's ``show``)."""
        if self._engine is None:
            return sorted(i for i in self._by_id if fragment.upper() in i)[:limit]
        pattern = f"%{escape_like(fragment.upper())}%"
        with self._engine.connect() as conn:
            rows = conn.execute(select(tables.services.c.id)
                                .where(tables.services.c.id.like(pattern, escape=LIKE_ESCAPE))
                                .order_by(tables.services.c.id).limit(limit))
            return list(rows.scalars())


# A running server notices `python -m catalogue load` within this many seconds
# (one indexed SELECT of the stored fingerprint), so no restart is needed.
RECHECK_SECONDS = 30.0


@dataclass
class _Loaded:
    catalogue: ServiceCatalogue
    fingerprint: str | None
    checked_at: float


_lock = threading.Lock()
_default: dict[str, _Loaded] = {}


def _stored_fingerprint(url: str) -> str | None:
    with database.shared_engine(url).connect() as conn:
        return db.stored_fingerprint(conn)


def default_catalogue(url: str | None = None, *, now: float | None = None) -> ServiceCatalogue:
    """The process-wide catalogue for the configured database, reloaded when a new one is stored."""
    url = url or database.database_url()
    now = time.monotonic() if now is None else now
    with _lock:
        loaded = _default.get(url)
        if loaded is not None and now - loaded.checked_at < RECHECK_SECONDS:
            return loaded.catalogue
        fingerprint = _stored_fingerprint(url)
        if loaded is None or fingerprint != loaded.fingerprint:
            loaded = _Loaded(ServiceCatalogue.from_database(database.shared_engine(url)), fingerprint, now)
        loaded.checked_at = now
        _default[url] = loaded
        return loaded.catalogue


def reset_default_catalogue() -> None:
    with _lock:
        _default.clear()
