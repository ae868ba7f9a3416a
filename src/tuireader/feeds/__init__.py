"""News feeds: subscriptions, fetching, and turning items into article files.

Pure (no Textual): the command line, cron and the app all use the same code.
Fetched items become Markdown articles under ``<library>/feeds/``, so the
reader, the index and ``--print`` treat them like any other article.
May import the pure core, never the UI.
"""
