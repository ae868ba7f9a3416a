"""Settings and the user's own files.

Owns the TOML config (``config``, read through the one table of settings in
``schema``, with ``check`` for ``--check-config`` and ``keynames`` for the key
table), where files live (``paths``: samples,
default library, cache directory, article ids), the environment variables
that change settings (``env``, the one place they are read) and the reading
state (``state``: read marks, stars, last article and scroll).

Pure (no Textual). May import ``tuireader.files`` only.
"""
