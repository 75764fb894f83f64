"""Storing the catalogue in the database and reading it back.

Opening and migrating the database is ``bot.storage.database``'s job.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from bot.storage import tables
from catalogue.records import Catalogue, build_catalogue
from catalogue.serialise import jsonable, record_to_raw, service_to_raw


def fingerprint(catalogue: Catalogue) -> str:
    payload = json.dumps([service_to_raw(s) for s in catalogue.services], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def store_catalogue(engine: Engine, catalogue: Catalogue) -> None:
    """Replace the stored catalogue in one transaction: all or nothing."""
    with engine.begin() as conn:
        for table in (tables.service_texts, tables.service_statuses, tables.service_intents, tables.services,
                      tables.reference_records, tables.catalogue_meta):
            conn.execute(delete(table))
        if catalogue.services:
            conn.execute(insert(tables.services), [
                {"id": s.id, "kind": s.kind, "grp": s.group, "online": s.online, "channel": s.channel,
                 "url": s.url, "checked_on": s.checked_on, "payload": service_to_raw(s)}
                for s in catalogue.services
            ])
            texts = [{"service_id": s.id, "lang": lang, "title": s.title[lang], "summary": s.summary.get(lang, "")}
                     for s in catalogue.services for lang in s.title]
            conn.execute(insert(tables.service_texts), texts)
            statuses = [{"service_id": s.id, "code": c} for s in catalogue.services for c in set(s.visa_statuses)]
            if statuses:
                conn.execute(insert(tables.service_statuses), statuses)
            intents = [{"service_id": s.id, "intent": i} for s in catalogue.services for i in set(s.intents)]
            conn.execute(insert(tables.service_intents), intents)
        refs = (
            [("document", d.id, record_to_raw(d)) for d in catalogue.documents]
            + [("visa_status", v.code, record_to_raw(v)) for v in catalogue.visa_statuses]
            + [("contact", c.id, record_to_raw(c)) for c in catalogue.contacts]
            + [("office", o.id, record_to_raw(o)) for o in catalogue.offices]
            + [("rule", name, jsonable(body)) for name, body in catalogue.rules.items()]
        )
        if refs:
            conn.execute(insert(tables.reference_records),
                         [{"kind": k, "id": i, "payload": p} for k, i, p in refs])
        conn.execute(insert(tables.catalogue_meta), [{"key": "fingerprint", "value": fingerprint(catalogue)}])


def stored_fingerprint(conn: Connection) -> str | None:
    return conn.execute(select(tables.catalogue_meta.c.value).where(tables.catalogue_meta.c.key == "fingerprint")
                        ).scalar_one_or_none()


def read_stored_catalogue(engine: Engine) -> Catalogue:
    """The catalogue as stored, validated again on the way out."""
    with engine.connect() as conn:
        services = [row.payload for row in conn.execute(select(tables.services.c.payload)
                                                        .order_by(tables.services.c.id))]
        refs: dict[str, list] = {"document": [], "visa_status": [], "contact": [], "office": [], "rule": []}
        for row in conn.execute(select(tables.reference_records).order_by(tables.reference_records.c.kind,
                                                                          tables.reference_records.c.id)):
            refs[row.kind].append(row.payload)
    raw = {
        "services": [("database", services)],
        "documents": [("database", refs["document"])],
        "visa_statuses": [("database", refs["visa_status"])],
        "contacts": [("database", refs["contact"])],
        "offices": [("database", refs["office"])],
        "rules": [("database", body) for body in refs["rule"]],
    }
    return build_catalogue(raw)
