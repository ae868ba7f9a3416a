"""The layout holds on any article, not only on what the loader makes: every
field of an ``Article`` built straight from hostile text (as another source
of articles, or a future parser, may build it), at any width and any text
options, lays out in parts equal to the whole, with the metadata pane's
lines, ``--print``'s lines and the reader's own questions (the text at the
top, the query's matches) answered without an exception. The reader and
the Metadata pane rely on this: their one guard is for the unexpected."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Article, Block, BlockKind, Direction
from tuireader.index.search import find_matches
from tuireader.layout.document import (
    article_lines,
    article_part,
    details_lines,
    print_lines,
    render_text,
)
from tuireader.layout.reading import ReadingLines
from tuireader.ui.visual import message_line, visual_text

from .test_properties import OPTIONS, TEXT

ANY_TEXT = st.one_of(TEXT, st.text(max_size=40))
BLOCKS = st.lists(
    st.builds(Block, st.sampled_from(list(BlockKind)), ANY_TEXT), max_size=8
).map(tuple)
ARTICLES = st.builds(
    Article,
    id=st.text(max_size=8),
    path=st.just(Path("x.txt")),
    title=ANY_TEXT,
    blocks=BLOCKS,
    meta_caption=st.none() | ANY_TEXT,
    metadata=st.lists(st.tuples(ANY_TEXT, ANY_TEXT), max_size=5).map(tuple),
    comments=st.none() | st.integers(-5, 10**12),
    comment_line=st.none() | ANY_TEXT,
    lang=st.none() | st.text(max_size=5),
    direction=st.sampled_from(list(Direction)),
    error=st.none() | ANY_TEXT,
    notices=st.lists(ANY_TEXT, max_size=3).map(tuple),
)
WIDTHS = st.integers(-2, 90)
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(article=ARTICLES, width=WIDTHS, options=OPTIONS, step=st.integers(1, 12))
def test_any_article_lays_out_in_parts_equal_to_the_whole(article, width, options, step):
    whole = article_lines(article, width, options)
    parts = []
    part = article_part(article, width, options, min_lines=step)
    parts += part.lines
    while part.resume is not None:
        part = article_part(article, width, options, start=part.resume, min_lines=step)
        parts += part.lines
    assert parts == whole
    details_lines(article, width, options)
    render_text(print_lines(article, width, options), max(1, width))


@SETTINGS
@given(article=ARTICLES, width=st.integers(1, 90), options=OPTIONS, query=ANY_TEXT,
       data=st.data())
def test_the_reader_s_questions_hold_on_any_article(article, width, options, query, data):
    text = ReadingLines(article, find_matches, query)
    part = article_part(article, width, options, min_lines=3)
    text.add(part)
    while not text.complete:
        text.add(article_part(article, width, options, start=text.resume))
    text.match_lines()
    if text.lines:
        top = data.draw(st.integers(0, len(text.lines) - 1))
        anchor = text.anchor(top)
        if anchor is not None:
            assert 0 <= text.line_of(anchor) < len(text.lines)
    text.position_label(0, data.draw(st.integers(0, 50)))


@SETTINGS
@given(text=ANY_TEXT, width=st.integers(0, 90), options=OPTIONS)
def test_messages_and_labels_lay_out_any_text(text, width, options):
    message_line(text, width, options)
    visual_text(text, options, max(1, width))
