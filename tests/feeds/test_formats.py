"""RSS 2.0 (Arabic), Atom (Persian), JSON Feed (Hebrew) and full HTML bodies
(English) become article files the reader shows as it shows any other."""

from __future__ import annotations

from pathlib import Path

import yaml

from tuireader.articles.loader import load_article
from tuireader.articles.model import BlockKind, Direction
from tuireader.articles.parse_markdown import split_front_matter
from tuireader.feeds.subscriptions import Feed

from .conftest import fixture_bytes


def serve(server, path: str, name: str, content_type: str) -> str:
    server.expect_request(path).respond_with_data(fixture_bytes(name), content_type=content_type)
    return server.url_for(path)


def front(path: Path) -> dict:
    fm, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(fm)


def only_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


def test_arabic_rss(server, fetch, library):
    url = serve(server, "/ar.xml", "arabic_rss.xml", "application/rss+xml; charset=utf-8")
    [result] = fetch(Feed(url, name="الجزيرة"))
    assert result.ok, result.line
    assert result.new == 2
    assert result.line == "الجزيرة: 2 new"
    folder = library / "feeds" / "الجزيرة"
    files = only_files(folder)
    names = [p.name for p in files]
    # readable Arabic slug + a hash of the item id
    assert any(n.startswith("طيور-الفلامنغو-تعود-إلى-بحيرة-الملح-") for n in names), names
    assert all(n.endswith(".md") for n in names)
    flamingo = next(p for p in files if p.name.startswith("طيور"))
    fm = front(flamingo)
    assert fm == {
        "title": "طيور الفلامنغو تعود إلى بحيرة الملح",
        "date": "2024-11-03T08:30:00+00:00",
        "source": "الجزيرة نت - أخبار",
        "url": "https://news.example/ar/flamingos",
        "author": "سارة الخطيب",
        "lang": "ar",
        "dir": "rtl",
        "comments": 6,
        "tags": ["بيئة", "طيور"],
    }
    article = load_article(flamingo)
    assert article.ok and not article.notices
    assert article.title == "طيور الفلامنغو تعود إلى بحيرة الملح"
    assert article.direction is Direction.RTL
    assert article.comments == 6
    assert article.paragraphs == (
        "عادت آلاف من طيور الفلامنغو إلى البحيرة بعد غياب دام ثلاث سنوات.",
        "وقال خبراء إن المياه ارتفعت هذا الموسم.",
    )
    assert ("source", "الجزيرة نت - أخبار") in article.metadata
    oil = load_article(next(p for p in files if p.name.startswith("أسعار")))
    assert oil.paragraphs == ("ارتفعت أسعار خام برنت (Brent) إلى 75 دولارا للبرميل.",)


def test_persian_atom(server, fetch, library):
    url = serve(server, "/fa.atom", "persian_atom.xml", "application/atom+xml")
    [result] = fetch(Feed(url, name="Sample FA", folder="Persian news"))
    assert result.ok and result.new == 1, result.line
    [path] = only_files(library / "feeds" / "persian-news" / "sample-fa")
    assert path.name.startswith("بارش-برف-در-تهران-مدارس-تعطیل-شد-")
    fm = front(path)
    assert fm["lang"] == "fa" and fm["dir"] == "rtl"
    assert fm["comments"] == 12  # thr:total
    assert fm["author"] == "مریم احمدی"
    assert fm["date"] == "2024-11-05T05:45:00+00:00"
    article = load_article(path)
    assert article.direction is Direction.RTL
    # ZWNJ inside Persian words survives the trip
    assert article.paragraphs[0] == (
        "بارش سنگین برف از صبح امروز آغاز شد و همه\u200cی مدارس تعطیل شدند."
    )
    assert article.subheadings == ("وضعیت جاده\u200cها",)
    assert article.paragraphs[1:] == ("• جاده\u200cی چالوس بسته است", "• آزادراه قزوین باز است")


def test_hebrew_json_feed(server, fetch, library):
    url = serve(server, "/he.json", "hebrew.json", "application/feed+json")
    [result] = fetch(Feed(url, name="he"))
    assert result.ok and result.new == 2, result.line
    files = only_files(library / "feeds" / "he")
    tech = next(p for p in files if p.name.startswith("סטארט-אפ-ישראלי"))
    fm = front(tech)
    assert fm["lang"] == "he" and fm["dir"] == "rtl"
    assert fm["author"] == "דנה לוי"
    assert fm["tags"] == ["טכנולוגיה"]
    assert fm["date"] == "2024-11-06T05:00:00+00:00"
    article = load_article(tech)
    assert article.direction is Direction.RTL
    assert article.paragraphs == (
        "החברה פיתחה שבב חדש לעיבוד שפה.",
        'זה רק ההתחלה, אמר המנכ"ל.',
    )
    weather = load_article(next(p for p in files if p.name.startswith("מזג-האוויר")))
    assert weather.paragraphs == ("גשם צפוי בגליל ובגולן.", "במרכז יהיה מעונן חלקית.")


def test_english_full_html(server, fetch, library):
    url = serve(server, "/long.rss", "english_full.xml", "application/rss+xml")
    [result] = fetch(Feed(url, name="Long Read"))
    assert result.ok and result.new == 1, result.line
    [path] = only_files(library / "feeds" / "long-read")
    assert path.name.startswith("how-not-to-build-a-city-a-field-guide-")
    text = path.read_text(encoding="utf-8")
    for gone in ("tracking", "color: red", "advert inside a frame", "<script", "<iframe"):
        assert gone not in text
    article = load_article(path)
    assert article.title == "How *not* to build a [city] – a_field_guide"
    assert article.lang == "en-GB" and article.direction is Direction.LTR
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert kinds == [
        (BlockKind.SUBHEADING, "How not to build a city"),
        (BlockKind.PARAGRAPH,
         "Planners love a grid. See the grid study (https://example.org/grids) for details."),
        (BlockKind.SUBHEADING, "Three mistakes"),
        (BlockKind.PARAGRAPH, "1. Too many cars"),
        (BlockKind.PARAGRAPH, "2. Too few trees"),
        (BlockKind.PARAGRAPH, "3. No benches"),
        (BlockKind.PARAGRAPH, "A city is not a machine."),
        (BlockKind.PARAGRAPH, "[image: A street plan from 1920]"),
        (BlockKind.PARAGRAPH,
         "- not a list, and 1999. was a year; 2 * 3 = 6 and [brackets] stay."),
    ]
