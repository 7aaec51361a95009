"""The failure counters on their own: growing waits per (username, address)."""

from __future__ import annotations

from paperasse.auth.throttle import Limits, LoginThrottle, rate_limited
from tests.auth.test_authenticator import Clock


def test_waits_grow_after_the_free_tries_then_are_forgotten() -> None:
    clock = Clock()
    throttle = LoginThrottle(Limits(), clock)
    outcomes = [throttle.failed("marie", "10.0.0.7") for _ in range(4)]
    assert not any(o.tripped for o in outcomes)
    assert throttle.wait_seconds("marie", "10.0.0.7") == 0
    assert throttle.failed("marie", "10.0.0.7").tripped
    waits = [throttle.wait_seconds("marie", "10.0.0.7")]
    for _ in range(6):
        clock.now += waits[-1]
        throttle.failed("marie", "10.0.0.7")
        waits.append(throttle.wait_seconds("marie", "10.0.0.7"))
    assert waits == [30, 60, 120, 240, 480, 900, 900]
    clock.now += 3600
    assert throttle.wait_seconds("marie", "10.0.0.7") == 0


def test_pairs_are_counted_apart() -> None:
    throttle = LoginThrottle(Limits(free_per_pair=2), Clock())
    for _ in range(3):
        throttle.failed("marie", "203.0.113.9")
    assert throttle.wait_seconds("marie", "203.0.113.9") > 0
    assert throttle.wait_seconds("marie", "10.0.0.7") == 0, "another address is not slowed"
    assert throttle.wait_seconds("paul", "203.0.113.9") == 0


def test_many_addresses_on_one_username_raise_a_flag_not_a_lock() -> None:
    throttle = LoginThrottle(Limits(alert_per_username=5), Clock())
    flags = [throttle.failed("marie", f"198.51.100.{i}").guessing_suspected for i in range(7)]
    assert flags == [False, False, False, False, True, False, False]
    assert throttle.wait_seconds("marie", "10.0.0.7") == 0


def test_the_message_says_how_long_in_french() -> None:
    assert rate_limited(30).message == "Trop d'essais : réessayez dans 30 secondes."
    assert rate_limited(1).message == "Trop d'essais : réessayez dans 1 seconde."
    assert rate_limited(61).message == "Trop d'essais : réessayez dans 2 minutes."
    assert rate_limited(29.2).details == {"retry_after": 30}
