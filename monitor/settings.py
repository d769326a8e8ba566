"""Validated, frozen configuration models: settings.yaml, feeds.yaml, rules.yaml, destinations.yaml."""

from __future__ import annotations

import base64
import ipaddress
import os
import re
from typing import Annotated, Any, Literal

import httpx
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    field_validator,
    model_validator,
)

from monitor.units import parse_duration, parse_size

Duration = Annotated[float, BeforeValidator(parse_duration)]
Size = Annotated[int, BeforeValidator(parse_size)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")]

DEFAULT_RETRY_SCHEDULE = ("5s", "5m", "30m", "2h", "5h", "10h", "10h")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


ADAPTIVE_START = 300.0  # seconds: the first interval of an adaptively polled feed


class PollSettings(_Frozen):
    """Poll defaults for feeds that do not set their own.

    `interval`, when set, is a fixed interval for every feed without its own. Unset, polling
    adapts within [`min_interval`, `max_interval`], starting at ADAPTIVE_START."""

    interval: Duration | None = Field(default=None, ge=1)
    min_interval: Duration = 60.0
    max_interval: Duration = 3600.0
    timeout: Duration = 20.0
    connect_timeout: Duration = 5.0
    max_bytes: Size = 15 * 1024 * 1024
    max_backoff: Duration = 6 * 3600.0
    concurrency: int = Field(default=16, ge=1, le=1024)
    per_host: int = Field(default=2, ge=1, le=64)
    lease: Duration = 120.0
    user_agent: str = "wirewatch/0.1 (news-wire monitor; +https://github.com/wirewatch/wirewatch)"

    @model_validator(mode="after")
    def _bounds(self) -> PollSettings:
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval is larger than max_interval")
        return self


class NetworkSettings(_Frozen):
    """Which private address ranges feed and webhook URLs may resolve to."""

    allow_private: tuple[str, ...] = ()

    @field_validator("allow_private", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("allow_private")
    @classmethod
    def _cidrs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ValueError(f"not a CIDR: {cidr!r}") from exc
        return value


class AlertSettings(_Frozen):
    """Delivery policy shared by every destination."""

    retry_schedule: tuple[Duration, ...] = tuple(parse_duration(d) for d in DEFAULT_RETRY_SCHEDULE)
    retry_jitter: float = Field(default=0.1, ge=0, le=1)
    connect_timeout: Duration = 5.0
    timeout: Duration = 15.0
    archive_window: Duration = 7 * 86400.0
    # requests in flight at once in one delivery lane process, all destinations together
    max_in_flight: int = Field(default=64, ge=1, le=1024)


class StorySettings(_Frozen):
    """Grouping reports of one event across feeds (DESIGN.md "Stories")."""

    window: Duration = Field(default=72 * 3600.0, gt=0)  # of published (else discovery) time


class LoggingSettings(_Frozen):
    """Log level, format (`auto`: JSON lines unless stderr is a terminal) and optional file."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["auto", "json", "text"] = "auto"

    @field_validator("level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value


class HTTPSettings(_Frozen):
    """Address of the /healthz and /metrics endpoint served by `wirewatch run`."""

    listen: str = "127.0.0.1:9180"

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        host, sep, port = value.rpartition(":")
        if not sep or not port.isdigit() or not 0 <= int(port) < 65536:
            raise ValueError(f"expected host:port, got {value!r}")
        return value


class ReloadSettings(_Frozen):
    """When running processes pick up edits to the config directory.

    A change is installed only after the files have kept the same size, mtime and inode for
    `settle` (a file being written in place is never read half-way), and only if it validates.
    A reload that drops more than `warn_removed_fraction` of the enabled rules, or more than
    `warn_removed_rules` of them, is logged as a warning."""

    interval: Duration = Field(default=1.0, gt=0)  # how often the files are looked at
    settle: Duration = Field(default=2.0, ge=0)
    warn_removed_fraction: float = Field(default=0.1, ge=0, le=1)
    warn_removed_rules: int = Field(default=1000, ge=0)


class Settings(_Frozen):
    """settings.yaml."""

    redis_url: str | None = None
    data_dir: str = "./data"
    workers: int = Field(default=2, ge=0, le=64)
    pollers: int = Field(default=1, ge=1, le=64)  # poller processes of `wirewatch run`
    # delivery lane processes of `wirewatch run` (`wirewatch worker --lane deliver`)
    delivery_workers: int = Field(default=1, ge=0, le=16)
    queue_prefix: str = "wirewatch"
    poll: PollSettings = PollSettings()
    network: NetworkSettings = NetworkSettings()
    alerts: AlertSettings = AlertSettings()
    logging: LoggingSettings = LoggingSettings()
    http: HTTPSettings = HTTPSettings()
    reload: ReloadSettings = ReloadSettings()
    stories: StorySettings = StorySettings()

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, data: Any) -> Any:
        # DESIGN.md lists `retry_schedule` among the top-level settings; keep it as an alias.
        if isinstance(data, dict) and "retry_schedule" in data:
            data = dict(data)
            alerts = dict(data.get("alerts") or {})
            alerts.setdefault("retry_schedule", data.pop("retry_schedule"))
            data["alerts"] = alerts
        return data

    @field_validator("redis_url")
    @classmethod
    def _redis_scheme(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not re.match(r"^(redis|rediss|unix)://", value):
            raise ValueError("redis_url must start with redis://, rediss:// or unix://")
        return value


class FeedConfig(_Frozen):
    """One entry of feeds.yaml."""

    id: Identifier
    url: str
    interval: Duration | None = Field(default=None, ge=1)
    min_interval: Duration | None = Field(default=None, ge=1)
    max_interval: Duration | None = Field(default=None, ge=1)
    tags: tuple[str, ...] = ()
    enabled: bool = True
    title: str | None = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+", value, re.IGNORECASE):
            raise ValueError(f"feed url must be http:// or https://, got {value!r}")
        if problem := http_url_problem(value):
            raise ValueError(f"feed url {value!r}: {problem}")
        return value

    @model_validator(mode="after")
    def _bounds(self) -> FeedConfig:
        if self.min_interval and self.max_interval and self.min_interval > self.max_interval:
            raise ValueError("min_interval is larger than max_interval")
        return self


class RuleConfig(_Frozen):
    """One entry of rules.yaml."""

    id: Identifier
    name: str = ""
    query: str = Field(min_length=1)
    feeds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notify: tuple[str, ...] = ()
    enabled: bool = True
    story_updates: bool = False  # later reports of an alerted story: wirewatch.alert.update
    dedup: Literal["story", "item"] = "story"  # "item": one alert per (rule, item)

    def applies_to(self, feed_id: str, feed_tags: tuple[str, ...]) -> bool:
        """Whether this rule's feeds/tags scope includes an item of this feed (no scope: every feed)."""
        if not self.feeds and not self.tags:
            return True
        return feed_id in self.feeds or bool(set(self.tags) & set(feed_tags))


def http_url_problem(url: str) -> str | None:
    """Why a request could never be made to this http(s) URL (parsed as the HTTP client will),
    or None."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        return str(exc)
    if not parsed.host or any(c in parsed.host for c in " %"):
        return "no valid host name"
    if parsed.port is not None and not 0 < parsed.port < 65536:
        return f"port {parsed.port} is out of range"
    return None


def _check_whsec(secret: str) -> None:
    body = secret.removeprefix("whsec_")
    try:
        base64.b64decode(body, validate=True)
    except ValueError as exc:
        raise ValueError("webhook secret must be whsec_<base64>") from exc
    if not body:
        raise ValueError("webhook secret is empty")


class DestinationConfig(_Frozen):
    """One entry of destinations.yaml. Secrets come from `secret` or the variable named by `secret_env`."""

    id: Identifier
    type: Literal["webhook", "slack", "log"]
    url: str | None = None
    path: str | None = None  # log: file to append JSON lines to (default stdout)
    secret: tuple[SecretStr, ...] = ()
    secret_env: str | None = None
    rate_limit: float | None = Field(default=None, gt=0)  # deliveries per second
    # requests to this destination in flight at once, per delivery lane process
    concurrency: int = Field(default=8, ge=1, le=256)
    enabled: bool = True

    @field_validator("secret", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _complete(self) -> DestinationConfig:
        needs_url = self.type in ("webhook", "slack")
        if needs_url and not re.match(r"^https?://[^/\s]+", self.url or "", re.IGNORECASE):
            raise ValueError(f"{self.type} destination needs an http(s) url")
        if needs_url and (problem := http_url_problem(str(self.url))):
            raise ValueError(f"{self.type} destination url: {problem}")
        if self.type == "webhook":
            if not self.secret and not self.secret_env:
                raise ValueError("webhook destination needs `secret` or `secret_env`")
            for secret in self.secret:
                _check_whsec(secret.get_secret_value())
        return self

    def secret_problem(self) -> str | None:
        """Why this webhook cannot sign with the `secret_env` it names (unset, or not a
        `whsec_` secret), or None. Read where a delivery is made, never by the offline tools."""
        if self.type != "webhook" or not self.secret_env:
            return None
        if not os.environ.get(self.secret_env, "").strip() or not self.secrets():
            return f"environment variable {self.secret_env} (secret_env) is not set"
        try:
            for secret in self.secrets():
                _check_whsec(secret)
        except ValueError as exc:
            return f"environment variable {self.secret_env} (secret_env): {exc}"
        return None

    def secrets(self) -> tuple[str, ...]:
        """Signing secrets, newest first; several during a rotation. Never log these."""
        values = [s.get_secret_value() for s in self.secret]
        if self.secret_env:
            env = os.environ.get(self.secret_env, "")
            values = [p.strip() for p in env.split(",") if p.strip()] + values
        return tuple(values)
