"""Fixtures for the fault tests run in-process (Textual's pilot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tuireader.config import Settings
from tuireader.ui.app import TuiReaderApp

FIXTURES = Path(__file__).parent.parent / "ui" / "fixtures" / "articles"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def make_app(tmp_path: Path, articles: Path):
    def make(**overrides) -> TuiReaderApp:
        values = dict(
            directory=articles,
            state_dir=tmp_path / "state",
            cache_dir=tmp_path / "cache",
            poll_interval=0,
            config_path=tmp_path / "config.toml",
        )
        values.update(overrides)
        return TuiReaderApp(Settings(**values))

    return make
