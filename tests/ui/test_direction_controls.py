"""An article's unterminated direction override or isolate stays inside its
paragraph: the next paragraph, the metadata pane and the list are drawn
exactly as without it, and no control reaches the screen."""

from __future__ import annotations

import pytest

from .conftest import loaded, region_rows, wait_for

NAME = "016_ar_comments_not_a_number.txt"
CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


async def shown(make_app, articles, text: str):
    (articles / NAME).write_text(text, encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await loaded(pilot)
        screen.article_list.select_id(next(r.id for r in screen.entries if r.rel == NAME))
        await wait_for(pilot, lambda: screen.article and screen.article.path.name == NAME)
        screen = await loaded(pilot)
        return (
            region_rows(app, screen.reader),
            region_rows(app, screen.metadata),
            region_rows(app, screen.article_list),
        )


@pytest.mark.parametrize("control", ["\u202e", "\u2067", "\u202b", "\u2066"])
async def test_an_unterminated_control_does_not_leak(make_app, articles, control):
    original = (articles / NAME).read_text(encoding="utf-8")
    lines = original.split("\n")
    first_body = 2  # title, title again, then the body
    lines[first_body] = lines[first_body] + f" {control}abc 123"
    reader, metadata, listing = await shown(make_app, articles, "\n".join(lines))
    clean_reader, clean_metadata, clean_listing = await shown(
        make_app, articles, "\n".join([*lines[:first_body], original.split("\n")[first_body]
                                       + " abc 123", *lines[first_body + 1 :]])
    )  # fmt: skip
    assert not CONTROLS & set("".join(reader + metadata + listing))
    assert metadata == clean_metadata
    assert listing == clean_listing
    # every row of the reader after the changed paragraph is the same
    tail = reader[-12:]
    assert tail == clean_reader[-12:]
