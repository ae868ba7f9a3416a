"""Articles: finding the files, reading them safely, and parsing them into the model.

Owns ``Article`` (``model``), the library scan (``scan``), bytes to text
(``decode``), control-character stripping (``sanitize``), language guessing
(``langdetect``), the plain-text and Markdown parsers and ``loader`` (a file
to an ``Article``, never raising).

Pure (no Textual). May import ``tuireader.rtl``, ``tuireader.files`` and
``tuireader.settings``; never the index, the layout, the feeds or the UI.
"""
