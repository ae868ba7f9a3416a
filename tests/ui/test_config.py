"""The TOML config: good values are used, bad ones are named by file, line and key."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tuireader.settings.config import KEY_ACTIONS, KEY_IDS, Settings, load_config, sample_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_default_file_is_fine(tmp_path):
    settings = load_config(tmp_path / "nope.toml", explicit=False)
    assert settings.problems == ()
    assert settings.bidi_mode == "auto" and settings.shaping and not settings.harakat


def test_missing_explicit_file_is_reported(tmp_path):
    path = tmp_path / "nope.toml"
    settings = load_config(path)
    assert len(settings.problems) == 1
    assert str(path) in settings.problems[0] and "not found" in settings.problems[0]


def test_all_settings_read(tmp_path):
    path = write(
        tmp_path,
        'directory = "~/news"\n'
        'theme = "nord"\n'
        'bidi = "terminal"\n'
        "harakat = true\n"
        "shaping = false\n"
        "mouse = false\n"
        "[keys]\n"
        'star = "f"\n'
        'toggle_read = ["m", "x"]\n',
    )
    s = load_config(path)
    assert s.problems == ()
    assert s.directory == Path("~/news").expanduser()
    assert (s.theme, s.bidi_mode, s.harakat, s.shaping, s.mouse) == (
        "nord",
        "terminal",
        True,
        False,
        False,
    )
    assert s.keymap == {"star": "f", "toggle_read": "m,x"}
    assert s.lines["theme"] == 2 and s.lines["keys.star"] == 8


def test_syntax_error_names_file_line_and_key(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nharakat = yes please\n')
    s = load_config(path)
    assert len(s.problems) == 1
    message = s.problems[0]
    assert str(path) in message
    assert "line 2" in message
    assert "harakat" in message
    # defaults for everything: the file could not be trusted
    assert s.theme == Settings().theme and s.harakat is False


def test_bad_values_name_line_and_key_and_keep_defaults(tmp_path):
    path = write(
        tmp_path,
        "# settings\n"
        'bidi = "sideways"\n'
        'harakat = "yes"\n'
        "colour = 3\n"
        "[keys]\n"
        'teleport = "t"\n'
        'star = "f f"\n'
        'quit = "x"\n',
    )
    s = load_config(path)
    text = "\n".join(s.problems)
    assert len(s.problems) == 5, text
    for line, key in [(2, "bidi"), (3, "harakat"), (4, "colour"), (6, "keys.teleport"),
                      (7, "keys.star")]:
        assert any(f"line {line}" in p and f"'{key}'" in p and str(path) in p
                   for p in s.problems), (line, key, text)
    assert s.bidi_mode == "auto" and s.harakat is False
    assert s.keymap == {"quit": "x"}  # the good entry still applies


def test_sample_config_is_valid_and_lists_every_action(tmp_path):
    text = sample_config()
    s = load_config(write(tmp_path, text))
    assert s.problems == ()
    for action in KEY_ACTIONS:
        assert action.id in text


def test_key_ids_unique():
    assert len(KEY_IDS) == len(KEY_ACTIONS)


def test_not_utf8_is_reported(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\nbidi = "\xff"\n')
    s = load_config(path)
    assert len(s.problems) == 1 and "line 2" in s.problems[0]


@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "c.toml"
        try:
            path.write_text(text, encoding="utf-8")
        except UnicodeEncodeError:
            return
        s = load_config(path)
        assert isinstance(s, Settings)
        assert s.bidi_mode in ("auto", "app", "terminal")
        for problem in s.problems:
            assert str(path) in problem


def test_unparseable_default_config_is_moved_aside_not_lost(tmp_path):
    path = tmp_path / "config.toml"
    original = 'bidi = "terminal"\ntheme = [oops\n'
    path.write_text(original, encoding="utf-8")
    s = load_config(path, explicit=False)
    assert s.bidi_mode == "auto"  # defaults
    (problem,) = s.problems
    assert str(path) in problem and "line 2" in problem and "config.toml.corrupt" in problem
    assert not path.exists()
    assert (tmp_path / "config.toml.corrupt").read_text(encoding="utf-8") == original
    # the next start is clean: no problem, no second move
    assert load_config(path, explicit=False).problems == ()


def test_unparseable_config_named_on_the_command_line_stays_in_place(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("theme = [oops\n", encoding="utf-8")
    (problem,) = load_config(path).problems
    assert "using defaults" in problem
    assert path.exists() and not (tmp_path / "mine.toml.corrupt").exists()
