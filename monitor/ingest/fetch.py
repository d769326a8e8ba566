"""Fetching one feed: conditional GET, manual redirects (each hop address-checked), status mapping.

This is the only stage of the poll that does I/O; it returns the body and what the poller must
remember (validators, a permanent redirect, server hints about timing) and leaves parsing and
scheduling to others. Errors are `FetchError`s whose `transient`/`status`/`retry_after` let the
poller choose its backoff.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from monitor.errors import FetchError
from monitor.net.addresses import redact_url
from monitor.net.http import HTTPResponse, SafeHTTP, parse_retry_after

ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
          "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, "
          "application/json;q=0.8, */*;q=0.5")
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Validators:
    """What a feed's last successful fetch left behind for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """One fetch that ended in 2xx or 304.

    `body` is None when the server answered 304 or sent exactly the bytes it sent last time
    (`validators.body_sha256`); `not_modified` is True in both cases, so the poller skips parsing.
    `permanent_redirect` is the URL to store when the redirect chain began with 301/308 hops (it
    is the target of the last consecutive permanent hop, already address-checked).
    """

    status: int
    url: str
    body: bytes | None
    headers: dict[str, str]
    validators: Validators
    not_modified: bool
    permanent_redirect: str | None
    retry_after: float | None
    ttl_seconds: float | None


def fetch_feed(http: SafeHTTP, url: str, validators: Validators, *, max_bytes: int,
               timeout: float, max_redirects: int = 5) -> FetchResult:
    """Conditional GET of `url`, following up to `max_redirects` redirects within `timeout`.

    Raises FetchError: 429/503 transient with `retry_after`; 404/410 and other 4xx permanent
    (the poller backs off and retries all the same); 5xx transient; network errors transient;
    an unsafe URL or redirect target `UnsafeURLError`.
    """
    deadline = time.monotonic() + timeout
    response, permanent = _follow(http, url, _request_headers(validators), max_bytes,
                                  deadline, max_redirects)
    retry_after = parse_retry_after(response.headers.get("retry-after"), time.time())
    if response.status == 304:
        return _not_modified(response, validators, permanent, retry_after)
    if not 200 <= response.status < 300:
        raise _status_error(response, retry_after)
    digest = hashlib.sha256(response.body).hexdigest()
    unchanged = digest == validators.body_sha256
    return FetchResult(
        status=response.status, url=response.url,
        body=None if unchanged else response.body, headers=response.headers,
        validators=Validators(etag=response.headers.get("etag"),
                              last_modified=response.headers.get("last-modified"),
                              body_sha256=digest),
        not_modified=unchanged, permanent_redirect=permanent, retry_after=retry_after,
        ttl_seconds=cache_max_age(response.headers.get("cache-control")),
    )


def cache_max_age(value: str | None) -> float | None:
    """`max-age` of a Cache-Control header in seconds, or None (also for no-store/no-cache)."""
    if not value or re.search(r"no-(store|cache)", value, re.IGNORECASE):
        return None
    match = _MAX_AGE.search(value)
    return float(match.group(1)) if match else None


def _request_headers(validators: Validators) -> dict[str, str]:
    headers = {"Accept": ACCEPT}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _follow(http: SafeHTTP, url: str, headers: dict[str, str], max_bytes: int,
            deadline: float, max_redirects: int) -> tuple[HTTPResponse, str | None]:
    """GET, following redirects by hand so that every hop goes through the address check."""
    permanent: str | None = None
    only_permanent = True  # a 302 anywhere before makes later 301s no reason to move the feed
    current = url
    for _hop in range(max_redirects + 1):
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{redact_url(url)}: time limit exceeded after redirects",
                             transient=True)
        response = http.get(current, headers=headers, max_bytes=max_bytes, total_timeout=left)
        location = response.headers.get("location")
        if response.status not in REDIRECTS:
            return response, permanent
        if not location:
            raise FetchError(f"{redact_url(current)}: redirect {response.status} without Location",
                             transient=False, status=response.status)
        current = redirect_target(response.url, location)
        if only_permanent and response.status in PERMANENT:
            permanent = current
        else:
            only_permanent = False
    raise FetchError(f"{redact_url(url)}: more than {max_redirects} redirects",
                     transient=False)


def redirect_target(current: str, location: str) -> str:
    """The URL a redirect from `current` to `location` leads to. Credentials in `current` go
    along only to the same origin (scheme, host and port), as httpx kept Authorization only
    for same-origin redirects; another host never sees them unless `location` names them."""
    target = urljoin(current, location.strip())
    here, there = urlsplit(current), urlsplit(target)
    if there.username is not None or here.username is None and here.password is None:
        return target
    try:
        same = (here.scheme.lower(), here.hostname, here.port) \
            == (there.scheme.lower(), there.hostname, there.port)
    except ValueError:  # a bad port: the address check refuses the URL anyway
        return target
    if not same:
        return target
    userinfo = here.netloc.rpartition("@")[0]
    return urlunsplit(there._replace(netloc=f"{userinfo}@{there.netloc}"))


def _not_modified(response: HTTPResponse, old: Validators, permanent: str | None,
                  retry_after: float | None) -> FetchResult:
    # A 304 may carry fresher validators; anything it leaves out stays as it was.
    validators = Validators(
        etag=response.headers.get("etag") or old.etag,
        last_modified=response.headers.get("last-modified") or old.last_modified,
        body_sha256=old.body_sha256)
    return FetchResult(
        status=304, url=response.url, body=None, headers=response.headers,
        validators=validators, not_modified=True, permanent_redirect=permanent,
        retry_after=retry_after,
        ttl_seconds=cache_max_age(response.headers.get("cache-control")))


def _status_error(response: HTTPResponse, retry_after: float | None) -> FetchError:
    status = response.status
    reason = f"{redact_url(response.url)}: HTTP {status}"
    if status in (429, 503):
        wait = f", retry after {retry_after:g}s" if retry_after is not None else ""
        return FetchError(reason + wait, transient=True, status=status, retry_after=retry_after)
    if status in (404, 410):
        gone = "gone" if status == 410 else "not found"
        return FetchError(f"{reason} ({gone})", transient=False, status=status)
    transient = status >= 500 or status in (408, 425)
    return FetchError(reason, transient=transient, status=status, retry_after=retry_after)
