"""The article list, the filter preview and the title bar draw titles and
queries through the engine with no safety net around it: the engine must
hold on anything an index or a paste can hand it."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.layout.title_cut import cut_title
from tuireader.rtl import cell_width
from tuireader.ui.widgets.filter_bar import NO_CONTROLS, visual_query

from .checks import assert_safe
from .test_properties import OPTIONS, TEXT


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.integers(1, 60), direction=st.sampled_from(list(Direction)),
       options=OPTIONS)
def test_a_list_title_is_cut_whatever_it_holds(text, width, direction, options):
    title = " ".join(text.split()) or "(untitled)"  # as the list passes it
    out = cut_title(title, width, direction=direction, options=options)
    assert cell_width(out) <= width
    assert_safe(out, "cut_title", newline=False, isolates=options.mode == "terminal")


REFUSED = re.compile("[" + NO_CONTROLS[2:-2] + "]")  # what the box refuses to hold


@settings(max_examples=300, deadline=None)
@given(text=TEXT.map(lambda t: REFUSED.sub("", t)), width=st.integers(1, 60), options=OPTIONS)
def test_a_query_the_filter_box_accepts_is_previewed(text, width, options):
    out, _direction = visual_query(text, width, options)
    assert cell_width(out) <= width
    assert_safe(out, "visual_query", newline=False, isolates=options.mode == "terminal")
