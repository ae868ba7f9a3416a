from __future__ import annotations

import os
from pathlib import Path

import pytest

import tuireader.articles.loader


def write_article(root: Path, rel: str, title: str, body: str, *, mtime: float | None = None):
    """A scraped-format article; ``mtime`` set explicitly so changes are seen
    even within the file system's timestamp granularity."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"{title}\n{title}\n{body}\nDetails | |\n---|---|\nOrt | Kairo |\nKommentare (3)\n"
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    write_article(
        root, "1.txt", "الأمن الغذائي في مصر", "قال وزير الزراعة إن المحصول جيد هذا العام."
    )
    write_article(root, "2.txt", "Election results in France", "Voters went to the polls today.")
    write_article(root, "sub/10.txt", "كِتَابٌ جَدِيدٌ عن التاريخ", "صدر إعلان عن مكتبة المدرسة.")
    return root


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def load_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Paths passed to load_article (the catalog imports it at call time)."""
    calls: list[Path] = []
    real = tuireader.articles.loader.load_article

    def counting(path, root=None, **kw):
        calls.append(Path(path))
        return real(path, root, **kw)

    monkeypatch.setattr(tuireader.articles.loader, "load_article", counting)
    return calls
