"""Timestamps of the frames a Textual app hands to its terminal.

Every frame goes through ``App._display(screen, update)``, called by
``Screen._compositor_refresh`` once the compositor has rendered the changed
widgets into an update. A real terminal then turns the update into escape
sequences and writes them; the headless driver of ``run_test`` skips that
step, so the clock does it here (``render_segments``) to count the same work,
then takes the time. Conditions registered with ``expect`` are checked at that
moment: the first frame at which one holds is the frame that shows it.

Works the same for any ``App``, so the reader and a bare app are measured
identically. Relies on Textual internals (checked against 8.2.8):
``App._display``, ``App._batch_count`` and ``CompositorUpdate.render_segments``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual._compositor import CompositorUpdate

Condition = Callable[[], bool]


class FrameClock:
    """Install on an app before it runs; ``frames`` holds a perf_counter time per frame."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames: list[float] = []
        self.cpu: dict[float, float] = {}  # frame time -> process CPU time then
        self.bytes_written = 0
        self._waiters: list[tuple[Condition, asyncio.Future[float]]] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count:
                return  # the app writes nothing for these either
            if isinstance(renderable, CompositorUpdate):
                self.bytes_written += len(renderable.render_segments(app.console))
            now = time.perf_counter()
            self.cpu[now] = time.process_time()
            self._frame(now)

        app._display = timed_display  # instance attribute: Screen calls app._display

    def cpu_since(self, frame: float, cpu_before: float) -> float:
        """CPU time of this process (all threads) from ``cpu_before`` to ``frame``."""
        return self.cpu[frame] - cpu_before

    def _frame(self, now: float) -> None:
        self.frames.append(now)
        pending = []
        for cond, fut in self._waiters:
            if fut.done():
                continue
            try:
                held = cond()
            except Exception as exc:  # noqa: BLE001 - report it to the waiting side
                fut.set_exception(exc)
                continue
            if held:
                fut.set_result(now)
            else:
                pending.append((cond, fut))
        self._waiters = pending

    def expect(self, cond: Condition = lambda: True) -> asyncio.Future[float]:
        """A future set to the time of the first frame, from now on, at which
        ``cond()`` holds. Register it before causing the change."""
        fut: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiters.append((cond, fut))
        return fut


async def frame_time(fut: asyncio.Future[float], timeout: float) -> float:
    """Wait for an ``expect`` future; TimeoutError names the missing state."""
    try:
        return await asyncio.wait_for(asyncio.shield(fut), timeout)
    except asyncio.TimeoutError:
        fut.cancel()
        raise TimeoutError(f"no frame showed the expected state in {timeout:.0f} s") from None
