"""A scan against the index's stamps: the writes that make the index hold
exactly the scanned files, in the scanned order, re-parsing only changed ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tuireader.index.scan_diff import diff_scan
from tuireader.settings.paths import article_id

NAMES = [f"{d}{n}.txt" for d in ("", "sub/") for n in range(6)]
stamp = st.tuples(st.integers(0, 3), st.integers(0, 3))  # (size, mtime_ns)
library = st.dictionaries(st.sampled_from(NAMES), stamp, max_size=len(NAMES))


@settings(max_examples=300, deadline=None)
@given(library, library, st.randoms(use_true_random=False))
def test_applying_the_diff_gives_the_scanned_library(before, after, rng):
    # mtimes from 10**15 on are taken as nanoseconds already
    ns = 10**15
    old_order = sorted(before)
    rng.shuffle(old_order)
    # rel -> (rowid, size, mtime_ns, parsed, ord), as the index gives them
    stamps = {
        rel: (100 + i, before[rel][0], ns + before[rel][1], 1, i) for i, rel in enumerate(old_order)
    }
    scan_order = sorted(after)
    rng.shuffle(scan_order)
    scanned = [(rel, after[rel][0], ns + after[rel][1], None) for rel in scan_order]

    diff = diff_scan(scanned, stamps)

    rows = {s[0]: [rel, s[1], s[2], s[4], False] for rel, s in stamps.items()}
    for rowid in diff.gone:
        del rows[rowid]
    for size, mtime_ns, rowid in diff.stale:
        rows[rowid][1:3] = [size, mtime_ns]
        rows[rowid][4] = True
    for ord_, rowid in diff.reorder:
        rows[rowid][3] = ord_
    for n, (rel, aid, ord_, size, mtime_ns, title) in enumerate(diff.stubs):
        assert aid == article_id(rel) and title == rel.rsplit("/", 1)[-1][: -len(".txt")]
        rows[-1 - n] = [rel, size, mtime_ns, ord_, True]
    listed = sorted(rows.values(), key=lambda r: r[3])
    assert [r[0] for r in listed] == scan_order
    assert [(r[1], r[2]) for r in listed] == [(s[1], s[2]) for s in scanned]
    # only new or changed files are parsed; a file that only moved is not
    assert {r[0] for r in listed if r[4]} == {
        rel for rel in scan_order if rel not in before or before[rel] != after[rel]
    }
    assert diff.added == [article_id(s[0]) for s in diff.stubs]
    same_places = all(stamps[rel][4] == i for i, rel in enumerate(scan_order) if rel in stamps)
    assert bool(diff) == (before != after or not same_places)
