"""Two revisions' benchmarks, same run, same machine, side by side.

    python benchmarks/compare.py REV_A REV_B [--bench layout scale feeds]
        [--sizes 1k,10k] [--rounds N] [--max-minutes M] [--layout-runs N] [--skip-cold]

Checks out each revision in a temporary ``git worktree`` (removed afterwards,
also on Ctrl-C or SIGTERM), then runs each chosen ``benchmarks/bench_*.py``
of that revision, from its own tree, with ``PYTHONPATH=<tree>/src``: module
paths differ between revisions, so this runner never imports tuireader.
Runs alternate A, B, A, B … for N rounds so that a change of load on the
machine falls on both sides. Prints the machine, then per benchmark a Markdown
table of each figure: A median | B median | B/A, each side's lowest and
highest sample, and whether the two sides' samples overlap.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import figures

HERE = Path(__file__).resolve().parent
BENCHES = ("layout", "scale", "feeds")
RUN_TIMEOUT = 3600  # s; one benchmark run (a cold 100k index takes about a minute)


@dataclass
class Side:
    """One revision: where it is checked out and the environment its runs get."""

    label: str  # "A" or "B"
    rev: str  # as given
    commit: str
    subject: str
    tree: Path
    env: dict[str, str]


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout.strip()


def sizes_arg(text: str) -> str:
    """``1k,10k`` → ``1000,10000`` (bench_scale.py's --sizes)."""
    out = []
    for part in text.split(","):
        part = part.strip().lower()
        if not part:
            continue
        scale = 1000 if part.endswith("k") else 1
        try:
            out.append(str(int(part.rstrip("k")) * scale))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a size: {part!r} (e.g. 1k,10k)") from None
    return ",".join(out)


def bench_args(bench: str, opts: argparse.Namespace) -> list[str]:
    if bench == "layout":
        return ["--runs", str(opts.layout_runs)]
    if bench == "scale":
        return ["--sizes", opts.sizes, *(["--skip-cold"] if opts.skip_cold else [])]
    return []


def side_env(base: Path, tree: Path, data: Path) -> dict[str, str]:
    """The revision's own source first on the path, and its own temporary,
    cache, config and home directories, so that nothing of one revision (an
    index, a compiled module) and nothing of the user's is seen by the other."""
    env = dict(os.environ)
    for name in ("tmp", "home", "config", "cache", "state", "data"):
        (base / name).mkdir(parents=True, exist_ok=True)
    env.update(
        PYTHONPATH=str(tree / "src"),
        TMPDIR=str(base / "tmp"),
        HOME=str(base / "home"),
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_STATE_HOME=str(base / "state"),
        XDG_DATA_HOME=str(base / "data"),
        TUIREADER_CACHE_DIR=str(base / "cache" / "tuireader"),
        TUIREADER_BENCH_DATA=str(data),
    )
    return env


def synth_data_dir(work: Path, repo: Path, commit: str) -> Path:
    """Synthetic libraries are shared by revisions whose synth.py is the same
    (generating 100k articles takes a while), else each has its own."""
    blob = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", f"{commit}:benchmarks/synth.py"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return work / f"libraries-{(blob or commit)[:10]}"


def check_imports_own_tree(side: Side) -> None:
    """Fails loudly when ``import tuireader`` would not come from the side's
    checkout (a stale PYTHONPATH, an installed copy that wins)."""
    code = "import tuireader; print(list(tuireader.__path__)[0])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=side.env, cwd=side.tree, capture_output=True, text=True
    )
    got = Path(out.stdout.strip() or "?").resolve()
    if out.returncode != 0 or got != (side.tree / "src" / "tuireader").resolve():
        raise SystemExit(
            f"{side.label} ({side.rev}): tuireader imports from {got}, not from "
            f"{side.tree / 'src'}:\n{out.stderr[-2000:]}"
        )


def run_bench(side: Side, bench: str, args: list[str]) -> str:
    """One run of the revision's own bench script; its standard output."""
    script = side.tree / "benchmarks" / f"bench_{bench}.py"
    # Output goes to files, not pipes: a process the script leaves behind
    # holding a pipe would keep the run from ending.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # Own session: on Ctrl-C or a timeout the script and every process it
        # started (the scale benchmark spawns app and parser processes) end
        # with it, and nothing it started outlives it.
        proc = subprocess.Popen(
            [sys.executable, str(script), *args],
            cwd=side.tree,
            env=side.env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=RUN_TIMEOUT)
        except BaseException as exc:
            _end_session(proc)
            if isinstance(exc, subprocess.TimeoutExpired):
                raise RuntimeError(
                    f"{bench} of {side.label} ({side.rev}) still running after {RUN_TIMEOUT} s"
                ) from None
            raise
        _end_session(proc)  # what it left running would be measured with the next run
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", errors="replace")
        stderr = err.read().decode("utf-8", errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(
            f"{bench} of {side.label} ({side.rev}) exited with {proc.returncode}:\n"
            f"{stderr[-3000:]}"
        )
    return stdout


def _end_session(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return " / ".join(f"{v:.2f}" for v in os.getloadavg()) + " (1 / 5 / 15 min)"


@contextlib.contextmanager
def worktrees(repo: Path, work: Path, revs: list[tuple[str, str]]) -> Iterator[list[Path]]:
    """A detached worktree per (label, commit) under ``work``, always removed."""
    trees: list[Path] = []
    try:
        for label, commit in revs:
            tree = work / label / "tree"
            trees.append(tree)  # before adding: an interrupted add is cleaned up too
            git(repo, "worktree", "add", "--quiet", "--detach", str(tree), commit)
        yield trees
    finally:
        for tree in trees:
            subprocess.run(
                ["git", "-C", str(repo), "worktree", "remove", "--force", str(tree)],
                capture_output=True,
            )
        subprocess.run(["git", "-C", str(repo), "worktree", "prune"], capture_output=True)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev_a", metavar="REV_A")
    ap.add_argument("rev_b", metavar="REV_B")
    ap.add_argument("--bench", nargs="+", choices=BENCHES, default=["layout", "scale"])
    ap.add_argument(
        "--sizes", type=sizes_arg, default="1000,10000", help="scale: library sizes (1k,10k)"
    )
    ap.add_argument("--rounds", type=int, default=3, help="runs of each side, alternating")
    ap.add_argument(
        "--max-minutes",
        type=float,
        help="start no round that, as long as the slowest so far, would end after this",
    )
    ap.add_argument("--layout-runs", type=int, default=9, help="layout: timed runs per run")
    ap.add_argument(
        "--skip-cold", action="store_true", help="scale: cold figures in the first round only"
    )
    ap.add_argument("--save", type=Path, help="also write each run's output into this directory")
    return ap.parse_args(argv)


Runs = dict[str, dict[str, list[figures.Figures]]]  # bench → "A"/"B" → one per round


def run_rounds(
    sides: list[Side], opts: argparse.Namespace, started: float
) -> tuple[Runs, str, bool]:
    """The rounds, A then B for each benchmark: the figures of every complete
    round, why it stopped early ("" if it did not) and whether that was a
    failure. A round cut short is left out, so both sides keep the same
    number of samples."""
    runs: Runs = {b: {"A": [], "B": []} for b in opts.bench}
    slowest = 0.0
    for n in range(1, opts.rounds + 1):
        if opts.max_minutes and time.time() - started + slowest > opts.max_minutes * 60:
            return runs, f"stopped before round {n}: time limit of {opts.max_minutes} min", False
        round_start = time.time()
        this_round: dict[str, dict[str, figures.Figures]] = {b: {} for b in opts.bench}
        try:
            for bench in opts.bench:
                for side in sides:
                    t = time.perf_counter()
                    out = run_bench(side, bench, bench_args(bench, opts))
                    if opts.save:
                        opts.save.mkdir(parents=True, exist_ok=True)
                        name = f"{bench}-{side.label}-{n}.txt"
                        (opts.save / name).write_text(out, encoding="utf-8")
                    found = figures.PARSERS[bench](out)
                    if not found:
                        raise RuntimeError(f"no figures in {bench}'s output:\n{out[-2000:]}")
                    this_round[bench][side.label] = found
                    print(
                        f"round {n}/{opts.rounds}: {bench} {side.label} ({side.rev}) "
                        f"{time.perf_counter() - t:.0f} s, {len(found)} figures",
                        file=sys.stderr,
                        flush=True,
                    )
        except KeyboardInterrupt:
            return runs, f"interrupted in round {n}", True
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return runs, f"stopped in round {n}: a benchmark failed (above)", True
        for bench, by_side in this_round.items():
            for label, found in by_side.items():
                runs[bench][label].append(found)
        slowest = max(slowest, time.time() - round_start)
    return runs, "", False


def settings_note(opts: argparse.Namespace) -> str:
    notes = []
    if "scale" in opts.bench:
        notes.append(f"scale sizes {opts.sizes}")
        if opts.skip_cold:
            notes.append("cold figures from the first round only")
    if "layout" in opts.bench:
        notes.append(f"layout runs {opts.layout_runs}")
    return f" ({', '.join(notes)})" if notes else ""


def print_report(
    sides: list[Side], opts: argparse.Namespace, runs: Runs, started: float, load_start: str
) -> None:
    for side in sides:
        print(f"{side.label}: {side.rev} = {side.commit[:10]} {side.subject}")
    print(
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"({platform.machine()}), Textual {package_version('textual')}"
    )
    print(f"Load average at start: {load_start}; at end: {load_average()}")
    done = min((len(r) for b in runs.values() for r in b.values()), default=0)
    print(
        f"Started {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}, took "
        f"{(time.time() - started) / 60:.1f} min: {done} rounds of "
        f"{', '.join(opts.bench)}, A and B in turn{settings_note(opts)}"
    )
    for bench in opts.bench:
        print(f"\n### {bench}\n")
        print(figures.table(bench, figures.rows(runs[bench]["A"], runs[bench]["B"])))


def main(argv: list[str] | None = None) -> None:
    opts = parse_args(argv)
    repo = Path(git(HERE, "rev-parse", "--show-toplevel"))
    revs = (opts.rev_a, opts.rev_b)
    commits = [git(repo, "rev-parse", "--verify", f"{r}^{{commit}}") for r in revs]
    for rev, commit in zip(revs, commits, strict=True):
        for bench in opts.bench:
            path = f"benchmarks/bench_{bench}.py"
            if not git(repo, "ls-tree", "--name-only", commit, path):
                raise SystemExit(f"{rev} has no {path}")
    signal.signal(signal.SIGTERM, _raise_interrupt)
    started, load_start = time.time(), load_average()
    work = Path(tempfile.mkdtemp(prefix="tuireader-compare-"))
    try:
        with worktrees(repo, work, [("A", commits[0]), ("B", commits[1])]) as trees:
            sides = [
                Side(
                    label,
                    rev,
                    commit,
                    git(repo, "log", "-1", "--format=%s", commit),
                    tree,
                    side_env(work / label, tree, synth_data_dir(work, repo, commit)),
                )
                for label, rev, commit, tree in zip("AB", revs, commits, trees, strict=True)
            ]
            for side in sides:
                check_imports_own_tree(side)
            runs, stopped, failed = run_rounds(sides, opts, started)
    except KeyboardInterrupt:
        raise SystemExit("interrupted; temporary worktrees removed") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not any(runs[b]["A"] for b in opts.bench):
        raise SystemExit(f"{stopped or 'no rounds'}; no complete round to report")
    print_report(sides, opts, runs, started, load_start)
    if stopped:
        print(f"\n{stopped}; the tables hold the complete rounds before it.")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
