"""Item HTML becomes Markdown that the reader shows as the text it was."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from tuireader.articles.parse_markdown import parse_markdown
from tuireader.articles.sanitize import clean_line
from tuireader.feeds.convert import html_to_markdown

# Printable text with the characters Markdown cares about over-represented.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("*_`[]()<>!#-+=.\\~|1 ")),
        st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
    ),
    min_size=1,
)


@given(TEXT)
def test_any_paragraph_text_reads_back_unchanged(text):
    md = html_to_markdown(f"<p>{html.escape(text)}</p>")
    blocks = parse_markdown("---\ntitle: t\n---\n" + md).blocks
    expected = clean_line(text)
    if not expected:
        assert not blocks
    else:
        assert [b.text for b in blocks] == [expected]


@given(TEXT)
def test_any_link_shows_its_text_and_address(text):
    md = html_to_markdown(f'<p><a href="https://example.org/a_b*c">{html.escape(text)}</a></p>')
    [block] = parse_markdown("---\ntitle: t\n---\n" + md).blocks
    address = "(https://example.org/a_b*c)"
    assert block.text.endswith(address)
    # (a no-break space at the end of the link's text is kept inside the paragraph)
    assert clean_line(block.text[: -len(address)]) == clean_line(text)


def test_nothing_inside_scripts_styles_frames_or_forms():
    md = html_to_markdown(
        "<p>keep</p><script>var a = '<p>no</p>';</script><style>.x{}</style>"
        "<noscript>no</noscript><iframe src=x>no</iframe><form><input>no</form>"
        "<svg><text>no</text></svg><p>also kept</p>"
    )
    assert md == "keep\n\nalso kept"


def test_broken_markup_never_raises():
    for junk in ["<p", "<<<>>>", "</li></ul>", "<a href='", "<ol><li>x", "&#xffffffff;", "<!--"]:
        html_to_markdown(junk)
