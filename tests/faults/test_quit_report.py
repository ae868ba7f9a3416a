"""A save that fails at quit is said on the terminal after the screen is
restored (not swallowed, not drawn into the alternate screen)."""

from __future__ import annotations

from .helpers import ALT_SCREEN, make_library, modes_left_on, start, wait_unread


def test_a_failed_save_at_quit_is_reported_after_the_screen_is_restored(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    (home / "state").mkdir(parents=True)
    (home / "state" / "tuireader").write_text("not a folder")  # the state folder is a file
    with start(home, root) as p:
        wait_unread(p, 6)
        p.send("m")
        wait_unread(p, 5)
        p.send("q")
        code = p.wait_exit()
    raw = bytes(p.raw)
    assert code == 0
    assert not modes_left_on(raw)
    after = raw[raw.rfind(ALT_SCREEN[1]):].decode("utf-8", "replace")
    assert "Could not save read marks" in after, after
    assert "tuireader is a file, not a folder" in after, after
    assert "File exists" not in after


def test_home_that_is_a_file_still_reads(tmp_path):
    """HOME is a file: no cache, no state, no config folder can exist. The
    reader starts, lists and shows the articles, and says why once."""
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    home.write_text("not a folder")
    with start(home, root, cols=120, rows=40) as p:
        wait_unread(p, 6)
        p.wait_for_text("Article number 1")
        p.wait_for(lambda: "is a file" in p.text(), "the notice")
        p.send("q")
        assert p.wait_exit() == 0
    assert not modes_left_on(bytes(p.raw))


def test_a_state_folder_name_too_long_for_the_file_system(tmp_path):
    home, root = tmp_path / "home", make_library(tmp_path / "lib")
    with start(home, root, XDG_STATE_HOME=str(tmp_path / ("s" * 300))) as p:
        wait_unread(p, 6)
        p.send("m")
        wait_unread(p, 5)
        p.send("q")
        code = p.wait_exit()
    raw = bytes(p.raw)
    assert code == 0 and not modes_left_on(raw)
    after = raw[raw.rfind(ALT_SCREEN[1]):].decode("utf-8", "replace")
    assert "too long" in after and "Traceback" not in after, after
