"""``$TUIREADER_CACHE_DIR`` decides where the real program keeps its index."""

from __future__ import annotations

from pathlib import Path

from .pty_session import PtySession, hermetic_env, tuireader_command


def _indexes(folder: Path) -> list[Path]:
    return sorted(folder.rglob("library-*.sqlite3")) if folder.is_dir() else []


def test_the_app_writes_its_index_where_TUIREADER_CACHE_DIR_says(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.txt").write_text("CACHEDIR-TITLE\n\nbody\n", encoding="utf-8")
    home, cache = tmp_path / "home", tmp_path / "elsewhere" / "cache"
    env = hermetic_env(home, TUIREADER_CACHE_DIR=str(cache))
    with PtySession([*tuireader_command(), str(library)], env, cols=80, rows=24) as session:
        session.wait_for_text("CACHEDIR-TITLE")
        session.wait_for(lambda: bool(_indexes(cache)), f"an index file in {cache}")
        session.send("q")
        assert session.wait_exit() == 0
    assert [p.parent for p in _indexes(cache)] == [cache]
    assert _indexes(home) == [], "an index was written under the user cache directory too"


def test_without_the_variable_the_index_is_in_the_user_cache_directory(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "a.txt").write_text("CACHEDIR-TITLE\n\nbody\n", encoding="utf-8")
    home = tmp_path / "home"
    user_cache = home / "cache" / "tuireader"  # XDG_CACHE_HOME is home/cache
    with PtySession([*tuireader_command(), str(library)], hermetic_env(home),
                    cols=80, rows=24) as session:
        session.wait_for_text("CACHEDIR-TITLE")
        session.wait_for(lambda: bool(_indexes(user_cache)), f"an index file in {user_cache}")
        session.send("q")
        assert session.wait_exit() == 0
