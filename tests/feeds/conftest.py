"""Feed tests: a real HTTP server on 127.0.0.1, private user dirs, no network.

Every test gets its own threaded server (so concurrency can be observed) and
its own XDG directories; proxies from the environment are switched off so the
loopback requests never leave the machine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tuireader.feeds.fetch import FeedResult, fetch_feeds
from tuireader.feeds.subscriptions import Feed, FetchOptions

FIXTURES = Path(__file__).parent / "fixtures"
# Generous for a loaded machine; tests that want a timeout set a small one.
OPTIONS = FetchOptions(timeout=60, max_bytes=5 * 1024 * 1024, workers=4, max_wait=5)


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for var in ("CONFIG", "STATE", "CACHE", "DATA"):
        monkeypatch.setenv(f"XDG_{var}_HOME", str(home / var.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TUIREADER_CACHE_DIR", str(home / "index"))
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return home


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.clear()
        if srv.is_running():
            srv.stop()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library"
    path.mkdir()
    return path


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def fetch(library: Path, state_dir: Path, tmp_path: Path):
    """Fetch feeds into the test library; returns the results."""

    def run(*feeds: Feed, options: FetchOptions = OPTIONS, **kwargs) -> list[FeedResult]:
        return fetch_feeds(list(feeds), library, state_dir, options, **kwargs)

    return run


def files_under(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


class Concurrency:
    """Counts requests in flight at once, per server."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def __enter__(self) -> Concurrency:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.now -= 1
