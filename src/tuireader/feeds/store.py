"""Items as article files under ``<library>/feeds/<feed>/``, and what we remember.

One Markdown file with YAML front matter per item, named
``<readable slug of the title>-<hash of the item id>.md``: the hash keeps the
name stable when a title is corrected and unique when two titles agree; the
slug keeps it readable (Arabic stays Arabic). The name is chosen once, the
first time an item is seen, and kept.

What we remember per library (a JSON file in the user state directory, not in
the library): for each feed its ETag/Last-Modified and the time of the last
fetch, and for each item its file name and a hash of the bytes we wrote. So:
a re-fetch updates a file only if it still holds exactly what we wrote (an
edited file is never overwritten), and an item whose file is gone was deleted
by the user and is not written again (unless asked: ``restore_deleted``).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any

import yaml

from tuireader.articles.langdetect import direction_for_lang
from tuireader.articles.sanitize import clean, clean_line
from tuireader.feeds.convert import html_to_markdown
from tuireader.feeds.files import content_hash, short_hash, slug, write_atomic
from tuireader.feeds.parse import Item, ParsedFeed

FEEDS_DIR = "feeds"
MEMORY_VERSION = 1
TITLE_MAX = 500
FIELD_MAX = 1000
BODY_MAX = 1_000_000  # characters; the reader reads articles up to 4 MiB
REMEMBER_ITEMS = 5000  # per feed: the oldest records beyond this are forgotten


class UnsafePath(Exception):
    pass


def item_file_name(item: Item) -> str:
    stem = slug(clean_line(item.title)) or "item"
    return f"{stem}-{short_hash(item.id)}.md"


def inside(base: Path, target: Path) -> Path:
    """``target`` if it lies inside ``base`` (links resolved), else UnsafePath."""
    base_r = base.resolve()
    target_r = target.resolve()
    if target_r != base_r and base_r not in target_r.parents:
        raise UnsafePath(f"{target} is outside {base}")
    return target


def render_item(item: Item, feed: ParsedFeed, body_markdown: str | None = None) -> bytes:
    """The article file for ``item``: front matter, then the body."""
    fields: dict[str, Any] = {"title": clean_line(item.title)[:TITLE_MAX] or "(untitled)"}
    if item.date:
        fields["date"] = item.date
    if feed.title:
        fields["source"] = clean_line(feed.title)[:FIELD_MAX]
    if item.link:
        fields["url"] = clean_line(item.link)[:FIELD_MAX]
    if item.author:
        fields["author"] = clean_line(item.author)[:FIELD_MAX]
    if item.lang:
        fields["lang"] = item.lang
        direction = direction_for_lang(item.lang)
        if direction is not None:
            fields["dir"] = direction.value
    if item.comments is not None:
        fields["comments"] = item.comments
    tags = [clean_line(t)[:100] for t in item.tags]
    if any(tags):
        fields["tags"] = [t for t in tags if t]
    front = yaml.safe_dump(
        fields, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    body = body_markdown if body_markdown is not None else html_to_markdown(item.html)
    body = clean(body)[:BODY_MAX]
    return f"---\n{front}---\n\n{body}\n".encode()


class Memory:
    """What tuireader remembers about the feeds written into one library."""

    def __init__(self, state_dir: Path, library: Path) -> None:
        root = str(Path(library).expanduser().resolve())
        self.path = Path(state_dir) / "feeds" / f"library-{short_hash(root, 16)}.json"
        self.root = root
        self.lock = threading.Lock()
        self.feeds: dict[str, dict[str, Any]] = {}
        self.notice: str | None = None
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self.notice = f"{self.path}: could not be read ({exc}); starting afresh"
            return
        if isinstance(data, dict) and isinstance(data.get("feeds"), dict):
            self.feeds = {k: v for k, v in data["feeds"].items() if isinstance(v, dict)}

    def feed(self, url: str) -> dict[str, Any]:
        with self.lock:
            record = self.feeds.setdefault(url, {})
            if not isinstance(record.get("items"), dict):
                record["items"] = {}
            return record

    def move(self, old: str, new: str) -> None:
        with self.lock:
            if old in self.feeds and new not in self.feeds:
                self.feeds[new] = self.feeds.pop(old)

    def save(self) -> None:
        with self.lock:
            for record in self.feeds.values():
                items = record.get("items", {})
                if len(items) > REMEMBER_ITEMS:  # (dicts keep insertion order: oldest first)
                    for key in list(items)[: len(items) - REMEMBER_ITEMS]:
                        del items[key]
            data = {"version": MEMORY_VERSION, "library": self.root, "feeds": self.feeds}
            text = json.dumps(data, ensure_ascii=False, indent=0)
        write_atomic(self.path, text.encode("utf-8"))


class FeedWriter:
    """Writes one feed's items into its folder; counts what happened."""

    def __init__(self, library: Path, folder: Path, record: dict[str, Any], lock: threading.Lock,
                 restore_deleted: bool = False) -> None:
        self.base = Path(library) / FEEDS_DIR
        self.folder = inside(self.base, self.base / folder)
        self.record = record
        self.lock = lock
        self.restore_deleted = restore_deleted
        self.new = self.updated = self.kept = self.deleted = 0

    def write(self, item: Item, data: bytes) -> Path | None:
        with self.lock:
            known = dict(self.record["items"].get(item.id) or {})
        name = known.get("file") or item_file_name(item)
        if "/" in name or "\\" in name or name.startswith("."):  # a tampered memory file
            name = item_file_name(item)
        path = inside(self.base, self.folder / name)
        digest = content_hash(data)
        if known:
            try:
                current = path.read_bytes()
            except FileNotFoundError:
                if not self.restore_deleted:
                    self.deleted += 1
                    return None
                current = None
            if current is not None:
                if content_hash(current) != known.get("sha"):
                    self.kept += 1  # edited by the user: theirs now
                    return None
                if known.get("sha") == digest:
                    return None  # nothing changed
                self.updated += 1
            else:
                self.new += 1
        else:
            if _same_bytes(path, data):  # written before, then forgotten (memory lost)
                with self.lock:
                    self.record["items"][item.id] = {"file": path.name, "sha": digest}
                return None
            if path.exists():  # not ours, or changed since: keep it, write beside it
                path = inside(self.base, self.folder / f"{path.stem}-{short_hash(name, 6)}.md")
            self.new += 1
        write_atomic(path, data)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o644)
        with self.lock:
            self.record["items"][item.id] = {"file": path.name, "sha": digest}
        return path


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
