"""Getting one feed over HTTP, politely and within bounds.

httpx does the protocol; this module adds what a feed reader owes servers
and itself: conditional GET (ETag / Last-Modified), redirects followed by hand
(so a permanent one can update the subscription and a loop is caught), one
request at a time per host, ``Retry-After`` on 429/503 up to a limit, a time
limit for the whole feed (a server that dribbles one byte a second is cut
off too), and a size limit counted on the decoded bytes while they arrive,
so neither a huge body nor a gzip bomb is ever held in memory.

Proxies come from the environment (``HTTPS_PROXY``…: httpx's ``trust_env``),
TLS certificates are verified, the User-Agent names tuireader and its version.
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from tuireader import __version__
from tuireader.articles.sanitize import clean_line
from tuireader.feeds.subscriptions import FetchOptions

USER_AGENT = f"tuireader/{__version__}"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
MAX_REDIRECTS = 5
PERMANENT = (301, 308)
TEMPORARY = (302, 303, 307)


class FetchError(Exception):
    """What went wrong, in words a person can act on (no traceback)."""


@dataclass
class Response:
    url: str  # where the body came from, after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None  # set when every redirect on the way was permanent
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostGate:
    """At most one request in flight per host, across the fetching threads."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @contextlib.contextmanager
    def hold(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        port = urlsplit(url).port
        key = f"{host}:{port}" if port else host
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            yield


def _seconds(value: float) -> str:
    return f"{value:g} s"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HttpClient:
    """One httpx client shared by the fetching threads (it is thread-safe)."""

    def __init__(
        self,
        options: FetchOptions,
        *,
        gate: HostGate | None = None,
        stop: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.options = options
        self.gate = gate or HostGate()
        self.stop = stop or threading.Event()
        self.client = httpx.Client(
            follow_redirects=False,
            trust_env=True,
            verify=True,
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(4, options.workers * 2)),
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET ``url``, following redirects; raise FetchError on any failure
        (a 304 is a success: nothing changed)."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        moved_to: str | None = None
        permanent_so_far = True
        waited = False
        current = url
        while True:
            response = self._one(current, headers)
            status = response.status
            if status in PERMANENT or status in TEMPORARY:
                target = _redirect_target(url, current, response, seen)
                # a feed that moved for good gets its subscription updated;
                # one temporary hop on the way makes the whole move temporary
                permanent_so_far = permanent_so_far and status in PERMANENT
                if permanent_so_far:
                    moved_to = target
                current = target
                continue
            if status in (429, 503) and not waited and self._waited_as_asked(response, current):
                waited = True
                continue
            if status == 304 or 200 <= status < 300:
                response.moved_to = moved_to
                return response
            raise FetchError(f"{status} {_reason(status)} at {current}")

    def _waited_as_asked(self, response: Response, url: str) -> bool:
        """Waited the ``Retry-After`` of a 429/503 (True: ask again); False when
        it gives none; FetchError when the wait is too long or the fetch stops."""
        delay = retry_after(response.headers.get("retry-after"))
        if delay is None:
            return False
        if delay > self.options.max_wait:
            raise FetchError(
                f"{response.status} {_reason(response.status)} at {url}: the server asks "
                f"to wait {_seconds(round(delay))}, more than fetch.max_wait "
                f"({_seconds(self.options.max_wait)}); try later"
            )
        if self.stop.wait(delay):
            raise FetchError("stopped")
        return True

    def _one(self, url: str, headers: dict[str, str]) -> Response:
        limit = self.options.timeout
        with self.gate.hold(url):
            if self.stop.is_set():
                raise FetchError("stopped")
            started = time.monotonic()
            try:
                with self.client.stream(
                    "GET", url, headers=headers, timeout=httpx.Timeout(limit)
                ) as r:
                    out = Response(
                        url=url,
                        status=r.status_code,
                        content_type=r.headers.get("content-type", ""),
                        etag=r.headers.get("etag"),
                        last_modified=r.headers.get("last-modified"),
                        headers={k.lower(): v for k, v in r.headers.items()},
                    )
                    if not 200 <= r.status_code < 300:
                        return out  # the body of an error or a redirect is not needed
                    out.body = self._read(r, started, limit)
                    return out
            except httpx.TimeoutException:
                raise FetchError(f"timed out after {_seconds(limit)} at {url}") from None
            except httpx.DecodingError:
                raise FetchError(f"the server sent a damaged compressed body at {url}") from None
            except httpx.ConnectError as exc:
                raise FetchError(f"cannot connect to {_host(url)}: {_describe(exc)}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"cannot fetch {url}: {_describe(exc)}") from None

    def _read(self, r: httpx.Response, started: float, limit: float) -> bytes:
        cap = self.options.max_bytes
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large: {_mb(int(declared))} at {r.url}, {_limit(cap)}")
        chunks: list[bytes] = []
        size = 0
        for chunk in r.iter_bytes():  # (as they arrive: a chunk size would wait to fill it)
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large: more than {_mb(cap)} at {r.url}, {_limit(cap)}")
            if time.monotonic() - started > limit or self.stop.is_set():
                if self.stop.is_set():
                    raise FetchError("stopped")
                raise FetchError(f"timed out after {_seconds(limit)} at {r.url}")
            chunks.append(chunk)
        return b"".join(chunks)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


def _limit(cap: int) -> str:
    return f"the limit is {_mb(cap)} (fetch.max_mb in the config)"


def _redirect_target(url: str, current: str, response: Response, seen: set[str]) -> str:
    """Where a redirect from ``current`` leads, added to ``seen`` (the first
    ``url`` and every hop so far); FetchError for one that cannot be followed."""
    location = response.headers.get("location")
    if not location:
        raise FetchError(f"{response.status} redirect without a Location at {current}")
    target = urljoin(current, location.strip())
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(f"redirected to a non-web address: {clean_line(target)}")
    if target in seen:
        raise FetchError(f"redirect loop: {current} leads back to {target}")
    if len(seen) > MAX_REDIRECTS:  # this would be hop number len(seen)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {url}")
    seen.add(target)
    return target


def _reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return "error"


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def _describe(exc: Exception) -> str:
    text = clean_line(str(exc)) or type(exc).__name__
    low = text.lower()
    if "name or service not known" in low or "nodename nor servname" in low or (
        "name resolution" in low
    ):
        return "no such host (check the address)"
    if "connection refused" in low:
        return "connection refused (the server is down or the port is wrong)"
    if "CERTIFICATE" in text.upper():
        return f"TLS certificate not trusted ({text})"
    return text
