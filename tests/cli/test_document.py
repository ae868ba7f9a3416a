"""document.py: the lines the reader pane and --print show for an article.

Expectations are stated independently of the RTL engine: widths are counted
with unicodedata, right-to-left text is read back by reversing the cells and
folding presentation forms with NFKC.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tuireader.layout.document as document
from tuireader.articles.comment_count import comment_text
from tuireader.articles.model import Article, Block, BlockKind, Direction
from tuireader.layout.document import (
    META_VALUE_MAX_LINES,
    TITLE_BLOCK,
    article_lines,
    article_part,
    comments_line,
    details_lines,
    metadata_lines,
    print_lines,
    render_text,
)
from tuireader.rtl import TextOptions

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN = "abcdefghijklmnopqrstuvwxyz"
RLI, PDI = "\u2067", "\u2069"


def cells(text: str) -> int:
    """Terminal cells of a visual string, counted without the engine."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def logical(visual: str) -> str:
    return unicodedata.normalize("NFKC", visual[::-1])


def article(
    title: str = "",
    blocks: tuple[Block, ...] = (),
    direction: Direction = Direction.RTL,
    **kw,
) -> Article:
    return Article(
        id="x", path=Path("x.txt"), title=title, blocks=blocks, direction=direction, **kw
    )


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


SEED_TITLE = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا"
SEED = article(
    SEED_TITLE,
    (
        para("Pyongyang, Nordkorea - في عرض جريء للتضامن ، أعلنت كيم جونغ أون من كوريا"),
        para("باستخدام أنظمة الصواريخ التكتيكية بعيدة المدى (ATACMS) ضد الأهداف الروسية"),
        Block(BlockKind.SUBHEADING, "تعاون عسكري يكثف"),
        para("يمثل الاجتماع بين كيم وبلوسوف خطوة مهمة."),
    ),
    meta_caption="Details",
    metadata=(("Ort", "Pyongyang, Nordkorea"),),
    comments=0,
    comment_line="Kommentare (0)",  # as the seed file ends
)


# -- the article body ---------------------------------------------------------


def test_title_once_then_blank_then_blocks_with_blank_lines_between():
    lines = article_lines(SEED, 80)
    roles = [line.role for line in lines]
    assert roles == [
        "title",
        "blank",
        "body",
        "blank",
        "body",
        "blank",
        "subheading",
        "blank",
        "body",
    ]
    assert logical(lines[0].text) == SEED_TITLE
    assert lines[0].block == TITLE_BLOCK
    assert [line.block for line in lines if line.role in ("body", "subheading")] == [0, 1, 2, 3]


def test_right_to_left_lines_are_flush_right_and_read_in_order():
    lines = article_lines(SEED, 80)
    sub = next(line for line in lines if line.role == "subheading")
    assert sub.align == "right"
    assert sub.padded(80).endswith(sub.text) and cells(sub.padded(80)) == 80
    assert logical(sub.text) == "تعاون عسكري يكثف"
    dateline = lines[2]
    # The Latin dateline stays readable and sits at the right, where the paragraph starts.
    assert dateline.align == "right"
    assert dateline.text.endswith("Pyongyang, Nordkorea")
    brackets = lines[4]
    assert "(ATACMS)" in brackets.text


def test_a_title_repeated_as_first_block_is_shown_once():
    a = article(SEED_TITLE, (para(SEED_TITLE), para("نص المقال")))
    lines = article_lines(a, 80)
    assert [logical(line.text) for line in lines].count(SEED_TITLE) == 1


def test_latin_article_is_flush_left():
    a = article("A title", (para("Some text here."),), direction=Direction.LTR)
    lines = article_lines(a, 40)
    assert [line.text for line in lines] == ["A title", "", "Some text here."]
    assert all(line.align == "left" for line in lines if line.text)


def test_a_paragraph_direction_follows_its_own_text_not_the_article():
    a = article("عنوان", (para("An English quote in an Arabic article."),))
    body = [line for line in article_lines(a, 60) if line.role == "body"]
    assert body[0].align == "left"
    assert body[0].text == "An English quote in an Arabic article."


def test_errors_and_notices_are_shown_under_the_title():
    a = article(
        "broken",
        (para("text"),),
        direction=Direction.LTR,
        error="cannot decode",
        notices=("decoded as windows-1256",),
    )
    lines = article_lines(a, 40)
    assert [(line.role, line.text) for line in lines[:5]] == [
        ("title", "broken"),
        ("blank", ""),
        ("error", "cannot decode"),
        ("notice", "decoded as windows-1256"),
        ("blank", ""),
    ]


def test_a_failing_text_library_does_not_take_down_the_article(monkeypatch):
    def explode(*args, **kwargs):
        raise IndexError("reshaper bug")

    monkeypatch.setattr(document, "layout_paragraph", explode)
    lines = article_lines(SEED, 60)
    assert lines and any(line.role == "error" for line in lines)


def test_terminal_mode_emits_only_isolates_as_controls():
    lines = print_lines(SEED, 60, TextOptions(mode="terminal"))
    text = "".join(line.padded(60) for line in lines)
    controls = {ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf")}
    assert controls <= {RLI, PDI}
    assert RLI in text
    # logical, unshaped: the title reads in storage order between the isolates
    assert SEED_TITLE in text.replace(RLI, "").replace(PDI, "")


# -- metadata and comments ----------------------------------------------------


def test_the_comment_line_is_shown_as_the_article_wrote_it():
    # "تعليقات (12)" stays Arabic (right to left, shaped in app mode), not "12 comments"
    a = article("t", comments=12, comment_line="تعليقات (12)")
    line = comments_line(a, 40, TextOptions(shape=False))
    assert line is not None and line.align == "right"
    assert line.text == "(12) تاقيلعت"  # visual order: the label read right to left
    shaped = comments_line(a, 40, TextOptions())
    assert shaped is not None and shaped.text != line.text  # joined letter forms
    german = comments_line(article("t", comments=0, comment_line="Kommentare (0)"), 40)
    assert german is not None and german.text == "Kommentare (0)"


@pytest.mark.parametrize(
    ("lang", "count", "shown"),
    [("ar", 6, "تعليقات (6)"), ("ar-EG", 0, "تعليقات (0)"), ("de", 3, "Kommentare (3)"),
     ("en", 1, "Comments (1)"), (None, 1234, "Comments (1234)"), ("xx", 2, "Comments (2)")],
)
def test_a_bare_count_gets_the_word_in_the_article_language(lang, count, shown):
    # front matter `comments: 6` and feeds give a number without words around it
    assert comment_text(article("t", comments=count, lang=lang)) == shown


def test_no_count_no_comment_line():
    a = article("t", comments=None)
    assert comment_text(a) is None and comments_line(a, 40) is None
    assert [line.role for line in print_lines(a, 40)] == ["title"]


def test_a_long_comment_line_is_cut_to_the_width():
    a = article("t", comments=3, comment_line="Comments (3)")
    line = comments_line(a, 8)
    assert line is not None and line.width <= 8 and line.text.endswith("…")


def test_the_metadata_pane_opens_with_the_comment_line():
    lines = details_lines(SEED, 40)
    assert [line.role for line in lines] == ["comments", "meta_caption", "meta_row"]
    assert lines[0].text == "Kommentare (0)"


# -- URLs in the metadata table ---------------------------------------------------

URL = "https://example.org/desert-star/data/very-long-segment-name"


@pytest.mark.parametrize("width", [24, 30, 40, 48, 70])
def test_a_url_value_is_never_broken_inside_a_word(width):
    a = article("t", direction=Direction.LTR, metadata=(("Link", URL),))
    rows = [line.text[len("Link") :].strip() for line in metadata_lines(a, width)]
    assert all(len(r) <= width for r in rows)
    joined = "".join(r.rstrip("…") for r in rows)
    assert URL.startswith(joined)
    for r in rows[:-1]:
        assert r.endswith("/"), rows  # wrapped only after a slash
    if joined != URL:
        assert rows[-1].endswith("…"), rows  # the rest cut, and shown to be


def test_a_url_that_fits_is_shown_whole_on_one_row():
    a = article("t", direction=Direction.RTL, metadata=(("الرابط", "https://example.org/x"),))
    (row,) = metadata_lines(a, 40)
    assert "https://example.org/x" in row.text


def test_rtl_metadata_has_keys_on_the_right():
    lines = metadata_lines(SEED, 60)
    assert [line.role for line in lines] == ["meta_caption", "meta_row"]
    assert lines[0].text == "Details" and lines[0].align == "right"
    row = lines[1]
    spans = {role: (start, end) for start, end, role in row.spans}
    assert row.text[slice(*spans["meta_key"])] == "Ort"
    assert row.text[slice(*spans["meta_value"])] == "Pyongyang, Nordkorea"
    assert spans["meta_key"][0] > spans["meta_value"][0]
    assert cells(row.padded(60)) == 60 and row.padded(60).endswith("Ort")


def test_ltr_metadata_has_keys_on_the_left_in_one_column():
    a = article(
        "t",
        direction=Direction.LTR,
        metadata=(("Location", "Rotterdam"), ("Source", "News agency")),
    )
    rows = metadata_lines(a, 40)
    assert [r.text for r in rows] == ["Location  Rotterdam", "Source    News agency"]


def test_arabic_metadata_cells_are_shaped_and_in_reading_order():
    a = article("t", metadata=(("المكان", "العقبة، الأردن"),))
    (row,) = metadata_lines(a, 50)
    spans = {role: (start, end) for start, end, role in row.spans}
    assert logical(row.text[slice(*spans["meta_key"])]) == "المكان"
    assert logical(row.text[slice(*spans["meta_value"])]) == "العقبة، الأردن"


def test_a_long_key_is_cut_at_its_logical_end():
    key = "مفتاح طويل جدا لا يتسع في العمود المخصص له"
    a = article("t", metadata=((key, "قيمة"),))
    (row,) = metadata_lines(a, 30)
    spans = {role: (start, end) for start, end, role in row.spans}
    shown = row.text[slice(*spans["meta_key"])]
    # right-to-left: the logical end is the left edge, where the ellipsis goes
    assert shown.startswith("…")
    assert key.startswith(logical(shown[1:]).strip())


def test_a_long_value_wraps_and_is_cut_after_a_few_lines():
    value = " ".join(["word"] * 200)
    a = article("t", direction=Direction.LTR, metadata=(("Key", value),))
    rows = metadata_lines(a, 40)
    assert len(rows) == META_VALUE_MAX_LINES
    assert rows[-1].text.endswith("…")
    assert all(cells(r.text) <= 40 for r in rows)
    assert rows[0].text.startswith("Key  ") and not rows[1].text.lstrip().startswith("Key")


def test_a_wrapped_latin_value_in_an_arabic_table_keeps_its_lines_flush_left():
    url = "https://example.org/reports/drylands-2024/summary"
    a = article("t", metadata=(("الرابط", url),))
    rows = metadata_lines(a, 40)
    assert len(rows) >= 2
    screen = [row.padded(40) for row in rows]
    # the value is the left column: every line of it begins in the same column,
    # so the URL reads as one block
    assert len({len(line) - len(line.lstrip()) for line in screen}) == 1
    assert "".join(line.strip().split("  ")[0] for line in screen) == url


def test_narrow_metadata_stacks_key_over_value():
    a = article("t", direction=Direction.LTR, metadata=(("Location", "Rotterdam"),))
    rows = metadata_lines(a, 9)
    assert [r.text for r in rows] == ["Location", "Rotterdam"]


def test_print_lines_are_article_then_metadata_then_comments():
    lines = print_lines(SEED, 80)
    roles = [line.role for line in lines]
    assert roles[-5:] == ["blank", "meta_caption", "meta_row", "blank", "comments"]
    assert lines[-1].text == "Kommentare (0)" and lines[-1].align == "right"


def test_render_text_has_no_trailing_spaces_and_one_line_per_line():
    text = render_text(print_lines(SEED, 70), 70)
    rows = text.splitlines()
    assert len(rows) == len(print_lines(SEED, 70))
    assert all(r == r.rstrip(" ") for r in rows)


# -- properties ---------------------------------------------------------------

words = st.text(alphabet=ARABIC + LATIN + "0123456789.,()!%", min_size=1, max_size=12)
paragraphs = st.lists(words, min_size=1, max_size=30).map(" ".join)
blocks = st.lists(
    st.tuples(st.sampled_from(list(BlockKind)), paragraphs).map(lambda t: Block(*t)),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(
    title=paragraphs,
    body=blocks,
    direction=st.sampled_from(list(Direction)),
    width=st.integers(min_value=1, max_value=100),
    mode=st.sampled_from(["app", "terminal"]),
)
def test_every_line_fits_and_maps_back_to_its_source(title, body, direction, width, mode):
    a = article(title, tuple(body), direction=direction)
    lines = article_lines(a, width, TextOptions(mode=mode))
    texts = {TITLE_BLOCK: title, **{i: b.text for i, b in enumerate(body)}}
    for line in lines:
        assert line.width == cells(line.text)
        assert line.width <= width
        assert cells(line.padded(width)) == width or line.role == "blank"
        assert len(line.source) == len(line.text)
        if line.block is not None:
            assert all(-1 <= i < len(texts[line.block]) for i in line.source)
    # the title once, first; blank lines only between groups, never doubled
    roles = [line.role for line in lines]
    n_title = sum(1 for r in roles if r == "title")
    assert roles[:n_title] == ["title"] * n_title and "title" not in roles[n_title:]
    assert roles[0] != "blank" and roles[-1] != "blank"
    assert all(not (x == y == "blank") for x, y in zip(roles, roles[1:], strict=False))
    # each block shows up as one group, in order
    groups = [line.block for line in lines if line.role in ("body", "subheading")]
    assert groups == sorted(groups)
    repeated_title = {0} if body and body[0].text.strip() == title.strip() else set()
    assert set(groups) == {i for i, b in enumerate(body) if b.text.strip()} - repeated_title


maybe_empty = st.one_of(paragraphs, st.sampled_from(["", "  ", "\n"]))
any_blocks = st.lists(
    st.tuples(st.sampled_from(list(BlockKind)), maybe_empty).map(lambda t: Block(*t)),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(
    title=maybe_empty,
    body=any_blocks,
    error=st.one_of(st.none(), paragraphs),
    notices=st.lists(paragraphs, max_size=2),
    width=st.integers(min_value=1, max_value=60),
    steps=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6),
)
def test_parts_joined_are_the_whole_article(title, body, error, notices, width, steps):
    a = article(title, tuple(body), error=error, notices=tuple(notices))
    whole = article_lines(a, width)
    joined: list = []
    start, i = 0, 0
    while True:
        want = steps[i % len(steps)]
        i += 1
        part = article_part(a, width, start=start, min_lines=want)
        blocks_in = {line.block for line in part.lines if line.block not in (None, TITLE_BLOCK)}
        assert all(b >= start for b in blocks_in)
        joined += part.lines
        if part.resume is None:
            break
        # a part that stops early holds what was asked, and whole blocks only
        assert len(part.lines) >= want and part.lines
        assert part.resume > start or (start == 0 and part.resume >= 1)
        assert all(b < part.resume for b in blocks_in)
        start = part.resume
    assert joined == whole
    assert article_part(a, width).resume is None


@settings(max_examples=100, deadline=None)
@given(text=st.lists(st.text(alphabet=ARABIC, min_size=1, max_size=8), min_size=1, max_size=20))
def test_arabic_only_paragraph_reads_back_in_order(text):
    words_in = text
    a = article("", (para(" ".join(words_in)),))
    lines = article_lines(a, 20)
    assert all(line.align == "right" for line in lines)
    read = " ".join(logical(line.text) for line in lines)
    assert read.split() == words_in


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(paragraphs, paragraphs), min_size=1, max_size=4),
    direction=st.sampled_from(list(Direction)),
    width=st.integers(min_value=1, max_value=80),
)
def test_metadata_rows_fit_the_width(rows, direction, width):
    a = article("t", direction=direction, metadata=tuple(rows), meta_caption="Details")
    for line in metadata_lines(a, width):
        assert line.width == cells(line.text) <= width
        for start, end, _ in line.spans:
            assert 0 <= start < end <= len(line.text)
