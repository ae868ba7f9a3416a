"""HTTP as a feed reader owes it: conditional GET, redirects, errors a person
can act on, Retry-After, gzip, a User-Agent, one request at a time per host."""

from __future__ import annotations

import gzip
import threading
from dataclasses import replace

from werkzeug import Request, Response

from tuireader import __version__
from tuireader.feeds.store import Memory
from tuireader.feeds.subscriptions import Feed, add_feeds, load_feeds

from .conftest import OPTIONS, Concurrency, files_under, fixture_bytes

RSS = fixture_bytes("arabic_rss.xml")
ETAG = '"v1-abc"'
MODIFIED = "Mon, 04 Nov 2024 17:05:00 GMT"


def test_second_fetch_is_conditional_and_costs_nothing(server, fetch, library):
    seen: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == ETAG:
            return Response(status=304)
        return Response(RSS, content_type="application/rss+xml",
                        headers={"ETag": ETAG, "Last-Modified": MODIFIED})

    server.expect_request("/feed").respond_with_handler(handler)
    feed = Feed(server.url_for("/feed"), name="ar")
    [first] = fetch(feed)
    assert first.ok and first.new == 2
    before = files_under(library)
    [second] = fetch(feed)
    assert second.ok and second.not_modified and second.new == 0
    assert second.line == "ar: no change"
    assert files_under(library) == before
    assert "If-None-Match" not in seen[0] and "If-Modified-Since" not in seen[0]
    assert seen[1]["If-None-Match"] == ETAG
    assert seen[1]["If-Modified-Since"] == MODIFIED
    for headers in seen:
        assert headers["User-Agent"] == f"tuireader/{__version__}"
        assert "gzip" in headers["Accept-Encoding"]


def test_gzip_body(server, fetch, library):
    server.expect_request("/gz").respond_with_data(
        gzip.compress(RSS), content_type="application/rss+xml",
        headers={"Content-Encoding": "gzip"},
    )
    [result] = fetch(Feed(server.url_for("/gz"), name="gz"))
    assert result.ok and result.new == 2, result.line
    assert len(list((library / "feeds" / "gz").glob("*.md"))) == 2


def test_permanent_redirect_updates_the_subscription(server, fetch, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# my feeds\ntheme = "nord"\n', encoding="utf-8")
    old, new = server.url_for("/old"), server.url_for("/new")
    add_feeds(config, [Feed(old, name="moved")])
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(RSS, content_type="application/rss+xml",
                                                     headers={"ETag": ETAG})
    [result] = fetch(load_feeds(config).feeds[0], config_path=config)
    assert result.ok and result.new == 2, result.line
    assert result.moved_to == new
    assert f"subscription updated to {new}" in result.line
    assert [f.url for f in load_feeds(config).feeds] == [new]
    assert config.read_text(encoding="utf-8").startswith('# my feeds\ntheme = "nord"\n')
    # what we know about the feed (its ETag, its items) moved with it
    memory = Memory(tmp_path / "state", tmp_path / "library")
    assert old not in memory.feeds and memory.feeds[new]["etag"] == ETAG


def test_temporary_redirect_keeps_the_subscription(server, fetch, tmp_path):
    config = tmp_path / "config.toml"
    add_feeds(config, [Feed(server.url_for("/here"), name="temp")])
    server.expect_request("/here").respond_with_data("", status=302,
                                                     headers={"Location": "/today"})
    server.expect_request("/today").respond_with_data(RSS, content_type="application/rss+xml")
    [result] = fetch(load_feeds(config).feeds[0], config_path=config)
    assert result.ok and result.new == 2 and result.moved_to is None
    assert [f.url for f in load_feeds(config).feeds] == [server.url_for("/here")]


def test_redirect_loop_stops(server, fetch):
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    [result] = fetch(Feed(server.url_for("/a"), name="loop"))
    assert not result.ok
    assert result.line.startswith("loop: redirect loop: ")
    assert len(server.log) == 2


def test_404_and_500_name_feed_status_and_address(server, fetch, library):
    server.expect_request("/gone").respond_with_data("nope", status=404)
    server.expect_request("/broken").respond_with_data("oops", status=500)
    server.expect_request("/fine").respond_with_data(RSS, content_type="application/rss+xml")
    gone, broken, fine = fetch(
        Feed(server.url_for("/gone"), name="Al Jazeera"),
        Feed(server.url_for("/broken"), name="Broken"),
        Feed(server.url_for("/fine"), name="Fine"),
    )
    assert gone.line == f"Al Jazeera: 404 Not Found at {server.url_for('/gone')}"
    assert broken.line == f"Broken: 500 Internal Server Error at {server.url_for('/broken')}"
    assert not gone.ok and not broken.ok
    assert fine.ok and fine.new == 2  # the others' failures change nothing for it
    assert sorted(p.name for p in (library / "feeds").iterdir()) == ["fine"]


def test_429_retry_after_is_honoured_once(server, fetch):
    calls: list[float] = []

    def handler(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "0"})
        return Response(RSS, content_type="application/rss+xml")

    server.expect_request("/busy").respond_with_handler(handler)
    [result] = fetch(Feed(server.url_for("/busy"), name="busy"))
    assert result.ok and result.new == 2, result.line
    assert len(calls) == 2


def test_retry_after_longer_than_the_limit_is_reported(server, fetch):
    server.expect_request("/later").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    [result] = fetch(Feed(server.url_for("/later"), name="later"),
                     options=replace(OPTIONS, max_wait=1))
    assert not result.ok
    assert result.line == (
        f"later: 503 Service Unavailable at {server.url_for('/later')}: the server asks to "
        "wait 3600 s, more than fetch.max_wait (1 s); try later"
    )
    assert len(server.log) == 1


def test_one_request_at_a_time_per_host_and_hosts_in_parallel(fetch):
    from pytest_httpserver import HTTPServer

    servers = [HTTPServer(host="127.0.0.1", port=0, threaded=True) for _ in range(2)]
    counters = [Concurrency() for _ in servers]
    arrived = [threading.Event() for _ in servers]
    overlapped = [False, False]
    try:
        for i, srv in enumerate(servers):
            srv.start()

            def handler(request: Request, i: int = i) -> Response:
                with counters[i]:
                    arrived[i].set()
                    # Held until the other host's request is in flight too (bounded):
                    # proof that hosts are fetched side by side.
                    overlapped[i] = overlapped[i] or arrived[1 - i].wait(30)
                    # a short hold widens the window a second request would fall in
                    threading.Event().wait(0.05)
                    return Response(RSS, content_type="application/rss+xml")

            srv.expect_request("/f").respond_with_handler(handler)
        feeds = [
            Feed(f"{srv.url_for('/f')}?n={n}", name=f"s{i}-{n}")
            for n in range(4)
            for i, srv in enumerate(servers)
        ]
        results = fetch(*feeds)
        requests = [len(srv.log) for srv in servers]
    finally:
        for srv in servers:
            srv.clear()
            srv.stop()
    assert all(r.ok for r in results), [r.line for r in results]
    assert [c.most for c in counters] == [1, 1]  # never two at once on one host
    assert overlapped == [True, True]
    assert requests == [4, 4]


def test_proxy_settings_come_from_the_environment(server, fetch, monkeypatch):
    """HTTP_PROXY is honoured: the request for a host that does not exist
    (``.invalid``) goes to the proxy, here the test server, which answers it."""
    server.expect_request("/rss").respond_with_data(RSS, content_type="application/rss+xml")
    monkeypatch.setenv("HTTP_PROXY", server.url_for("/").rstrip("/"))
    monkeypatch.delenv("NO_PROXY", raising=False)
    [result] = fetch(Feed("http://feeds.invalid/rss", name="via proxy"))
    assert result.ok and result.new == 2, result.line
    request = server.log[0][0]
    assert request.headers["Host"] == "feeds.invalid"


def test_every_spaces_out_fetches_unless_forced(server, fetch):
    server.expect_request("/hourly").respond_with_data(RSS, content_type="application/rss+xml")
    feed = Feed(server.url_for("/hourly"), name="hourly", every=3600)
    assert fetch(feed)[0].new == 2
    [skipped] = fetch(feed)
    assert skipped.ok and skipped.skipped and skipped.line == "hourly: not due for 60 min"
    assert len(server.log) == 1
    [forced] = fetch(feed, force=True)
    assert forced.ok and not forced.skipped and len(server.log) == 2


def test_a_server_that_is_down(fetch):
    from pytest_httpserver import HTTPServer

    srv = HTTPServer(host="127.0.0.1", port=0)
    srv.start()
    url = srv.url_for("/rss")
    srv.stop()  # the port is now closed
    [result] = fetch(Feed(url, name="down"))
    host = url.split("/")[2]
    assert result.line == (
        f"down: cannot connect to {host}: connection refused (the server is down or the port "
        "is wrong)"
    )


def test_retry_after_as_seconds_or_an_http_date():
    from tuireader.feeds.http import retry_after

    now = 1_700_000_000.0  # a fixed clock
    assert retry_after("120", now) == 120
    assert retry_after("Wed, 15 Nov 2023 00:13:20 GMT", now) == 7200
    assert retry_after("Tue, 14 Nov 2023 20:00:00 GMT", now) == 0  # already past
    assert retry_after("soon", now) is None and retry_after(None, now) is None
