"""The pure core must never import Textual: it is shared by the UI, --print,
the index and the benchmarks, and must stay testable without a terminal."""

import subprocess
import sys

PURE_MODULES = [
    "tuireader.aside",
    "tuireader.fs_errors",
    "tuireader.index_faults",
    "tuireader.signals",
    "tuireader.article",
    "tuireader.index_db",
    "tuireader.catalog",
    "tuireader.rtl",
    "tuireader.rtl.cells",
    "tuireader.rtl.charinfo",
    "tuireader.rtl.classes",
    "tuireader.rtl.direction",
    "tuireader.rtl.joining",
    "tuireader.rtl.layout",
    "tuireader.rtl.levels",
    "tuireader.rtl.ligature_names",
    "tuireader.rtl.options",
    "tuireader.rtl.paragraph",
    "tuireader.rtl.reorder",
    "tuireader.rtl.seqs",
    "tuireader.rtl.shaping",
    "tuireader.rtl.wrap",
    "tuireader.sanitize",
    "tuireader.decode",
    "tuireader.langdetect",
    "tuireader.parse_text",
    "tuireader.parse_markdown",
    "tuireader.loader",
    "tuireader.library",
    "tuireader.normalize",
    "tuireader.search",
    "tuireader.document",
    "tuireader.paths",
    "tuireader.terminal",
    "tuireader.term_replies",
    "tuireader.term_detect",
    "tuireader.bidi_memory",
    "tuireader.cli",
    "tuireader.config",
    "tuireader.state",
    "tuireader.feeds",
    "tuireader.feeds.cli",
    "tuireader.feeds.convert",
    "tuireader.feeds.fetch",
    "tuireader.feeds.files",
    "tuireader.feeds.fulltext",
    "tuireader.feeds.http",
    "tuireader.feeds.parse",
    "tuireader.feeds.store",
    "tuireader.feeds.subscriptions",
]


def test_pure_modules_do_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for m in {PURE_MODULES!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

