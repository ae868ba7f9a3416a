"""Metadata keys read as labels: a front matter identifier becomes a label,
a key the article wrote in its own words (and language) stays as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tuireader.articles.loader import load_article
from tuireader.layout.document import metadata_lines
from tuireader.layout.metadata_labels import readable_key


def test_identifiers_become_labels():
    assert readable_key("date") == "Date"
    assert readable_key("url") == "URL"
    assert readable_key("published_at") == "Published at"


def test_the_articles_own_words_are_kept():
    for key in ("التاريخ", "Ort", "تعليقات (12)", "Date", "Source name", "תאריך"):
        assert readable_key(key) == key


@given(st.text(max_size=30))
def test_never_raises_and_keeps_anything_not_an_identifier(key):
    out = readable_key(key)
    assert isinstance(out, str)
    if not key.isascii() or not key.islower():
        assert out == key or key.replace("_", " ").replace("-", " ").lower() == out.lower()


def test_markdown_front_matter_keys_are_shown_as_labels(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\ndate: 2024-11-03\nurl: https://example.org/x\n---\nBody.\n",
                    encoding="utf-8")
    text = "\n".join(line.text for line in metadata_lines(load_article(path), 60))
    assert "Date" in text and "URL" in text
    assert "date" not in text.replace("Date", "")
