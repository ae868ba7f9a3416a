"""bidi_memory: modes kept per terminal survive restarts; a bad file is empty."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tuireader.terminal import bidi_memory


def test_kept_modes_come_back_and_can_be_forgotten(tmp_path):
    assert bidi_memory.load(tmp_path / "state") == {}
    bidi_memory.remember(tmp_path / "state", "Konsole", "app")
    bidi_memory.remember(tmp_path / "state", "mlterm", "terminal")
    assert bidi_memory.load(tmp_path / "state") == {"Konsole": "app", "mlterm": "terminal"}
    bidi_memory.forget(tmp_path / "state", "Konsole")
    assert bidi_memory.load(tmp_path / "state") == {"mlterm": "terminal"}


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[1, 2]", '{"Konsole": "sideways"}', '{"": "app"}', "\x00\x1b[31m"],
)
def test_a_bad_file_counts_as_empty(tmp_path, text):
    (tmp_path / bidi_memory.FILE).write_text(text, encoding="utf-8")
    assert bidi_memory.load(tmp_path) == {}


@given(st.dictionaries(st.text(max_size=80), st.one_of(st.text(), st.integers(), st.none())))
def test_only_short_names_with_known_modes_are_loaded(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("m")
    (folder / bidi_memory.FILE).write_text(json.dumps(data), encoding="utf-8")
    loaded = bidi_memory.load(folder)
    assert all(0 < len(k) <= bidi_memory.MAX_NAME and v in ("app", "terminal")
               for k, v in loaded.items())
    assert loaded == {k: v for k, v in data.items() if k in loaded}
