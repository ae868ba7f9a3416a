"""The pure core must never import Textual: it is shared by the UI, --print,
the index and the benchmarks, and must stay testable without a terminal.

Every module but the UI's is imported, found by walking the package, so a new
module is covered the day it lands. ``tuireader.cli`` is among them: it starts
the UI only when asked to, and ``--print`` must not pay for Textual."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import tuireader
names = [m.name for m in pkgutil.walk_packages(tuireader.__path__, "tuireader.")
         if not m.name.startswith("tuireader.ui") and m.name != "tuireader.__main__"]
for name in names:
    importlib.import_module(name)
print(len(names))
print(",".join(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))))
"""


def test_pure_modules_do_not_import_textual():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    count, textual = out.stdout.splitlines()
    assert int(count) > 60  # the walk found the whole core, not an empty package
    assert textual == ""
