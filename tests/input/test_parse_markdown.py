"""Markdown articles with YAML front matter."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.articles.model import BlockKind, Direction
from tuireader.articles.parse_markdown import has_front_matter, parse_markdown

ARTICLE = """---
title: "باحثون يرصدون عودة طيور الفلامنغو"
date: 2024-11-03
source: وكالة الأنباء
url: https://example.org/flamingos
lang: ar
dir: rtl
comments: 6
author: قسم البيئة
---

Tunis, Tunisia - رصد فريق من الباحثين عودة آلاف من طيور
الفلامنغو إلى البحيرة بعد **غياب** دام سنوات.

## موسم تكاثر واعد

وتشير الملاحظات إلى أن نحو ٪١٥ من الطيور بدأت *بناء* الأعشاش.
"""


def test_front_matter_fields_and_metadata_order():
    parsed = parse_markdown(ARTICLE)
    assert parsed.title == "باحثون يرصدون عودة طيور الفلامنغو"
    assert parsed.comments == 6
    assert parsed.lang == "ar"
    assert parsed.direction is Direction.RTL
    assert parsed.metadata == (
        ("date", "2024-11-03"),
        ("source", "وكالة الأنباء"),
        ("url", "https://example.org/flamingos"),
        ("author", "قسم البيئة"),
    )
    assert parsed.notices == ()


def test_body_blocks_soft_wrap_and_emphasis():
    parsed = parse_markdown(ARTICLE)
    assert [(b.kind, b.text) for b in parsed.blocks] == [
        (BlockKind.PARAGRAPH,
         "Tunis, Tunisia - رصد فريق من الباحثين عودة آلاف من طيور الفلامنغو إلى البحيرة "
         "بعد غياب دام سنوات."),
        (BlockKind.SUBHEADING, "موسم تكاثر واعد"),
        (BlockKind.PARAGRAPH, "وتشير الملاحظات إلى أن نحو ٪١٥ من الطيور بدأت بناء الأعشاش."),
    ]


def test_heading_becomes_title_without_front_matter():
    parsed = parse_markdown("# The Title\n\nFirst paragraph.\n\n## Section ##\n\nMore text.\n")
    assert parsed.title == "The Title"
    assert [(b.kind, b.text) for b in parsed.blocks] == [
        (BlockKind.PARAGRAPH, "First paragraph."),
        (BlockKind.SUBHEADING, "Section"),
        (BlockKind.PARAGRAPH, "More text."),
    ]
    assert parsed.direction is Direction.LTR


def test_heading_repeating_front_matter_title_is_shown_once():
    parsed = parse_markdown("---\ntitle: Hello\n---\n# Hello\n\nBody text.\n")
    assert parsed.title == "Hello"
    assert [b.text for b in parsed.blocks] == ["Body text."]


def test_bad_yaml_gives_notice_and_body():
    parsed = parse_markdown("---\ntitle: [unclosed\nfoo: : :\n---\n# Heading\n\nBody stays.\n")
    assert parsed.notices and "YAML" in parsed.notices[0]
    assert parsed.title == "Heading"
    assert [b.text for b in parsed.blocks] == ["Body stays."]


def test_front_matter_that_is_not_a_mapping():
    parsed = parse_markdown("---\n- a\n- b\n---\nBody.\n")
    assert parsed.notices
    assert [b.text for b in parsed.blocks] == ["Body."]


def test_yaml_never_constructs_objects():
    text = "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody.\n"
    parsed = parse_markdown(text)
    assert parsed.notices  # rejected by safe_load, reported
    assert [b.text for b in parsed.blocks] == ["Body."]


def test_alias_bomb_stays_small():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    parsed = parse_markdown("---\n" + "\n".join(lines) + "\n---\nBody.\n")
    assert all(len(v) <= 1000 for _, v in parsed.metadata)
    assert [b.text for b in parsed.blocks] == ["Body."]


def test_values_are_sanitized_and_stringified():
    text = (
        "---\n"
        "title: \"Evil\\e]0;pwned\\a title\"\n"
        "tags: [a, b]\n"
        "nested: {k: v}\n"
        "flag: true\n"
        "count: 3\n"
        "empty:\n"
        "comments: lots\n"
        "\"multi\\nline key\": \"x\\ny\"\n"
        "---\n"
        "Body.\n"
    )
    parsed = parse_markdown(text)
    assert parsed.title == "Evil title"
    assert parsed.comments is None
    assert parsed.metadata == (
        ("tags", "a, b"),
        ("nested", "k: v"),
        ("flag", "true"),
        ("count", "3"),
        ("empty", ""),
        ("multi line key", "x y"),
    )


def test_direction_from_lang_when_dir_missing():
    parsed = parse_markdown("---\ntitle: t\nlang: fa\n---\nThis body is in English only.\n")
    assert parsed.direction is Direction.RTL
    assert parsed.lang == "fa"


def test_inline_markup_reduced_but_rich_markup_kept():
    body = (
        "See [the report](https://e.example/r) and ![a map](m.png), `code`, ~~old~~, "
        "__strong__, snake_case_name, 2*3*4, \\*literal\\*, [bold]x[/bold], [link=x], "
        "[@click=app.quit]"
    )
    parsed = parse_markdown(body + "\n")
    assert parsed.blocks[0].text == (
        "See the report and a map, code, old, strong, snake_case_name, 2*3*4, *literal*, "
        "[bold]x[/bold], [link=x], [@click=app.quit]"
    )


def test_lists_quotes_rules_and_fences():
    text = "Intro line.\n\n- one\n- two\n\n> quoted text\n\n***\n\n```\ncode here\n```\n"
    parsed = parse_markdown(text)
    assert [b.text for b in parsed.blocks] == [
        "Intro line.", "• one", "• two", "quoted text", "code here"
    ]


def test_setext_heading():
    parsed = parse_markdown("Title\n=====\n\nText.\n\nPart\n----\n\nMore.\n")
    assert parsed.title == "Title"
    assert [(b.kind, b.text) for b in parsed.blocks] == [
        (BlockKind.PARAGRAPH, "Text."),
        (BlockKind.SUBHEADING, "Part"),
        (BlockKind.PARAGRAPH, "More."),
    ]


def test_has_front_matter():
    assert has_front_matter("---\ntitle: x\n---\nbody")
    assert not has_front_matter("---\njust text\n---\n")
    assert not has_front_matter("title\n---\n")
    assert not has_front_matter("---\ntitle: x\nno closing fence\n")


def test_unclosed_front_matter_is_body():
    parsed = parse_markdown("---\ntitle: x\n\nParagraph.\n")
    assert "Paragraph." in [b.text for b in parsed.blocks]


def test_empty_markdown():
    parsed = parse_markdown("")
    assert parsed.title is None and parsed.blocks == ()


def test_hostile_long_line_is_fast_enough_to_finish():
    # Unclosed markers everywhere: must not go quadratic.
    line = "**a `b [c ![d _e " * 20000
    parsed = parse_markdown("# t\n\n" + line + "\n\n#" + " " * 100000 + "x\n")
    assert parsed.blocks


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises(text):
    parsed = parse_markdown(text)
    for b in parsed.blocks:
        assert "\x1b" not in b.text and "\n" not in b.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["---", "title: x", "a: &x [1]", "b: *x", "- y", "# h", "## ", "```", "key: [", "", "text",
     "comments: 3", "dir: rtl", "lang: he", "? complex", ": value", "!!binary aGk="]
), max_size=12).map("\n".join))
def test_never_raises_on_front_matter_like_text(text):
    parse_markdown(text)
