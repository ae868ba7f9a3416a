"""File-system helpers every part shares.

Owns replacing a file in one step (``atomic``), moving a damaged file aside
(``aside``) and OS errors in words a person can act on (``errors``).

Pure (no Textual); imports nothing else of tuireader.
"""
