"""The parser processes of a large refresh: started before the pending list is
announced, kept only a few chunks ahead of the writer, results in list order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import tuireader.index.parse_pool as pool_mod
from tuireader.index.catalog import Catalog

from .conftest import write_article


class _Result:
    def __init__(self, pool: _FakePool, value):
        self.pool, self.value = pool, value

    def get(self):
        self.pool.unread -= 1
        return self.value


class _FakePool:
    """Runs each job at once; records how many results were handed out unread."""

    def __init__(self):
        self.unread = 0
        self.most_unread = 0

    def apply_async(self, fn, args):
        self.unread += 1
        self.most_unread = max(self.most_unread, self.unread)
        return _Result(self, [f"parsed {x}" for x in args[0]])


@given(n_chunks=st.integers(0, 40), n_ahead=st.integers(1, 9))
def test_chunks_come_back_in_order_and_few_ahead(n_chunks, n_ahead):
    chunks = [[f"{i}.{j}" for j in range(3)] for i in range(n_chunks)]
    pool = _FakePool()
    got = []
    parsed = pool_mod._ahead(pool, chunks, n_ahead)
    assert pool.unread == min(n_ahead, n_chunks)  # handed out before anything is read
    for result in parsed:
        assert pool.unread <= n_ahead  # while the writer stores this one
        got.append(result)
    assert got == [[f"parsed {x}" for x in chunk] for chunk in chunks]
    assert pool.most_unread <= n_ahead
    assert pool.unread == 0


def test_parsers_start_before_the_pending_list_is_announced(library, cache, monkeypatch):
    for i in range(6):
        write_article(library, f"bulk/{i}.txt", f"خبر {i}", "نص الخبر.")
    monkeypatch.setattr(pool_mod, "POOL_MIN_FILES", 1)
    events: list[str] = []
    real_start = pool_mod._start_pool

    def recording(n):
        events.append("parsers started")
        return real_start(n)

    monkeypatch.setattr(pool_mod, "_start_pool", recording)

    def progress(done, total):
        if done == 0:
            events.append("list announced")

    cat = Catalog(library, cache, workers=2)
    cat.refresh(progress=progress)
    assert events == ["parsers started", "list announced"]
    assert len(cat.entries()) == 9 and not any(e.pending for e in cat.entries())
