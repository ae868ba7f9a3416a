"""Settings shared by the whole suite."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# The suite runs on loaded machines (CI shares two CPUs with other jobs): a
# property test is about what the code returns, never how fast it returns it.
# No per-example deadline, and no health check on slow data generation; speed
# is measured in benchmarks/. Loaded before the test modules, so a test's own
# @settings(...) inherits these unless it says otherwise.
settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("suite")


# What the shell that started pytest says about itself must not reach a test:
# the terminal's size, which terminal or multiplexer it is, colours, SSH.
_SHELL_VARIABLES = (
    "COLUMNS", "LINES", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "VTE_VERSION",
    "KONSOLE_VERSION", "KONSOLE_DBUS_SESSION", "WT_SESSION", "TMUX", "TMUX_PANE", "STY",
    "COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_ANIMATIONS", "SSH_CONNECTION",
    "SSH_CLIENT", "SSH_TTY", "TUIREADER_CACHE_DIR", "LC_ALL", "LC_CTYPE", "LANGUAGE",
)


@pytest.fixture(autouse=True)
def hermetic_environment(tmp_path_factory, monkeypatch):
    """Every test, and every program a test starts, sees a home of its own
    (config, state and cache under it: never the user's) and a UTF-8 locale,
    whoever runs the suite, from whatever terminal."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(name, str(home / sub))
    for name in _SHELL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
