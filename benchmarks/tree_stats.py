"""The source tree of one or more revisions, as Markdown: lines per package
and in all, and the largest classes and functions.

    python benchmarks/tree_stats.py REV [REV …] [--top N] [--files]

Reads each revision's ``src/tuireader`` from git (``git ls-tree``,
``git cat-file``), so nothing is checked out and the working tree may hold
anything. Lines are physical lines (as ``wc -l`` counts them); a class's or
function's size runs from its ``def``/``class`` line to its last line,
docstring and comments included (decorators not).
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SRC = "src/tuireader"
TOP_LEVEL = "(top level)"


@dataclass
class Tree:
    rev: str
    commit: str
    files: dict[str, str] = field(default_factory=dict)  # path under SRC → text

    def packages(self) -> dict[str, tuple[int, int]]:
        """package → (files, lines); modules directly in SRC count as TOP_LEVEL."""
        out: dict[str, tuple[int, int]] = {}
        for path, text in self.files.items():
            pkg = path.split("/", 1)[0] if "/" in path else TOP_LEVEL
            files, lines = out.get(pkg, (0, 0))
            out[pkg] = files + 1, lines + len(text.splitlines())
        return out

    def total(self) -> tuple[int, int]:
        return len(self.files), sum(len(t.splitlines()) for t in self.files.values())


def _defs(body: list[ast.stmt], prefix: str) -> Iterator[tuple[str, ast.AST]]:
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            name = f"{prefix}{node.name}"
            yield name, node
            yield from _defs(node.body, f"{name}.")
        elif isinstance(node, (ast.If, ast.Try)):  # defs under `if …:` or `try:`
            yield from _defs(node.body + node.orelse, prefix)


def largest(tree: Tree) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(lines, "path:Qual.name") of every class and every function or method."""
    classes: list[tuple[int, str]] = []
    functions: list[tuple[int, str]] = []
    for path, text in tree.files.items():
        try:
            module = ast.parse(text)
        except SyntaxError:
            continue
        for name, node in _defs(module.body, ""):
            assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            kind = classes if isinstance(node, ast.ClassDef) else functions
            kind.append((size, f"{path}:{name}"))
    order = lambda item: (-item[0], item[1])  # noqa: E731
    return sorted(classes, key=order), sorted(functions, key=order)


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    out = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True)
    if out.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {out.stderr.decode().strip()}")
    return out.stdout


def read_tree(repo: Path, rev: str) -> Tree:
    commit = _git(repo, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
    listing = _git(repo, "ls-tree", "-r", "-z", commit, "--", f"{SRC}/").decode()
    blobs = []  # (path under SRC, blob id)
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        if path.endswith(".py") and meta.split()[1] == "blob":
            blobs.append((path[len(SRC) + 1 :], meta.split()[2]))
    # One `git cat-file --batch` for all blobs: "<id> blob <size>\n<bytes>\n" each.
    raw = _git(repo, "cat-file", "--batch", stdin="".join(f"{b}\n" for _, b in blobs).encode())
    tree = Tree(rev, commit)
    pos = 0
    for path, _ in blobs:
        header_end = raw.index(b"\n", pos)
        size = int(raw[pos:header_end].split()[2])
        start = header_end + 1
        tree.files[path] = raw[start : start + size].decode("utf-8", errors="replace")
        pos = start + size + 1
    return tree


def markdown(trees: list[Tree], top: int) -> str:
    out: list[str] = []
    heads = [f"{t.rev} ({t.commit[:7]})" if t.rev != t.commit[:7] else t.rev for t in trees]
    out.append("Lines per package under `src/tuireader` (files in brackets):\n")
    out.append("| package | " + " | ".join(heads) + " |")
    out.append("|---|" + "---:|" * len(trees))
    per_tree = [t.packages() for t in trees]
    names = sorted({p for pk in per_tree for p in pk}, key=lambda p: (p == TOP_LEVEL, p))
    for name in names:
        cells = [
            f"{pk[name][1]:,} ({pk[name][0]})" if name in pk else "—" for pk in per_tree
        ]
        label = name if name == TOP_LEVEL else f"`{name}/`"
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    totals = [t.total() for t in trees]
    out.append("| **total** | " + " | ".join(f"**{n:,}** ({f})" for f, n in totals) + " |")
    for tree, head in zip(trees, heads, strict=True):
        classes, functions = largest(tree)
        out.append(f"\n{head}: the {top} largest classes and functions (lines)\n")
        out.append("| class | lines | function or method | lines |")
        out.append("|---|---:|---|---:|")
        for i in range(top):
            c = classes[i] if i < len(classes) else (None, "")
            f = functions[i] if i < len(functions) else (None, "")
            out.append(
                f"| {f'`{c[1]}`' if c[1] else ''} | {c[0] or ''} "
                f"| {f'`{f[1]}`' if f[1] else ''} | {f[0] or ''} |"
            )
    return "\n".join(out)


def file_tree(tree: Tree) -> str:
    """Every module of the revision, indented by folder, with its lines."""
    out = [f"```\n{SRC}/  ({tree.rev}, {tree.total()[1]:,} lines)"]
    shown: set[str] = set()
    for path in sorted(tree.files, key=lambda p: (p.count("/") > 0, p)):
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in shown:
                shown.add(folder)
                out.append(f"{'  ' * depth}{parts[depth - 1]}/")
        lines = len(tree.files[path].splitlines())
        out.append(f"{'  ' * len(parts)}{parts[-1]:<{34 - 2 * len(parts)}} {lines:>6,}")
    out.append("```")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("revs", nargs="+", metavar="REV")
    ap.add_argument("--top", type=int, default=10, help="how many classes and functions")
    ap.add_argument("--files", action="store_true", help="also every module, as a tree")
    opts = ap.parse_args(argv)
    here = Path(__file__).resolve().parent
    repo = Path(_git(here, "rev-parse", "--show-toplevel").decode().strip())
    trees = [read_tree(repo, rev) for rev in opts.revs]
    for tree in trees:
        if not tree.files:
            print(f"{tree.rev}: no Python files under {SRC}", file=sys.stderr)
    print(markdown(trees, opts.top))
    if opts.files:
        for tree in trees:
            print(f"\n{file_tree(tree)}")


if __name__ == "__main__":
    main()
