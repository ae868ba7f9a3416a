"""State and config files in bad shape, and instances racing each other.

tests/ui/test_persistence.py covers a corrupt state file ("{{{"), a config
with a bad value and two in-process instances. Here: the shapes a damaged or
hostile file system produces, two real processes saving at the same moment,
and config text that would reach the terminal through a notification.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tuireader.settings.config import load_config
from tuireader.settings.state import STATE_FILE, StateStore

from .checks import assert_safe
from .corpus import Corpus
from .screen import listed, make_app, screen_text, send_key, wait_for

SIZE = (120, 40)

# Run in a child with a timeout: a read that blocks must fail the test, not hang it.
_LOAD_STATE = textwrap.dedent("""
    import sys
    from tuireader.settings.state import StateStore
    store = StateStore(sys.argv[1], sys.argv[2])
    print(store.load())
""")
_LOAD_CONFIG = textwrap.dedent("""
    import sys, pathlib
    from tuireader.settings.config import load_config
    print(load_config(pathlib.Path(sys.argv[1])).problems)
""")


def _child(code: str, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, timeout=60)  # a hang guard, not a speed bound
    except subprocess.TimeoutExpired:
        pytest.fail("reading the file blocked (a FIFO must never be opened for reading)")


CORRUPT_STATE = {
    "binary": os.urandom(512),
    "not-utf8": b'{"libraries": {"\xff\xfe": 1}}',
    "truncated": b'{"version": 1, "libraries": {"/x": {"read": ["a", "b',
    "wrong-shape": b'["read", "starred"]',
    "deep-nesting": b"[" * 100000 + b"]" * 100000,
    "huge-number": b'{"version": 1e999999, "libraries": []}',
    "nul": b"\x00" * 64,
}


@pytest.mark.parametrize("kind", sorted(CORRUPT_STATE))
def test_corrupt_state_is_moved_aside_and_marks_save_again(tmp_path, kind):
    state = tmp_path / "state"
    state.mkdir()
    (state / STATE_FILE).write_bytes(CORRUPT_STATE[kind])
    store = StateStore(state, tmp_path / "lib")
    notices = store.load()
    assert notices and "corrupt" in notices[0], notices
    assert (state / (STATE_FILE + ".corrupt")).read_bytes() == CORRUPT_STATE[kind]
    store.set_read("article-1")
    store.save()
    again = StateStore(state, tmp_path / "lib")
    assert again.load() == [] and again.is_read("article-1")


@pytest.mark.parametrize("kind", ["directory", "symlink-loop", "broken-symlink"])
def test_state_path_that_is_no_file_does_not_stop_the_reader(tmp_path, kind):
    state = tmp_path / "state"
    state.mkdir()
    path = state / STATE_FILE
    if kind == "directory":
        path.mkdir()
    elif kind == "symlink-loop":
        os.symlink(STATE_FILE, path)
    else:
        os.symlink("nowhere.json", path)
    store = StateStore(state, tmp_path / "lib")
    store.load()  # must not raise
    store.set_read("x")
    try:
        store.save()
    except OSError:
        pass  # the UI reports a failed save; it must not be anything else


def test_state_file_that_is_a_fifo_does_not_block(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    os.mkfifo(state / STATE_FILE)
    result = _child(_LOAD_STATE, str(state), str(tmp_path))
    assert result.returncode == 0 and "not a regular file" in result.stdout, result


def test_config_file_that_is_a_fifo_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "config.toml")
    result = _child(_LOAD_CONFIG, str(tmp_path / "config.toml"))
    assert result.returncode == 0 and "config.toml" in result.stdout, result


CORRUPT_CONFIG = {
    "binary": os.urandom(256),
    "not-utf8": b'theme = "\xff\xfe"\n',
    "invalid-toml": b"theme = \n[keys\nstar = 's'\n",
    "wrong-types": b'bidi = 3\nharakat = "yes"\nkeys = 5\n[[directory]]\n',
    "deep-nesting": b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n",
}


@pytest.mark.parametrize("kind", sorted(CORRUPT_CONFIG))
def test_corrupt_config_is_reported_with_its_name_and_defaults_apply(tmp_path, kind):
    path = tmp_path / "config.toml"
    path.write_bytes(CORRUPT_CONFIG[kind])
    settings = load_config(path)
    assert settings.problems, kind
    assert all(str(path) in p for p in settings.problems), settings.problems
    assert settings.bidi_mode == "auto" and settings.keymap == {} or kind == "wrong-types"


HOSTILE_CONFIG = (
    '"\\u001b]0;PWNED-CFG-KEY\\u0007" = 1\n'
    'theme = "\\u001b]0;PWNED-CFG-THEME\\u0007"\n'
    "[keys]\n"
    '"\\u001b]2;PWNED-CFG-ACTION\\u0007" = "x"\n'
    'star = "\\u001b]0;PWNED-CFG-BINDING\\u0007"\n'
    'help = "\\u009b2J,\\u202e"\n'
)


def test_config_problems_quote_names_safely(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(HOSTILE_CONFIG, encoding="utf-8")
    settings = load_config(path)
    problems = settings.problems
    # the unknown setting, the unknown action, two key names that are no keys
    assert len(problems) == 4, problems
    for problem in problems:
        assert_safe(problem, "a config problem")
    assert sum("PWNED-CFG" in p for p in problems) == 3  # quoted, escaped, not dropped
    assert settings.keymap == {}  # a binding holding controls would reach the help screen


async def test_hostile_config_and_state_do_not_stop_the_app(corpus: Corpus, home):
    """A config and a state file full of escape sequences: the app starts,
    lists the corpus, reports what is wrong and can still save read marks."""
    config = home / "config" / "tuireader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "\\u001b[2Jno-such-theme"\nharakat = "\\u001b]0;x\\u0007"\n',
                      encoding="utf-8")
    state = home / "state" / "tuireader"
    state.mkdir(parents=True)
    (state / STATE_FILE).write_bytes(b'{"libraries": \x1b]0;PWNED-STATE\x07')
    settings = load_config(config)
    listed_count = sum(1 for c in corpus.entries if c.listed)
    app = make_app(corpus.root, home, problems=settings.problems, theme=settings.theme,
                   lines=settings.lines)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await listed(pilot, listed_count)
        await pilot.pause()
        assert_safe(screen_text(app), "screen with config and state notices")
        messages = " ".join(n.message for n in app._notifications)
        assert "corrupt" in messages and "config.toml" in messages, messages
        for n in app._notifications:
            assert_safe(n.message + n.title, "a notification")
        send_key(app, "m")
        await wait_for(pilot, lambda: app.store.dirty, "a read mark")
        screen.save_state()
        await pilot.press("q")
    saved = json.loads((state / STATE_FILE).read_text(encoding="utf-8"))
    assert any(lib.get("read") for lib in saved["libraries"].values())
    assert (state / (STATE_FILE + ".corrupt")).exists()


_MARKER_CHILD = textwrap.dedent("""
    import sys
    from tuireader.settings.state import StateStore
    state, root, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = StateStore(state, root)
    store.load()
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(count):
        store.set_read(f"{prefix}-{i}")
        if i % 3 == 0:
            store.toggle_star(f"{prefix}-{i}")
        store.save()
""")


def test_two_processes_saving_at_once_lose_no_marks(tmp_path):
    state = tmp_path / "state"
    count = 150
    procs = [
        subprocess.Popen([sys.executable, "-c", _MARKER_CHILD, str(state), str(tmp_path),
                          name, str(count)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
        for name in ("a", "b")
    ]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        for p in procs:
            assert p.wait(timeout=60) == 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    store = StateStore(state, tmp_path)
    assert store.load() == []
    for prefix in ("a", "b"):
        for i in range(count):
            assert store.is_read(f"{prefix}-{i}"), f"{prefix}-{i} was lost"
            assert store.is_starred(f"{prefix}-{i}") == (i % 3 == 0)
    assert not list(state.glob("*.tmp")), "temporary files left behind"
