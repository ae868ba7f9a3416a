"""Config mistakes that used to bite silently: unknown key names, two actions
on one key, a directory that is not there, and several messages at once."""

from __future__ import annotations

import subprocess
import sys

from tuireader.settings.config import load_config
from tuireader.settings.keynames import is_key_name

from .conftest import loaded, screen_text, wait_for


def config(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_key_names_are_checked():
    for good in ("j", "G", "ctrl+q", "shift+tab", "question_mark", "slash", "pagedown", "f5"):
        assert is_key_name(good), good
    for bad in ("ctrl+qq", "foo", "ctrl+", "ctrl+ctrl+a", "hyper+"):
        assert not is_key_name(bad), bad


def test_unknown_key_name_is_reported_and_quit_keeps_q(tmp_path):
    settings = load_config(config(tmp_path, '[keys]\nquit = "ctrl+qq"\n'))
    assert "quit" not in settings.keymap  # (the default, q)
    [problem] = settings.problems
    assert "line 2" in problem and "'ctrl+qq'" in problem and "'q'" in problem


def test_known_names_kept_unknown_dropped(tmp_path):
    settings = load_config(config(tmp_path, '[keys]\nstar = "f,zz"\n'))
    assert settings.keymap["star"] == "f"
    assert any("'zz'" in p and "keeping 'f'" in p for p in settings.problems)


def test_conflict_reported_and_the_configured_action_keeps_the_key(tmp_path):
    settings = load_config(config(tmp_path, '[keys]\nnext_unread = "j"\n'))
    assert settings.keymap["next_unread"] == "j"
    assert settings.keymap["down"] == "down"  # j taken from Move down
    [problem] = settings.problems
    assert "'j'" in problem and "next_unread keeps it" in problem and "down" in problem


def test_quit_always_keeps_its_key(tmp_path):
    settings = load_config(config(tmp_path, '[keys]\nstar = "q"\n'))
    assert "quit" not in settings.keymap
    assert "star" not in settings.keymap or "q" not in settings.keymap["star"].split(",")
    assert any("quit keeps it" in p for p in settings.problems)


async def test_in_the_reader_q_still_quits_and_j_is_next_unread(make_app, tmp_path):
    settings = load_config(config(tmp_path, '[keys]\nquit = "ctrl+qq"\nnext_unread = "j"\n'))
    app = make_app(keymap=settings.keymap, problems=settings.problems)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await loaded(pilot)
        await wait_for(pilot, lambda: bool(app.messages))
        assert len(app.messages) == 2
        # one toast for both, not one each
        assert len(app._notifications) == 1
        assert "2 problems" in next(iter(app._notifications)).title
        # the palette's Messages entry shows them whole
        app.action_messages()
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MessagesScreen"
                       and len(app.screen.query(".message")) == 2)
        await pilot.pause()
        text = " ".join(" ".join(screen_text(app).split("│")).split())
        assert "ctrl+qq" in text and "2 messages" in text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def run_cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    import os

    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [sys.executable, "-m", "tuireader", *args],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )


MISTAKES = (
    'directory = "~/missing"\ntheme = "no-such-theme"\n'
    '[keys]\nquit = "ctrl+qq"\nnext_unread = "j"\n'
)


def test_check_config_prints_every_problem_and_fails(tmp_path):
    path = config(tmp_path, MISTAKES)
    result = run_cli(tmp_path, "--check-config", "--config", str(path))
    assert result.returncode == 1
    out = result.stdout
    assert "ctrl+qq" in out and "next_unread keeps it" in out
    assert "no-such-theme" in out
    assert "missing" in out and "instead" in out
    assert len(out.strip().splitlines()) == 4


def test_check_config_passes_a_good_file(tmp_path):
    path = config(tmp_path, 'harakat = true\n')
    result = run_cli(tmp_path, "--check-config", "--config", str(path))
    assert result.returncode == 0 and "no problems" in result.stdout


def test_print_warns_with_every_config_message(tmp_path):
    path = config(tmp_path, MISTAKES)
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nBody.\n", encoding="utf-8")
    result = run_cli(tmp_path, "--print", str(article), "--config", str(path))
    assert result.returncode == 0
    assert "no-such-theme" in result.stderr and "ctrl+qq" in result.stderr
