"""Every feed is untrusted: each hostile case gets a clear message for its own
feed, the others are fetched as usual, and nothing is written outside the
library's feeds folder."""

from __future__ import annotations

import gzip
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug import Response

from tuireader.articles.loader import load_article
from tuireader.articles.sanitize import is_clean
from tuireader.feeds.subscriptions import Feed

from .conftest import OPTIONS, files_under, fixture_bytes

RSS = fixture_bytes("arabic_rss.xml")

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss version="2.0"><channel><title>bomb</title>
<item><guid>1</guid><title>&f;</title><description>&f;</description></item>
</channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>xxe</title>
<item><guid>1</guid><title>leak &secret;</title><description>&secret;</description></item>
</channel></rss>"""

# A parameter entity pulling in an outside DTD, hidden in UTF-16.
PARAMETER = """<?xml version="1.0" encoding="UTF-16"?>
<!DOCTYPE rss [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
<rss version="2.0"><channel><title>p</title><item><guid>1</guid><title>t</title></item>
</channel></rss>""".encode("utf-16")

# No internal subset, only an outside DTD to be fetched: nothing may be read.
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file:///etc/passwd">
<rss version="2.0"><channel><title>dtd</title>
<item><guid>dtd-1</guid><title>Only a title</title><description>Body</description></item>
</channel></rss>"""

HTML_PAGE = b"""<!DOCTYPE html>
<html><head><title>News</title></head><body><p>Welcome to our site</p></body></html>"""

TRAVERSAL = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>../../escape</title>
<item><guid>../../../../outside.md</guid><title>../../../etc/passwd</title>
<description>one</description></item>
<item><guid>/etc/passwd</guid><title>..</title><description>two</description></item>
<item><guid>C:\\Windows\\system.ini</guid><title>CON</title><description>three</description></item>
<item><guid>x\x00y</guid><title>.hidden/..\\..</title><description>four</description></item>
</channel></rss>"""

ESCAPES = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Esc&#x202E;apes</title>
<item><guid>esc-1</guid>
<title>Breaking: &#x1b;]0;owned&#x7;&#x1b;[31mred&#x1b;[0m
 \u202egnikaerb\u202c \u2066isolated\u2069</title>
<description>&lt;p&gt;body \x1b[2J cleared? \u009b31m&lt;/p&gt;</description></item>
</channel></rss>""".encode()


def serve_bytes(server, path: str, body: bytes, content_type: str = "application/rss+xml",
                **headers: str) -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type,
                                                  headers=headers)
    return server.url_for(path)


def with_good_neighbour(server, fetch, hostile: Feed, options=OPTIONS):
    """Fetch ``hostile`` next to a good feed; the good one must not notice."""
    good = Feed(serve_bytes(server, "/good", RSS), name="good")
    bad, ok = fetch(hostile, good, options=options)
    assert ok.ok and ok.new == 2, ok.line
    return bad


def nothing_outside(tmp_path: Path, library: Path) -> None:
    """Every file the fetch made is in the feeds folder or the state dir."""
    for path in tmp_path.rglob("*"):
        if path.is_file():
            rel = path.relative_to(tmp_path)
            assert rel.parts[0] in ("state", "home") or (
                rel.parts[:2] == ("library", "feeds")
            ), rel


@pytest.mark.parametrize(
    "body", [BOMB, XXE, PARAMETER], ids=["entity-bomb", "external-entity", "utf16-parameter"]
)
def test_entity_declarations_are_refused(server, fetch, library, tmp_path, body):
    bad = with_good_neighbour(server, fetch, Feed(serve_bytes(server, "/x", body), name="x"))
    assert not bad.ok
    assert bad.line == (
        "x: refused: the feed declares XML entities (a DOCTYPE with ENTITY) at "
        + server.url_for("/x")
    )
    assert not (library / "feeds" / "x").exists()
    nothing_outside(tmp_path, library)


def test_an_outside_dtd_is_never_read(server, fetch, library):
    bad = with_good_neighbour(server, fetch, Feed(serve_bytes(server, "/d", EXTERNAL_DTD),
                                                  name="dtd"))
    assert bad.ok, bad.line
    [path] = (library / "feeds" / "dtd").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "root:" not in text
    assert load_article(path).paragraphs == ("Body",)


def test_html_page_is_not_a_feed(server, fetch):
    bad = with_good_neighbour(server, fetch, Feed(serve_bytes(server, "/page", HTML_PAGE,
                                                              "text/html"), name="site"))
    assert bad.line == (
        "site: not a feed: got HTML (a web page, not its RSS or Atom feed) at "
        + server.url_for("/page")
    )


def test_huge_response_stops_at_the_cap(server, fetch, library):
    sent = [0]

    def endless_gigabyte():
        chunk = b"<!-- " + b"x" * (64 * 1024) + b" -->"
        while sent[0] < 1024**3:
            sent[0] += len(chunk)
            yield chunk

    server.expect_request("/huge").respond_with_response(
        Response(endless_gigabyte(), content_type="application/rss+xml")
    )
    options = replace(OPTIONS, max_bytes=1024 * 1024)
    bad = with_good_neighbour(server, fetch, Feed(server.url_for("/huge"), name="huge"),
                              options=options)
    assert bad.line == (
        f"huge: too large: more than 1 MB at {server.url_for('/huge')}, the limit is 1 MB "
        "(fetch.max_mb in the config)"
    )
    assert sent[0] < 64 * 1024 * 1024  # the server was cut off long before 1 GB


def test_declared_length_over_the_cap_is_refused_before_reading(server, fetch):
    url = serve_bytes(server, "/big", b"<rss/>" * 400_000)
    options = replace(OPTIONS, max_bytes=1024 * 1024)
    [bad] = fetch(Feed(url, name="big"), options=options)
    assert bad.line.startswith(f"big: too large: 2.29 MB at {url}, the limit is 1 MB")


def test_gzip_bomb_stops_at_the_cap(server, fetch):
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), 9)
    url = serve_bytes(server, "/gzbomb", bomb, **{"Content-Encoding": "gzip"})
    [bad] = fetch(Feed(url, name="gz"), options=replace(OPTIONS, max_bytes=1024 * 1024))
    assert bad.line.startswith("gz: too large: more than 1 MB at ")


def test_never_ending_slow_response_times_out(server, fetch, library):
    stop = threading.Event()

    def dribble():
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>'
        while not stop.wait(0.2):  # a byte every 0.2 s, for ever
            yield b" "

    server.expect_request("/slow").respond_with_response(
        Response(dribble(), content_type="application/rss+xml")
    )
    try:
        # (alone: a neighbour would have the same 1 s limit on a loaded machine)
        [bad] = fetch(Feed(server.url_for("/slow"), name="slow"),
                      options=replace(OPTIONS, timeout=1))
    finally:
        stop.set()
    assert bad.line == f"slow: timed out after 1 s at {server.url_for('/slow')}"
    assert not (library / "feeds" / "slow").exists()


def test_silent_server_times_out(server, fetch):
    stop = threading.Event()

    def silent():
        stop.wait(60)
        yield b""

    server.expect_request("/silent").respond_with_response(Response(silent()))
    try:
        [bad] = fetch(Feed(server.url_for("/silent"), name="silent"),
                      options=replace(OPTIONS, timeout=1))
    finally:
        stop.set()
    assert bad.line == f"silent: timed out after 1 s at {server.url_for('/silent')}"


def test_invalid_utf8_keeps_the_good_text(server, fetch, library):
    body = RSS.replace("ثلاث سنوات".encode(), "ثلاث".encode() + b"\xff\xfe" + "سنوات".encode())
    bad = with_good_neighbour(server, fetch, Feed(serve_bytes(server, "/u8", body), name="u8"))
    assert bad.ok
    assert bad.line == "u8: 2 new; the feed is not valid UTF-8: bad bytes shown as �"
    paths = sorted((library / "feeds" / "u8").glob("*.md"))
    texts = [load_article(p).paragraphs for p in paths]
    assert ("عادت آلاف من طيور الفلامنغو إلى البحيرة بعد غياب دام ثلاث��سنوات.",
            "وقال خبراء إن المياه ارتفعت هذا الموسم.") in texts


def test_windows_1256_feed(server, fetch, library):
    text = RSS.decode("utf-8").replace('encoding="UTF-8"', 'encoding="windows-1256"')
    body = text.encode("cp1256")
    bad = with_good_neighbour(server, fetch, Feed(serve_bytes(
        server, "/1256", body, "application/rss+xml; charset=windows-1256"), name="cp"))
    assert bad.ok and bad.new == 2, bad.line
    titles = sorted(load_article(p).title for p in (library / "feeds" / "cp").glob("*.md"))
    assert titles == [
        "أسعار النفط ترتفع 2% في ختام التداولات",
        "طيور الفلامنغو تعود إلى بحيرة الملح",
    ]


def test_escape_sequences_and_bidi_overrides_never_reach_a_file(server, fetch, library):
    [result] = fetch(Feed(serve_bytes(server, "/esc", ESCAPES), name="esc"))
    assert result.ok, result.line
    [path] = (library / "feeds" / "esc").glob("*.md")
    assert is_clean(path.name)
    text = path.read_text(encoding="utf-8")
    assert is_clean(text.replace("\n", ""))  # no ESC, C1, bidi override anywhere
    article = load_article(path)
    assert article.title == "Breaking: red gnikaerb isolated"
    # (feedparser reads a C1 byte as windows-1252 does: U+009B CSI becomes a
    # harmless "›"; the ESC [ 2J sequence is gone)
    assert article.paragraphs == ("body cleared? \u203a31m",)
    assert ("source", "Escapes") in article.metadata


def test_path_traversal_in_ids_and_titles(server, fetch, library, tmp_path):
    [result] = fetch(Feed(serve_bytes(server, "/trav", TRAVERSAL), name="../../up"))
    assert result.ok and result.new == 4, result.line
    nothing_outside(tmp_path, library)
    folder = library / "feeds" / "up"
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 4
    for name in names:
        assert "/" not in name and "\\" not in name and ".." not in name
        assert not name.startswith(".") and is_clean(name) and name.endswith(".md")
        assert len(name.encode()) <= 255
    assert any(n.startswith("etc-passwd-") for n in names)
    assert any(n.startswith("item-") for n in names)  # the title ".." leaves nothing
    assert any(n.startswith("con-") for n in names)  # never the reserved name alone


def test_a_feed_cannot_name_a_folder_outside(server, fetch, library, tmp_path):
    [result] = fetch(Feed(serve_bytes(server, "/f", RSS), name="..", folder="../../.."))
    assert result.ok, result.line
    nothing_outside(tmp_path, library)
    assert files_under(library / "feeds")


def test_windows_1256_named_only_by_the_http_header(server, fetch, library):
    text = RSS.decode("utf-8").replace('<?xml version="1.0" encoding="UTF-8"?>', "")
    url = serve_bytes(server, "/hdr", text.encode("cp1256"),
                      "application/rss+xml; charset=windows-1256")
    [result] = fetch(Feed(url, name="hdr"))
    assert result.ok and result.new == 2 and "UTF-8" not in result.line, result.line
    titles = sorted(load_article(p).title for p in (library / "feeds" / "hdr").glob("*.md"))
    assert titles[1] == "طيور الفلامنغو تعود إلى بحيرة الملح"
