"""The main screen's toasts: what every part of it says to the user.

Messages may quote file names and article text, so they are never read as
markup and are laid out like the rest (shaped and in visual order in app
mode). A message still on screen is not shown again: a held key repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel

from tuireader.rtl import TextOptions
from tuireader.ui.visual import toast_width, visual_text


class Notices:
    """Says things for the screen; ``options`` gives the text options in force."""

    def __init__(self, app: App[Any], options: Callable[[], TextOptions]) -> None:
        self.app = app
        self.options = options
        self._posted: list[Notification] = []  # ours, until they expire

    def say(
        self,
        message: str,
        *,
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        title: str = "",
    ) -> None:
        message = visual_text(message, self.options(), toast_width(self.app.size.width))
        self._posted = [n for n in self._posted if not n.has_expired]
        if any(n.message == message for n in self._posted):
            return
        if timeout is None:
            timeout = self.app.NOTIFICATION_TIMEOUT
        notification = Notification(message, title, severity, timeout, markup=False)
        self._posted.append(notification)
        self.app.post_message(Notify(notification))

    def report(self, message: str, severity: SeverityLevel = "error") -> None:
        self.say(message, severity=severity)
