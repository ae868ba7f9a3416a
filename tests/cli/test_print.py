"""`tuireader --print` and the command line, run as a user runs them: a subprocess.

Expectations come from the article file itself, not from the renderer: the
screen cells of a right-to-left line, reversed and folded with NFKC, read as
the stored text; widths are counted with unicodedata.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import tuireader
from faults.disks import as_ordinary_user, shared_dir
from tuireader.settings.paths import bundled_samples

SAMPLES = bundled_samples()
SEED = SAMPLES / "000_d5d7dac400910391.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
TITLE = SEED_LINES[0]
SUBHEADING = "تعاون عسكري يكثف"
PARAGRAPHS = [line for line in SEED_LINES[2:7] if line != SUBHEADING]
# A guard against hangs; nothing here is meant to take more than a few seconds.
TIMEOUT = 60


def run(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "tuireader", *args],
        capture_output=True,
        env={**base, **(env or {})},
        timeout=TIMEOUT,
        **kw,
    )


def cells(text: str) -> int:
    return sum(
        0
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf"
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in text
    )


def logical(visual: str) -> str:
    """Reading order of a right-to-left screen line: reverse the cells, unshape."""
    return unicodedata.normalize("NFKC", visual.strip()[::-1])


def no_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.combining(ch))


ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def arabic_words(text: str) -> list[str]:
    return ARABIC_WORD.findall(no_marks(unicodedata.normalize("NFKC", text)))


def blocks_of(out: str) -> list[list[str]]:
    """Groups of lines separated by blank lines."""
    groups: list[list[str]] = [[]]
    for line in out.splitlines():
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


@pytest.fixture(scope="module")
def seed80() -> str:
    proc = run("--print", str(SEED), "--width", "80")
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    return proc.stdout.decode("utf-8")


def test_title_shown_once_shaped_and_right_to_left(seed80):
    lines = seed80.splitlines()
    assert logical(lines[0]) == TITLE
    assert lines[1] == ""
    assert [logical(line) for line in lines].count(TITLE) == 1
    # shaped: Arabic letters reach the screen as presentation forms
    assert any("\ufe70" <= ch <= "\ufeff" for ch in lines[0])
    assert not any("\u0621" <= ch <= "\u064a" for ch in lines[0])


def test_every_line_fits_and_every_line_is_flush_right(seed80):
    for line in seed80.splitlines():
        assert cells(line) <= 80
        if line:
            # an Arabic article: body, subheading, metadata and count all end at column 80
            assert cells(line) == 80, line


def test_four_paragraphs_and_one_subheading_in_reading_order(seed80):
    groups = blocks_of(seed80)
    title, p1, p2, sub, p3, p4, table, count = groups
    caption, meta = table[:1], table[1:]
    assert [logical(line) for line in sub] == [SUBHEADING]
    for shown, stored in zip((p1, p2, p3, p4), PARAGRAPHS, strict=True):
        # reading the lines top to bottom, each right to left, gives the stored words
        read = [w for line in shown for w in arabic_words(line[::-1])]
        assert read == arabic_words(stored)
    assert p1[0].rstrip().endswith("Pyongyang, Nordkorea")
    assert any("(ATACMS)" in line for line in p2)
    assert [line.strip() for line in caption] == ["Details"]
    # the seed's own comment line, not "no comments", on the article's side
    assert count == [" " * (80 - len("Kommentare (0)")) + "Kommentare (0)"]
    (row,) = meta
    # keys on the right in a right-to-left article
    assert row.rstrip().endswith("Ort")
    assert row.index("Pyongyang, Nordkorea") < row.index("Ort")


@pytest.mark.parametrize("width", [30, 45, 60, 100])
def test_other_widths(width):
    proc = run("--print", str(SEED), "--width", str(width))
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert all(cells(line) <= width for line in out.splitlines())
    words = [w for g in blocks_of(out)[1:5] for line in g for w in arabic_words(line[::-1])]
    stored = [
        w
        for p in (PARAGRAPHS[0], PARAGRAPHS[1], SUBHEADING, PARAGRAPHS[2])
        for w in arabic_words(p)
    ]
    assert words == stored


def test_piped_output_is_plain_text(seed80):
    assert "\x1b" not in seed80
    assert not any(unicodedata.category(ch) == "Cc" for ch in seed80.replace("\n", ""))


def test_default_width_without_a_terminal_is_80():
    proc = run("--print", str(SEED))
    assert max(cells(line) for line in proc.stdout.decode().splitlines()) == 80


def test_columns_variable_sets_the_default_width():
    proc = run("--print", str(SEED), env={"COLUMNS": "50"})
    assert max(cells(line) for line in proc.stdout.decode().splitlines()) == 50


def test_bidi_terminal_mode_prints_logical_text_with_isolates():
    proc = run("--print", str(SEED), "--width", "80", "--bidi", "terminal")
    out = proc.stdout.decode()
    assert "\u2067" in out and "\u2069" in out
    assert TITLE in out.replace("\u2067", "").replace("\u2069", "")


def test_harakat_option_keeps_vowel_marks():
    with_marks = run("--print", str(SEED), "--harakat").stdout.decode()
    without = run("--print", str(SEED)).stdout.decode()
    assert "\u064b" in with_marks  # the tanween of دائمًا
    assert "\u064b" not in without


def test_no_shape_option_leaves_letters_unjoined():
    out = run("--print", str(SEED), "--no-shape").stdout.decode()
    first = out.splitlines()[0]
    assert not any("\ufb50" <= ch <= "\ufeff" for ch in first)
    assert first.strip()[::-1] == TITLE


def test_escape_sequences_in_an_article_never_reach_stdout(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "Title\x1b]0;owned\x07 here\n"
        "Body \x1b[2J\x9b31m text \x1b]52;c;aGVsbG8=\x07 \u202eevil\u202c done [link=x]y[/link]\n"
        "Kommentare (2)\n",
        encoding="utf-8",
    )
    proc = run("--print", str(evil), "--width", "60")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert "[link=x]y[/link]" in out  # shown as text, not parsed
    assert out.splitlines()[-1] == "Kommentare (2)"


def test_escape_sequences_in_a_file_name_never_reach_stderr(tmp_path):
    missing = tmp_path / "gone\x1b]0;owned\x07\x1b[2J.txt"
    proc = run("--print", str(missing))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "no such file" in err
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", err)


# -- locale ---------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LC_ALL": "POSIX"},
        {"LC_ALL": "C", "PYTHONUTF8": "0"},
        {"PYTHONIOENCODING": "ascii"},
    ],
)
def test_c_locale_still_writes_arabic_as_utf8(env):
    proc = run("--print", str(SEED), "--width", "80", env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")  # strict: must be valid UTF-8
    assert logical(out.splitlines()[0]) == TITLE


# -- options, errors ------------------------------------------------------


def test_version():
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == f"tuireader {tuireader.__version__}"


def test_help_lists_the_options():
    proc = run("--help")
    assert proc.returncode == 0
    out = proc.stdout.decode()
    for option in (
        "--print",
        "--width",
        "--bidi",
        "--harakat",
        "--no-shape",
        "--no-mouse",
        "--config",
        "--version",
        "DIR",
    ):
        assert option in out


def test_module_and_console_script_agree():
    script = Path(sys.executable).with_name("tuireader")
    if not script.is_file():
        pytest.skip("console script not installed next to the interpreter")
    proc = subprocess.run([str(script), "--version"], capture_output=True, timeout=TIMEOUT)
    assert proc.stdout.decode().strip() == f"tuireader {tuireader.__version__}"


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert proc.stdout == b""
    return err


@pytest.mark.parametrize("args", [("--print", "/nonexistent/a.txt"), ("/nonexistent/dir",)])
def test_missing_path_is_one_line_and_exit_2(args):
    err = one_line_error(run(*args))
    assert "/nonexistent" in err and "no such" in err


def test_print_of_a_directory_says_so(tmp_path):
    err = one_line_error(run("--print", str(tmp_path)))
    assert "is a directory" in err


def test_unreadable_file(monkeypatch):
    from tuireader.cli import main

    with shared_dir() as folder:  # (as root, printed by an ordinary user)
        monkeypatch.setenv("HOME", str(folder))
        for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            monkeypatch.setenv(name, str(folder / name.lower()))
        f = folder / "secret.txt"
        f.write_text("x\n")
        f.chmod(0)

        def print_it() -> tuple[int, str, str]:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--print", str(f)])
            return code, out.getvalue(), err.getvalue()

        # the same path once on a readable file first: the ordinary user may not
        # read the interpreter's folder, so every module it needs is loaded now
        readable = folder / "open.txt"
        readable.write_text("Title\n\nText.\n")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(["--print", str(readable)]) == 0
        code, out, err = as_ordinary_user(print_it)
    assert code == 2 and out == "", (code, out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "permission denied" in err and "secret.txt" in err


def test_fifo_does_not_block(tmp_path):
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    err = one_line_error(run("--print", str(fifo)))
    assert "not a regular file" in err


def test_binary_file_is_refused_cleanly(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 400)
    err = one_line_error(run("--print", str(junk)))
    assert "junk.txt" in err


def test_huge_file_is_cut_with_a_notice(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Title\n" + ("word " * 20 + "\n") * 45000, encoding="utf-8")
    proc = run("--print", str(big), "--width", "80")
    assert proc.returncode == 0
    head = proc.stdout[:2000].decode()
    assert head.startswith("Title\n\n")
    assert "MiB" in head.splitlines()[2]  # the size-cap notice, right under the title


def test_bad_width_is_a_usage_error():
    proc = run("--print", str(SEED), "--width", "0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()


def test_print_into_a_closed_pipe_is_quiet():
    proc = subprocess.run(
        f"{sys.executable} -m tuireader --print {SEED} --width 40 | head -n 1",
        shell=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert proc.stdout.decode().strip()
    assert "Traceback" not in proc.stderr.decode() and "Broken" not in proc.stderr.decode()


def test_reader_refuses_without_a_terminal():
    proc = run(str(SAMPLES), stdin=subprocess.DEVNULL)
    err = one_line_error(proc)
    assert "not a terminal" in err and "--print" in err


def test_config_file_settings_apply_to_print(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('bidi = "terminal"\n')
    out = run("--config", str(config), "--print", str(SEED)).stdout.decode()
    assert "\u2067" in out
    # the command line wins over the file
    out = run("--config", str(config), "--bidi", "app", "--print", str(SEED)).stdout.decode()
    assert "\u2067" not in out


def test_a_missing_config_file_named_on_the_command_line_is_an_error(tmp_path):
    err = one_line_error(run("--config", str(tmp_path / "nope.toml"), "--print", str(SEED)))
    assert "nope.toml" in err and "--config" in err


def test_a_broken_config_file_warns_and_prints_anyway(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("bidi = [oops\n")
    proc = run("--config", str(config), "--print", str(SEED), "--width", "80")
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert "warning" in err and "line 1" in err and "Traceback" not in err
    assert logical(proc.stdout.decode().splitlines()[0]) == TITLE


def test_a_front_matter_count_is_printed_in_the_article_language(tmp_path):
    ar = tmp_path / "ar.md"
    ar.write_text("---\ntitle: طيور\nlang: ar\ncomments: 6\n---\nنص المقال.\n", encoding="utf-8")
    en = tmp_path / "en.md"
    en.write_text("---\ntitle: Birds\ncomments: 1\n---\nText.\n", encoding="utf-8")
    none = tmp_path / "none.md"
    none.write_text("---\ntitle: Birds\n---\nText.\n", encoding="utf-8")
    outs = {}
    for f in (ar, en, none):
        proc = run("--print", str(f), "--width", "40", "--no-shape")
        assert proc.returncode == 0, proc.stderr
        outs[f.stem] = proc.stdout.decode().splitlines()
    # Arabic, right to left, flush right: not "6 comments"
    assert outs["ar"][-1] == " " * (40 - len("تعليقات (6)")) + "(6) تاقيلعت"
    assert outs["en"][-1] == "Comments (1)"
    assert "omment" not in "\n".join(outs["none"])  # no count given: none invented
