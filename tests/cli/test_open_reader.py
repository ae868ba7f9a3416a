"""What the command line hands to the full-screen reader, checked in-process with
the UI replaced by a stub (the real UI runs in test_pty.py and tests/ssh)."""

from __future__ import annotations

import io
import os

import pytest

import tuireader.cli as cli
import tuireader.terminal.tty as terminal
from tuireader.settings.paths import bundled_samples


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def launched(monkeypatch, tmp_path):
    """Run ``main(argv)`` as if in a terminal; returns what the UI was given."""
    monkeypatch.setattr(terminal, "tui_refusal", lambda *a, **k: None)
    stream = Tty()
    monkeypatch.setattr(terminal, "HANDSHAKE", terminal.BidiHandshake(stream))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    hints = ("TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "TERM_PROGRAM", "WT_SESSION")
    for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "TEXTUAL_ANIMATIONS", *hints):
        # set then delete: the CLI writes TEXTUAL_ANIMATIONS, and teardown must undo it
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    seen: dict = {}

    def fake_reader(settings, probe=None):
        seen["settings"] = settings
        seen["probe"] = probe
        seen["terminal_during_run"] = stream.getvalue()
        seen["animations"] = os.environ.get("TEXTUAL_ANIMATIONS")
        if seen.get("crash"):
            raise RuntimeError("the app crashed")
        return 0

    monkeypatch.setattr(cli, "run_reader", fake_reader)

    def launch(*argv: str, crash: bool = False) -> dict:
        seen["crash"] = crash
        seen["code"] = cli.main(list(argv))
        seen["terminal_after"] = stream.getvalue()
        return seen

    return launch


def test_default_directory_is_the_bundled_samples_outside_a_project(launched):
    seen = launched()
    assert seen["code"] == 0
    assert seen["settings"].directory == bundled_samples()


def test_articles_in_the_current_directory_win_over_the_samples(launched, tmp_path):
    (tmp_path / "articles").mkdir()
    assert launched()["settings"].directory == tmp_path / "articles"


def test_the_config_directory_wins(launched, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    config = tmp_path / "c.toml"
    config.write_text(f'directory = "{news}"\n')
    assert launched("--config", str(config))["settings"].directory == news


def test_a_missing_config_directory_opens_the_default_with_a_message(launched, tmp_path):
    """A bad setting falls back to its default, as the README promises: the
    reader starts on the default directory and says why."""
    config = tmp_path / "c.toml"
    config.write_text(f'directory = "{tmp_path / "gone"}"\n')
    seen = launched("--config", str(config))
    assert seen["code"] == 0
    settings = seen["settings"]
    assert settings.directory == bundled_samples()
    [problem] = settings.problems
    assert "gone" in problem and str(config) in problem and "line 1" in problem
    assert "no such directory" in problem and "instead" in problem


def test_a_file_opens_its_folder_with_it_selected(launched, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("A\n\nBody.\n", encoding="utf-8")
    (folder / "b.txt").write_text("B\n\nBody.\n", encoding="utf-8")
    seen = launched(str(folder / "b.txt"))
    assert seen["code"] == 0
    assert seen["settings"].directory == folder
    assert seen["settings"].open_file == folder / "b.txt"


def test_options_reach_the_ui(launched):
    s = launched("--no-mouse", "--harakat", "--no-shape", "--bidi", "terminal")["settings"]
    assert (s.mouse, s.harakat, s.shaping, s.bidi_mode) == (False, True, False, "terminal")


def test_app_mode_handshake_brackets_the_run(launched):
    seen = launched()
    assert seen["terminal_during_run"] == terminal.BIDI_EXPLICIT
    assert seen["terminal_after"] == terminal.BIDI_EXPLICIT + terminal.BIDI_IMPLICIT


def test_the_terminal_is_restored_when_the_app_crashes(launched):
    with pytest.raises(RuntimeError):
        launched(crash=True)
    # `launched` could not record it; read the stream the handshake wrote to
    assert terminal.HANDSHAKE.stream.getvalue().endswith(terminal.BIDI_IMPLICIT)
    assert not terminal.HANDSHAKE.active


def test_terminal_mode_sends_nothing(launched):
    seen = launched("--bidi", "terminal")
    assert seen["terminal_after"] == ""


def test_animations_are_off_over_ssh(launched, monkeypatch):
    assert launched()["animations"] is None
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5555 10.0.0.2 22")
    assert launched()["animations"] == "none"


def test_a_users_own_animation_setting_is_kept_over_ssh(launched, monkeypatch):
    monkeypatch.setenv("SSH_TTY", "/dev/pts/1")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "basic")
    assert launched()["animations"] == "basic"


def test_width_without_print_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--width", "40"])
    assert exc.value.code == 2
    assert "--width" in capsys.readouterr().err


def test_auto_is_the_default_and_starts_as_app_mode_with_a_probe(launched):
    seen = launched()
    assert seen["settings"].bidi_mode == "app" and seen["probe"] is not None
    assert seen["terminal_during_run"] == terminal.BIDI_EXPLICIT


def test_auto_in_konsole_starts_in_terminal_mode_without_the_handshake(launched, monkeypatch):
    monkeypatch.setenv("KONSOLE_VERSION", "221203")
    seen = launched()
    assert seen["settings"].bidi_mode == "terminal" and seen["terminal_after"] == ""


def test_under_tmux_the_handshake_also_goes_through_passthrough(launched, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1,0")
    wrapped_on = "\x1bPtmux;\x1b\x1b[8l\x1b\\"
    wrapped_off = "\x1bPtmux;\x1b\x1b[8h\x1b\\"
    for argv in ((), ("--bidi", "app")):
        seen = launched(*argv)
        before = seen["terminal_after"][: -len(terminal.BIDI_IMPLICIT + wrapped_off)]
        assert seen["terminal_during_run"].endswith(terminal.BIDI_EXPLICIT + wrapped_on)
        assert seen["terminal_after"].endswith(terminal.BIDI_IMPLICIT + wrapped_off)
        assert before.endswith(wrapped_on)


def test_restore_terminal_is_one_call_for_every_exit_path(monkeypatch):
    stream = Tty()
    handshake = terminal.BidiHandshake(stream)
    monkeypatch.setattr(terminal, "HANDSHAKE", handshake)
    handshake.start(wrap="tmux")
    assert handshake.restore_sequence() == "\x1b[8h\x1bPtmux;\x1b\x1b[8h\x1b\\"
    terminal.restore_terminal()
    terminal.restore_terminal()  # a second exit path finds nothing left to do
    assert stream.getvalue().count("\x1b[8h") == 2  # plain and wrapped, once
    assert handshake.restore_sequence() == ""


def test_under_gnu_screen_the_handshake_also_goes_through_its_passthrough(launched, monkeypatch):
    monkeypatch.setenv("STY", "4242.pts-1.host")
    seen = launched()
    assert seen["terminal_during_run"] == terminal.BIDI_EXPLICIT + "\x1bP\x1b[8l\x1b\\"
    assert seen["terminal_after"].endswith(terminal.BIDI_IMPLICIT + "\x1bP\x1b[8h\x1b\\")
