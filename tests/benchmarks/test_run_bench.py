"""compare.py runs a revision's bench script in that revision's tree and
leaves nothing of it running, with small stand-in scripts."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import compare  # noqa: E402

SAMPLES = Path(__file__).parent / "samples"


def side_with_script(tmp_path: Path, body: str) -> compare.Side:
    tree = tmp_path / "tree"
    (tree / "benchmarks").mkdir(parents=True)
    (tree / "benchmarks" / "bench_layout.py").write_text(textwrap.dedent(body))
    env = compare.side_env(tmp_path / "side", tree, tmp_path / "data")
    return compare.Side("A", "rev", "", "", tree, env)


def gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in status  # ended, not yet reaped by its new parent


def test_the_scripts_output_comes_back_and_nothing_it_started_outlives_it(tmp_path):
    side = side_with_script(
        tmp_path,
        f"""
        import json, os, subprocess, sys
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        # where it runs, what it is given, and the process it leaves behind
        print(json.dumps([os.getcwd(), os.environ["PYTHONPATH"], sys.argv[1:], child.pid]))
        print(open({str(SAMPLES / "layout-A-1.txt")!r}, encoding="utf-8").read())
        """,
    )
    out = compare.run_bench(side, "layout", ["--runs", "3"])
    cwd, pythonpath, args, pid = json.loads(out.splitlines()[0])
    assert Path(cwd).resolve() == side.tree.resolve()
    assert (pythonpath, args) == (str(side.tree / "src"), ["--runs", "3"])
    engine_cpu = compare.figures.parse_layout(out)["first layout, 80 columns: engine CPU"]
    assert engine_cpu == (25.5, "ms")
    end = time.monotonic() + 60
    while not gone(pid):
        assert time.monotonic() < end, f"process {pid} the script started is still running"
        time.sleep(0.05)


def test_a_failing_script_is_reported_with_its_error(tmp_path):
    side = side_with_script(tmp_path, "raise SystemExit('no such module: tuireader.article')")
    with pytest.raises(RuntimeError, match=r"layout of A \(rev\) exited with 1:\n.*no such module"):
        compare.run_bench(side, "layout", [])


def test_a_script_that_does_not_finish_is_ended(tmp_path, monkeypatch):
    monkeypatch.setattr(compare, "RUN_TIMEOUT", 1)
    side = side_with_script(tmp_path, "import time\ntime.sleep(600)\n")
    with pytest.raises(RuntimeError, match="still running after 1 s"):
        compare.run_bench(side, "layout", [])
