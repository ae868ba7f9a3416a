"""Fetching 50 feeds × 100 items from a local server, then again (all 304).

    python benchmarks/bench_feeds.py [--feeds 50] [--items 100]

Serves generated RSS 2.0 feeds (Arabic titles and bodies, ETag on each) from
a threaded HTTP server on 127.0.0.1, in 25 "hosts" (ports) so the one-request-
per-host rule and the worker pool both count. Fetches them into a temporary
library twice and prints wall and CPU time, requests and files written.
Needs the test extra (pytest-httpserver).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Request, Response  # noqa: E402

from tuireader.feeds.fetch import fetch_feeds  # noqa: E402
from tuireader.feeds.subscriptions import Feed, FetchOptions  # noqa: E402

HOSTS = 25
PARAGRAPH = (
    "<p>قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة، وسط توقعات "
    "بالتوصل إلى اتفاق بشأن الملفات العالقة (Reuters) بحلول نهاية العام.</p>"
)


def make_feed(n: int, items: int) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>',
        f"<title>مصدر {n}</title><link>https://example.org/{n}</link><language>ar</language>",
    ]
    for i in range(items):
        parts.append(
            f"<item><guid>feed{n}-item{i}</guid><title>خبر رقم {i} من المصدر {n}</title>"
            f"<link>https://example.org/{n}/{i}</link>"
            f"<pubDate>Mon, 04 Nov 2024 {i % 24:02d}:00:00 GMT</pubDate>"
            f"<description><![CDATA[{PARAGRAPH * 3}]]></description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=100)
    args = ap.parse_args()
    os.environ["NO_PROXY"] = "127.0.0.1"
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    bodies = {n: make_feed(n, args.items) for n in range(args.feeds)}
    counts = {"200": 0, "304": 0}
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        n = int(request.path.rsplit("/", 1)[1])
        etag = f'"feed-{n}-v1"'
        with lock:
            if request.headers.get("If-None-Match") == etag:
                counts["304"] += 1
                return Response(status=304)
            counts["200"] += 1
        return Response(bodies[n], content_type="application/rss+xml", headers={"ETag": etag})

    servers = [HTTPServer(host="127.0.0.1", port=0, threaded=True) for _ in range(HOSTS)]
    for srv in servers:
        srv.start()
        srv.expect_request(re.compile(r"^/feed/\d+$")).respond_with_handler(handler)
    feeds = [
        Feed(servers[n % HOSTS].url_for(f"/feed/{n}"), name=f"source {n}")
        for n in range(args.feeds)
    ]
    options = FetchOptions(timeout=60, workers=4)
    print(f"{args.feeds} feeds × {args.items} items, {HOSTS} hosts, {options.workers} workers; "
          f"{sum(map(len, bodies.values())) / 1e6:.1f} MB of feeds")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        library, state = Path(tmp, "library"), Path(tmp, "state")
        library.mkdir()
        for label in ("first fetch", "second fetch (304)"):
            before = dict(counts)
            wall, started_cpu = time.perf_counter(), cpu()
            results = fetch_feeds(feeds, library, state, options)
            wall, used = time.perf_counter() - wall, cpu() - started_cpu
            assert all(r.ok for r in results), [r.line for r in results if not r.ok]
            files = sum(1 for _ in library.rglob("*.md"))
            print(
                f"{label}: {wall:.2f} s wall, {used:.2f} s CPU (fetcher and server), "
                f"{counts['200'] - before['200']} × 200 + {counts['304'] - before['304']} × 304, "
                f"{sum(r.new for r in results)} new files ({files} in the library)"
            )
    for srv in servers:
        srv.stop()


if __name__ == "__main__":
    main()
