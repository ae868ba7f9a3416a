"""Grapheme clusters (UAX #29) move, wrap and truncate as one unit and are
measured as terminals draw them."""

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles.model import Direction
from tuireader.rtl import TextOptions, cell_width, layout_paragraph, truncate_line
from tuireader.rtl.compose import compose

from .test_properties import MIXED, OPTIONS

RTL, LTR = Direction.RTL, Direction.LTR
THUMB = "👍🏽"  # thumbs up + medium skin tone
FAMILY = "👨\u200d👩\u200d👧\u200d👦"
CODER = "👩🏾\u200d💻"
FLAG = "🇯🇵"
KEYCAP = "1\ufe0f\u20e3"
EMOJI = (THUMB, FAMILY, CODER, FLAG, KEYCAP)
CLUSTER = regex.compile(r"\X")


def lines(text, width, direction=RTL, options=None):
    return layout_paragraph(text, width, direction=direction, options=options or TextOptions())


def test_emoji_sequences_measure_two_cells():
    for emoji in EMOJI:
        assert cell_width(emoji) == 2, emoji
    assert cell_width(THUMB + FAMILY) == 4


def test_emoji_sequences_stay_whole_in_right_to_left_text():
    for emoji in EMOJI:
        (line,) = lines(f"شكرا {emoji} جزيلا", 80)
        assert emoji in line.text, emoji
        assert line.width == cell_width(line.text)
        # the emoji sits between the two words
        assert line.text.startswith("ﻼﻳﺰﺟ ") and line.text.endswith(" ﺍﺮﻜﺷ")


def test_family_keeps_its_joiners_in_every_mode():
    for options in (TextOptions(), TextOptions(harakat=True), TextOptions(mode="terminal")):
        for direction in (RTL, LTR):
            (line,) = lines(f"عائلة {FAMILY} family", 80, direction, options)
            assert FAMILY in line.text


def test_a_cluster_is_never_split_by_wrapping():
    text = " ".join([THUMB + FAMILY + CODER] * 3)
    for width in range(1, 9):
        for line in lines(text, width, LTR):
            assert line.width <= width
            for cluster in CLUSTER.findall(line.text):
                assert cluster in EMOJI or cluster in ("…",), (width, line.text)


def test_truncation_cuts_between_clusters_and_measures_them():
    line = truncate_line(f"{THUMB}{FAMILY}{CODER} نص", 5, direction=LTR)
    assert line.text == THUMB + FAMILY + "…"
    assert line.width == 5


def test_letters_keep_their_marks_in_right_to_left_lines():
    (line,) = lines("e\u0301te ע\u05b8ם", 20, options=TextOptions(harakat=True))
    assert "ע\u05b8" in line.text and "\u00e9te" in line.text


# --- properties -------------------------------------------------------------

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WITH_EMOJI = st.lists(st.one_of(MIXED, st.sampled_from([*EMOJI, " ", " " + FAMILY + " "])),
                      max_size=8).map("".join)  # fmt: skip


def _cluster_of(text):
    """Index of the grapheme cluster (of the composed text) of each char of
    ``text`` that survives composition."""
    composed, src = compose(text)
    src = src or list(range(len(text)))
    out = {}
    for k, mo in enumerate(CLUSTER.finditer(composed)):
        for i in range(*mo.span()):
            out[src[i]] = k
    return out


@SETTINGS
@given(WITH_EMOJI, st.integers(1, 40), st.sampled_from([RTL, LTR]), OPTIONS)
def test_clusters_are_never_split(text, width, direction, options):
    cluster_of = _cluster_of(text)
    seen: dict[int, int] = {}  # cluster -> line
    for n, line in enumerate(lines(text, width, direction, options)):
        # on one line, a cluster's characters are next to each other
        visual = [cluster_of.get(s) for s in line.source if s >= 0]
        runs = [c for k, c in enumerate(visual) if k == 0 or visual[k - 1] != c]
        assert len(runs) == len(set(runs)), (line.text, visual)
        for c in set(visual):
            assert seen.setdefault(c, n) == n, "cluster on two lines"


@SETTINGS
@given(WITH_EMOJI, st.integers(1, 40), st.sampled_from([RTL, LTR]))
def test_every_line_fits_measured_per_cluster(text, width, direction):
    from rich.cells import cell_len

    for line in lines(text, width, direction):
        measured = sum(cell_len(c) for c in CLUSTER.findall(line.text))
        assert measured == line.width <= width
