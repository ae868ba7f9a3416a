"""Titles of files listed before they are parsed: the file name without its
extension, as pathlib gives it, sanitized."""

from pathlib import PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.sanitize import clean_line
from tuireader.index.scan_diff import stub_title


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", ".", "/", "..", "txt", " ", "\x1b[31m", "كتاب", "\udcff", "//"]),
        max_size=7,
    ).map("".join)
)
def test_stub_title_is_the_sanitized_stem(rel):
    assert stub_title(rel) == clean_line(PurePosixPath(rel).stem or rel)


def test_stub_titles():
    assert stub_title("2024/11/خبر عاجل.txt") == "خبر عاجل"
    assert stub_title("a/archive.tar.gz") == "archive.tar"
    assert stub_title("a/.hidden") == ".hidden"
    assert stub_title("sub/") == "sub"
