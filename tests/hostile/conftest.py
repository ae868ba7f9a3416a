import os
from pathlib import Path

import pytest

from cli.pty_session import home_env

from .corpus import Corpus, build


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    """The hostile corpus, built once per session (tests must not change it)."""
    return build(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A fresh HOME with XDG dirs under it, for config, state and cache."""
    home = tmp_path / "home"
    for sub in ("config", "state", "cache", "data"):
        (home / sub).mkdir(parents=True)
    for k, v in home_env(home).items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("TUIREADER_CACHE_DIR", raising=False)
    assert os.environ["HOME"] == str(home)
    return home
