"""Calls that must never block (FIFOs, devices, symlink loops): run them in a
thread and fail the test, instead of hanging the suite, if one does."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# A guard against a call that blocks forever, not a speed bound: generous, as
# a loaded machine may take seconds for what takes milliseconds here.
HANG = 60.0


def call_with_timeout(fn: Callable[..., T], *args: object, timeout: float = HANG) -> T:
    result: dict[str, T] = {}

    def run() -> None:
        result["value"] = fn(*args)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"{fn.__name__} blocked"
    return result["value"]
