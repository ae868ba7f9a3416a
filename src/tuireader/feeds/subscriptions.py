"""Subscriptions: the ``[[feeds]]`` tables of the config file, and ``[fetch]``.

    [fetch]
    timeout = 20          # seconds for one feed, start to end
    max_mb = 10           # a response larger than this is refused
    workers = 4           # feeds fetched at once (never two at once per host)
    max_wait = 60         # longest Retry-After honoured, in seconds
    interval = 0          # minutes between fetches while the app runs (0: only on R)

    [[feeds]]
    url = "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9"
    name = "Al Jazeera"   # optional; default: the address's host
    folder = "news"       # optional: items go to <library>/feeds/news/Al-Jazeera/
    fulltext = false      # fetch each item's page and extract the article
    every = "1h"          # optional: fetch no more often than this

The file is edited as text (one block appended or removed, one line changed),
so the user's comments and layout survive ``feeds add``/``remove``. OPML 2.0
import and export are here too; OPML is parsed with defusedxml.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from tuireader.articles.sanitize import clean_line
from tuireader.feeds.files import short_hash, slug, write_atomic

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_MB = 10.0
DEFAULT_WORKERS = 4
DEFAULT_MAX_WAIT = 60.0
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SubscriptionError(Exception):
    """A mistake the user can fix (a bad URL, an unknown feed, a bad OPML file)."""


@dataclass(frozen=True)
class Feed:
    url: str
    name: str | None = None
    folder: str | None = None
    fulltext: bool = False
    every: float = 0.0  # seconds; 0: every fetch

    @property
    def label(self) -> str:
        """How the feed is named to the user: its name, else its host."""
        return self.name or urlsplit(self.url).hostname or self.url


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    workers: int = DEFAULT_WORKERS
    max_wait: float = DEFAULT_MAX_WAIT
    interval: float = 0.0  # seconds; 0: no fetching on a timer


@dataclass(frozen=True)
class FeedsConfig:
    feeds: tuple[Feed, ...] = ()
    options: FetchOptions = field(default_factory=FetchOptions)
    problems: tuple[str, ...] = ()


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SubscriptionError(
            f"{clean_line(url)!r} is not a web address: expected http://… or https://…"
        )
    return url


def parse_every(value: Any) -> float:
    """``"30m"``, ``"1h"``, ``"2d"``, ``"90s"`` or a number of minutes, in seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value) * 60
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", value)
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise ValueError(f'expected a duration such as "30m" or "2h", got {value!r}')


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return "", {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SubscriptionError(f"{path}: cannot read the config file ({exc})") from None
    try:
        return text, tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise SubscriptionError(f"{path}: not valid TOML ({exc})") from None


def load_feeds(path: Path) -> FeedsConfig:
    """The subscriptions and fetch options in the config file at ``path``."""
    _, data = _read_toml(path)
    problems: list[str] = []
    feeds: list[Feed] = []
    raw = data.get("feeds", [])
    if not isinstance(raw, list):
        raw = []
        problems.append(f"{path}, key 'feeds': expected [[feeds]] tables; ignored")
    for number, entry in enumerate(raw, 1):
        where = f"{path}, feed {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a table with url = \"…\"; ignored")
            continue
        try:
            url = check_url(str(entry.get("url", "")))
        except SubscriptionError as exc:
            problems.append(f"{where}: {exc}; ignored")
            continue
        try:
            every = parse_every(entry.get("every", 0))
        except ValueError as exc:
            problems.append(f"{where}, key 'every': {exc}; fetching every time")
            every = 0.0
        name = entry.get("name")
        folder = entry.get("folder")
        feeds.append(
            Feed(
                url=url,
                name=clean_line(name) or None if isinstance(name, str) else None,
                folder=clean_line(folder) or None if isinstance(folder, str) else None,
                fulltext=entry.get("fulltext") is True,
                every=every,
            )
        )
    return FeedsConfig(tuple(feeds), _options(data.get("fetch"), path, problems), tuple(problems))


def _options(table: Any, path: Path, problems: list[str]) -> FetchOptions:
    if not isinstance(table, dict):
        return FetchOptions()
    values: dict[str, Any] = {}

    def number(key: str) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        problems.append(f"{path}, key 'fetch.{key}': expected a positive number; ignored")
        return None

    if (v := number("timeout")) and v > 0:
        values["timeout"] = v
    if (v := number("max_mb")) and v > 0:
        values["max_bytes"] = int(v * 1024 * 1024)
    if (v := number("workers")) and v >= 1:
        values["workers"] = int(v)
    if (v := number("max_wait")) is not None:
        values["max_wait"] = v
    if (v := number("interval")) is not None:
        values["interval"] = v * 60
    return FetchOptions(**values)


def folder_names(feeds: tuple[Feed, ...] | list[Feed]) -> dict[str, Path]:
    """Each feed's folder under ``<library>/feeds``: ``[folder/]name``, made safe,
    unique among the feeds (a short hash of the address breaks a tie)."""
    out: dict[str, Path] = {}
    taken: set[str] = set()
    for feed in feeds:
        leaf = slug(feed.label, 60) or "feed"
        parent = slug(feed.folder, 60) if feed.folder else ""
        rel = Path(parent, leaf) if parent else Path(leaf)
        if str(rel).casefold() in taken:
            rel = rel.with_name(f"{leaf}-{short_hash(feed.url, 6)}")
        taken.add(str(rel).casefold())
        out[feed.url] = rel
    return out


def find_feed(feeds: tuple[Feed, ...], key: str) -> Feed | None:
    """The feed named ``key`` (case-insensitive), or with that address."""
    for feed in feeds:
        if feed.url == key.strip():
            return feed
    for feed in feeds:
        if feed.label.casefold() == key.strip().casefold():
            return feed
    return None


# -- editing the config file as text ------------------------------------------

_HEADER = re.compile(r"^\s*\[")
_FEEDS_HEADER = re.compile(r"^\s*\[\[\s*feeds\s*\]\]\s*(?:#.*)?$")


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, except that TOML wants DEL escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _block(feed: Feed) -> str:
    lines = ["[[feeds]]", f"url = {_toml_string(feed.url)}"]
    if feed.name:
        lines.append(f"name = {_toml_string(feed.name)}")
    if feed.folder:
        lines.append(f"folder = {_toml_string(feed.folder)}")
    if feed.fulltext:
        lines.append("fulltext = true")
    return "\n".join(lines) + "\n"


def _blocks(text: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of each ``[[feeds]]`` table, in file order."""
    rows = text.splitlines(keepends=True)
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, row in enumerate(rows):
        if _HEADER.match(row):
            if start is not None:
                out.append((start, i))
                start = None
            if _FEEDS_HEADER.match(row):
                start = i
    if start is not None:
        out.append((start, len(rows)))
    return out


def _save(path: Path, text: str) -> None:
    _, data = _parse_new(path, text)  # never write a file that no longer parses
    del data
    write_atomic(path, text.encode("utf-8"))


def _parse_new(path: Path, text: str) -> tuple[str, dict[str, Any]]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - our edits are valid
        raise SubscriptionError(f"{path}: the edit would break the file ({exc})") from None


def add_feeds(path: Path, new: list[Feed]) -> list[Feed]:
    """Append subscriptions to the config file; return those that were added
    (an address or a name already subscribed is skipped)."""
    text, _ = _read_toml(path)
    current = list(load_feeds(path).feeds) if text else []
    added: list[Feed] = []
    for feed in new:
        check_url(feed.url)
        if any(f.url == feed.url for f in current):
            continue
        if feed.name and any(f.label.casefold() == feed.name.casefold() for f in current):
            raise SubscriptionError(f"a feed named {feed.name!r} exists already: pick another name")
        current.append(feed)
        added.append(feed)
    if not added:
        return []
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join("\n" + _block(f) for f in added)
    path.parent.mkdir(parents=True, exist_ok=True)
    _save(path, text)
    return added


def remove_feed(path: Path, key: str) -> Feed:
    text, data = _read_toml(path)
    feeds = load_feeds(path).feeds
    feed = find_feed(feeds, key)
    if feed is None:
        names = ", ".join(f.label for f in feeds) or "none"
        raise SubscriptionError(f"no feed named or at {key!r} (subscribed: {names})")
    index = _raw_index(data, feed.url)
    blocks = _blocks(text)
    if index is None or len(blocks) != len(data.get("feeds", [])):
        raise SubscriptionError(f"{path}: feeds are not written as [[feeds]] tables; edit by hand")
    start, end = blocks[index]
    rows = text.splitlines(keepends=True)
    # (the blank line that separated the block goes with it)
    while start > 0 and not rows[start - 1].strip():
        start -= 1
    _save(path, "".join(rows[:start] + rows[end:]))
    return feed


def replace_url(path: Path, old: str, new: str) -> bool:
    """Point a subscription at its new address (after a permanent redirect)."""
    text, data = _read_toml(path)
    index = _raw_index(data, old)
    blocks = _blocks(text)
    if index is None or len(blocks) != len(data.get("feeds", [])):
        return False
    start, end = blocks[index]
    rows = text.splitlines(keepends=True)
    for i in range(start, end):
        if re.match(r"^\s*url\s*=", rows[i]):
            rows[i] = f"url = {_toml_string(check_url(new))}\n"
            _save(path, "".join(rows))
            return True
    return False


def _raw_index(data: dict[str, Any], url: str) -> int | None:
    raw = data.get("feeds", [])
    if not isinstance(raw, list):
        return None
    for i, entry in enumerate(raw):
        if isinstance(entry, dict) and str(entry.get("url", "")).strip() == url:
            return i
    return None


# -- OPML -----------------------------------------------------------------------


def parse_opml(data: bytes, origin: str = "OPML") -> list[Feed]:
    """Feeds in an OPML file (1.0 or 2.0: newsboat, FreshRSS, Feedly, …).

    An outline with ``xmlUrl`` is a feed; the outline holding it is its folder.
    """
    return read_opml(data, origin)[0]


def read_opml(data: bytes, origin: str = "OPML") -> tuple[list[Feed], list[str]]:
    """The feeds, and a line for each outline that was skipped."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise SubscriptionError(f"{origin}: refused: the file declares XML entities") from None
    except ParseError as exc:
        raise SubscriptionError(f"{origin}: not an OPML file ({exc})") from None
    if root.tag != "opml" or root.find("body") is None:
        raise SubscriptionError(f"{origin}: not an OPML file (no <opml><body>)")
    feeds: list[Feed] = []
    problems: list[str] = []

    def walk(node: Any, folder: str | None) -> None:
        for child in node.findall("outline"):
            url = child.get("xmlUrl") or child.get("xmlurl")
            label = clean_line(child.get("text") or child.get("title") or "") or None
            if url:
                try:
                    feeds.append(Feed(url=check_url(url), name=label, folder=folder))
                except SubscriptionError as exc:
                    problems.append(f"{origin}: skipped {label or 'a feed'}: {exc}")
            else:
                walk(child, label or folder)

    walk(root.find("body"), None)
    return feeds, problems


def export_opml(feeds: tuple[Feed, ...] | list[Feed]) -> str:
    """OPML 2.0, folders as outlines holding their feeds (as FreshRSS writes it)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>tuireader subscriptions</title>",
        "  </head>",
        "  <body>",
    ]

    def outline(feed: Feed, indent: str) -> str:
        label = quoteattr(feed.label)
        return (
            f'{indent}<outline type="rss" text={label} title={label} '
            f"xmlUrl={quoteattr(feed.url)}/>"
        )

    folders: dict[str, list[Feed]] = {}
    for feed in feeds:
        if feed.folder:
            folders.setdefault(feed.folder, []).append(feed)
        else:
            out.append(outline(feed, "    "))
    for folder, members in folders.items():
        label = quoteattr(folder)
        out.append(f"    <outline text={label} title={label}>")
        out.extend(outline(f, "      ") for f in members)
        out.append("    </outline>")
    out += ["  </body>", "</opml>"]
    return "\n".join(out) + "\n"
