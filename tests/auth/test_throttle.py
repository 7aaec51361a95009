"""The sliding-window counters on their own."""

from __future__ import annotations

from paperasse.auth.throttle import Limits, LoginThrottle
from tests.auth.test_authenticator import Clock


def test_window_slides_one_failure_at_a_time() -> None:
    clock = Clock()
    throttle = LoginThrottle(Limits(per_username=3, window_seconds=600), clock)
    trips = []
    for _ in range(3):
        trips.append(throttle.failed("marie", ""))
        clock.now += 100
    assert trips == [False, False, True]
    assert throttle.wait_seconds("marie", "") == 300  # oldest failure leaves at 600
    clock.now += 300
    assert throttle.wait_seconds("marie", "") == 0
    assert throttle.failed("marie", ""), "one more failure reaches the limit again"
    assert throttle.wait_seconds("marie", "") == 100


def test_usernames_are_counted_apart() -> None:
    throttle = LoginThrottle(Limits(per_username=2), Clock())
    throttle.failed("marie", "")
    throttle.failed("marie", "")
    assert throttle.wait_seconds("marie", "") > 0
    assert throttle.wait_seconds("paul", "") == 0
