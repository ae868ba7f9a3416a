"""Each setting's message for a bad value, word for word: people search for
them, and the docs quote them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tuireader.settings.config import Settings, load_config

BAD_VALUES = [
    ("directory = 3", "key 'directory': expected a directory path as a string; ignored"),
    ('directory = "  "', "key 'directory': expected a directory path as a string; ignored"),
    ('bidi = "sideways"',
     """key 'bidi': expected "auto", "app" or "terminal", got 'sideways'; using "auto\""""),
    ("bidi_mode = 2",
     """key 'bidi_mode': expected "auto", "app" or "terminal", got 2; using "auto\""""),
    ('harakat = "yes"', "key 'harakat': expected true or false, got 'yes'; using false"),
    ("shaping = 1", "key 'shaping': expected true or false, got 1; using true"),
    ('mouse = "no"', "key 'mouse': expected true or false, got 'no'; using true"),
    ('theme = ""', "key 'theme': expected a theme name, got ''; using 'textual-dark'"),
    ("theme = 5", "key 'theme': expected a theme name, got 5; using 'textual-dark'"),
    ("poll_interval = 0",
     "key 'poll_interval': expected a positive number of seconds, got 0; ignored"),
    ("poll_interval = true",
     "key 'poll_interval': expected a positive number of seconds, got True; ignored"),
    ('poll_interval = "2"',
     "key 'poll_interval': expected a positive number of seconds, got '2'; ignored"),
    ("keys = 3", "key 'keys': expected a table: [keys]; ignored"),
    ("colour = 3", "key 'colour': unknown setting; ignored"),
    ("[colour]\na = 1", "key 'colour': unknown setting; ignored"),
]


@pytest.mark.parametrize(("text", "message"), BAD_VALUES)
def test_a_bad_value_is_named_exactly_and_the_default_kept(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    settings = load_config(path)
    assert settings.problems == (f"{path}, line 1, {message}",)
    default = Settings(config_path=path, lines=settings.lines)
    assert settings == default.with_problem(settings.problems[0])


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ('directory = "news"', "directory", Path("news")),
        ('bidi = "terminal"', "bidi_mode", "terminal"),
        ('bidi_mode = "app"', "bidi_mode", "app"),
        ("harakat = true", "harakat", True),
        ("shaping = false", "shaping", False),
        ("mouse = false", "mouse", False),
        ('theme = " nord "', "theme", "nord"),
        ("poll_interval = 3", "poll_interval", 3.0),
        ('[keys]\nstar = "f"', "keymap", {"star": "f"}),
    ],
)
def test_a_good_value_is_used(tmp_path, text, field, value):
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    settings = load_config(path)
    assert settings.problems == ()
    assert getattr(settings, field) == value


def test_feed_tables_belong_to_the_feeds_and_are_not_reported(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[feeds]\nx = 1\n[fetch]\ny = 2\n', encoding="utf-8")
    settings = load_config(path)
    assert settings.problems == ()
    assert settings.lines == {"feeds": 1, "fetch": 3}


def test_problems_come_in_the_order_of_the_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('keys = { teleport = "t" }\ntheme = 5\n', encoding="utf-8")
    problems = load_config(path).problems
    assert [p.split(": ", 1)[0].rsplit("key ", 1)[1] for p in problems] == [
        "'keys.teleport'", "'theme'"
    ]
