"""Records to plain dicts in the YAML's own shape, and back.

The database keeps each record as that dict, so reading it back goes
through the same validation as the YAML does: one shape, one checker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from catalogue.records import Contact, Document, Office, Service, VisaStatus


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, (), [], "")}


def service_to_raw(service: Service) -> dict[str, Any]:
    raw = dataclasses.asdict(service)
    raw.pop("source_file")
    raw["checked_on"] = service.checked_on.isoformat()
    raw["fees"] = [{"krw": f.krw, "label": f.label} for f in service.fees]
    for key in ("intents", "documents", "steps", "visa_statuses", "sources", "disputed", "evidence", "line_topics"):
        raw[key] = list(raw[key])
    out = _drop_empty(raw)
    out.setdefault("fees", [])
    out.setdefault("visa_statuses", [])
    out["online"] = service.online
    if service.unverified:
        out["unverified"] = True
    else:
        out.pop("unverified", None)
    return out


def jsonable(value: Any) -> Any:
    """YAML gives dates for `checked_on: 2026-11-25`; JSON columns want strings."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def record_to_raw(record: Document | VisaStatus | Contact | Office) -> dict[str, Any]:
    raw = dataclasses.asdict(record)

    def listify(value: Any) -> Any:
        if isinstance(value, tuple):
            return [listify(v) for v in value]
        if isinstance(value, dict):
            return {k: listify(v) for k, v in value.items()}
        return value

    out = _drop_empty(listify(raw))
    if isinstance(record, Document):
        out["printable_at_home"] = record.printable_at_home
    return out
