"""Rate limits: fixed windows counted in this process, or in Redis for several edges.

``hit`` counts one request for a key and says whether it is over its
limit. In-process counting is right for one edge process; with
``IEUM_REDIS_URL`` every edge process shares the counts.
"""

from __future__ import annotations

import logging
import time
from typing import Protocol

from redis.exceptions import RedisError

from channels.edge.settings import RateLimit

log = logging.getLogger("ieum.edge.limits")


class RateLimiter(Protocol):
    async def hit(self, key: str, limit: RateLimit) -> int | None:
        """Count one request; None when allowed, else seconds until the window resets."""
        ...

    async def close(self) -> None:
        ...


def _window(limit: RateLimit, now: float) -> tuple[int, int]:
    """(window number, seconds left in it)."""
    window = int(now // limit.seconds)
    return window, max(1, int((window + 1) * limit.seconds - now))


class MemoryRateLimiter:
    # Forget finished windows once this many keys are held, so memory stays bounded.
    MAX_KEYS = 100_000

    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, int]] = {}

    async def hit(self, key: str, limit: RateLimit) -> int | None:
        window, left = _window(limit, time.time())
        held_window, count = self._counts.get(key, (window, 0))
        count = count + 1 if held_window == window else 1
        if len(self._counts) >= self.MAX_KEYS and key not in self._counts:
            self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
        self._counts[key] = (window, count)
        return None if count <= limit.count else left

    async def close(self) -> None:
        return None


class RedisRateLimiter:
    def __init__(self, url: str, prefix: str = "ieum:edge:rate:") -> None:
        from redis.asyncio import Redis  # only loaded when Redis is configured

        self._redis = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix

    async def hit(self, key: str, limit: RateLimit) -> int | None:
        window, left = _window(limit, time.time())
        name = f"{self._prefix}{key}:{limit.seconds}:{window}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(name)
                pipe.expire(name, limit.seconds + 1)
                count, _ = await pipe.execute()
        except (OSError, RedisError) as error:
            # A Redis outage must not take the chat down: count nothing, say so.
            log.warning("rate limit not applied, Redis unavailable: %s", error.__class__.__name__)
            return None
        return None if int(count) <= limit.count else left

    async def close(self) -> None:
        await self._redis.aclose()


def make_limiter(redis_url: str | None) -> RateLimiter:
    return RedisRateLimiter(redis_url) if redis_url else MemoryRateLimiter()
