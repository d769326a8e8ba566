"""Sending one alert to one destination: webhook (Standard Webhooks), Slack, log sink."""

from __future__ import annotations

import json
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from standardwebhooks.webhooks import Webhook

from monitor.errors import FetchError, UnsafeURLError
from monitor.net.http import parse_retry_after
from monitor.settings import AlertSettings, DestinationConfig

_LOG_LOCK = threading.Lock()
MAX_RETRY_AFTER = 24 * 3600.0


class Poster(Protocol):
    """What delivery needs from an HTTP client (monitor.net.http.SafeHTTP provides it)."""

    def post(self, url: str, *, content: bytes, headers: dict[str, str],
             total_timeout: float, max_bytes: int = ...) -> Any: ...


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one attempt achieved. `gone`: the receiver answered 410 and wants no more.
    `permanent`: no later attempt can succeed (the network policy refuses the URL)."""

    delivered: bool
    status: int | None = None
    error: str | None = None
    retry_after: float | None = None
    gone: bool = False
    permanent: bool = False


def alert_body(alert: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed) for an alert: identical on every attempt."""
    return json.dumps(alert, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def signature_headers(msg_id: str, body: bytes, secrets: tuple[str, ...],
                      timestamp: int | None = None) -> dict[str, str]:
    """Standard Webhooks headers; one `v1,` signature per secret (rotation), space-separated."""
    ts = int(time.time()) if timestamp is None else timestamp
    when = datetime.fromtimestamp(ts, tz=UTC)
    text = body.decode("utf-8")
    signatures = " ".join(Webhook(s).sign(msg_id, when, text) for s in secrets)
    return {"webhook-id": msg_id, "webhook-timestamp": str(ts), "webhook-signature": signatures}


def classify(status: int, headers: dict[str, str]) -> DeliveryOutcome:
    """Only 2xx is delivered; 410 is gone; 429/503 carry Retry-After; 3xx is a failure."""
    if 200 <= status < 300:
        return DeliveryOutcome(True, status)
    if status == 410:
        return DeliveryOutcome(False, status, "410 Gone: receiver disabled this endpoint", gone=True)
    retry_after = (parse_retry_after(headers.get("retry-after"), time.time(), MAX_RETRY_AFTER)
                   if status in (429, 503) else None)
    reason = "redirects are not followed" if 300 <= status < 400 else "non-2xx answer"
    return DeliveryOutcome(False, status, f"HTTP {status}: {reason}", retry_after)


def _post(http: Poster, url: str, body: bytes, headers: dict[str, str],
          policy: AlertSettings) -> DeliveryOutcome:
    try:
        response = http.post(url, content=body, headers=headers, total_timeout=policy.timeout)
    except UnsafeURLError as exc:
        # the same URL is refused the same way on every attempt: retrying for the whole
        # schedule would only hide the misconfiguration for a day
        return DeliveryOutcome(False, None, f"not retried: {exc}", permanent=True)
    except FetchError as exc:
        return DeliveryOutcome(False, exc.status, str(exc))
    return classify(response.status, response.headers)


def send_webhook(http: Poster, dest: DestinationConfig, alert: dict[str, Any],
                 policy: AlertSettings) -> DeliveryOutcome:
    """POST the signed alert; fresh timestamp and signature, same id and body on every attempt."""
    if problem := dest.secret_problem():
        # fixed by the operator (set the variable, restart, replay), never by waiting
        return DeliveryOutcome(False, None, f"not retried: cannot sign: {problem}", permanent=True)
    body = alert_body(alert)
    headers = {"content-type": "application/json",
               **signature_headers(alert["id"], body, dest.secrets())}
    return _post(http, str(dest.url), body, headers, policy)


def slack_message(alert: dict[str, Any]) -> dict[str, Any]:
    """Slack incoming-webhook payload: title linked, rule, snippet."""
    item, rule = alert["item"], alert["rule"]
    title = item.get("title") or item.get("link") or "(untitled)"
    link = item.get("link")
    heading = f"<{link}|{title}>" if link else title
    if item.get("lang"):
        heading += f" [{item['lang']}]"
    text = f"*{rule['name']}* matched {heading}\n>{alert.get('snippet', '')}"
    return {"text": text, "unfurl_links": False}


def send_slack(http: Poster, dest: DestinationConfig, alert: dict[str, Any],
               policy: AlertSettings) -> DeliveryOutcome:
    """POST a Slack message for the alert."""
    body = json.dumps(slack_message(alert)).encode()
    return _post(http, str(dest.url), body, {"content-type": "application/json"}, policy)


def write_log(dest: DestinationConfig, alert: dict[str, Any]) -> DeliveryOutcome:
    """Append the alert as one JSON line to the file `path`, or to stdout."""
    line = alert_body(alert).decode("utf-8") + "\n"
    try:
        with _LOG_LOCK:
            if dest.path:
                path = Path(dest.path)
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(line)
            else:
                sys.stdout.write(line)
                sys.stdout.flush()
    except OSError as exc:
        return DeliveryOutcome(False, None, f"cannot write log sink: {exc}")
    return DeliveryOutcome(True)


def send(http: Poster, dest: DestinationConfig, alert: dict[str, Any],
         policy: AlertSettings) -> DeliveryOutcome:
    """One attempt at delivering `alert` to `dest`."""
    if dest.type == "webhook":
        return send_webhook(http, dest, alert, policy)
    if dest.type == "slack":
        return send_slack(http, dest, alert, policy)
    return write_log(dest, alert)
