"""Query words as the search table sees them. The table keeps no word
positions, so FTS5 refuses phrases: a query word must reach it as single
tokens, also when SQLite's tokenizer splits a word that Python keeps whole."""

from __future__ import annotations

import re

import pytest

from tuireader.index import schema
from tuireader.index.catalog import Catalog
from tuireader.index.search.sql import _ONE_TOKEN, _fts_tokens, _tokenize

from .conftest import write_article

pytestmark = pytest.mark.skipif(not schema.fts5_available(), reason="no FTS5")

_PY_WORD = re.compile(r"[^\W_]")


def test_the_one_token_shortcut_agrees_with_the_tokenizer():
    # Every query-word character the shortcut trusts really stays inside one token.
    trusted = [
        chr(c) for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and _ONE_TOKEN.fullmatch(chr(c)) and _PY_WORD.match(chr(c))
    ]
    assert len(trusted) > 200
    text = " ".join(f"q{c}z" for c in trusted)
    assert _tokenize(text) == [f"q{c}z" for c in trusted]


def test_a_word_the_tokenizer_splits_becomes_its_pieces():
    # U+19B0 (a New Tai Lue vowel sign) is a letter to Python, a separator to SQLite here.
    word = "ab\u19b0cd"
    pieces = _fts_tokens(word)
    assert "".join(pieces) in (word, "abcd")
    assert all(_tokenize(p) == [p] for p in pieces)


def test_such_a_word_still_finds_its_article(tmp_path):
    root = tmp_path / "lib"
    write_article(root, "odd.txt", "Notes", "the word ab\u19b0cd appears here.")
    write_article(root, "plain.txt", "Other", "nothing like it.")
    cat = Catalog(root, tmp_path / "cache", use_fts=True)
    cat.refresh()
    ids = {e.rel: e.id for e in cat.entries()}
    assert cat.search("ab\u19b0cd") == [ids["odd.txt"]]
    assert cat.search("ab\u19b0c") == [ids["odd.txt"]]  # last piece as a prefix
