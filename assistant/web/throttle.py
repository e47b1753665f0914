"""Login throttling: exponential backoff per user name and per client address.

Gradio checks passwords as fast as they arrive (200 guesses a second). After `free` failed
attempts a key (a user name, an address) must wait `base * 2**(extra failures)` seconds,
capped at `cap`, before its next attempt is even checked; a success clears the user's count
(not the address's, so one valid account cannot launder guesses at others). A key forgotten
for `forget` seconds starts again from zero. Memory is bounded: at most `max_keys` keys.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from assistant.nl import plural


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0  # time of the last failure
    until: float = 0.0  # no attempt is checked before this time


class Backoff:
    """Failure counts and waits for one kind of key."""

    def __init__(
        self, free: int, base: float, cap: float, forget: float, max_keys: int = 10_000
    ) -> None:
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self.max_keys = max_keys
        self._records: OrderedDict[str, _Record] = OrderedDict()

    def delay(self, failures: int) -> float:
        """Seconds to wait after `failures` failed attempts."""
        if failures < self.free:
            return 0.0
        return min(self.cap, self.base * 2 ** (failures - self.free))

    def _get(self, key: str, now: float) -> _Record | None:
        rec = self._records.get(key)
        if rec is not None and now - rec.last > self.forget:
            del self._records[key]
            return None
        return rec

    def wait(self, key: str, now: float) -> float:
        rec = self._get(key, now)
        return max(0.0, rec.until - now) if rec else 0.0

    def failed(self, key: str, now: float) -> None:
        rec = self._get(key, now) or _Record()
        rec.failures += 1
        rec.last = now
        rec.until = now + self.delay(rec.failures)
        self._records[key] = rec
        self._records.move_to_end(key)
        while len(self._records) > self.max_keys:
            self._records.popitem(last=False)

    def clear(self, key: str) -> None:
        self._records.pop(key, None)


class LoginThrottle:
    """Per-user and per-address backoff. Thread-safe; `clock` is injectable for tests."""

    def __init__(
        self,
        *,
        user_free: int = 5,
        address_free: int = 20,
        base: float = 1.0,
        cap: float = 300.0,
        forget: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.users = Backoff(user_free, base, cap, forget)
        self.addresses = Backoff(address_free, base, cap, forget)
        self.clock = clock
        self._lock = threading.Lock()

    def wait(self, user: str, address: str) -> float:
        """Seconds before an attempt for `user` from `address` may be checked (0: now)."""
        now = self.clock()
        with self._lock:
            return max(self.users.wait(_user(user), now), self.addresses.wait(address, now))

    def failed(self, user: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            self.users.failed(_user(user), now)
            self.addresses.failed(address, now)

    def succeeded(self, user: str, address: str) -> None:
        with self._lock:
            self.users.clear(_user(user))


def _user(name: str) -> str:
    return name.strip().casefold()[:200]


def wait_message(seconds: float) -> str:
    """The Dutch refusal for a throttled attempt."""
    wait = plural(max(1, math.ceil(seconds)), "seconde", "seconden")
    return f"Te veel mislukte inlogpogingen. Probeer het over {wait} opnieuw."
