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
