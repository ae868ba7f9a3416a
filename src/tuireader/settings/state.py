"""What the user did, kept between runs: read marks, stars, last article and scroll.

Pure (no Textual). One JSON file in the user state directory, one section per
library root. Writes are atomic (temp file + fsync + os.replace), so a crash
mid-write leaves the previous file intact. Two instances may run at once: each
save re-reads the file and applies only this instance's own changes on top,
so neither loses the other's marks. A corrupt file is moved aside (never
deleted) and reported.
"""

from __future__ import annotations

import contextlib
import json
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tuireader.files.aside import move_aside
from tuireader.files.atomic import write_atomic
from tuireader.files.errors import describe_place_error

try:  # advisory lock around read-merge-write; absent on Windows
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

STATE_FILE = "state.json"
VERSION = 1


class StateStore:
    """Read/starred marks and the last position for the library at ``root``."""

    def __init__(self, state_dir: Path, root: Path | str) -> None:
        self.state_dir = Path(state_dir)
        self.path = self.state_dir / STATE_FILE
        self.root_key = str(Path(root).expanduser().resolve()) if str(root) else ""
        self.read: set[str] = set()
        self.starred: set[str] = set()
        self.last_article: str | None = None
        self.last_scroll: int = 0
        # this instance's changes since the last save: id -> new value
        self._read_changes: dict[str, bool] = {}
        self._star_changes: dict[str, bool] = {}
        self._last_changed = False
        self._stamp: tuple[int, int] | None = None
        self.notices: list[str] = []
        self._unreadable: OSError | None = None  # the last read failed (not: no file)
        self._holding_lock = False
        # A save may run in a worker thread while keys keep changing marks: one
        # save (or load) at a time, and the pending changes under a short lock.
        self._save_lock = threading.RLock()
        self._mutex = threading.Lock()

    # -- loading ---------------------------------------------------------

    def load(self) -> list[str]:
        """Load from disk; return notices (e.g. a corrupt file was moved aside)."""
        with self._save_lock:
            self.notices = []
            self._stamp = self._file_stamp()
            data = self._read_file()
            if self._unreadable is None:  # (unreadable for now: keep what is shown)
                with self._mutex:
                    self._adopt(data)
            return list(self.notices)

    def reload_if_changed(self) -> bool:
        """Pick up marks another instance saved since we last looked."""
        if self._file_stamp() == self._stamp:
            return False
        self.load()
        return True

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _read_file(self) -> dict[str, Any]:
        self._unreadable = None
        # (every look at the disk inside the try: a folder can become unreadable
        # or unreachable mid-session, an NFS home whose ticket expired)
        try:
            if not stat.S_ISREG(self.path.stat().st_mode):  # a FIFO would block the read
                self.notices.append(f"Cannot read state file {self.path}: not a regular file")
                return {}
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self._unreadable = exc
            why = describe_place_error(exc, self.state_dir)
            self.notices.append(f"Cannot read state file {self.path}: {why}")
            return {}
        self._unreadable = None
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
            libraries = data.get("libraries", {})
            if not isinstance(libraries, dict):
                raise ValueError("bad libraries")
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deep nesting
            self._move_aside(raw)
            return {}
        return data

    def _move_aside(self, corrupt: bytes) -> None:
        try:
            # Under the save lock, and only if the file still holds what was read:
            # another instance may have replaced it with a good one meanwhile.
            with self._locked():
                target = move_aside(self.path, expected=corrupt)
        except OSError as exc:
            why = describe_place_error(exc, self.state_dir)
            self.notices.append(f"State file {self.path} is corrupt and could not be moved: {why}")
            return
        if target is None:
            return  # already replaced by a good file (the next reload reads it)
        self.notices.append(
            f"State file {self.path} was corrupt; moved it to {target.name} and started afresh"
        )

    def _section(self, data: dict[str, Any]) -> dict[str, Any]:
        section = data.get("libraries", {}).get(self.root_key, {})
        return section if isinstance(section, dict) else {}

    def _adopt(self, data: dict[str, Any]) -> None:
        section = self._section(data)
        read = _id_set(section.get("read"))
        starred = _id_set(section.get("starred"))
        last = section.get("last")
        if self._last_changed:
            pass  # this instance's unsaved position is the user's latest word
        elif isinstance(last, dict) and isinstance(last.get("article"), str):
            self.last_article = last["article"]
            scroll = last.get("scroll", 0)
            self.last_scroll = scroll if isinstance(scroll, int) and scroll >= 0 else 0
        # re-apply changes not yet saved so a reload never undoes them
        _apply(read, self._read_changes)
        _apply(starred, self._star_changes)
        self.read, self.starred = read, starred  # (whole sets: readers never see half)

    # -- a library that moved -------------------------------------------

    def adopt_moved_library(self, ids: set[str]) -> str | None:
        """Carry the marks of a moved or renamed library over to this one.

        Sections are keyed by the library's resolved path (a symlinked path
        resolves to the same key) and articles by their path inside the
        library, which a move keeps. So when this library has no marks yet and
        another section's directory is gone while at least half of the
        articles it marked are here, that section is this library before it
        moved: its marks are taken over (saved under the new path; the old
        section stays in the file). Returns a message, or None.
        """
        if self.read or self.starred or self.last_article or not ids:
            return None
        data = self._read_file()
        best: tuple[int, str, dict[str, Any]] | None = None
        for root, section in data.get("libraries", {}).items():
            if root == self.root_key or not isinstance(section, dict) or _exists(root):
                continue
            marked = _id_set(section.get("read")) | _id_set(section.get("starred"))
            found = len(marked & ids)
            if marked and found * 2 >= len(marked) and (best is None or found > best[0]):
                best = (found, root, section)
        if best is None:
            return None
        _, root, section = best
        for aid in _id_set(section.get("read")) & ids:
            self.set_read(aid)
        for aid in _id_set(section.get("starred")) & ids:
            _apply(self.starred, {aid: True})
            self._star_changes[aid] = True
        last = section.get("last")
        if isinstance(last, dict) and last.get("article") in ids:
            scroll = last.get("scroll", 0)
            self.set_last(last["article"], scroll if isinstance(scroll, int) else 0)
        return f"Read marks and stars carried over from {root} (the library moved here)"

    # -- changes ---------------------------------------------------------

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def is_starred(self, article_id: str) -> bool:
        return article_id in self.starred

    def set_read(self, article_id: str, read: bool = True) -> None:
        # recorded even when nothing seems to change here: another instance
        # may have saved the opposite, and this is the user's latest word
        with self._mutex:
            _apply(self.read, {article_id: read})
            self._read_changes[article_id] = read

    def toggle_star(self, article_id: str) -> bool:
        with self._mutex:
            starred = article_id not in self.starred
            _apply(self.starred, {article_id: starred})
            self._star_changes[article_id] = starred
        return starred

    def set_last(self, article_id: str | None, scroll: int = 0) -> None:
        scroll = max(0, int(scroll))
        with self._mutex:
            if (article_id, scroll) != (self.last_article, self.last_scroll):
                self.last_article, self.last_scroll = article_id, scroll
                self._last_changed = True

    @property
    def dirty(self) -> bool:
        return bool(self._read_changes or self._star_changes or self._last_changed)

    # -- saving ----------------------------------------------------------

    def save(self) -> None:
        """Merge this instance's changes into the file on disk, atomically.

        Raises OSError if the directory is not writable; the caller reports it.
        May run in a worker thread: changes made meanwhile stay pending for the
        next save. Saves run one at a time, each with all changes made before it.
        """
        with self._save_lock:
            with self._mutex:
                if not self.dirty:
                    return
                read_changes = dict(self._read_changes)
                star_changes = dict(self._star_changes)
                last = (self.last_article, self.last_scroll) if self._last_changed else None
            read, starred = self._write(read_changes, star_changes, last)
            with self._mutex:
                _forget(self._read_changes, read_changes)
                _forget(self._star_changes, star_changes)
                if last is not None and last == (self.last_article, self.last_scroll):
                    self._last_changed = False
                # adopt the other instance's marks too, keeping changes made meanwhile
                _apply(read, self._read_changes)
                _apply(starred, self._star_changes)
                self.read, self.starred = read, starred
                self._stamp = self._file_stamp()

    def _write(
        self,
        read_changes: dict[str, bool],
        star_changes: dict[str, bool],
        last: tuple[str | None, int] | None,
    ) -> tuple[set[str], set[str]]:
        """Merge the changes into the file; return the read and starred sets written."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with self._locked():
            notices_before = len(self.notices)
            data = self._read_file()
            del self.notices[notices_before:]  # a corrupt file was already reported
            if self._unreadable is not None:  # never write over marks that could not be read
                raise self._unreadable
            libraries = data.setdefault("libraries", {})
            section = self._section(data)
            read = _id_set(section.get("read"))
            starred = _id_set(section.get("starred"))
            _apply(read, read_changes)
            _apply(starred, star_changes)
            old_last = section.get("last")
            section = {"read": sorted(read), "starred": sorted(starred)}
            if last is not None and last[0] is not None:
                section["last"] = {"article": last[0], "scroll": last[1]}
            elif isinstance(old_last, dict):
                section["last"] = old_last
            libraries[self.root_key] = section
            data["version"] = VERSION
            _atomic_write(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return read, starred

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None or self._holding_lock:  # (flock on a second open file would wait)
            yield
            return
        lock_path = self.state_dir / (STATE_FILE + ".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            self._holding_lock = True
            try:
                yield
            finally:
                self._holding_lock = False
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _exists(root: str) -> bool:
    try:
        return Path(root).is_dir()
    except OSError:
        return False
def save_failed_note(store: StateStore, exc: OSError) -> str:
    """The message for a save that failed: where, why, and what it means."""
    why = describe_place_error(exc, store.state_dir)
    return f"Could not save read marks to {store.path}: {why}. The latest changes are not saved."


def _id_set(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {v for v in value if isinstance(v, str)}


def _forget(pending: dict[str, bool], saved: dict[str, bool]) -> None:
    """Drop the saved changes from ``pending``, unless changed again since."""
    for key, value in saved.items():
        if pending.get(key) is value:
            del pending[key]


def _apply(target: set[str], changes: dict[str, bool]) -> None:
    for key, on in changes.items():
        if on:
            target.add(key)
        else:
            target.discard(key)


def _atomic_write(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))

