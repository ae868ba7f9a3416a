"""The engine's screen lines against independent bidi implementations.

Each corpus paragraph is wrapped by the engine at several widths; each
resulting line is then compared with what GNU FriBidi (its `fribidi` tool and
its library) or ICU (PyICU) make of the same logical text with the same base
direction. Oracles that are not installed are skipped, saying what to install.
"""

from __future__ import annotations

import pytest

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, layout_paragraph, paragraph_direction
from tuireader.rtl.levels import resolve_levels
from tuireader.rtl.shaping import HARAKAT

from . import oracles
from .corpus import CORPUS

WIDTHS = (17, 33, 52, 80)
KEEP_MARKS = TextOptions(harakat=True)
UNSHAPED = TextOptions(shape=False, harakat=True)
JOINERS = "\u200c\u200d"  # never drawn by the engine

if oracles.FRIBIDI is None and oracles.LIBFRIBIDI is None and oracles.icu is None:
    pytest.skip(oracles.HOW_TO_INSTALL, allow_module_level=True)

needs_fribidi = pytest.mark.skipif(
    oracles.FRIBIDI is None, reason="GNU FriBidi CLI not installed (apt-get install libfribidi-bin)"
)
needs_libfribidi = pytest.mark.skipif(
    oracles.LIBFRIBIDI is None, reason="libfribidi not installed (apt-get install libfribidi0)"
)
needs_icu = pytest.mark.skipif(
    oracles.icu is None, reason="PyICU not installed (pip install '.[oracle]')"
)


def _direction(text: str) -> Direction:
    return paragraph_direction(text, Direction.RTL)


def _line_spans(text, lines):
    """(start, end) of the stretch of ``text`` each screen line came from,
    without the spaces at the break."""
    starts = [min(s for s in line.source if s >= 0) for line in lines]
    ends = [len(text[:end].rstrip()) for end in [*starts[1:], len(text)]]
    return list(zip(starts, ends, strict=True))


def _visible(text, indices):
    return [i for i in indices if text[i] not in JOINERS]


def _cases():
    for n, text in enumerate(CORPUS):
        for width in WIDTHS:
            yield pytest.param(text, width, id=f"p{n}-w{width}")


def test_corpus_is_large_and_mixed():
    assert len(CORPUS) >= 30
    rtl = [t for t in CORPUS if _direction(t) is Direction.RTL]
    assert len(rtl) >= 25 and len(CORPUS) - len(rtl) >= 3


@needs_fribidi
@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_paragraph_levels_match_fribidi(rtl):
    """Resolved levels of every whole paragraph, for either base direction."""
    rows = oracles.fribidi(CORPUS, rtl, "--levels", "--novisual")
    for text, (row,) in zip(CORPUS, rows, strict=True):
        expected = oracles.fribidi_numbers(row)
        ours = [int(c) for c in resolve_levels(text, rtl)]
        assert len(expected) == len(ours)
        mismatch = [
            (i, text[i], ours[i], expected[i])
            for i in _visible(text, range(len(text)))
            if ours[i] != expected[i]
        ]
        assert not mismatch, text


@needs_libfribidi
@pytest.mark.parametrize(("text", "width"), _cases())
def test_lines_match_libfribidi(text, width):
    """Levels resolved on the whole paragraph, then each of our lines
    reordered by fribidi_reorder_line: shaped text, mirrored, marks after
    their letter (L3); unshaped, our source map against FriBidi's map."""
    direction = _direction(text)
    rtl = direction is Direction.RTL
    for options in (KEEP_MARKS, UNSHAPED):
        lines = layout_paragraph(text, width, direction=direction, options=options)
        for line, (start, end) in zip(lines, _line_spans(text, lines), strict=True):
            visual, vmap = oracles.libfribidi_line(text, rtl, start, end, options.shape)
            assert line.text == oracles.normalize(visual, options.shape)
            if not options.shape:
                assert list(line.source) == _visible(text, vmap)


@needs_fribidi
@pytest.mark.parametrize(("text", "width"), _cases())
def test_each_line_alone_matches_fribidi_cli(text, width):
    """Each logical line fed to the `fribidi` tool with the paragraph's base
    direction. The tool takes every input line for a paragraph of its own, so
    the engine lays out the same line on its own too (inside a paragraph a
    neutral at a line end may take the direction of what follows on the next
    line, as UAX #9 prescribes; that is held to libfribidi and ICU)."""
    direction = _direction(text)
    rtl = direction is Direction.RTL
    lines = layout_paragraph(text, width, direction=direction, options=KEEP_MARKS)
    logical = [text[a:b] for a, b in _line_spans(text, lines)]
    rows = oracles.fribidi(logical, rtl, "--reordernsm", "--vtol")
    for src, (visual, vtol) in zip(logical, rows, strict=True):
        (alone,) = layout_paragraph(src, 1000, direction=direction, options=KEEP_MARKS)
        assert alone.text == oracles.normalize(visual)
        (plain,) = layout_paragraph(src, 1000, direction=direction, options=UNSHAPED)
        assert list(plain.source) == _visible(src, oracles.fribidi_numbers(vtol))


@needs_fribidi
@pytest.mark.parametrize(("text", "width"), _cases())
def test_terminal_mode_reads_right_in_a_terminal_that_reorders(text, width):
    """A terminal that reorders each row with a left-to-right base (VTE,
    Konsole), shown a terminal-mode line, draws what a bidi renderer draws
    for the logical line in the paragraph's direction."""
    direction = _direction(text)
    lines = layout_paragraph(
        text, width, direction=direction, options=TextOptions(mode="terminal", harakat=True)
    )
    logical = [text[a:b] for a, b in _line_spans(text, lines)]
    as_terminal = oracles.fribidi([line.text for line in lines], False, "--clean", "--reordernsm")
    as_renderer = oracles.fribidi(logical, direction is Direction.RTL, "--reordernsm")
    for (seen,), (wanted,) in zip(as_terminal, as_renderer, strict=True):
        assert oracles.normalize(seen) == oracles.normalize(wanted)


@needs_icu
@pytest.mark.parametrize(("text", "width"), _cases())
def test_lines_match_icu_with_paragraph_levels(text, width):
    """ICU resolves the whole paragraph, then reorders each of our lines
    (setPara + setLine): text (mirrored, marks after base) and source map."""
    direction = _direction(text)
    rtl = direction is Direction.RTL
    lines = layout_paragraph(text, width, direction=direction, options=UNSHAPED)
    for line, (start, end) in zip(lines, _line_spans(text, lines), strict=True):
        visual, vmap = oracles.icu_line(text, rtl, start, end)
        assert line.text == oracles.normalize(visual, shaped=False)
        if not HARAKAT.search(text):  # ICU's map puts marks before their base
            assert list(line.source) == _visible(text, vmap)
