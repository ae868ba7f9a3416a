"""Property tests across the whole pure pipeline (the parts on their own are
covered in tests/input, tests/rtl and tests/cli): a file built from hostile
fragments, under a hostile name, in any encoding, loads, lays out and prints
without an exception and without a single unsafe character."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles.loader import load_article
from tuireader.articles.model import Direction
from tuireader.layout.document import metadata_lines, print_lines, render_text
from tuireader.rtl import TextOptions, cell_width, layout_paragraph, truncate

from .checks import assert_safe
from .corpus import naughty_strings

FRAGMENTS = [
    "\x1b", "\x1b[", "\x1b[2J", "\x1b]0;", "\x1b]52;c;", "\x1b]8;;http://x\x1b\\", "\x1bP", "\x1b_",
    "\x1b\\", "\x07", "\x18", "\x9b", "\x9d", "\x9c", "\x90", "\x00", "\x7f", "\t", "\r", "\n",
    "\n\n", "\u2028", "\u202e", "\u202b", "\u2066", "\u2067", "\u2069", "\u200d", "\u200c",
    "\u200f", "\u061c", "\ufeff", "\u0301", "\u064b", "\u0640", "ب", "لا", "ال", "الله", "ﷲ",
    "ی", "א", "1", "١٢", " ", "  ", "|", " | ", "---|---|", "Details | |", "Kommentare (",
    "Comments (3)", "تعليقات (", ")", "(", "[", "]", "[bold]", "[/]", "[@click=app.quit]",
    "---\n", "title: ", "# ", "\U0001F468\u200d\U0001F469", "\U0001F3F3\ufe0f", "漢", "a", "Z",
]
NAUGHTY = [text for _name, text in naughty_strings()]
TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(NAUGHTY), st.text(max_size=6)),
    max_size=60,
).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso8859_6"])
OPTIONS = st.sampled_from(
    [TextOptions(), TextOptions(mode="terminal"), TextOptions(shape=False),
     TextOptions(harakat=True)]
)
NAME = st.lists(st.sampled_from(FRAGMENTS[:40] + ["x", "ب", "."]), max_size=8).map(
    lambda parts: "".join(parts).replace("/", "_").replace("\x00", "_")
)

SLOW = settings(max_examples=120, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "strict")
    except UnicodeEncodeError:
        return text.encode(encoding, "replace")


@SLOW
@given(text=TEXT, encoding=ENCODINGS, name=NAME, suffix=st.sampled_from([".txt", ".md"]),
       width=st.integers(1, 70), options=OPTIONS)
def test_any_file_loads_lays_out_and_prints_clean(tmp_path_factory, text, encoding, name,
                                                  suffix, width, options):
    root = tmp_path_factory.mktemp("p")
    path = os.path.join(os.fsencode(root), os.fsencode(f"{name[:60]}x{suffix}"))
    with open(path, "wb") as fh:
        fh.write(_encode(text, encoding))
    article = load_article(os.fsdecode(path), root)
    terminal = options.mode == "terminal"
    for line in print_lines(article, width, options) + metadata_lines(article, width, options):
        assert_safe(line.text, "a display line", newline=False, isolates=terminal)
        assert line.width == cell_width(line.text) or terminal
        assert line.width <= width or line.role == "comments"
    assert_safe(render_text(print_lines(article, width, options), width), "--print output",
                isolates=terminal)


@settings(max_examples=400, deadline=None)
@given(text=TEXT.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)),
       width=st.integers(1, 40), direction=st.sampled_from(list(Direction)), options=OPTIONS)
def test_engine_cleans_whatever_it_is_given(text, width, direction, options):
    """The list draws titles straight from the index through ``truncate``, so
    the engine must hold on its own, before any sanitizer."""
    terminal = options.mode == "terminal"
    out = truncate(text, width, direction=direction, options=options)
    assert cell_width(out) <= width
    assert_safe(out, "truncate", newline=False, isolates=terminal)
    for line in layout_paragraph(text, width, direction=direction, options=options):
        assert line.width <= width
        assert_safe(line.text, "layout", newline=False, isolates=terminal)


def test_engine_drops_lone_surrogates():
    for options in (TextOptions(), TextOptions(mode="terminal")):
        assert_safe(truncate("name\udcff\udcfe.txt", 20, options=options), "truncate",
                    isolates=True)
        for line in layout_paragraph("a\ud800b", 10, direction=Direction.LTR, options=options):
            assert_safe(line.text, "layout", isolates=True)
