"""Slowing down password guessing without letting anyone lock someone else out.

Failures are counted per (username, source address). After a few free tries
each further failure makes that pair wait longer before the next try (30 s,
then 1, 2, 4, 8 minutes, at most 15), even with the right password, so guessing
from one address stays slow; the same username from another address is not
slowed, so an attacker cannot lock a person out of their account. Failures from
one address over all usernames are counted too, with a much higher allowance
(a whole town hall often reaches the server from one address), so trying one
password on many accounts is slowed as well. Counts are forgotten after an hour
without failure, and a success forgets its pair.

A username failing from many addresses is not slowed (that would hand attackers
a lock-out again) but reported once per window (``guessing_suspected``), and
stays protected by the password policy. The counts live in this process only:
with several API processes an attacker gets each process's allowance, and a
restart forgets them.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from paperasse.errors import RateLimitedError

MAX_KEYS = 100_000


@dataclass(frozen=True)
class Limits:
    """Free failures and waits, per (username, address) and per address."""

    free_per_pair: int = 4
    free_per_client: int = 100
    first_wait_seconds: float = 30
    max_wait_seconds: float = 15 * 60
    forget_after_seconds: float = 3600
    alert_per_username: int = 20


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What one failure changed: a wait began (``tripped``), a username is under attack."""

    tripped: bool
    guessing_suspected: bool


class LoginThrottle:
    """Failure counters with growing waits, safe to share between threads."""

    def __init__(
        self, limits: Limits | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits or Limits()
        self._clock = clock
        self._counts: dict[str, _Count] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, username: str, client: str) -> float:
        """How long ``username`` from ``client`` must wait before trying again (0: go ahead)."""
        with self._lock:
            now = self._clock()
            pair = self._live(_pair(username, client), now)
            wait = self._wait(pair, self.limits.free_per_pair, now)
            if client:
                by_client = self._live(f"c:{client}", now)
                wait = max(wait, self._wait(by_client, self.limits.free_per_client, now))
            return wait

    def failed(self, username: str, client: str) -> Outcome:
        """Count one failure of ``username`` from ``client``."""
        with self._lock:
            now = self._clock()
            self._prune(now)
            pair = self._add(_pair(username, client), now)
            tripped = pair.failures == self.limits.free_per_pair + 1
            if client:
                by_client = self._add(f"c:{client}", now)
                tripped = tripped or by_client.failures == self.limits.free_per_client + 1
            by_name = self._add(f"u:{username}", now)
            suspected = by_name.failures == self.limits.alert_per_username
            return Outcome(tripped, suspected)

    def succeeded(self, username: str, client: str) -> None:
        """Forget the failures of this username from this address (the address keeps its own)."""
        with self._lock:
            self._counts.pop(_pair(username, client), None)

    def _live(self, key: str, now: float) -> _Count | None:
        count = self._counts.get(key)
        if count is not None and now - count.last >= self.limits.forget_after_seconds:
            del self._counts[key]
            return None
        return count

    def _wait(self, count: _Count | None, free: int, now: float) -> float:
        if count is None or count.failures <= free:
            return 0.0
        doublings = min(count.failures - free - 1, 32)
        wait = min(self.limits.first_wait_seconds * 2.0**doublings, self.limits.max_wait_seconds)
        return max(0.0, wait - (now - count.last))

    def _add(self, key: str, now: float) -> _Count:
        count = self._live(key, now) or _Count()
        count.failures += 1
        count.last = now
        self._counts[key] = count
        return count

    def _prune(self, now: float) -> None:
        """Drop idle keys so a flood of made-up usernames cannot grow memory without end."""
        if len(self._counts) < MAX_KEYS:
            return
        for key in list(self._counts):
            self._live(key, now)
        while len(self._counts) >= MAX_KEYS:
            self._counts.pop(next(iter(self._counts)))


def _pair(username: str, client: str) -> str:
    return f"p:{client}\x00{username}"


def rate_limited(wait_seconds: float) -> RateLimitedError:
    """The French refusal, saying how long to wait (``retry_after`` in seconds)."""
    seconds = max(1, math.ceil(wait_seconds))
    if seconds < 60:
        when = f"{seconds} seconde" + ("s" if seconds > 1 else "")
    else:
        minutes = math.ceil(seconds / 60)
        when = f"{minutes} minute" + ("s" if minutes > 1 else "")
    return RateLimitedError(
        f"Trop d'essais : réessayez dans {when}.", details={"retry_after": seconds}
    )
