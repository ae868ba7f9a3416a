"""The scraped text format and its damaged variants."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import BlockKind, Direction
from tuireader.articles.parse_text import is_subheading, parse_comment_line, parse_text

TITLE = "أمطار غزيرة متوقعة على المناطق الساحلية"
P1 = "Alexandria, Egypt - توقعت هيئة الأرصاد الجوية هطول أمطار غزيرة على المدن الساحلية خلال عطلة نهاية الأسبوع، مع رياح قوية."  # noqa: E501
P2 = "وأوضح المتحدث باسم الهيئة أن كميات الأمطار قد تتجاوز المعدلات المعتادة في هذا الوقت من العام."  # noqa: E501
SUB = "استعدادات في الموانئ"
P3 = "ورفعت سلطات الموانئ درجة الاستعداد، وأوقفت حركة القوارب الصغيرة حتى إشعار آخر."


def article(*lines, trailer=("Details | |", "---|---|", "Ort | الإسكندرية |", "Kommentare (2)")):
    return "\n".join([TITLE, TITLE, *lines, *trailer]) + "\n"


def kinds(parsed):
    return [(b.kind, b.text) for b in parsed.blocks]


def test_full_article():
    parsed = parse_text(article(P1, P2, SUB, P3))
    assert parsed.title == TITLE
    assert kinds(parsed) == [
        (BlockKind.PARAGRAPH, P1),
        (BlockKind.PARAGRAPH, P2),
        (BlockKind.SUBHEADING, SUB),
        (BlockKind.PARAGRAPH, P3),
    ]
    assert parsed.meta_caption == "Details"
    assert parsed.metadata == (("Ort", "الإسكندرية"),)
    assert parsed.comments == 2
    assert parsed.direction is Direction.RTL
    assert parsed.lang == "ar"


def test_title_not_repeated_is_kept_and_body_intact():
    text = "\n".join([TITLE, P1, P2])
    parsed = parse_text(text)
    assert parsed.title == TITLE
    assert [b.text for b in parsed.blocks] == [P1, P2]


def test_title_repeated_with_site_name():
    parsed = parse_text(f"{TITLE} - Example News\n{TITLE}\n{P1}\n")
    assert parsed.title == TITLE
    assert [b.text for b in parsed.blocks] == [P1]


@pytest.mark.parametrize(
    "line, count",
    [
        ("Kommentare (0)", 0),
        ("Comments (3)", 3),
        ("Comment (1)", 1),
        ("تعليقات (12)", 12),
        ("تعليقات (٢٣)", 23),  # Arabic-Indic digits
        ("نظرات (۵)", 5),  # Persian digits
        ("Commentaires (7)", 7),
        ("Comentarios (15)", 15),
        ("Comments (1,234)", 1234),
        ("comments (4)", 4),
        ("Kommentare (n/a)", None),
        ("Kommentare ()", None),
        ("Comments (-3)", None),
        ("Comments (3.5)", None),
        ("Comments", None),
        ("Comments: 8", 8),
    ],
)
def test_comment_counts(line, count):
    assert parse_comment_line(line) == (True, count)
    parsed = parse_text(article(P1, trailer=("Details | |", "---|---|", "Ort | x |", line)))
    assert parsed.comments == count
    assert parsed.comment_line == line  # kept as the article wrote it, for display
    assert [b.text for b in parsed.blocks] == [P1]  # the line is not body text


def test_not_a_comment_line():
    assert parse_comment_line("Comments are closed for this story.")[0] is False
    assert parse_comment_line("قال إن التعليقات (كثيرة) ومتنوعة جدا")[0] is False


def test_missing_comment_line():
    parsed = parse_text(article(P1, trailer=("Details | |", "---|---|", "Ort | x |")))
    assert parsed.comments is None
    assert parsed.metadata == (("Ort", "x"),)


def test_missing_table_comment_line_directly_after_body():
    parsed = parse_text(article(P1, P2, trailer=("تعليقات (3)",)))
    assert parsed.metadata == ()
    assert parsed.meta_caption is None
    assert parsed.comments == 3
    assert [b.text for b in parsed.blocks] == [P1, P2]


def test_no_trailer_at_all():
    parsed = parse_text(article(P1, SUB, P2, trailer=()))
    assert (parsed.metadata, parsed.comments, parsed.meta_caption) == ((), None, None)
    assert kinds(parsed)[-1] == (BlockKind.PARAGRAPH, P2)


def test_damaged_table():
    trailer = (
        "| التفاصيل | | |",
        "|---|---|---|",
        "| المكان | العقبة، الأردن | |",
        "| المصدر | وكالة | الأنباء |",
        "السعة || 250,000 م³ |",
        "التكلفة | 1.1 مليار دولار | | |",
        "Comments (9)",
    )
    parsed = parse_text(article(P1, trailer=trailer))
    assert parsed.meta_caption == "التفاصيل"
    assert parsed.metadata == (
        ("المكان", "العقبة، الأردن"),
        ("المصدر", "وكالة | الأنباء"),
        ("السعة", "250,000 م³"),
        ("التكلفة", "1.1 مليار دولار"),
    )
    assert parsed.comments == 9


def test_table_without_separator_and_missing_pipes():
    trailer = ("Details", "Ort | Kairo", "Quelle | dpa |")
    # "Details" alone has no pipe: it is body text, not part of the table.
    parsed = parse_text(article(P1, trailer=trailer))
    assert parsed.metadata == (("Ort", "Kairo"), ("Quelle", "dpa"))
    assert parsed.meta_caption is None
    parsed = parse_text(article(P1, trailer=("Details | |", "Ort | Kairo", "Quelle | dpa |")))
    assert parsed.meta_caption == "Details"
    assert parsed.metadata == (("Ort", "Kairo"), ("Quelle", "dpa"))


def test_table_header_row_with_column_names():
    trailer = ("| Key | Value |", "|:---|---:|", "| Ort | Kairo |")
    parsed = parse_text(article(P1, trailer=trailer))
    assert parsed.metadata == (("Ort", "Kairo"),)
    assert parsed.meta_caption is None


def test_pipe_in_title_is_not_a_table():
    parsed = parse_text("Headline | Site\n")
    assert parsed.title == "Headline | Site"
    assert parsed.metadata == ()


def test_dateline_stays_in_paragraph():
    parsed = parse_text(article("Pyongyang, Nordkorea - " + P2))
    assert parsed.blocks[0].text.startswith("Pyongyang, Nordkorea - وأوضح")
    assert len(parsed.blocks) == 1
    assert parsed.direction is Direction.RTL


@pytest.mark.parametrize(
    "line, expected",
    [
        ("تعاون عسكري يكثف", True),
        ("Mehr Arbeitsplätze und ruhige Zonen", True),
        ("«لا تكيف بلا تمويل»", True),
        ("أمســـية الشعر الفصيح", True),
        ("Er sagte: Nein.", False),
        ("هل يستمر التحالف؟", False),
        ("انتهى الاجتماع.", False),
        ("وأضاف:", False),
        ("قال «نعم»", False),
        ("12345", False),
        ("---", False),
        ("كلمة " * 11, False),  # too many words
        ("x" * 61, False),  # too long
    ],
)
def test_subheading_heuristic(line, expected):
    assert is_subheading(line) is expected


def test_harakat_do_not_count_towards_length():
    vowelled = "عَلِمَ وعُلِّمَ وعَلَّمَ " * 3  # short on screen, long in code points
    assert len(vowelled) > 60
    assert is_subheading(vowelled.strip())


def test_short_last_line_is_not_a_subheading():
    parsed = parse_text(article(P1, "Reuters", trailer=()))
    assert kinds(parsed)[-1] == (BlockKind.PARAGRAPH, "Reuters")


def test_line_after_colon_is_not_a_subheading():
    parsed = parse_text(article("ردد الحضور معه:", "الخيل والليل والبيداء تعرفني", P2, trailer=()))
    assert [b.kind for b in parsed.blocks] == [BlockKind.PARAGRAPH] * 3


def test_empty_and_blank_files():
    for text in ("", "\n\n\n", "   \n\t\n"):
        parsed = parse_text(text)
        assert parsed.title is None
        assert parsed.blocks == ()
        assert parsed.metadata == ()
        assert parsed.comments is None


def test_title_only():
    parsed = parse_text(TITLE + "\n")
    assert parsed.title == TITLE
    assert parsed.blocks == ()
    parsed = parse_text(TITLE + "\n" + TITLE)
    assert parsed.title == TITLE
    assert parsed.blocks == ()


def test_blank_line_separated_and_hard_wrapped():
    text = (
        "A title\n\n"
        "This paragraph was wrapped by a text editor at a\n"
        "narrow width, so its lines must be joined again.\n\n"
        "Short heading\n\n"
        "Another paragraph follows the heading and it is long enough to be prose.\n"
    )
    parsed = parse_text(text)
    assert parsed.title == "A title"
    assert kinds(parsed) == [
        (BlockKind.PARAGRAPH, "This paragraph was wrapped by a text editor at a "
                              "narrow width, so its lines must be joined again."),
        (BlockKind.SUBHEADING, "Short heading"),
        (BlockKind.PARAGRAPH,
         "Another paragraph follows the heading and it is long enough to be prose."),
    ]


def test_crlf_and_escape_sequences_are_cleaned():
    text = (
        f"{TITLE}\x1b]0;pwned\x07\r\n{TITLE}\r\n{P1}\x1b[2J\r\n"
        "Det\x1b[31mails | |\r\n---|---|\r\nO\x9b1mrt | Ka\x00iro\x1b]52;c;eA==\x07 |\r\n"
        "Kommentare (5)\r\n"
    )
    parsed = parse_text(text)
    assert parsed.title == TITLE
    assert [b.text for b in parsed.blocks] == [P1]
    assert parsed.meta_caption == "Details"
    assert parsed.metadata == (("Ort", "Kairo"),)
    assert parsed.comments == 5


def test_markup_like_text_is_kept_literally():
    body = "[bold]x[/bold] and [link=https://e.example]y[/link] and [@click=app.quit]z[/]"
    parsed = parse_text(f"[b]Title[/b]\n{body}\n")
    assert parsed.title == "[b]Title[/b]"
    assert parsed.blocks[0].text == body


def test_overlong_first_line_is_not_a_title():
    huge = "كلمة " * 200
    parsed = parse_text(huge)
    assert parsed.title is None
    assert parsed.blocks[0].text == huge.strip()


@pytest.mark.parametrize(
    "text, lang, direction",
    [
        ("خبر\nاستقبال گسترده از نمایشگاه کتاب کودک در اصفهان؛ بچه‌ها کتاب‌های زیادی خریدند.",
         "fa", Direction.RTL),
        ("خبر\nملتان میں آموں کا سالانہ میلہ، ہزاروں شائقین کی شرکت۔ کاشتکاروں کا کہنا ہے کہ",
         "ur", Direction.RTL),
        ("חדשות\nעשרות אלפי עגורים נחתו בשבוע שעבר בעמק החולה.", "he", Direction.RTL),
        ("News\nThe museum opened an exhibition of calligraphy and it is in the city.",
         "en", Direction.LTR),
        ("Nachricht\nDie Stadtbibliothek öffnet ab Montag länger und die Studierenden sind froh.",
         "de", Direction.LTR),
    ],
)
def test_language_and_direction(text, lang, direction):
    parsed = parse_text(text)
    assert (parsed.lang, parsed.direction) == (lang, direction)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_never_raises_and_output_is_clean(text):
    parsed = parse_text(text)
    strings = [parsed.title or "", parsed.meta_caption or ""]
    strings += [b.text for b in parsed.blocks]
    strings += [x for pair in parsed.metadata for x in pair]
    for s in strings:
        assert "\x1b" not in s and "\n" not in s
        assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in s)


LINES = st.lists(
    st.one_of(
        st.sampled_from(["Details | |", "---|---|", "| a | b |", "Kommentare (x)", "Comments (3)",
                         "|", "||||", "---", "", "تعليقات (٣)", "a|b|c|d"]),
        st.text(max_size=80),
    ),
    max_size=15,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(LINES)
def test_never_raises_on_table_like_text(text):
    parsed = parse_text(text)
    assert parsed.comments is None or parsed.comments >= 0
