"""The whole article for feeds that carry only a summary (``fulltext = true``).

trafilatura finds the article in a web page; it is an optional extra
(``pip install 'tuireader[fulltext]'``) so the base install stays small.
"""

from __future__ import annotations

MISSING = (
    "full text needs trafilatura (pip install 'tuireader[fulltext]'); "
    "kept the feed's summaries"
)


def available() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


def extract(page: bytes, url: str) -> str | None:
    """The article text of an HTML page as paragraphs (blank-line separated),
    or None when no article is found."""
    import trafilatura

    text = trafilatura.extract(
        page, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    if not text or not text.strip():
        return None
    return text
