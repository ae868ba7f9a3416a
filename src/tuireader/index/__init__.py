"""The article index and search.

``source.Source`` is the one facade the UI uses. Behind it: ``catalog``
keeps the list of entries in step with the folder (a refresh runs in steps:
``scan_diff``, the write, ``parse_pool``, storing the parsed rows); ``store``
owns the SQLite file (connections, rebuild, compaction) with its tables in
``schema``; ``rows`` reads and writes the article rows; ``snapshot`` is the
list file beside the index; ``faults`` says what goes wrong with it.
``search`` holds all of search (query words, the index match, the title
scan, the reader's highlight), over the Arabic-aware folding of
``normalize``; ``list_order`` gives the list's order and views.

Pure (no Textual). May import ``tuireader.articles``, ``tuireader.files``
and ``tuireader.settings``; never the layout, the feeds or the UI.
"""
