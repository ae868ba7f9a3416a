"""Start-up: what the process is left with once the reader runs."""

from __future__ import annotations

import gc

from tuireader import cli
from tuireader.settings.config import Settings
from tuireader.ui import app as app_module


def test_the_garbage_collector_runs_once_the_reader_starts(monkeypatch, tmp_path):
    # Collection is paused while the interface is imported; a reader left
    # without it would grow for as long as it stays open.
    seen = {}

    def fake_run(self, **kwargs):
        seen["enabled"] = gc.isenabled()
        return 0

    monkeypatch.setattr(app_module.TuiReaderApp, "run", fake_run)
    settings = Settings(directory=tmp_path, cache_dir=tmp_path / "c", state_dir=tmp_path / "s")
    try:
        assert cli.run_reader(settings) == 0
        assert seen["enabled"] and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
