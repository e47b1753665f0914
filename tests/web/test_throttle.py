"""Login throttling: backoff per user and per address (a fake clock; no sleeping)."""

from __future__ import annotations

import pytest

from assistant.web.throttle import Backoff, LoginThrottle, wait_message


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.mark.parametrize(
    ("failures", "delay"),
    [(0, 0.0), (4, 0.0), (5, 1.0), (6, 2.0), (7, 4.0), (10, 32.0), (13, 256.0), (14, 300.0)],
)
def test_delay_doubles_after_the_free_attempts_and_is_capped(failures: int, delay: float) -> None:
    assert Backoff(free=5, base=1.0, cap=300.0, forget=900.0).delay(failures) == delay


def test_a_user_is_throttled_after_five_failures_and_a_success_clears_it() -> None:
    clock = Clock()
    t = LoginThrottle(clock=clock)
    for _ in range(4):
        t.failed("ambtenaar", "10.0.0.1")
        assert t.wait("ambtenaar", "10.0.0.1") == 0
    t.failed("Ambtenaar ", "10.0.0.2")  # same user (case, spaces), another address
    assert t.wait("ambtenaar", "10.0.0.3") == pytest.approx(1.0)
    assert t.wait("collega", "10.0.0.3") == 0  # other users are not held up
    clock.t += 1.01
    assert t.wait("ambtenaar", "10.0.0.3") == 0
    t.failed("ambtenaar", "10.0.0.3")
    assert t.wait("ambtenaar", "10.0.0.3") == pytest.approx(2.0)
    clock.t += 2.01
    t.succeeded("ambtenaar", "10.0.0.3")
    t.failed("ambtenaar", "10.0.0.3")
    assert t.wait("ambtenaar", "10.0.0.3") == 0  # the count started again


def test_an_address_guessing_many_users_is_throttled() -> None:
    clock = Clock()
    t = LoginThrottle(clock=clock)
    for i in range(20):
        t.failed(f"user{i}", "10.9.9.9")
    assert t.wait("nieuw", "10.9.9.9") == pytest.approx(1.0)
    assert t.wait("nieuw", "10.0.0.1") == 0
    t.succeeded("user0", "10.9.9.9")  # a valid account does not launder the address
    assert t.wait("nieuw", "10.9.9.9") > 0


def test_failures_are_forgotten_and_memory_is_bounded() -> None:
    clock = Clock()
    b = Backoff(free=1, base=1.0, cap=10.0, forget=60.0, max_keys=3)
    for key in "abcd":
        b.failed(key, clock())
    assert len(b._records) == 3 and b.wait("a", clock()) == 0  # the oldest key was dropped
    clock.t += 61
    assert b.wait("d", clock()) == 0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.2, "over 1 seconde"), (1.0, "over 1 seconde"), (1.5, "over 2 seconden"), (300, "300")],
)
def test_wait_message(seconds: float, text: str) -> None:
    assert text in wait_message(seconds) and wait_message(seconds).startswith("Te veel")
