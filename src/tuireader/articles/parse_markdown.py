"""Parser for hand-written articles: Markdown with optional YAML front matter.

    ---
    title: ...
    date: 2024-11-30
    source: ...
    lang: ar
    dir: rtl
    comments: 3
    any other key: value      (shown in the metadata table, in file order)
    ---
    # Title (used when the front matter has none)
    Paragraphs separated by blank lines; soft-wrapped lines are joined.
    ## Subheading

Front matter is read with `yaml.safe_load` (no object construction), at most
`FRONT_MATTER_MAX` characters, and its values are flattened to short strings
with a budget, so alias bombs cannot blow up. Keys `title`, `lang`, `dir`
(or `direction`), `comments` and `caption` fill the article fields; all other
keys (date, source, url, ...) become metadata rows. Invalid YAML gives a
notice and the body is still shown.

Inline Markdown is reduced to its text: emphasis markers, code spans, links
``[text](url)`` -> text, images -> alt text, backslash escapes. Text in square
brackets that is not a link (``[bold]``) is kept literally.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from tuireader.articles.langdetect import detect, direction_for_lang
from tuireader.articles.model import Block, BlockKind, Direction
from tuireader.articles.parse_text import ParsedArticle, parse_count
from tuireader.articles.sanitize import clean, clean_line

__all__ = ["FRONT_MATTER_MAX", "has_front_matter", "parse_markdown", "split_front_matter"]

FRONT_MATTER_MAX = 64 * 1024
_VALUE_MAX = 1000
_NODE_BUDGET = 2000

_FENCE_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front matter source or None, body). Front matter starts on the first
    line with ``---`` and ends at the next ``---`` or ``...`` line."""
    if not (text.startswith("---\n") or text.startswith("---\r\n")):
        return None, text
    start = text.index("\n") + 1
    m = _FENCE_CLOSE.search(text, start)
    if m is None:
        return None, text
    body_start = m.end() + 1 if m.end() < len(text) else m.end()
    return text[start : m.start()], text[body_start:]


def has_front_matter(text: str) -> bool:
    """True when `text` begins with a front matter block holding a YAML mapping."""
    fm, _ = split_front_matter(text)
    if fm is None or len(fm) > FRONT_MATTER_MAX:
        return False
    try:
        return isinstance(yaml.safe_load(fm), dict)
    except Exception:
        return False


class _Budget:
    def __init__(self) -> None:
        self.nodes = _NODE_BUDGET


def _flatten(value: object, budget: _Budget) -> str:
    """A YAML value as a short string; shared aliases are walked at most
    `_NODE_BUDGET` nodes in total, so a billion-laughs document stays small."""
    budget.nodes -= 1
    if budget.nodes < 0:
        return "…"
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            parts.append(f"{_flatten(k, budget)}: {_flatten(v, budget)}")
            if budget.nodes < 0 or sum(map(len, parts)) > _VALUE_MAX:
                break
        return _cap("; ".join(parts))
    if isinstance(value, (list, tuple, set)):
        parts = []
        for v in value:
            parts.append(_flatten(v, budget))
            if budget.nodes < 0 or sum(map(len, parts)) > _VALUE_MAX:
                break
        return _cap(", ".join(parts))
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return _cap(str(value))


def _cap(s: str) -> str:
    return s if len(s) <= _VALUE_MAX else s[: _VALUE_MAX - 1] + "…"


_TITLE_KEYS = {"title", "titel", "headline"}
_DIR_KEYS = {"dir", "direction"}


def _read_front_matter(fm: str, notices: list[str]) -> dict[str, object]:
    """Front matter fields: title, lang, direction, comments, caption, metadata."""
    out: dict[str, object] = {"metadata": []}
    if len(fm) > FRONT_MATTER_MAX:
        notices.append("front matter too long: ignored")
        return out
    try:
        data = yaml.safe_load(fm)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        notices.append(f"front matter is not valid YAML{where}: ignored")
        return out
    except Exception:  # RecursionError on deeply nested flow collections, ...
        notices.append("front matter could not be read: ignored")
        return out
    if data is None:
        return out
    if not isinstance(data, dict):
        notices.append("front matter is not a list of keys and values: ignored")
        return out
    budget = _Budget()
    metadata: list[tuple[str, str]] = []
    for raw_key, raw_value in data.items():
        key = clean_line(_flatten(raw_key, budget))
        low = key.casefold()
        if low in _TITLE_KEYS and "title" not in out:
            out["title"] = clean_line(_flatten(raw_value, budget)) or None
        elif low in ("lang", "language"):
            lang = clean_line(_flatten(raw_value, budget))
            out["lang"] = lang[:35] or None
        elif low in _DIR_KEYS:
            d = clean_line(_flatten(raw_value, budget)).casefold()
            if d in ("rtl", "ltr"):
                out["direction"] = Direction(d)
            else:
                notices.append(f"unknown direction {d[:20]!r}: expected rtl or ltr")
        elif low in ("comments", "comment_count", "comments_count"):
            if isinstance(raw_value, int) and not isinstance(raw_value, bool):
                out["comments"] = raw_value if raw_value >= 0 else None
            else:
                out["comments"] = parse_count(clean_line(_flatten(raw_value, budget)))
        elif low == "caption":
            out["caption"] = clean_line(_flatten(raw_value, budget)) or None
        else:
            metadata.append((key, clean_line(_flatten(raw_value, budget))))
    out["metadata"] = metadata
    return out


# --- body ----------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HRULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^ {0,3}[-*+][ \t]+")
_ORDERED = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")

# Every repetition inside a span is bounded, so a hostile line full of
# unclosed markers costs linear time, not quadratic.
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{1,500})\]\([^)\n]{0,2000}\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^>\s]{1,2000})>")
_CODE = re.compile(r"(`{1,3})([^`]{1,500}?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.{1,500}?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)(.{1,500}?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.{1,500}?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PLACEHOLDER = re.compile("\x00([0-9]+)\x00")
# Longer paragraphs are not hand-formatted prose; their text is kept as is.
_INLINE_MAX = 20_000


def _inline(text: str) -> str:
    """Markdown inline syntax to plain text (best effort, never raises)."""
    if len(text) > _INLINE_MAX or not any(c in text for c in "*_`[<~\\!"):
        return text
    # Escaped characters are set aside (text is sanitized, so NUL cannot
    # occur in it) and put back after the markers are gone.
    escaped: list[str] = []

    def keep(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPE.sub(keep, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(lambda m: m.group(2).strip() or m.group(2), text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDER.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    if escaped:
        text = _PLACEHOLDER.sub(lambda m: escaped[int(m.group(1))], text)
    return text


def _strip_closing_hashes(text: str) -> str:
    """'Title ##' -> 'Title' (an ATX heading's optional closing sequence)."""
    text = text.strip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        return stripped.strip()
    return text


def _body_blocks(body: str) -> list[tuple[BlockKind, str, int]]:
    """(kind, text, heading level or 0) for each block of the body."""
    reader = _BodyReader()
    for raw in body.split("\n"):
        reader.feed(raw.rstrip())
    reader.flush()
    return reader.blocks


class _BodyReader:
    """Body lines to blocks, one line at a time; holds the paragraph being
    gathered and the open code fence."""

    def __init__(self) -> None:
        self.blocks: list[tuple[BlockKind, str, int]] = []
        self.para: list[str] = []
        self.fence: str | None = None

    def flush(self) -> None:
        if self.para:
            text = " ".join(p.strip() for p in self.para if p.strip())
            if text:
                self.blocks.append((BlockKind.PARAGRAPH, _inline(text), 0))
            self.para.clear()

    def feed(self, line: str) -> None:
        if self.fence is not None:
            self._fenced(line)
            return
        m = _FENCE.match(line)
        if m:
            self.flush()
            self.fence = m.group(1)[:3]
        elif not line.strip():
            self.flush()
        elif self._heading(line):
            pass
        elif _HRULE.match(line):
            self.flush()
        else:
            self._text(_QUOTE.sub("", line))

    def _fenced(self, line: str) -> None:
        if line.strip().startswith(self.fence or ""):
            self.fence = None
            self.flush()
        else:
            self.para.append(line)

    def _is_setext(self, line: str) -> bool:
        """``line`` underlines the paragraph above as a heading (=== or ---)."""
        return bool(self.para and _SETEXT.match(line) and not _BULLET.match(self.para[-1]))

    def _heading(self, line: str) -> bool:
        """Take ``line`` as a heading (ATX, or the underline of a setext one)."""
        m = _ATX.match(line)
        if m:
            self.flush()
            text = _inline(_strip_closing_hashes(m.group(2) or ""))
            if text:
                self.blocks.append((BlockKind.SUBHEADING, text, len(m.group(1))))
            return True
        if self._is_setext(line):
            level = 1 if line.strip().startswith("=") else 2
            text = _inline(" ".join(p.strip() for p in self.para))
            self.para.clear()
            if text:
                self.blocks.append((BlockKind.SUBHEADING, text, level))
            return True
        return False

    def _text(self, line: str) -> None:
        if _BULLET.match(line):
            self.flush()
            self.para.append("• " + _BULLET.sub("", line))
        elif _ORDERED.match(line):
            self.flush()
            self.para.append(line.strip())
        else:
            if line.endswith("\\"):  # hard line break marker
                line = line[:-1]
            self.para.append(line)


def parse_markdown(text: str) -> ParsedArticle:
    """Parse a Markdown article. Never raises on any str input."""
    text = clean(text)
    notices: list[str] = []
    fm_source, body = split_front_matter(text)
    fields: dict[str, object] = {"metadata": []}
    if fm_source is not None:
        fields = _read_front_matter(fm_source, notices)

    raw_blocks = _body_blocks(body)
    title = fields.get("title")
    if title is None and raw_blocks and raw_blocks[0][2] == 1:
        title = raw_blocks[0][1]
        raw_blocks = raw_blocks[1:]
    elif title is not None and raw_blocks and raw_blocks[0][2] == 1:
        # "# Title" repeating the front matter title is shown once.
        if " ".join(raw_blocks[0][1].split()) == title:
            raw_blocks = raw_blocks[1:]
    blocks = tuple(Block(kind, clean_line(t)) for kind, t, _ in raw_blocks)
    blocks = tuple(b for b in blocks if b.text)

    lang = fields.get("lang")
    detected_lang, detected_dir = detect([str(title or ""), *(b.text for b in blocks)])
    direction = fields.get("direction") or direction_for_lang(lang) or detected_dir  # type: ignore[arg-type]
    return ParsedArticle(
        title=clean_line(str(title)) if title else None,
        blocks=blocks,
        meta_caption=fields.get("caption"),  # type: ignore[arg-type]
        metadata=tuple(fields["metadata"]),  # type: ignore[arg-type]
        comments=fields.get("comments"),  # type: ignore[arg-type]
        lang=lang or detected_lang,  # type: ignore[arg-type]
        direction=direction,  # type: ignore[arg-type]
        notices=tuple(notices),
    )
