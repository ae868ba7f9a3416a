"""An item's HTML as the Markdown subset the reader renders.

Paragraphs, headings (``##``/``###``), list items (``- ``, ``1. ``), quotes
(``> ``); a link becomes its text followed by its address in brackets, an
image ``[image: alt]``. Scripts, styles, frames, forms and the like are
dropped with everything inside them. Every piece of text is escaped so the
reader shows it literally: a headline's ``*`` or ``[`` stays what it was.

Built on the standard library's tolerant ``html.parser`` (broken markup is
normal in feeds), which never fetches anything.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tuireader.articles.sanitize import clean

# Elements whose content is never text for the reader.
SKIP = frozenset(
    "script style iframe frame frameset noscript template svg math object embed "
    "head title form select textarea button canvas video audio applet".split()
)
BLOCKS = frozenset(
    "p div section article header footer main aside figure figcaption table tr "
    "dl dt dd pre address center details summary hr caption".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~!#|])")
_LINE_START = re.compile(r"^(?:([-+=>])|(\d{1,9})([.)]))")
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")
MAX_TEXT = 2_000_000  # characters of HTML read per item; the rest is left out


def escape(text: str) -> str:
    """Text the reader's Markdown will show exactly as it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _escape_start(m: re.Match[str]) -> str:
    # "- x", "> x", "1. x" at the start of a paragraph would be list or quote syntax
    if m.group(1):
        return "\\" + m.group(1)
    return m.group(2) + "\\" + m.group(3)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.line: list[str] = []
        self.prefix = ""
        self.skip = 0  # depth inside a skipped element
        self.lists: list[list[int]] = []  # one counter per open list; -1: bullets
        self.quote = 0
        self.links: list[tuple[str, int]] = []  # (href, length of self.line at <a>)
        self.pre = 0

    # -- blocks ---------------------------------------------------------------

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            if not self.prefix:
                text = _LINE_START.sub(_escape_start, text)
            quote = "> " if self.quote else ""
            self.out.append(f"{quote}{self.prefix}{text}")
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip += 1
            return
        if tag in SKIP:
            if tag not in _VOID:
                self.skip = 1
            return
        a = {k: v or "" for k, v in attrs}
        if tag in BLOCKS or tag == "br":
            self.flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.prefix = "## " if tag in ("h1", "h2") else "### "
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self.flush()
            if self.lists and self.lists[-1][0] >= 0:
                self.lists[-1][0] += 1
                self.prefix = f"{self.lists[-1][0]}. "
            else:
                self.prefix = "- "
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag == "img":
            alt = " ".join(a.get("alt", "").split())
            self.line.append(escape(f" [image: {alt}] " if alt else " [image] "))
        elif tag == "a":
            self.links.append((a.get("href", "").strip(), len(self.line)))
        elif tag in ("td", "th"):
            self.line.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skip:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in SKIP:
                self.skip -= 1
            return
        if tag in BLOCKS or tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li"):
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote":
            self.flush()
            self.quote = max(0, self.quote - 1)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            text = "".join(self.line[start:]).strip()
            if href.startswith(("http://", "https://")) and escape(href) != text:
                self.line.append(escape(f" ({href})"))

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line.append(escape(data))

    def result(self) -> str:
        self.flush()
        return "\n\n".join(self.out)


def html_to_markdown(html: str) -> str:
    """The reader's Markdown for ``html`` (never raises on any string)."""
    converter = _Converter()
    try:
        converter.feed(clean(html[:MAX_TEXT]))
        converter.close()
    except Exception:  # noqa: BLE001 - html.parser is tolerant; this is a last resort
        pass
    return converter.result()


def text_to_markdown(text: str) -> str:
    """Plain text, one paragraph per line, as the reader's Markdown."""
    paragraphs = []
    for line in clean(text).splitlines():
        line = _SPACES.sub(" ", line).strip()
        if line:
            paragraphs.append(_LINE_START.sub(_escape_start, escape(line)))
    return "\n\n".join(paragraphs)
