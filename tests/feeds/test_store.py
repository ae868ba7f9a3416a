"""Re-fetching updates rather than duplicates; what the user edited or deleted
stays as the user left it; file names are safe and readable."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st
from werkzeug import Request, Response

from tuireader.articles.loader import load_article
from tuireader.articles.sanitize import is_clean
from tuireader.feeds.files import slug
from tuireader.feeds.parse import Item
from tuireader.feeds.store import item_file_name
from tuireader.feeds.subscriptions import Feed

from .conftest import fixture_bytes

RSS = fixture_bytes("arabic_rss.xml").decode()


def changing_feed(server, versions: list[str]) -> Feed:
    """Serves the newest of ``versions`` (the test appends to it)."""

    def handler(request: Request) -> Response:
        return Response(versions[-1].encode(), content_type="application/rss+xml")

    server.expect_request("/feed").respond_with_handler(handler)
    return Feed(server.url_for("/feed"), name="ar")


def test_refetch_updates_edits_survive_deletions_stick(server, fetch, library):
    versions = [RSS]
    feed = changing_feed(server, versions)
    [first] = fetch(feed)
    assert first.new == 2
    folder = library / "feeds" / "ar"
    flamingo = next(folder.glob("طيور*.md"))
    oil = next(folder.glob("أسعار*.md"))

    # the site corrects both the title and the body: the same files change
    versions.append(RSS.replace("بحيرة الملح", "بحيرة الملح الكبرى").replace(
        "75 دولارا", "76 دولارا"))
    [second] = fetch(feed)
    assert (second.new, second.updated) == (0, 2), second.line
    assert sorted(folder.iterdir()) == sorted([flamingo, oil])  # no duplicates
    assert load_article(flamingo).title == "طيور الفلامنغو تعود إلى بحيرة الملح الكبرى"

    # the user edits one file and deletes the other
    flamingo.write_text(flamingo.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    oil.unlink()
    versions.append(versions[-1].replace("ثلاث سنوات", "أربع سنوات").replace("76", "77"))
    [third] = fetch(feed)
    assert third.ok and (third.new, third.updated) == (0, 0)
    assert third.line == "ar: 0 new, 1 edited by you, kept"
    assert "My note." in flamingo.read_text(encoding="utf-8")
    assert "ثلاث سنوات" in flamingo.read_text(encoding="utf-8")
    assert not oil.exists()

    # unless asked for, explicitly
    [fourth] = fetch(feed, restore_deleted=True)
    assert fourth.new == 1 and oil.exists()
    assert "77 دولارا" in oil.read_text(encoding="utf-8")


def test_the_name_is_kept_when_the_title_changes(server, fetch, library):
    versions = [RSS]
    feed = changing_feed(server, versions)
    fetch(feed)
    before = sorted(p.name for p in (library / "feeds" / "ar").iterdir())
    versions.append(RSS.replace("طيور الفلامنغو تعود", "عودة طيور الفلامنغو"))
    fetch(feed)
    assert sorted(p.name for p in (library / "feeds" / "ar").iterdir()) == before


def test_slug_keeps_arabic_readable():
    assert slug("طيور الفلامنغو: تعود!") == "طيور-الفلامنغو-تعود"
    assert slug("همه\u200cی مدارس") == "همه-ی-مدارس"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("\u202egnp.exe") == "gnp-exe"


@given(st.text(), st.text())
def test_item_file_names_are_safe_everywhere(title, ident):
    name = item_file_name(Item(id=ident, title=title))
    assert name.endswith(".md") and not name.startswith(".")
    assert len(name.encode("utf-8")) <= 255
    assert is_clean(name) and name.isprintable()
    assert not set(name) & set('/\\:*?"<>|')
    assert ".." not in name
    # stable: the same item always gets the same name
    assert name == item_file_name(Item(id=ident, title=title))


@given(st.text(alphabet=string.ascii_letters, min_size=1))
def test_different_ids_give_different_names(ident):
    a = item_file_name(Item(id=ident, title="Same title"))
    b = item_file_name(Item(id=ident + "x", title="Same title"))
    assert a != b


def test_a_lost_memory_does_not_duplicate_items(server, fetch, library, state_dir):
    import shutil

    feed = changing_feed(server, [RSS])
    fetch(feed)
    before = sorted((library / "feeds" / "ar").iterdir())
    shutil.rmtree(state_dir)
    [again] = fetch(feed)
    assert again.ok and again.new == 0, again.line
    assert sorted((library / "feeds" / "ar").iterdir()) == before
