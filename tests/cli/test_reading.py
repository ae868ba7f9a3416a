"""What the reader pane works out about its lines (``layout.reading``): the
text kept at the top across a re-wrap, search matches, the position label,
page steps and the message shown when something failed."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Article, Block, BlockKind, Direction
from tuireader.index.search import find_matches
from tuireader.layout.document import ArticlePart, article_lines, article_part
from tuireader.layout.reading import (
    ReadingLines,
    failure_lines,
    failure_text,
    page_step,
)
from tuireader.rtl import TextOptions, cell_width

WORDS = st.sampled_from(
    ["the", "cat", "sat", "مرحبا", "بالعالم", "שלום", "١٢٣", "2024", "(x)", "a-b", "zebra"]
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


def article(paragraphs: list[str], direction: Direction = Direction.LTR) -> Article:
    blocks = tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs)
    return Article(id="a", path=Path("a.txt"), title="Title words here", blocks=blocks,
                   direction=direction)


def matcher(query: str, text: str) -> list[tuple[int, int]]:
    return find_matches(query, text)


def reading(a: Article, width: int, query: str = "") -> ReadingLines:
    text = ReadingLines(a, matcher, query)
    text.add(ArticlePart(article_lines(a, width)))
    return text


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=8),
       direction=st.sampled_from(list(Direction)), width=st.integers(4, 60), data=st.data())
def test_the_anchor_of_a_line_finds_that_line_again(paragraphs, direction, width, data):
    text = reading(article(paragraphs, direction), width)
    top = data.draw(st.integers(0, len(text.lines) - 1))
    anchor = text.anchor(top)
    assert anchor is not None  # every article here has text
    assert text.line_of(anchor) == top


@settings(max_examples=150, deadline=None)
@given(paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=8),
       direction=st.sampled_from(list(Direction)), widths=st.tuples(st.integers(4, 60),
                                                                     st.integers(4, 60)),
       data=st.data())
def test_after_a_re_wrap_the_top_line_holds_the_same_character(paragraphs, direction, widths,
                                                              data):
    a = article(paragraphs, direction)
    before, after = reading(a, widths[0]), reading(a, widths[1])
    top = data.draw(st.integers(0, len(before.lines) - 1))
    block, start, lead = before.anchor(top)
    y = after.line_of((block, start, lead))
    line = after.lines[y + lead]
    assert line.block == block
    # the first line of that block reaching the character (earlier ones stop before it)
    earlier = [ln for ln in after.lines[: y + lead] if ln.block == block]
    assert all(max(ln.source) < start for ln in earlier)
    assert max(line.source) >= start


def test_a_blank_top_line_is_kept_above_the_next_paragraph():
    text = reading(article(["one two three", "four five six"]), 40)
    blank = next(i for i, line in enumerate(text.lines) if i and not line.text)
    block, _start, lead = text.anchor(blank)
    assert lead == 1 and text.lines[blank + 1].block == block


def test_more_is_needed_until_the_anchor_and_a_screenful_after_it_are_laid_out():
    a = article([f"paragraph {i} " + "word " * 20 for i in range(40)])
    whole = reading(a, 30)
    anchor = whole.anchor(len(whole.lines) // 2)
    text = ReadingLines(a, matcher)
    text.add(article_part(a, 30, min_lines=10))
    assert text.lacks(anchor, rows=10)
    while text.lacks(anchor, rows=10):
        text.add(article_part(a, 30, start=text.resume, min_lines=10))
    assert text.line_of(anchor) == whole.line_of(anchor)
    assert len(text.lines) - text.line_of(anchor) >= 10
    assert not whole.lacks(anchor, rows=10_000)  # complete: nothing more to lay out


def test_matches_are_found_in_each_part_as_it_arrives():
    a = article(["nothing here"] * 30 + ["a zebra at last"])
    text = ReadingLines(a, matcher, "zebra")
    text.add(article_part(a, 40, min_lines=5))
    assert text.match_lines() == []
    while not text.complete:
        text.add(article_part(a, 40, start=text.resume))
    (index,) = text.match_lines()
    line = text.lines[index]
    hit = sorted(text.hits(line))
    assert line.text[hit[0] : hit[-1] + 1] == "zebra"


def test_matches_in_right_to_left_lines_mark_the_word_s_cells():
    a = article(["قال مرحبا بالعالم اليوم"], Direction.RTL)
    text = reading(a, 60, "بالعالم")
    (index,) = text.match_lines()
    line = text.lines[index]
    hits = text.hits(line)
    assert len(hits) == len("بالعالم")
    assert all(a.blocks[0].text[line.source[i]] in "بالعالم" for i in hits)


def test_a_new_query_replaces_the_old_matches():
    text = reading(article(["the cat sat", "a zebra"]), 40, "cat")
    assert len(text.match_lines()) == 1
    text.set_query("  zebra ")
    assert text.query == "zebra"
    (index,) = text.match_lines()
    assert "zebra" in text.lines[index].text
    text.set_query("")
    assert text.match_lines() == []


def test_the_title_is_searched_too():
    text = reading(article(["body"]), 40, "words")
    assert text.match_lines() == [0]


def test_position_label():
    a = article([f"paragraph {i}" for i in range(50)])
    text = reading(a, 40)
    total = len(text.lines)
    assert ReadingLines().position_label(0, 10) == "Article"
    assert text.position_label(0, total) == "Article · all ■"
    assert text.position_label(total - 10, 10) == "Article · end ■"
    assert text.position_label(0, 10) == f"Article · {100 * 10 // total}%"
    assert text.position_label(total - 11, 10) == "Article · 99%"
    partial = ReadingLines(a, matcher)
    partial.add(article_part(a, 40, min_lines=5))
    assert partial.position_label(0, 10) == "Article · …"


def test_page_steps_keep_a_line_of_the_last_page():
    assert page_step(20, 1) == 19
    assert page_step(20, -1) == -19
    assert page_step(20, 0.5) == 10
    assert page_step(20, -0.5) == -10
    assert page_step(1, 1) == 1  # never zero


@given(message=st.text(max_size=200), width=st.integers(1, 80))
def test_failure_lines_need_no_engine_and_hold_nothing_unsafe(message, width):
    lines = failure_lines(message, width)
    assert lines
    for line in lines:
        assert line.role == "error"
        assert line.text.isascii() and line.text.isprintable()
        assert line.width == len(line.text) == cell_width(line.text) <= width
        assert len(line.source) == len(line.text)


def test_failure_text_says_what_failed_and_how():
    assert failure_text("lay out this article", ValueError("bad width")) == (
        "could not lay out this article (ValueError: bad width)"
    )
    assert failure_text("load this article", KeyError()) == "could not load this article (KeyError)"
    quoted = failure_text("lay out this article", ValueError("\x1b[2J\nمرحبا"))
    assert "\x1b" not in quoted and "\n" not in quoted and "مرحبا" in quoted
    lines = failure_lines(quoted, 80)
    assert "ValueError" in lines[0].text and lines[0].text.isascii()


def test_options_do_not_change_the_anchor_contract():
    a = article(["مرحبا بالعالم " * 10, "the cat sat " * 10], Direction.RTL)
    for options in (TextOptions(), TextOptions(mode="terminal"), TextOptions(shape=False)):
        text = ReadingLines(a, matcher)
        text.add(ArticlePart(article_lines(a, 20, options)))
        for top in range(len(text.lines)):
            assert text.line_of(text.anchor(top)) == top
