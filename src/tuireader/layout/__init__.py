"""Layout: an article as display lines, for the reader pane and ``--print``.

Owns ``document`` (blocks to wrapped, shaped, ordered lines with styles),
the metadata table's labels, and the short texts cut to a width (list
titles, the library's name in the list's frame).

Pure (no Textual). May import ``tuireader.articles`` and ``tuireader.rtl``.
"""
