"""The article index and search.

Owns the SQLite file and its snapshot (``store``), what goes wrong with it
(``faults``), keeping it in step with the folder (``catalog``: scan diff,
parser pool, the list of entries), Arabic-aware folding (``normalize``),
matching (``search``) and the list's order and views (``list_order``).

Pure (no Textual). May import ``tuireader.articles``, ``tuireader.files``
and ``tuireader.settings``; never the layout, the feeds or the UI.
"""
