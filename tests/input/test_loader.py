"""Loading articles: the hostile corpus, format choice, ids, never raising."""

import errno
import hashlib
import os
import re
import stat
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tuireader.articles import decode
from tuireader.articles.loader import article_id, load_article
from tuireader.articles.model import BlockKind, Direction

from .bounded import call_with_timeout
from .scanned import scan

TITLE = "كوريا الشمالية تعد روسيا بدعم لا يتزعزع"
BODY = "Pyongyang, Nordkorea - في عرض جريء للتضامن، أعلنت كوريا الشمالية دعمها لروسيا."
SCRAPED = f"{TITLE}\n{TITLE}\n{BODY}\nDetails | |\n---|---|\nOrt | Pyongyang |\nKommentare (4)\n"
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_FREE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def all_strings(article):
    yield article.title
    yield article.meta_caption or ""
    yield article.comment_line or ""
    yield article.error or ""
    yield from article.notices
    # (paragraphs keep explicit bidi controls for the layout engine, which
    # honours them inside the paragraph and never draws them)
    yield from (BIDI_FREE.sub("", b.text) for b in article.blocks)
    for k, v in article.metadata:
        yield k
        yield v


def assert_safe(article):
    for s in all_strings(article):
        for ch in s:
            assert not (unicodedata.category(ch) == "Cc" and ch != "\n"), (s, ch)
            assert ch not in BIDI
            assert not 0xD800 <= ord(ch) <= 0xDFFF


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The hostile corpus of issue 5 (built once; tests only read it)."""
    r = tmp_path_factory.mktemp("lib")
    (r / "good.txt").write_text(SCRAPED, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(r / "fifo.txt")
    (r / "loop.txt").symlink_to(r / "loop.txt")
    (r / "broken.txt").symlink_to(r / "missing.txt")
    (r / "dir.txt").mkdir()
    (r / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40)
    (r / "utf16.txt").write_bytes(b"\xff\xfe" + SCRAPED.encode("utf-16-le"))
    (r / "cp1256.txt").write_bytes(SCRAPED.encode("windows-1256"))
    (r / "iso.txt").write_bytes(SCRAPED.encode("iso-8859-6"))
    (r / "huge.txt").write_bytes(("كلمة " * 600_000).encode())  # 5.4 MB, one line
    (r / "empty.txt").write_bytes(b"")
    (r / "escapes.txt").write_text(
        f"\x1b]0;owned\x07{TITLE}\x1b[2J\n{TITLE}\n"
        f"\x1b]52;c;cm0gLXJmIH4=\x07{BODY}\x9b31m\u202e\x1bP+q\x1b\\\n"
        "Det\x1b[1mails\x1b[0m | |\n---|---|\n"
        "O\x1b]8;;http://evil.example\x1b\\rt\x1b]8;;\x1b\\ | Pyong\x00yang\x07 |\n"
        "Kommentare (4)\x1b[?1049h\n",
        encoding="utf-8",
    )
    (r / "markup.txt").write_text(
        "[bold]Title[/bold] [link=x]\n[@click=app.quit]click[/] and [red]text[/red]\n"
        "[b | [/b] |\nKommentare ([1])\n",
        encoding="utf-8",
    )
    return r


def load(corpus, name):
    return call_with_timeout(load_article, corpus / name, corpus)


def test_scan_of_hostile_corpus_is_prompt_and_complete(corpus):
    entries = {e.rel: e for e in call_with_timeout(scan, corpus)}
    assert entries["good.txt"].error is None
    assert entries["loop.txt"].error == "symbolic link loop"
    assert entries["broken.txt"].error == "broken symbolic link"
    assert "dir.txt" not in entries
    if hasattr(os, "mkfifo"):
        assert "pipe" in entries["fifo.txt"].error
    for e in entries.values():  # every listed entry loads without blocking or raising
        assert_safe(call_with_timeout(load_article, e.path, corpus))


def test_good_article(corpus):
    a = load(corpus, "good.txt")
    assert (a.title, a.paragraphs, a.metadata, a.comments) == (
        TITLE, (BODY,), (("Ort", "Pyongyang"),), 4
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_named_txt(corpus):
    a = load(corpus, "fifo.txt")
    assert a.error and "pipe" in a.error
    assert a.title == "fifo"


@pytest.mark.parametrize(
    "name, error",
    [
        ("loop.txt", "symbolic link loop"),
        ("broken.txt", "broken symbolic link"),
        ("dir.txt", "is a directory"),
        ("binary.txt", "not a text article (binary data)"),
        ("vanished.txt", "no such file (it may have been moved or deleted)"),
    ],
)
def test_errors_become_articles(corpus, name, error):
    a = load(corpus, name)
    assert a.error == error
    assert a.title == name.removesuffix(".txt")
    assert a.blocks == ()
    assert not a.ok


@pytest.mark.parametrize("name", ["utf16.txt", "cp1256.txt", "iso.txt"])
def test_encodings_give_the_same_article(corpus, name):
    a = load(corpus, name)
    good = load(corpus, "good.txt")
    assert a.error is None
    assert (a.title, a.blocks, a.metadata, a.comments, a.direction) == (
        good.title, good.blocks, good.metadata, good.comments, good.direction
    )
    assert a.notices  # the user is told how it was decoded


def test_huge_single_line(corpus):
    a = load(corpus, "huge.txt")
    assert a.error is None
    assert any("truncated" in n for n in a.notices)
    assert a.title == "huge"  # the line is far too long to be a title
    assert len(a.blocks) == 1 and a.blocks[0].kind is BlockKind.PARAGRAPH
    assert len(a.blocks[0].text.encode()) <= 4 * 1024 * 1024
    assert a.direction is Direction.RTL


def test_empty_file(corpus):
    a = load(corpus, "empty.txt")
    assert (a.error, a.title, a.blocks, a.comments) == (None, "empty", (), None)


def test_escape_sequences_removed_everywhere(corpus):
    a = load(corpus, "escapes.txt")
    assert_safe(a)
    assert a.title == TITLE
    # (the paragraph keeps an author's bidi control for the layout engine)
    assert a.paragraphs == (BODY + "\u202e",)
    assert a.meta_caption == "Details"
    assert a.metadata == (("Ort", "Pyongyang"),)
    assert a.comments == 4
    joined = " ".join(all_strings(a))
    for payload in ("owned", "cm0gLXJmIH4", "evil.example", "+q", "1049"):
        assert payload not in joined


def test_markup_like_text_is_literal(corpus):
    a = load(corpus, "markup.txt")
    assert a.title == "[bold]Title[/bold] [link=x]"
    assert a.paragraphs == ("[@click=app.quit]click[/] and [red]text[/red]",)
    assert a.metadata == (("[b", "[/b]"),)
    assert a.comments is None  # "[1]" is not a number


def test_markdown_chosen_by_extension_and_by_front_matter(tmp_path):
    md = "---\ntitle: From YAML\ncomments: 2\nsource: x\n---\n\nBody *text*.\n"
    (tmp_path / "a.md").write_text(md, encoding="utf-8")
    (tmp_path / "b.txt").write_text(md, encoding="utf-8")
    (tmp_path / "c.markdown").write_text("# Heading title\n\nBody.\n", encoding="utf-8")
    for name in ("a.md", "b.txt"):
        a = load_article(tmp_path / name, tmp_path)
        assert (a.title, a.comments, a.metadata, a.paragraphs) == (
            "From YAML", 2, (("source", "x"),), ("Body text.",)
        )
    c = load_article(tmp_path / "c.markdown", tmp_path)
    assert (c.title, c.paragraphs) == ("Heading title", ("Body.",))
    # A .txt that starts with dashes but no YAML mapping stays scraped text.
    (tmp_path / "d.txt").write_text("---\nnot yaml: [\n---\nLine\n", encoding="utf-8")
    assert load_article(tmp_path / "d.txt").title == "---"


def test_id_is_sha1_of_relative_posix_path(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("t\n", encoding="utf-8")
    a = load_article(sub / "a.txt", tmp_path)
    assert a.id == hashlib.sha1(b"sub/a.txt").hexdigest()
    assert a.id == article_id(str(sub / "a.txt"), str(tmp_path))
    # The same file under another root location keeps its id when moved with it.
    moved = tmp_path / "moved"
    (tmp_path / "sub").rename(moved.with_name("moved"))
    os.makedirs(moved / "sub", exist_ok=True)
    (moved / "a.txt").rename(moved / "sub" / "a.txt")
    assert load_article(moved / "sub" / "a.txt", moved).id == a.id


def test_file_name_with_escape_sequence_gives_clean_title(tmp_path):
    name = "evil\x1b]0;x\x07name.txt"
    p = tmp_path / name
    p.write_bytes(b"")
    a = load_article(p, tmp_path)
    assert a.title == "evilname"
    assert_safe(a)


def test_file_vanishing_between_stat_and_open(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(SCRAPED, encoding="utf-8")

    def gone(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(decode.os, "open", gone)
    a = load_article(p, tmp_path)
    assert a.error == "no such file (it may have been moved or deleted)"


def test_permission_denied_on_open(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(SCRAPED, encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(decode.os, "open", denied)
    assert load_article(p, tmp_path).error == "permission denied"


def test_fifo_swapped_in_after_stat_is_not_read(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(SCRAPED, encoding="utf-8")
    real_fstat = os.fstat

    class FifoStat:
        def __init__(self, st):
            self._st = st

        def __getattr__(self, name):
            if name == "st_mode":
                return stat.S_IFIFO | 0o644
            return getattr(self._st, name)

    def read_forbidden(*args):
        raise AssertionError("read() on a FIFO")

    monkeypatch.setattr(decode.os, "fstat", lambda fd: FifoStat(real_fstat(fd)))
    monkeypatch.setattr(decode.os, "read", read_forbidden)
    a = load_article(p, tmp_path)
    assert a.error and "pipe" in a.error


def test_unexpected_exception_becomes_error(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text(SCRAPED, encoding="utf-8")
    import tuireader.articles.loader as loader

    def boom(*args, **kwargs):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(loader, "parse_text", boom)
    a = load_article(p, tmp_path)
    assert a.error and "RuntimeError" in a.error
    assert a.title == "a"


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".markdown"]))
def test_never_raises_on_arbitrary_bytes(tmp_path, data, suffix):
    p = tmp_path / f"x{suffix}"
    p.write_bytes(data)
    a = load_article(p, tmp_path)
    assert a.title
    assert_safe(a)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=1000))
def test_never_raises_on_arbitrary_text(tmp_path, text):
    p = tmp_path / "x.txt"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    a = load_article(p, tmp_path)
    assert a.title
    assert_safe(a)
