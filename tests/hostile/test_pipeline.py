"""The hostile corpus through the pure pipeline: scan, load, lay out, index.

What the reader pane, the list and ``--print`` show is built from these, so
every string they produce is checked for anything that could drive a terminal.
"""

from __future__ import annotations

import os
import threading

import pytest

from input.scanned import scan
from tuireader.articles.loader import load_article
from tuireader.articles.model import Article
from tuireader.index.catalog import Catalog
from tuireader.layout.document import article_lines, metadata_lines, print_lines, render_text
from tuireader.rtl import TextOptions

from .checks import assert_safe
from .corpus import Corpus

APP = TextOptions()
TERMINAL = TextOptions(mode="terminal")


def article_strings(a: Article) -> list[tuple[str, str]]:
    out = [("title", a.title), ("meta_caption", a.meta_caption or "")]
    out += [("error", a.error or "")] + [("notice", n) for n in a.notices]
    out += [(f"block {i}", b.text) for i, b in enumerate(a.blocks)]
    for k, v in a.metadata:
        out += [("meta key", k), ("meta value", v)]
    return out


def test_scan_lists_every_article_and_reports_every_bad_file(corpus: Corpus):
    done: list = []
    worker = threading.Thread(target=lambda: done.append(scan(corpus.root)), daemon=True)
    worker.start()
    worker.join(20)
    assert done, "scan did not return (blocked on a FIFO or looping on a symlink?)"
    entries = {e.rel: e for e in done[0]}
    for case in corpus.entries:
        if not case.listed:
            assert case.name not in entries, f"{case.name!r} must not be listed"
            continue
        assert case.name in entries, f"{case.name!r} missing from the scan"
        if case.good:
            assert entries[case.name].error is None, (case.name, entries[case.name].error)
    listed = {c.name for c in corpus.entries if c.listed}
    extra = set(entries) - listed
    assert not extra, f"listed but not in the corpus (loops followed?): {sorted(extra)!r}"


@pytest.mark.parametrize("mode", [APP, TERMINAL], ids=["app", "terminal"])
def test_every_file_loads_and_lays_out_clean(corpus: Corpus, mode):
    for case in corpus.entries:
        if not case.listed:
            continue
        a = load_article(corpus.path(case), corpus.root)
        for where, text in article_strings(a):
            assert_safe(text, f"{case.name!r} {where}", model=where.startswith("block"))
            for marker in corpus.markers:
                assert marker not in text, f"escape payload {marker} survived in {case.name!r}"
        if case.good:
            assert a.error is None, (case.name, a.error)
            if case.title_marker:
                assert case.title_marker in a.title, (case.name, a.title)
            if case.expected_title:
                assert a.title == case.expected_title
            if case.body_marker:
                assert any(case.body_marker in b.text for b in a.blocks), case.name
        else:
            assert a.error, f"{case.name!r} must carry an error"
            assert any(w in a.error for w in case.error_words), (case.name, a.error)
        for width in (1, 2, 7, 33, 80):
            lines = print_lines(a, width, mode)
            for line in lines:
                assert_safe(line.text, f"{case.name!r} at width {width}", newline=False,
                            isolates=mode.mode == "terminal")
                assert line.width <= width or line.role == "comments", (case.name, line)
            assert_safe(render_text(lines, width), case.name,
                        isolates=mode.mode == "terminal")


def test_markup_like_text_survives_verbatim(corpus: Corpus):
    """The parser keeps markup-like text as text: the screen can only show it
    literally if the model still holds it."""
    for case in corpus.entries:
        if not case.literal:
            continue
        a = load_article(corpus.path(case), corpus.root)
        everything = "\n".join(t for _, t in article_strings(a))
        for text in case.literal:
            assert text in everything, (case.name, text)
        shown = render_text(print_lines(a, 200, TextOptions(shape=False)), 200)
        for text in case.literal:
            assert text in shown, (case.name, text)


def test_legacy_encodings_decode_to_the_original_text(corpus: Corpus):
    for case in corpus.entries:
        if case.expected_title and case.name[:3] in ("005", "006", "007", "008"):
            a = load_article(corpus.path(case), corpus.root)
            assert a.title == case.expected_title, (case.name, a.title)


def test_a_file_that_vanishes_or_turns_into_a_fifo_after_listing(tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "gone.txt").write_text("Title\nTitle\nBody.\n")
    (root / "swap.txt").write_text("Title\nTitle\nBody.\n")
    listed = {e.rel: e for e in scan(root)}
    assert set(listed) == {"gone.txt", "swap.txt"}
    os.unlink(root / "gone.txt")
    os.unlink(root / "swap.txt")
    os.mkfifo(root / "swap.txt")
    gone = load_article(listed["gone.txt"].path, root)
    assert gone.error and ("no such" in gone.error or "deleted" in gone.error)
    done: list = []
    t = threading.Thread(target=lambda: done.append(load_article(root / "swap.txt", root)),
                         daemon=True)
    t.start()
    t.join(10)
    assert done, "loading a FIFO blocked"
    assert done[0].error and "pipe" in done[0].error


def test_metadata_table_of_hostile_keys_never_exceeds_its_width(corpus: Corpus):
    for case in corpus.entries:
        if not case.good:
            continue
        a = load_article(corpus.path(case), corpus.root)
        for width in (5, 12, 40):
            for line in metadata_lines(a, width) + article_lines(a, width):
                assert line.width <= width, (case.name, width, line)


def test_catalog_indexes_the_hostile_corpus(corpus: Corpus, tmp_path):
    cat = Catalog(corpus.root, tmp_path / "cache", workers=1)
    cat.refresh()
    entries = {e.rel: e for e in cat.entries()}
    for case in corpus.entries:
        if not case.listed:
            assert case.name not in entries
            continue
        assert case.name in entries, case.name
        row = entries[case.name]
        assert not row.pending, f"{case.name!r} was never parsed"
        assert_safe(row.title, f"catalog title of {case.name!r}")
        assert_safe(row.error or "", f"catalog error of {case.name!r}")
        if case.good:
            assert row.error is None, (case.name, row.error)
            if case.title_marker:
                assert case.title_marker in row.title
        else:
            assert row.error
        article = cat.article(row)
        for where, text in article_strings(article):
            assert_safe(text, f"{case.name!r} {where}", model=where.startswith("block"))
    assert set(cat.search("GOOD-PLAIN")) == {entries["001_good_plain.txt"].id}
    for query in ("\x1b]0;x\x07", "[bold]", '"', "NEAR(", "*", "-", "^", "'; DROP", "\ud800"):
        cat.search(query)  # must not raise


def _undecodable_library(tmp_path):
    """A library with one file named in windows-1256 bytes (not UTF-8), as
    Windows zip archives of Arabic articles are."""
    root = tmp_path / "lib"
    root.mkdir()
    (root / "good.txt").write_text("GOOD-NEIGHBOUR\nGOOD-NEIGHBOUR\nBody.\n")
    name = "\u0627\u0644\u0637\u0642\u0633".encode("cp1256") + b"\xff.txt"
    with open(os.fsencode(root) + b"/" + name, "wb") as fh:
        fh.write(b"GOOD-LEGACY-NAME\nGOOD-LEGACY-NAME\nBody.\n")
    return root


def test_undecodable_file_name_scans_and_loads(tmp_path):
    root = _undecodable_library(tmp_path)
    entries = scan(root)
    assert len(entries) == 2 and all(e.error is None for e in entries)
    for entry in entries:
        a = load_article(entry.path, root)
        assert a.error is None and a.title.startswith("GOOD-")
        assert_safe(a.title, entry.rel)


def test_undecodable_file_name_does_not_hide_the_library(tmp_path):
    root = _undecodable_library(tmp_path)
    cat = Catalog(root, tmp_path / "cache", workers=1)
    try:
        cat.refresh()
    finally:
        entries = cat.entries()
    titles = sorted(e.title for e in entries)
    assert titles == ["GOOD-LEGACY-NAME", "GOOD-NEIGHBOUR"]
    for entry in entries:
        assert_safe(entry.title, entry.rel)
        assert cat.article(entry).error is None
