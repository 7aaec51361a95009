"""Login rate limiting, in memory, per process.

Failures are counted per username and per client address over a sliding
window. Once a key reaches its limit, every attempt on it is refused until its
oldest failure leaves the window, even with the right password, so guessing
stays slow. The address limit is higher than the username one because a whole
town hall often reaches the server from one address.

The counts live in this process only: with several API processes an attacker
gets each process's allowance, and a restart forgets them. A shared store (a
``login_failures`` table, or Redis) would close that gap.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from paperasse.errors import RateLimitedError

MAX_KEYS = 100_000


@dataclass(frozen=True)
class Limits:
    """How many failures are tolerated within ``window_seconds``, per username and per address."""

    per_username: int = 5
    per_client: int = 20
    window_seconds: float = 15 * 60


class LoginThrottle:
    """Sliding-window failure counters, safe to share between threads."""

    def __init__(
        self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or Limits()
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, username: str, client: str) -> float:
        """How long ``username`` from ``client`` must wait before trying again (0: go ahead)."""
        with self._lock:
            now = self._clock()
            return max(
                self._wait(f"u:{username}", self.limits.per_username, now),
                self._wait(f"c:{client}", self.limits.per_client, now) if client else 0.0,
            )

    def check(self, username: str, client: str) -> None:
        """Raise RateLimitedError, in French and with the wait in ``details``, when blocked."""
        wait = self.wait_seconds(username, client)
        if wait > 0:
            raise rate_limited(wait)

    def failed(self, username: str, client: str) -> bool:
        """Count one failure; True when it is the one that reaches a limit."""
        with self._lock:
            now = self._clock()
            self._prune(now)
            tripped = self._add(f"u:{username}", self.limits.per_username, now)
            if client:
                tripped = self._add(f"c:{client}", self.limits.per_client, now) or tripped
            return tripped

    def succeeded(self, username: str) -> None:
        """Forget the username's failures (the address keeps its count)."""
        with self._lock:
            self._failures.pop(f"u:{username}", None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.limits.window_seconds:
            times.popleft()
        return times

    def _wait(self, key: str, limit: int, now: float) -> float:
        times = self._recent(key, now)
        if len(times) < limit:
            return 0.0
        return times[-limit] + self.limits.window_seconds - now

    def _add(self, key: str, limit: int, now: float) -> bool:
        times = self._recent(key, now)
        times.append(now)
        self._failures[key] = times
        return len(times) == limit

    def _prune(self, now: float) -> None:
        """Drop idle keys so a flood of made-up usernames cannot grow memory without end."""
        if len(self._failures) < MAX_KEYS:
            return
        for key in list(self._failures):
            if not self._recent(key, now):
                del self._failures[key]
        while len(self._failures) >= MAX_KEYS:
            self._failures.pop(next(iter(self._failures)))


def rate_limited(wait_seconds: float) -> RateLimitedError:
    minutes = max(1, math.ceil(wait_seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return RateLimitedError(
        f"Trop de tentatives : réessayez dans {minutes} {unit}.",
        details={"retry_after": math.ceil(wait_seconds)},
    )
