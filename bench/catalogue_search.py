"""Catalogue search latency: the real 100 services and a synthetic 10,000.

Baseline, measured in the same run on the same database: a plain SQL
``LIKE '%word%'`` scan over every title and summary (what one would write
first). Our search must be fast enough for a chat turn: p95 < 5 ms on the
real catalogue, < 50 ms on 10,000 services.
"""

from __future__ import annotations

import dataclasses
import random
import statistics
import time
from pathlib import Path
from typing import Callable

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine

from bot.storage import database, tables
from catalogue import db
from catalogue.loader import read_catalogue
from catalogue.records import Catalogue
from catalogue.service_catalogue import LIKE_ESCAPE, ServiceCatalogue, escape_like

QUERIES = [
    ("gia hạn visa", "vi"), ("외국인 등록증 재발급", "ko"), ("part-time job D-2 hours", "en"),
    ("签证延期怎么办", "zh"), ("ต่ออายุวีซ่า", "th"), ("продлить визу", "ru"), ("vizani uzaytirish", "uz"),
    ("भिसा थप्ने", "ne"), ("визний хугацаа сунгах", "mn"), ("perpanjang visa", "id"),
    ("paano mag-renew ng visa", "tl"), ("បន្តទិដ្ឋាការ", "km"), ("oegugin deungnok sasil jeungmyeong", "en"),
    ("unpaid wages", "en"), ("출입국 사실증명", "ko"), ("childcare allowance", "en"),
]


def synthetic(records: Catalogue, size: int, seed: int = 7) -> Catalogue:
    """``size`` services made by recombining real titles and summaries."""
    rng = random.Random(seed)
    words = [w for s in records.services for t in s.title.values() for w in t.split()]
    services = []
    for i in range(size):
        base = records.services[i % len(records.services)]
        noise = " ".join(rng.choice(words) for _ in range(3))
        title = {lang: f"{text} {noise}" for lang, text in base.title.items()}
        services.append(dataclasses.replace(base, id=f"SYN-{i:05d}", title=title))
    return dataclasses.replace(records, services=tuple(services), documents=())


def like_baseline(engine: Engine) -> Callable[[str, str], list[str]]:
    def search(query: str, _lang: str) -> list[str]:
        texts = tables.service_texts
        words = [w for w in query.split() if w]
        conditions = [texts.c.title.like(f"%{escape_like(w)}%", escape=LIKE_ESCAPE) for w in words] + \
                     [texts.c.summary.like(f"%{escape_like(w)}%", escape=LIKE_ESCAPE) for w in words]
        with engine.connect() as conn:
            return list(conn.execute(select(texts.c.service_id).where(or_(*conditions)).distinct().limit(5))
                        .scalars())
    return search


def measure(search: Callable[[str, str], object], rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        for query, lang in QUERIES:
            started = time.perf_counter()
            search(query, lang)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(len(times) * 0.95)], "n": len(times)}


def run(work: Path) -> list[dict[str, object]]:
    records = read_catalogue()
    rows = []
    for label, catalogue, rounds in (("real", records, 30), ("synthetic 10k", synthetic(records, 10_000), 3)):
        engine = database.make_engine(f"sqlite:///{work / f'bench-{len(catalogue.services)}.db'}")
        database.migrate(engine)
        db.store_catalogue(engine, catalogue)
        ours = ServiceCatalogue(catalogue, engine)
        for name, search in (("Ieum search", ours.search),
                             ("baseline SQL LIKE", like_baseline(engine))):
            result = measure(search, rounds)
            rows.append({"catalogue": label, "services": len(catalogue.services), "method": name, **result})
        engine.dispose()
    return rows
