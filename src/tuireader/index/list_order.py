"""How the article list is ordered and which articles it shows.

Pure (no Textual). ``o`` cycles the order (file name, date, title, comments)
and the choice is remembered in the state directory; the Unread and Starred
views show only those articles. An article's date is the one its metadata
gives (``date: 2024-11-03``, ``التاريخ | ٣/١١/٢٠٢٤``), else the file's time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

SORTS = ("file", "date", "title", "comments")
SORT_NAMES = {"file": "file name", "date": "date", "title": "title", "comments": "comments"}
VIEWS = ("all", "unread", "starred")
PREFS_FILE = "list.json"

# metadata keys that hold the article's date, as scraped or written (casefolded)
DATE_KEYS = frozenset(
    {
        "date", "published", "pubdate", "datum", "fecha", "data", "تاريخ", "التاريخ",
        "تاریخ", "تاريخ النشر", "تاریخ انتشار", "תאריך", "tarih", "تاریخِ اشاعت",
    }
)
# Gregorian years only: a Solar Hijri 1403 or Hijri 1446 date would sort centuries back
MIN_YEAR, MAX_YEAR = 1800, 2300
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def next_sort(current: str) -> str:
    return SORTS[(SORTS.index(current) + 1) % len(SORTS)] if current in SORTS else SORTS[0]


def _ascii_digits(text: str) -> str:
    return "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text
    )


def parse_date(value: str) -> date | None:
    """A year-month-day or day-month-year date anywhere in ``value``, in any
    digits (Arabic-Indic and Persian too); None if there is none."""
    text = _ascii_digits(value)
    for pattern, order in ((_YMD, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.search(text)
        if m:
            parts = [int(g) for g in m.groups()]
            year = parts[order[0]]
            if not MIN_YEAR <= year <= MAX_YEAR:
                return None  # (a Hijri or Solar Hijri year: not comparable)
            with contextlib.suppress(ValueError):
                return date(year, parts[order[1]], parts[order[2]])
    return None


def metadata_date(metadata: Iterable[Sequence[str]]) -> date | None:
    """The date the article's metadata table gives, if any."""
    for pair in metadata:
        if len(pair) >= 2 and str(pair[0]).strip().rstrip(":").casefold() in DATE_KEYS:
            found = parse_date(str(pair[1]))
            if found is not None:
                return found
    return None


def sort_rows(rows: Sequence[Any], how: str, dates: Mapping[str, float] | None = None) -> list:
    """``rows`` in the order ``how`` names. Dates and comments: most first;
    rows without a count last. Every order ends on the file name, so it is total."""
    if how == "title":
        return sorted(rows, key=lambda r: (_title_key(r.title), r.rel))
    if how == "comments":
        return sorted(rows, key=lambda r: (r.comments is None, -(r.comments or 0), r.rel))
    if how == "date":
        dates = dates or {}

        def when(row: Any) -> float:
            found = dates.get(row.id)
            return found if found is not None else row.mtime_ns / 1e9

        return sorted(rows, key=lambda r: (-when(r), r.rel))
    return sorted(rows, key=lambda r: r.rel)


def _title_key(title: str) -> str:
    # harakat and case do not decide the order
    text = unicodedata.normalize("NFKD", title.strip())
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def in_view(view: str, is_read: Callable[[str], bool], is_starred: Callable[[str], bool]):
    """A test for the rows the ``view`` shows."""
    if view == "unread":
        return lambda row: not is_read(row.id)
    if view == "starred":
        return lambda row: is_starred(row.id)
    return lambda row: True


def date_stamp(value: date) -> float:
    """Seconds, comparable with a file's time (midnight UTC of that day)."""
    return (value.toordinal() - date(1970, 1, 1).toordinal()) * 86400.0


def dates_by_id(metadata: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Article id -> the date its metadata table gives (seconds since the
    epoch), from (id, metadata table as JSON) pairs; the ids of tables with no
    date, or unreadable, are left out."""
    out: dict[str, float] = {}
    for aid, raw in metadata:
        try:
            found = metadata_date(json.loads(raw))
        except (ValueError, TypeError):
            continue
        if found is not None:
            out[aid] = date_stamp(found)
    return out


def load_sort(state_dir: Path | None) -> str:
    if state_dir is None:
        return SORTS[0]
    try:
        data = json.loads((Path(state_dir) / PREFS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SORTS[0]
    value = data.get("sort") if isinstance(data, dict) else None
    return value if value in SORTS else SORTS[0]


def save_sort(state_dir: Path | None, how: str) -> None:
    """Remember the order (atomically; a failure only forgets it)."""
    if state_dir is None:
        return
    path = Path(state_dir) / PREFS_FILE
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"sort": how}) + "\n", encoding="utf-8")
        os.replace(tmp, path)
