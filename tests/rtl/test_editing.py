"""A one-line text box's view: cells, caret and visual caret moves."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tuireader.rtl import TextOptions
from tuireader.rtl.editing import field_view, move_visually

APP = TextOptions()
TEXT = st.lists(
    st.sampled_from(["ارتفاع", "لا", "COP29", " ", "שלום", "12", "(", ")", "👍🏽", "e\u0301"]),
    max_size=8,
).map("".join)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_mixed_query_reads_in_visual_order():
    view = field_view("ارتفاع COP29", 12, 20, APP)
    assert view.text.strip() == "COP29 ﻉﺎﻔﺗﺭﺍ"
    assert view.text.endswith("ﺍ")  # right-to-left text is flush right
    assert view.text[view.caret - 1] == "9"  # after "9", the next letter goes right of it


def test_left_moves_forward_in_arabic_and_right_back():
    assert move_visually("مرحبا", 0, -1, APP) == 1
    assert move_visually("مرحبا", 1, +1, APP) == 0
    assert move_visually("مرحبا", 5, -1, APP) == 5  # already at the left end
    assert move_visually("hello", 0, +1, APP) == 1


def test_long_text_scrolls_to_keep_the_caret_in_view():
    text = "كلمة " * 20
    for caret in (0, 50, len(text)):
        view = field_view(text, caret, 15, APP)
        assert len(view.cells) == 15 and 0 <= view.caret < 15


@SETTINGS
@given(TEXT, st.integers(1, 40), st.data())
def test_view_fits_and_caret_moves_one_way(text, width, data):
    caret = data.draw(st.integers(0, len(text)))
    view = field_view(text, caret, width, APP)
    assert len(view.cells) == width
    assert cell_len(view.text) == width
    assert 0 <= view.caret < width
    wide = field_view(text, caret, 200, APP)
    for step in (-1, 1):
        moved = move_visually(text, caret, step, APP)
        after = field_view(text, moved, 200, APP)
        assert moved == caret or (after.caret - wide.caret) * step > 0


def test_a_click_puts_the_caret_at_the_cell_clicked():
    from tuireader.rtl.editing import caret_for_cell

    view = field_view("مرحبا", 0, 20, APP)
    left_end = view.text.index("ﺎ")  # the last letter, drawn leftmost
    assert caret_for_cell("مرحبا", left_end, 20, 0, APP) == 4
    assert caret_for_cell("مرحبا", left_end - 1, 20, 0, APP) == 5  # the free cell: the end
    assert caret_for_cell("abc", 1, 20, 0, APP) == 1
