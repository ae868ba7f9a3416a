"""Feed bytes to items: RSS 0.9x/1.0/2.0 and Atom 1.0 by feedparser, JSON Feed
1.0/1.1 by hand (feedparser does not read it).

feedparser is given a byte stream, never a string: a string that looks like
an address or a file name would make it open that itself. Before it sees
anything, a document that declares XML entities is refused (feeds never need
them; they are how entity-expansion bombs and external-entity reads work).
Bytes that claim to be UTF-8 and are not get U+FFFD for the bad bytes instead
of the whole feed being read as windows-1252.
"""

from __future__ import annotations

import calendar
import codecs
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from tuireader.articles.sanitize import clean_line

MAX_ITEMS = 1000  # a feed with more is cut here (the newest usually come first)


class NotAFeed(Exception):
    """The bytes are not a feed we can read; the message says what they are."""


@dataclass
class Item:
    id: str
    title: str = ""
    link: str = ""
    date: str | None = None  # ISO 8601, UTC
    author: str = ""
    lang: str | None = None
    html: str = ""  # the body, HTML (plain text is escaped into HTML)
    comments: int | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class ParsedFeed:
    title: str = ""
    link: str = ""
    lang: str | None = None
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _as_ascii_view(body: bytes) -> bytes:
    """The document as ASCII-compatible bytes, for the markup checks (a
    UTF-16 or UTF-32 document would hide ``<!ENTITY`` from a byte search)."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(codec, "replace").encode("utf-8")
    head = body[:4]
    if head.startswith(b"\x00\x00\x00<") or head.startswith(b"<\x00\x00\x00"):
        return body.decode("utf-32-be" if head[0] == 0 else "utf-32-le", "replace").encode()
    if head.startswith(b"\x00<") or head.startswith(b"<\x00"):
        return body.decode("utf-16-be" if head[0] == 0 else "utf-16-le", "replace").encode()
    return body


def _fix_utf8(body: bytes, content_type: str, notes: list[str]) -> bytes:
    m = _XML_ENCODING.match(body[:200])
    declared = m.group(1).decode("ascii").lower() if m else "utf-8"
    charset = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", content_type)
    if charset:  # the HTTP header outranks the document's own declaration
        declared = charset.group(1).lower()
    if declared not in ("utf-8", "utf8") or body[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return body
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        notes.append("the feed is not valid UTF-8: bad bytes shown as �")
        return body.decode("utf-8", "replace").encode("utf-8")
    return body


def parse_feed(body: bytes, content_type: str = "", url: str = "") -> ParsedFeed:
    """Parse a feed document; raise NotAFeed with a reason otherwise."""
    view = _as_ascii_view(body)
    stripped = view.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise NotAFeed("not a feed: the server sent an empty document")
    if "json" in content_type.lower() or stripped[:1] in (b"{", b"["):
        return parse_json_feed(stripped)
    if _ENTITY_DECL.search(view):
        raise NotAFeed("refused: the feed declares XML entities (a DOCTYPE with ENTITY)")
    if _HTML_START.match(stripped):
        raise NotAFeed("not a feed: got HTML (a web page, not its RSS or Atom feed)")
    import feedparser

    notes: list[str] = []
    data = feedparser.parse(
        io.BytesIO(_fix_utf8(body, content_type, notes)),
        response_headers={"content-type": content_type or "application/xml",
                          "content-location": url},
        # Bodies are never shown as HTML: the converter keeps text and drops
        # scripts, styles and frames whole (feedparser's sanitizer would keep
        # the text inside a frame).
        sanitize_html=False,
        resolve_relative_uris=True,
    )
    if not data.get("version"):
        if data.get("bozo"):
            reason = clean_line(str(data.get("bozo_exception", "")))[:200]
            raise NotAFeed(f"not a feed: cannot read it as RSS or Atom ({reason})")
        raise NotAFeed("not a feed: no RSS or Atom in the document")
    meta = data.get("feed", {})
    feed_lang = _lang(meta.get("language")) or _lang(
        (meta.get("title_detail") or {}).get("language")
    )
    out = ParsedFeed(
        title=clean_line(meta.get("title", "")),
        link=meta.get("link", "") or "",
        lang=feed_lang,
        notes=notes,
    )
    for entry in data.get("entries", [])[:MAX_ITEMS]:
        out.items.append(_entry(entry, feed_lang))
    return out


def _lang(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:35] if re.fullmatch(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*", value) else None


def _entry(entry: Any, feed_lang: str | None) -> Item:
    html, lang = "", None
    for content in entry.get("content", []) or []:
        if content.get("value"):
            html = _as_html(content.get("value", ""), content.get("type", ""))
            lang = _lang(content.get("language"))
            break
    if not html and entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        html = _as_html(entry.get("summary", ""), detail.get("type", "text/html"))
        lang = lang or _lang(detail.get("language"))
    lang = lang or _lang((entry.get("title_detail") or {}).get("language")) or feed_lang
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    date = None
    if parsed:
        date = datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc).isoformat()
    link = entry.get("link", "") or ""
    ident = entry.get("id") or link or f"{entry.get('title', '')}|{date}"
    return Item(
        id=str(ident),
        title=entry.get("title", "") or "",
        link=link,
        date=date,
        author=entry.get("author", "") or "",
        lang=lang,
        html=html,
        comments=_count(entry.get("slash_comments")) if entry.get("slash_comments") is not None
        else _count(entry.get("thr_total")),
        tags=[t.get("term", "") for t in entry.get("tags", []) or [] if t.get("term")][:20],
    )


def _count(value: Any) -> int | None:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return n if n >= 0 else None


def _as_html(value: str, kind: str) -> str:
    if "html" in kind:
        return value
    from html import escape

    return "".join(f"<p>{escape(p)}</p>" for p in re.split(r"\n\s*\n", value) if p.strip())


# -- JSON Feed ------------------------------------------------------------------


def parse_json_feed(body: bytes) -> ParsedFeed:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1)."""
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        raise NotAFeed("not a feed: the JSON cannot be read") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise NotAFeed("not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")
    feed_lang = _lang(data.get("language"))
    out = ParsedFeed(
        title=clean_line(_text(data.get("title"))),
        link=_text(data.get("home_page_url")),
        lang=feed_lang,
    )
    items = data.get("items")
    if not isinstance(items, list):
        return out
    for raw in items[:MAX_ITEMS]:
        if not isinstance(raw, dict):
            continue
        html = _text(raw.get("content_html"))
        if not html and raw.get("content_text"):
            html = _as_html(_text(raw.get("content_text")), "text")
        if not html and raw.get("summary"):
            html = _as_html(_text(raw.get("summary")), "text")
        authors = raw.get("authors") or ([raw["author"]] if raw.get("author") else [])
        names = [_text(a.get("name")) for a in authors if isinstance(a, dict)]
        link = _text(raw.get("url")) or _text(raw.get("external_url"))
        date = _text(raw.get("date_published")) or _text(raw.get("date_modified"))
        raw_tags = raw.get("tags")
        tags = raw_tags if isinstance(raw_tags, list) else []
        out.items.append(
            Item(
                id=_text(raw.get("id")) or link or _text(raw.get("title")),
                title=_text(raw.get("title")),
                link=link,
                date=_iso(date),
                author=", ".join(n for n in names if n),
                lang=_lang(raw.get("language")) or feed_lang,
                html=html,
                tags=[_text(t) for t in tags[:20] if isinstance(t, (str, int))],
            )
        )
    return out


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _iso(value: str) -> str | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return clean_line(value)[:40] or None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat()
