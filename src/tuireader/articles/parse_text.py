"""Parser for the scraped plain-text article format (see DESIGN.md).

    <title>
    <title again>                 scrapers repeat it: kept once
    <paragraph>                   one line per paragraph
    <short line, no final stop>   a subheading
    <paragraph>
    Details | |                   metadata table: caption row, separator, rows
    ---|---|
    Ort | Pyongyang, Nordkorea |
    Kommentare (0)                comment count

Subheading rule (`is_subheading`): a body line is a subheading when it is at
most `SUBHEADING_MAX_CHARS` characters (not counting combining marks) and
`SUBHEADING_MAX_WORDS` words long, holds at least one letter, does not end in
sentence punctuation or a closing quote or bracket (. ! ? ؟ … : ; , ، ؛ ۔
" » ” ) ...), is followed by more body text (a short last line is a byline or
a credit, not a heading of anything) and does not follow a line ending in a
colon (that line announces a quotation). A short line wholly inside quotes,
«like this», is judged by what is inside the quotes.

Blank lines: the scraped format has none. When a file does use blank lines,
a group of several lines that are all short (hard-wrapped prose, at most
`WRAPPED_LINE_MAX` characters each) is joined into one paragraph; any other
line stays a block of its own.

The trailer (metadata table and comment line) is read from the end of the
file: the longest run of trailing lines that are table rows or one comment
line. Table rows tolerate missing or extra pipes, a leading pipe, a missing
separator row and a missing caption row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tuireader.articles.langdetect import detect
from tuireader.articles.model import Block, BlockKind, Direction
from tuireader.articles.sanitize import clean, clean_line

__all__ = [
    "ParsedArticle",
    "SUBHEADING_MAX_CHARS",
    "SUBHEADING_MAX_WORDS",
    "TITLE_MAX_CHARS",
    "is_subheading",
    "parse_comment_line",
    "parse_count",
    "parse_text",
]

SUBHEADING_MAX_CHARS = 60
SUBHEADING_MAX_WORDS = 10
TITLE_MAX_CHARS = 300
WRAPPED_LINE_MAX = 100
_TABLE_CELL_MAX = 300
_TRAILER_MAX_LINES = 500
# Runs of ordinary spaces collapse; no-break spaces are meaningful and stay.
_SPACES = re.compile(r"[ \t\v\f]+")

# Sentence-final punctuation and quote marks: a line ending in one is prose.
_FINAL = frozenset(".!?؟…:;,،؛۔\"'»«“”„‘’)]}>")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """What a parser found in a file; the loader adds id and path.

    ``title`` is None when the file has none (the loader then uses the file
    name). All strings are sanitized.
    """

    title: str | None
    blocks: tuple[Block, ...] = ()
    meta_caption: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()
    comments: int | None = None
    comment_line: str | None = None  # as written, e.g. "Kommentare (0)"
    lang: str | None = None
    direction: Direction = Direction.LTR
    notices: tuple[str, ...] = field(default=())


# --- comment count ------------------------------------------------------------

_COMMENT_LABELS = (
    "kommentare", "kommentar", "comments", "comment", "commentaires", "commentaire",
    "comentarios", "comentario", "comentários", "commenti", "reacties", "yorumlar",
    "تعليقات", "التعليقات", "تعليق", "نظرات", "تبصرے", "תגובות",
)
_COMMENT_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(x) for x in _COMMENT_LABELS) + r")"
    r"\s*(?:[(\[（](?P<paren>.*)[)\]）]|[:：](?P<colon>.*))?$",
    re.IGNORECASE,
)
_COMMENT_LINE_MAX = 80
_NUMBER_RE = re.compile(r"^\d{1,3}(?:[.,،٬'\u00a0\u202f ]\d{3})+$|^\d+$")


def parse_count(value: str) -> int | None:
    """A non-negative count written in any decimal digits (ASCII, Arabic-Indic,
    Persian...), with optional thousands separators; anything else -> None."""
    value = value.strip()
    if not _NUMBER_RE.match(value):
        return None
    digits = "".join(ch for ch in value if ch.isdecimal())
    try:
        return int(digits)
    except ValueError:
        return None


def parse_comment_line(line: str) -> tuple[bool, int | None]:
    """(is a comment-count line, count or None when missing or invalid)."""
    line = line.strip()
    if len(line) > _COMMENT_LINE_MAX:
        return False, None
    m = _COMMENT_RE.match(line)
    if not m:
        return False, None
    raw = m.group("paren")
    if raw is None:
        raw = m.group("colon")
    if raw is None:
        return True, None
    return True, parse_count(raw)


# --- metadata table ------------------------------------------------------------

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")


def _cells(line: str) -> list[str] | None:
    """Split a table row into cells, or None when the line is not a row."""
    if "|" not in line:
        return None
    cells = [c.strip() for c in line.split("|")]
    if line.startswith("|"):
        cells = cells[1:]
    while cells and not cells[-1]:
        cells.pop()
    if any(len(c) > _TABLE_CELL_MAX for c in cells):
        return None
    return cells


def _is_separator(cells: list[str]) -> bool:
    nonempty = [c for c in cells if c]
    return bool(nonempty) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in nonempty)


def _parse_table(rows: list[list[str]]) -> tuple[str | None, list[tuple[str, str]]]:
    caption: str | None = None
    pairs: list[tuple[str, str]] = []
    for i, cells in enumerate(rows):
        if _is_separator(cells):
            continue
        nonempty = [c for c in cells if c]
        if not nonempty:
            continue
        next_is_sep = i + 1 < len(rows) and _is_separator(rows[i + 1])
        if i == 0 and (next_is_sep or len(nonempty) == 1):
            # A caption row ("Details | |"); a header row with several labels
            # above a separator is column names, not data.
            if len(nonempty) == 1:
                caption = clean_line(nonempty[0])
            continue
        key = clean_line(cells[0]) if cells else ""
        value = clean_line(" | ".join(c for c in cells[1:] if c))
        if key or value:
            pairs.append((key, value))
    return caption or None, pairs


# --- body -------------------------------------------------------------------------


_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"', "„": "“", "‘": "’", "'": "'", "‹": "›", "»": "«"}


def is_subheading(line: str) -> bool:
    """True for a short line without final punctuation (see module docstring);
    the caller checks the neighbouring blocks. A short line wholly inside
    quotes (a quoted heading, «لا تكيف بلا تمويل») is judged by its inside."""
    line = line.strip()
    if len(line) >= 3 and _QUOTE_PAIRS.get(line[0]) == line[-1]:
        line = line[1:-1].strip()
    if not line:
        return False
    if line[-1] in _FINAL:
        return False
    # Harakat do not make a line longer on screen: count base characters.
    if len(line) > SUBHEADING_MAX_CHARS and _base_length(line) > SUBHEADING_MAX_CHARS:
        return False
    if len(line.split()) > SUBHEADING_MAX_WORDS:
        return False
    return any(ch.isalpha() for ch in line)


def _base_length(text: str) -> int:
    return sum(1 for ch in text if not unicodedata.combining(ch))


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _title_variant(a: str, b: str) -> str | None:
    """When b repeats a with a site name appended or dropped ("X - Site"),
    return the shorter one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short or not long_.startswith(short):
        return None
    rest = long_[len(short) :].strip()
    if rest[:1] in ("-", "|", "–", "—", ":", "·") and len(rest) <= 80:
        return short
    return None


def _group_lines(lines: list[str]) -> list[str]:
    """Body lines to block texts: each line is a block, except groups of
    hard-wrapped lines between blank lines, which are joined."""
    if "" not in lines:
        return [ln for ln in lines if ln]
    out: list[str] = []
    group: list[str] = []

    def flush() -> None:
        if len(group) > 1 and all(len(g) <= WRAPPED_LINE_MAX for g in group):
            out.append(" ".join(group))
        else:
            out.extend(group)
        group.clear()

    for ln in lines:
        if ln:
            group.append(ln)
        else:
            flush()
    flush()
    return out


def parse_text(text: str) -> ParsedArticle:
    """Parse scraped article text. Never raises on any str input."""
    lines = _clean_lines(text)
    first = next((n for n, ln in enumerate(lines) if ln), len(lines))
    trailer = _read_trailer(lines, first)
    caption, pairs = _parse_table(trailer.table_rows)
    title, start = _read_title(lines, trailer.start)
    blocks = _body_blocks(_group_lines(lines[start : trailer.start]))
    lang, direction = detect([title or "", *(b.text for b in blocks)])
    return ParsedArticle(
        title=clean_line(title) if title else None,
        blocks=tuple(blocks),
        meta_caption=caption,
        metadata=tuple(pairs),
        comments=trailer.comments,
        comment_line=trailer.comment_line or None,
        lang=lang,
        direction=direction,
    )


def _clean_lines(text: str) -> list[str]:
    """The sanitized lines, runs of spaces collapsed, ends trimmed."""
    text = clean(text)
    if "  " in text or "\t" in text or "\v" in text or "\f" in text:
        return [_SPACES.sub(" ", ln).strip(" ") for ln in text.split("\n")]
    # nothing to collapse: skip a sub() per single space (most lines)
    return [ln.strip(" ") for ln in text.split("\n")]


@dataclass(slots=True)
class _Trailer:
    """The table rows and comment line at the end of a file."""

    start: int  # index of its first line: the body ends here
    table_rows: list[list[str]] = field(default_factory=list)
    comments: int | None = None
    comment_line: str | None = None


def _read_trailer(lines: list[str], first: int) -> _Trailer:
    """Table rows and one comment line, read from the end (``first``: the
    index of the first non-blank line, the title)."""
    end = len(lines)
    while end and not lines[end - 1]:
        end -= 1
    trailer = _Trailer(end)
    found_comment = False
    i = end
    # The first line is the title, never the trailer; a "table" of thousands
    # of rows is not metadata, so the trailer is bounded and the rest is body.
    floor = max(first + 1, end - _TRAILER_MAX_LINES)
    while i > floor:
        ln = lines[i - 1]
        if not ln:
            i -= 1
            continue
        if not found_comment:
            is_comment, count = parse_comment_line(ln)
            if is_comment:
                found_comment, trailer.comments = True, count
                trailer.comment_line = clean_line(ln)
                i -= 1
                continue
        cells = _cells(ln)
        if cells is None:
            break
        trailer.table_rows.append(cells)
        i -= 1
    trailer.table_rows.reverse()
    trailer.start = i
    return trailer


def _read_title(lines: list[str], body_end: int) -> tuple[str | None, int]:
    """The title (the first line, shown once when repeated) and the index
    where the body starts."""
    start = 0
    while start < body_end and not lines[start]:
        start += 1
    if start >= body_end or len(lines[start]) > TITLE_MAX_CHARS:
        return None, start
    title = lines[start]
    start += 1
    nxt = start
    while nxt < body_end and not lines[nxt]:
        nxt += 1
    if nxt < body_end:
        if _same_title(title, lines[nxt]):
            return title, nxt + 1
        variant = _title_variant(title, lines[nxt])
        if variant is not None:
            return variant, nxt + 1
    return title, start


def _body_blocks(texts: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for n, t in enumerate(texts):
        # A heading introduces more text; a line after "...:" is what the
        # colon announced (a quotation, a verse), not a heading.
        heading = (
            n + 1 < len(texts)
            and not (n and texts[n - 1].endswith(":"))
            and is_subheading(t)
        )
        blocks.append(Block(BlockKind.SUBHEADING if heading else BlockKind.PARAGRAPH, t))
    return blocks
