"""The real `tuireader` on a pseudo-terminal: the raw bytes it writes (bidi
handshake, mouse modes, colours) and the screen a user sees (read with pyte).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyte
import pytest

from tuireader.settings.paths import bundled_samples

from .pty_session import PtySession, hermetic_env, logical, tuireader_command

SAMPLES = bundled_samples()
TITLE = (SAMPLES / "000_d5d7dac400910391.txt").read_text(encoding="utf-8").splitlines()[0]
SUBHEADING = "تعاون عسكري يكثف"

EXPLICIT, IMPLICIT = b"\x1b[8l", b"\x1b[8h"
ALT_ON, ALT_OFF = b"\x1b[?1049h", b"\x1b[?1049l"


def start(tmp_path: Path, *args: str, cols: int = 100, rows: int = 30, **env: str) -> PtySession:
    return PtySession(
        [*tuireader_command(), str(SAMPLES), *args],
        hermetic_env(tmp_path, **env),
        cols=cols,
        rows=rows,
    )


def seed_drawn(lines: list[str], app_mode: bool) -> bool:
    """The seed article is on screen: in app mode its title (shaped, in visual
    order), dateline, body and details. In terminal mode the article's runs sit
    in bidi isolates, which pyte does not lay out: its left-to-right facts only."""
    screen = "\n".join(lines)
    if not app_mode:
        return "Pyongyang, Nordkorea" in screen and "Kommentare (0)" in screen
    facts = ["- Pyongyang, Nordkorea", "(ATACMS)", "Ort", "Kommentare (0)"]
    return all(fact in screen for fact in facts) and any(TITLE in logical(line) for line in lines)


def ready(session: PtySession, app_mode: bool = True) -> None:
    """Wait until the whole seed article is on screen (every fact a test reads
    off it, as one read can land mid-redraw), then until the app is idle."""
    session.wait_for(lambda: seed_drawn(session.lines(), app_mode), "the seed article")
    session.settle(0.3)


@dataclass
class Run:
    """One launch of the reader: the screen just before quitting, every byte written."""

    lines: list[str]
    cells: list[list[pyte.screens.Char]]
    raw: bytes
    code: int


def record(tmp_path: Path, *args: str, **env: str) -> Run:
    with start(tmp_path, *args, **env) as session:
        ready(session, app_mode="terminal" not in args)
        lines = session.lines()
        buffer = session.screen.buffer
        cells = [[buffer[y][x] for x in range(session.cols)] for y in range(session.rows)]
        session.send("q")
        code = session.wait_exit()
        return Run(lines, cells, bytes(session.raw), code)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Launches shared by the tests of this module (each launch takes seconds)."""
    cache: dict[tuple, Run] = {}

    def get(*args: str, **env: str) -> Run:
        key = (args, tuple(sorted(env.items())))
        if key not in cache:
            cache[key] = record(tmp_path_factory.mktemp("home"), *args, **env)
        return cache[key]

    return get


def test_app_mode_sets_explicit_bidi_before_the_alternate_screen_and_restores_it(runs):
    run = runs()
    assert run.code == 0
    raw = run.raw
    assert raw.count(EXPLICIT) == 1 and raw.count(IMPLICIT) == 1
    assert raw.index(EXPLICIT) < raw.index(ALT_ON)
    assert raw.rindex(ALT_OFF) < raw.index(IMPLICIT)


def test_terminal_mode_leaves_the_terminals_bidi_alone(runs):
    run = runs("--bidi", "terminal")
    assert run.code == 0
    assert ALT_ON in run.raw and ALT_OFF in run.raw
    assert EXPLICIT not in run.raw and IMPLICIT not in run.raw


def test_switching_bidi_mode_in_the_app_tells_the_terminal(tmp_path):
    with start(tmp_path) as session:
        ready(session)
        session.send("B")  # app -> terminal
        session.wait_for_bytes(IMPLICIT)
        session.send("B")  # terminal -> app
        session.wait_for(
            lambda: session.raw.count(EXPLICIT) == 2, "CSI 8 l after switching back to app"
        )
        session.send("q")
        assert session.wait_exit() == 0
        raw = bytes(session.raw)
        # back in app mode when quitting: restored once more after the alternate screen
        assert raw.rindex(ALT_OFF) < raw.rindex(IMPLICIT)


def test_switching_tells_the_terminal_when_the_mode_was_given_too(tmp_path):
    # (no terminal to ask: the driver only writes, and still carries the switch)
    with start(tmp_path, "--bidi", "app") as session:
        ready(session)
        session.send("B")  # app -> terminal
        session.wait_for_bytes(IMPLICIT)
        session.send("q")
        assert session.wait_exit() == 0


def test_the_seed_article_reads_right_to_left_on_screen(runs):
    run = runs()
    # the title shaped and in visual order: read back right to left, it is the title
    assert any(TITLE in logical(line) for line in run.lines)
    screen = "\n".join(run.lines)
    assert "- Pyongyang, Nordkorea" in screen  # the dateline starts the line on the right
    assert "(ATACMS)" in screen
    assert "Ort" in screen and "Kommentare (0)" in screen  # as the article wrote it


def test_no_mouse_sends_no_mouse_tracking(runs):
    tracking = b"\x1b[?1003h"
    assert tracking in runs().raw
    assert tracking not in runs("--no-mouse").raw


def test_term_dumb_is_refused_with_a_pointer_to_print(tmp_path):
    with start(tmp_path, TERM="dumb") as session:
        assert session.wait_exit() == 2
        text = session.raw.decode()
        assert "TERM=dumb" in text and "--print" in text and "Traceback" not in text
        assert ALT_ON not in session.raw and EXPLICIT not in session.raw


def test_c_locale_without_utf8_mode_still_shows_arabic(runs):
    run = runs(LANG="C", LC_ALL="C", PYTHONUTF8="0")
    assert run.code == 0
    run.raw.decode("utf-8")  # strict: the terminal got UTF-8
    assert any(TITLE in logical(line) for line in run.lines)


# -- colours ------------------------------------------------------------------

XTERM16 = {
    "black": (0, 0, 0),
    "red": (205, 0, 0),
    "green": (0, 205, 0),
    "brown": (205, 205, 0),
    "blue": (0, 0, 238),
    "magenta": (205, 0, 205),
    "cyan": (0, 205, 205),
    "white": (229, 229, 229),
    "brightblack": (127, 127, 127),
    "brightred": (255, 0, 0),
    "brightgreen": (0, 255, 0),
    "brightbrown": (255, 255, 0),
    "brightblue": (92, 92, 255),
    "brightmagenta": (255, 0, 255),
    "brightcyan": (0, 255, 255),
    "brightwhite": (255, 255, 255),
}


def rgb(color: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if color == "default":
        return default
    if color in XTERM16:  # xterm's own palette stands in for "a 16-colour terminal"
        return XTERM16[color]
    return tuple(int(color[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(c: tuple[int, int, int]) -> float:
        def channel(v: int) -> float:
            s = v / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = map(channel, c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def illegible_cells(run: Run, minimum: float = 3.0) -> list[tuple[int, str]]:
    """(row, description) of letters and digits whose colour barely differs from
    their background. Borders and scrollbars may be faint by design."""
    bad = []
    for y, row in enumerate(run.cells):
        for x, cell in enumerate(row):
            if not cell.data or not unicodedata.category(cell.data[0]).startswith(("L", "N")):
                continue
            fg, bg = rgb(cell.fg, (229, 229, 229)), rgb(cell.bg, (0, 0, 0))
            if cell.reverse:
                fg, bg = bg, fg
            if contrast(fg, bg) < minimum:
                bad.append((y, f"row {y} col {x} {cell.data!r} {cell.fg} on {cell.bg}"))
    return bad


def check_legible(run: Run) -> None:
    """Fail on illegible text; known, reported theme defects are marked xfail so
    that the test passes by itself once they are fixed."""
    bad = illegible_cells(run)
    if not bad:
        return
    known = {}
    for y, line in enumerate(run.lines):
        if SUBHEADING in logical(line):
            known[y] = "reader subheadings are dark blue/grey on near-black (about 2:1)"
        elif "bidi " in line and ("╰" in line or "╭" in line):
            known[y] = "the bidi-mode label sits in the faint border colour (about 1.4:1)"
    known[len(run.lines) - 1] = "footer key hints lack contrast (16 colours: bright red on grey)"
    unknown = [desc for y, desc in bad if y not in known]
    assert unknown == [], unknown
    pytest.xfail("known theme defects: " + "; ".join(sorted({known[y] for y, _ in bad})))


SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colour_kinds(raw: bytes) -> set[str]:
    kinds = set()
    for params in SGR.findall(raw):
        if b"38;2;" in params or b"48;2;" in params:
            kinds.add("truecolor")
        elif b"38;5;" in params or b"48;5;" in params:
            kinds.add("256")
        elif re.search(rb"(^|;)(3[0-7]|4[0-7]|9[0-7]|10[0-7])(;|$)", params):
            kinds.add("16")
    return kinds


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"COLORTERM": "truecolor"}, {"truecolor"}),
        ({}, {"256"}),  # the default launch: TERM=xterm-256color
        ({"TERM": "xterm"}, {"16"}),
    ],
    ids=["truecolor", "256", "16"],
)
def test_colours_are_legible(runs, env, expected):
    run = runs(**env)
    assert colour_kinds(run.raw) == expected
    check_legible(run)


def test_no_color_gives_greys_only_and_stays_legible(runs):
    run = runs(NO_COLOR="1", COLORTERM="truecolor")
    for params in SGR.findall(run.raw):
        for r, g, b in re.findall(rb"[34]8;2;(\d+);(\d+);(\d+)", params):
            assert r == g == b, params
    check_legible(run)


def test_print_on_a_terminal_uses_its_width_bold_title_and_the_handshake(tmp_path):
    seed = SAMPLES / "000_d5d7dac400910391.txt"
    argv = [*tuireader_command(), "--print", str(seed)]
    with PtySession(argv, hermetic_env(tmp_path), cols=72, rows=200) as session:
        assert session.wait_exit() == 0
        raw = bytes(session.raw)
        assert raw.startswith(EXPLICIT) and raw.rstrip(b"\r\n").endswith(IMPLICIT)
        assert b"\x1b[1m" in raw  # the title (and subheading) in bold
        lines = [line.rstrip() for line in session.lines() if line.strip()]
        assert TITLE in logical(lines[0]).strip()
        # the terminal's width, not 80: right-to-left lines end at column 72
        assert max(len(line) for line in lines) == 72
