"""Two processes creating a fresh index at the same moment both work (two
readers started together on a new machine, say)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from .helpers import make_library, wait_until

ROUNDS = 16

_CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from tuireader.index.catalog import Catalog
    root, cache, ready, go = sys.argv[1:5]
    Path(ready).touch()
    while not os.path.exists(go):  # both start together
        time.sleep(0.001)
    cat = Catalog(root, cache, workers=1)
    cat.refresh()
    print(len(cat.entries()), len(cat.search("article")), cat.notice)
""")


def test_two_processes_create_a_fresh_index_at_once(tmp_path):
    root = make_library(tmp_path / "lib", 30)
    env = dict(os.environ)
    failures = []
    for n in range(ROUNDS):
        cache, flags = tmp_path / f"cache{n}", tmp_path / f"flags{n}"
        flags.mkdir()
        go = flags / "go"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(root), str(cache), str(flags / f"r{i}"),
                 str(go)],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            )
            for i in range(2)
        ]
        wait_until(lambda f=flags: len(list(f.glob("r*"))) == 2, "both processes ready")
        go.touch()
        for proc in procs:
            out, err = proc.communicate(timeout=120)  # a hang guard, not a speed bound
            if proc.returncode != 0 or out.split() != ["30", "30", "None"]:
                failures.append((n, proc.returncode, out, err[-500:]))
    assert not failures, failures
