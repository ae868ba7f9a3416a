"""``fulltext = true``: the linked page's article replaces a summary-only item."""

from __future__ import annotations

import pytest

from tuireader.articles.loader import load_article
from tuireader.feeds import fulltext
from tuireader.feeds.subscriptions import Feed

PARAGRAPHS = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم أكثر من ثلاثمئة سرير، "
    "ويعد الأكبر من نوعه في المنطقة الجنوبية منذ عقدين.",
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم نحو مليون نسمة، وإن العمل فيه سيبدأ "
    "تدريجيا خلال الأشهر الثلاثة المقبلة بعد اكتمال تجهيز الأقسام.",
    "وأضاف أن المشروع كلف نحو مئتي مليون دولار، مولت الحكومة معظمها، فيما ساهمت جهات "
    "مانحة دولية في تمويل الأجهزة الطبية الحديثة وتدريب الكوادر.",
]
PAGE = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح مستشفى جديد</title></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a> | <a href="/eco">اقتصاد</a></nav>
<article><h1>افتتاح مستشفى جديد في الجنوب</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>جميع الحقوق محفوظة © 2024 — اشترك في النشرة البريدية</footer>
<script>trackVisit()</script></body></html>""".encode()


def summary_feed(link: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>أخبار</title><language>ar</language>
<item><guid>h-1</guid><title>افتتاح مستشفى جديد</title><link>{link}</link>
<description>أعلنت وزارة الصحة…</description></item></channel></rss>""".encode()


def test_full_text_of_an_arabic_page(server, fetch, library):
    pytest.importorskip("trafilatura", reason="pip install 'tuireader[fulltext]' to test")
    server.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    server.expect_request("/rss").respond_with_data(
        summary_feed(server.url_for("/page")), content_type="application/rss+xml")
    [result] = fetch(Feed(server.url_for("/rss"), name="full", fulltext=True))
    assert result.ok and result.new == 1, result.line
    [path] = (library / "feeds" / "full").glob("*.md")
    article = load_article(path)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.paragraphs
    text = " ".join(article.paragraphs)
    assert "جميع الحقوق" not in text and "trackVisit" not in text and "رياضة" not in text


def test_without_trafilatura_the_summary_stays_and_the_line_says_why(
        server, fetch, library, monkeypatch):
    monkeypatch.setattr(fulltext, "available", lambda: False)
    server.expect_request("/rss").respond_with_data(
        summary_feed(server.url_for("/page")), content_type="application/rss+xml")
    [result] = fetch(Feed(server.url_for("/rss"), name="full", fulltext=True))
    assert result.ok
    assert result.line == (
        "full: 1 new; full text needs trafilatura (pip install 'tuireader[fulltext]'); "
        "kept the feed's summaries"
    )
    [path] = (library / "feeds" / "full").glob("*.md")
    assert load_article(path).paragraphs == ("أعلنت وزارة الصحة…",)
    assert len(server.log) == 1  # the page was not fetched
