"""The comment count as the reader shows it: in the article's own words.

Pure (no Textual). A scraped article ends with its comment line, e.g.
``تعليقات (12)`` or ``Kommentare (0)``: that line is shown as written (laid out
by the RTL engine like any article text), never rewritten as "12 comments".
A count without words around it (``comments: 6`` in Markdown front matter, a
feed's ``slash:comments``) gets the word for "comments" in the article's
language when it is one of those below, else English: ``تعليقات (6)``,
``Comments (6)``.
"""

from __future__ import annotations

from tuireader.articles.model import Article

#: "Comments" in the languages the scraped comment lines are seen in.
_WORD = {
    "ar": "تعليقات",
    "fa": "نظرات",
    "ur": "تبصرے",
    "he": "תגובות",
    "de": "Kommentare",
    "fr": "Commentaires",
    "es": "Comentarios",
    "pt": "Comentários",
    "it": "Commenti",
    "nl": "Reacties",
    "tr": "Yorumlar",
}


def comment_word(lang: str | None) -> str:
    """The word for "comments" in ``lang`` (a BCP 47 tag such as ``ar-EG``)."""
    primary = (lang or "").split("-")[0].split("_")[0].casefold()
    return _WORD.get(primary, "Comments")


def comment_text(article: Article) -> str | None:
    """The comment line to show, or None when the article gives no count."""
    if article.comment_line:
        return article.comment_line
    if article.comments is None:
        return None
    return f"{comment_word(article.lang)} ({article.comments})"
