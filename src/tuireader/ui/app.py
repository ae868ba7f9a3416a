"""The Textual application and its entry point ``run_app``."""

from __future__ import annotations

from textual.app import App

from tuireader.config import Settings


class TuiReaderApp(App[int]):
    """Placeholder until the three panes land."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings


def run_app(settings: Settings) -> int:
    """Run the reader full-screen; return the process exit status."""
    app = TuiReaderApp(settings)
    result = app.run(mouse=settings.mouse)
    return result if isinstance(result, int) else (app.return_code or 0)
