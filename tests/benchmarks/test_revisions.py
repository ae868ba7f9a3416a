"""The benchmark tools' use of git: revisions read without a checkout
(tree_stats.py) and temporary worktrees that never outlive the comparison
(compare.py), on a small repository made for each test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import compare  # noqa: E402
import tree_stats  # noqa: E402

MODULE = '''"""A module."""


class Small:
    """Three lines of body."""

    def method(self):
        return 1


def top():
    x = 1
    return x
'''


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "Test")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "test@example.invalid")
    root = tmp_path / "repo"
    (root / "src/tuireader/pkg").mkdir(parents=True)
    (root / "src/tuireader/__init__.py").write_text('"""Top."""\n')
    (root / "src/tuireader/pkg/__init__.py").write_text("")
    (root / "src/tuireader/pkg/mod.py").write_text(MODULE)
    (root / "src/tuireader/pkg/data.txt").write_text("not python\n" * 50)
    (root / "README.md").write_text("outside src\n")
    git(tmp_path, "-c", "init.defaultBranch=main", "init", "-q", str(root))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    (root / "src/tuireader/cli.py").write_text("def main():\n    pass\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "second")
    return root


def test_tree_stats_counts_lines_per_package_of_each_revision(repo):
    # The working tree differs from both revisions: only git's copy is read.
    (repo / "src/tuireader/pkg/mod.py").write_text("x = 1\n" * 1000)
    trees = [tree_stats.read_tree(repo, rev) for rev in ("HEAD~1", "HEAD")]
    assert trees[0].packages() == {"(top level)": (1, 1), "pkg": (2, 13)}
    assert trees[1].packages() == {"(top level)": (2, 3), "pkg": (2, 13)}
    text = tree_stats.markdown(trees, top=2)
    assert "| `pkg/` | 13 (2) | 13 (2) |" in text
    assert "| (top level) | 1 (1) | 3 (2) |" in text
    assert "| **total** | **14** (3) | **16** (4) |" in text


def test_tree_stats_largest_classes_and_functions_with_qualified_names(repo):
    classes, functions = tree_stats.largest(tree_stats.read_tree(repo, "HEAD"))
    assert classes == [(5, "pkg/mod.py:Small")]  # class line to its last line
    assert functions == [
        (3, "pkg/mod.py:top"),
        (2, "cli.py:main"),
        (2, "pkg/mod.py:Small.method"),
    ]


def test_worktrees_are_removed_even_when_interrupted(repo, tmp_path):
    work = tmp_path / "work"
    commit = git(repo, "rev-parse", "HEAD~1")
    with pytest.raises(KeyboardInterrupt):
        with compare.worktrees(repo, work, [("A", commit), ("B", "HEAD")]) as trees:
            assert (trees[0] / "src/tuireader/pkg/mod.py").exists()
            assert not (trees[0] / "src/tuireader/cli.py").exists()  # A is the first commit
            assert (trees[1] / "src/tuireader/cli.py").exists()
            raise KeyboardInterrupt
    assert not (work / "A" / "tree").exists() and not (work / "B" / "tree").exists()
    assert git(repo, "worktree", "list", "--porcelain").count("worktree ") == 1


def test_each_side_imports_its_own_tree(repo, tmp_path):
    """The runner's check that a revision's scripts would import that
    revision's tuireader, and not one installed or on a stale path."""
    work = tmp_path / "work"
    with compare.worktrees(repo, work, [("A", "HEAD")]) as (tree,):
        env = compare.side_env(work / "A", tree, work / "data")
        side = compare.Side("A", "HEAD", "", "", tree, env)
        compare.check_imports_own_tree(side)  # passes
        env["PYTHONPATH"] = str(repo / "src")
        with pytest.raises(SystemExit, match="imports from"):
            compare.check_imports_own_tree(side)


def test_tree_stats_file_tree_lists_every_module_under_its_folder(repo):
    text = tree_stats.file_tree(tree_stats.read_tree(repo, "HEAD"))
    lines = text.splitlines()
    assert lines[1] == "src/tuireader/  (HEAD, 16 lines)"
    assert [line.split() for line in lines[2:-1]] == [
        ["__init__.py", "1"],
        ["cli.py", "2"],
        ["pkg/"],
        ["__init__.py", "0"],
        ["mod.py", "13"],
    ]
    assert lines[5].startswith("    __init__.py")  # indented under pkg/
