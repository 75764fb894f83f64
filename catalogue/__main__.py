"""Command line: ``python -m catalogue load | search | show | export | check``."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from bot.core.languages import ALL, pick
from bot.storage import database
from bot.storage.requests import RETENTION_DAYS, purge_expired
from catalogue import db
from catalogue.checks import office_coverage, run_checks
from catalogue.loader import read_catalogue
from catalogue.official import is_home_page, is_official
from catalogue.questions import read_questions
from catalogue.records import CatalogueError
from catalogue.serialise import service_to_raw
from catalogue.service_catalogue import ServiceCatalogue


def _catalogue() -> ServiceCatalogue:
    engine = database.shared_engine()
    database.migrate(engine)
    with engine.connect() as conn:
        stored = db.stored_fingerprint(conn)
    if stored is None:
        raise CatalogueError(f"the database at {database.database_url()} holds no catalogue yet: run "
                             "`python -m catalogue load` first")
    return ServiceCatalogue.from_database(engine)


def cmd_load(args: argparse.Namespace) -> int:
    records = read_catalogue()
    # The typical questions are read from the YAML at start-up; check them now, not then.
    questions = read_questions(service_ids={s.id for s in records.services})
    engine = database.shared_engine()
    database.migrate(engine)
    with engine.connect() as conn:
        current = db.stored_fingerprint(conn)
    new = db.fingerprint(records)
    if current == new and not args.force:
        print(f"catalogue unchanged ({len(records.services)} services, fingerprint {new})")
        return 0
    db.store_catalogue(engine, records)
    kinds = Counter(s.kind for s in records.services)
    print(f"loaded {len(records.services)} services ({kinds['essential']} essential, {kinds['tailored']} tailored), "
          f"{len(records.documents)} documents, {len(records.visa_statuses)} visa statuses, "
          f"{len(records.contacts)} contact lines, {len(records.offices)} offices, "
          f"{len(questions)} typical questions into "
          f"{database.engine_label(engine)}")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete document requests past the retention period (run daily; see README "Retention")."""
    engine = database.shared_engine()
    database.migrate(engine)
    deleted = purge_expired(engine)
    print(f"deleted {deleted} document request(s) older than {RETENTION_DAYS} days from {database.engine_label(engine)}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    results = _catalogue().search(args.query, args.lang, visa_status=args.visa, online_only=args.online,
                                  limit=args.limit)
    if not results:
        print("no matching service")
        return 0
    for r in results:
        flag = "online" if r.service.online else "offline"
        print(f"{r.score:5.2f}  {r.service.id:<16} {flag:<7} {r.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    catalogue = _catalogue()
    service = catalogue.get(args.id.upper())
    if service is None:
        near = catalogue.find_ids(args.id)
        hint = f" Did you mean: {', '.join(near)}?" if near else ""
        print(f"no service with id {args.id!r}.{hint}", file=sys.stderr)
        return 1
    lang = args.lang
    lines = [
        f"{service.id} — {pick(service.title, lang)}",
        f"  {pick(service.summary, lang)}",
        f"  kind: {service.kind}   group: {service.group}   online: {'yes' if service.online else 'no'} "
        f"({service.channel})",
        f"  url: {service.url}",
        f"  for: {', '.join(service.visa_statuses) or 'everyone'}",
    ]
    for fee in service.fees:
        lines.append(f"  fee: {fee.krw:,} KRW — {pick(fee.label, lang)}")
    if service.deadline:
        lines.append(f"  deadline: {pick(service.deadline, lang)}")
    if service.processing_time:
        lines.append(f"  processing: {pick(service.processing_time, lang)}")
    for doc in service.documents:
        lines.append(f"  document: {pick(doc, lang)}")
    for i, step in enumerate(service.steps, 1):
        lines.append(f"  step {i}: {pick(step, lang)}")
    for note in service.disputed:
        lines.append(f"  ⚠ disputed: {pick(note, lang)}")
    lines.append(f"  sources: {' '.join(service.sources)}")
    lines.append(f"  checked on: {service.checked_on.isoformat()}")
    print("\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    catalogue = _catalogue()
    out = []
    for s in catalogue.records.services:
        raw = service_to_raw(s)
        out.append({
            "id": s.id, "kind": s.kind, "group": s.group, "online": s.online, "channel": s.channel,
            "title": s.title, "summary": s.summary, "url": s.url, "sources": list(s.sources),
            "checked_on": s.checked_on.isoformat(), "visa_statuses": list(s.visa_statuses),
            "intents": list(s.intents), "fees": raw.get("fees", []), "documents": raw.get("documents", []),
            "steps": raw.get("steps", []), "deadline": s.deadline, "processing_time": s.processing_time,
            "legal_basis": s.legal_basis, "disputed": raw.get("disputed", []),
        })
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write("\n")
    return 0


def _listed(title: str, items: list[str], shown: int = 20) -> None:
    print(f"{title}: {len(items)}")
    for item in items[:shown]:
        print(f"  {item}")


def cmd_check(args: argparse.Namespace) -> int:
    try:
        records = read_catalogue()
    except CatalogueError as exc:
        print(f"FAIL: {exc}")
        return 1
    report = run_checks(records)
    kinds = Counter(s.kind for s in records.services)
    online_essential = sum(1 for s in records.services if s.kind == "essential" and s.online)
    print(f"services: {len(records.services)} (essential {kinds['essential']}, of which online "
          f"{online_essential}; tailored {kinds['tailored']})")
    print(f"translation gaps (tier-1 title/summary): {len(report.translation_gaps)}")
    for sid, field_name, lang in report.translation_gaps[:20]:
        print(f"  missing {field_name} [{lang}] in {sid}")
    print(f"stale (checked_on older than 180 days): {len(report.stale)}")
    for sid, date in report.stale[:20]:
        print(f"  {sid} checked on {date.isoformat()}")
    print(f"malformed URLs: {len(report.bad_urls)}")
    for owner, url in report.bad_urls[:20]:
        print(f"  {owner}: {url!r}")
    print(f"services with disputed facts: {len(report.disputed)} ({', '.join(report.disputed)})")
    official = sum(1 for s in records.services if s.sources and is_official(s.sources[0]))
    deep = sum(1 for s in records.services if s.group != "contact" and s.url and not is_home_page(s.url))
    linked = sum(1 for s in records.services if s.group != "contact" and s.url)
    print(f"official first source: {official} of {len(records.services)}; "
          f"marked unverified: {sum(1 for s in records.services if s.unverified)}")
    print(f"deep links (not a home page): {deep} of {linked} non-contact services with a link")
    for office in office_coverage(records):
        print(f"offices ({office.kind}): {office.offices}, with areas served {office.with_areas}, address "
              f"{office.with_address}, own phone {office.with_own_phone}, hours {office.with_hours}")
    _listed("services or rules without an official first source (and not unverified)", report.unofficial)
    _listed("unofficial pages shown as sources", [f"{sid}: {url}" for sid, url in report.shown_unofficial])
    _listed("home-page-only links without a navigation path", report.home_page_links)
    _listed("sources cited by services of different groups",
            [f"{url}: {', '.join(sids)}" for url, sids in report.shared_sources])
    print(f"translations of services that do not exist: {len(report.orphan_translations)} "
          f"{' '.join(report.orphan_translations)}")
    print(f"detail gaps (steps, documents, fees, notes in tier-1 languages): {len(report.detail_gaps)}")
    by_lang = Counter(lang for _, _, lang in report.detail_gaps)
    if by_lang:
        print("  " + ", ".join(f"{lang} {n}" for lang, n in sorted(by_lang.items())))
    print("OK" if report.ok else "PROBLEMS FOUND")
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m catalogue", description="Ieum service catalogue")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load", help="validate catalogue/data and load it into the database")
    p.add_argument("--force", action="store_true", help="reload even if unchanged")
    p.set_defaults(func=cmd_load)
    p = sub.add_parser("search", help="search services")
    p.add_argument("query")
    p.add_argument("--lang", default="en", choices=ALL)
    p.add_argument("--visa", default=None, help="visa status such as D-2")
    p.add_argument("--online", action="store_true", help="only services that can be done online")
    p.add_argument("--limit", type=int, default=5)
    p.set_defaults(func=cmd_search)
    p = sub.add_parser("show", help="show one service")
    p.add_argument("id")
    p.add_argument("--lang", default="en", choices=ALL)
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("export", help="export all services")
    p.add_argument("--format", default="json", choices=["json"])
    p.add_argument("--pretty", action="store_true")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("purge", help="delete document requests past the retention period (run daily)")
    p.set_defaults(func=cmd_purge)
    p = sub.add_parser("check", help="report translation gaps, stale entries and bad URLs")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CatalogueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
