"""One writer at a time: an inter-process lock on the store directory (filelock, flock).

Every write path (ingest, retag, repair, `check --repair`) holds it, so two ingests, or an
ingest and an upload in the app, never interleave their writes. A second writer waits, saying
once who holds the lock, for at most `timeout` seconds, then fails with `StoreBusy`. The lock
lives in the local store directory, so in server mode (a Chroma server) it serialises the
writers on this machine only; writers on other machines are not seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

LOCK = "write.lock"
OWNER = "write.lock.pid"  # the holder's pid (the lock file itself is truncated by waiters)


class StoreBusy(RuntimeError):
    """Another process held the store's write lock for longer than we were willing to wait."""


def _owner(directory: Path) -> str:
    try:
        return (directory / OWNER).read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def write_lock(
    directory: Path, timeout: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the store's write lock; `on_wait` hears one line when we have to wait for it."""
    directory.mkdir(parents=True, exist_ok=True)
    lock = FileLock(directory / LOCK)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait(
                f"waiting for the store {directory}: another ingest is running "
                f"(pid {_owner(directory)}); waiting up to {timeout:.0f} s"
            )
        try:
            lock.acquire(timeout=max(timeout, 0.0))
        except Timeout:
            raise StoreBusy(
                f"store is busy (another ingest is running: pid {_owner(directory)}); "
                f"waited {timeout:.0f} s for {directory}, try again when it has finished"
            ) from None
    try:
        (directory / OWNER).write_text(str(os.getpid()), encoding="utf-8")
        yield
    finally:
        lock.release()
