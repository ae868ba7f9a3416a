"""List titles cut at a word boundary, never inside a number, and shaped
after the cut (no letter left joined to a neighbour that is gone)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.layout.title_cut import cut_index, cut_title
from tuireader.rtl import cell_width, truncate

RTL = Direction.RTL


def logical(visual: str) -> str:
    """Cells back in reading order, letters unshaped (independent of the engine)."""
    return unicodedata.normalize("NFKC", visual[::-1])


def joins_onward(ch: str) -> bool:
    """A presentation form that joins the letter after it (initial or medial)."""
    name = unicodedata.name(ch, "")
    return name.endswith("INITIAL FORM") or name.endswith("MEDIAL FORM")


def kept_logical(visual: str) -> str:
    return logical(visual.replace("…", "")).strip()


def test_a_number_is_never_cut():
    title = "زلزال بقوة 4.2 يضرب"
    ours = cut_title(title, 14, direction=RTL)
    assert cell_width(ours) <= 14
    assert kept_logical(ours) == "زلزال بقوة"


def test_cut_after_a_whole_word_with_final_forms():
    title = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع في حرب أوكرانيا"
    ours = cut_title(title, 22, direction=RTL)
    kept = kept_logical(ours)
    assert title.startswith(kept) and title[len(kept)] == " "
    # the letter at the cut ends its word: no initial or medial form at the edge
    edge = ours.replace("…", "").lstrip()[0]
    assert not joins_onward(edge)


def test_a_title_that_fits_is_unchanged():
    assert cut_title("Short title", 20) == truncate("Short title", 20)


words = st.lists(
    st.sampled_from(["زلزال", "بقوة", "4.2", "يضرب", "المنطقة", "١٢٫٥", "في", "الجنوبية",
                     "news", "2024", "كيلومتر"]),
    min_size=1,
    max_size=10,
)


@settings(max_examples=200, deadline=None)
@given(words, st.integers(min_value=2, max_value=40))
def test_properties(parts, width):
    title = " ".join(parts)
    out = cut_title(title, width, direction=RTL)
    assert cell_width(out) <= width
    cut = cut_index(title, width, direction=RTL)
    if cut is None:
        assert out == truncate(title, width, direction=RTL)
        return
    kept = title[:cut].rstrip()
    # never inside a number
    assert not (cut and cut < len(title) and title[cut - 1].isdigit() and title[cut].isdigit())
    assert not (kept[-1:].isdigit() and title[cut:cut + 1] in (".", "٫")
                and title[cut + 1:cut + 2].isdigit())
    if not kept:
        assert out == "…"
        return
    # the kept part is laid out on its own: its last letter in an end form
    assert out == truncate(kept + "…", width, direction=RTL)
    if "\u0600" <= kept[-1] <= "\u06ff":
        edge = out.lstrip()[1:2]  # (right after the ellipsis, at the left)
        assert not joins_onward(edge), out
