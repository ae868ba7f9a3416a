"""The environment variables tuireader heeds are read in two known places and
listed in the docs, so a user can find every one of them."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tuireader.settings import env
from tuireader.terminal.env import TERMINAL_VARIABLES, is_dumb

ROOT = Path(__file__).resolve().parents[2]
READERS = {Path("settings/env.py"), Path("terminal/env.py")}


def test_only_the_two_env_modules_touch_the_environment():
    package = ROOT / "src" / "tuireader"
    touching = {
        path.relative_to(package)
        for path in package.rglob("*.py")
        if re.search(r"os\.environ|getenv\(", path.read_text(encoding="utf-8"))
    }
    assert touching == READERS


def test_the_architecture_doc_lists_every_variable():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Environment variables", 1)[1]
    for name in [v.name for v in env.ENV_VARS] + list(TERMINAL_VARIABLES):
        assert f"`{name}`" in section, name


def test_cache_dir_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("TUIREADER_CACHE_DIR", raising=False)
    assert env.cache_dir() is None
    monkeypatch.setenv("TUIREADER_CACHE_DIR", "")
    assert env.cache_dir() is None
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(tmp_path / "c"))
    assert env.cache_dir() == tmp_path / "c"


def test_columns_only_when_a_positive_number(monkeypatch):
    for value, width in (("", None), ("abc", None), ("0", None), ("-3", None), ("72", 72)):
        monkeypatch.setenv("COLUMNS", value)
        assert env.columns() == width, value


def test_animations_quieted_only_when_the_user_said_nothing(monkeypatch):
    # set, then delete: the teardown then undoes what quiet_animations writes
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "")
    monkeypatch.delenv("TEXTUAL_ANIMATIONS")
    env.quiet_animations()
    assert os.environ["TEXTUAL_ANIMATIONS"] == "none"
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "full")
    env.quiet_animations()
    assert os.environ["TEXTUAL_ANIMATIONS"] == "full"


def test_dumb_terminal():
    assert is_dumb({"TERM": "dumb"})
    assert not is_dumb({"TERM": "xterm"}) and not is_dumb({})


def test_every_terminal_variable_the_code_reads_is_in_the_table():
    terminal = ROOT / "src" / "tuireader" / "terminal"
    read = {
        name
        for path in terminal.glob("*.py")
        for name in re.findall(r"""env\.get\(\s*["']([A-Z_]+)["']""", path.read_text("utf-8"))
    }
    assert read and read <= set(TERMINAL_VARIABLES), read - set(TERMINAL_VARIABLES)
