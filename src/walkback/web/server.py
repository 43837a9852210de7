"""Running the app under uvicorn: one process, or several sharing one listening socket."""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from pathlib import Path

import uvicorn

from ..errors import ConfigError
from .app import WebConfig, create_app

__all__ = ["serve", "check_host"]

_ENV = "WALKBACK_WEB_CONFIG"


class NoDelayConfig(uvicorn.Config):
    """Sets TCP_NODELAY on the shared listening socket, which accepted connections inherit (Linux).

    uvicorn's worker processes serve a socket made without ``IPPROTO_TCP``, so asyncio does not set
    TCP_NODELAY on their connections, and on a kept-alive connection each answer (headers, then
    body) waits out the client's delayed ACK: 40 ms per request.
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock


def _is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is this machine's loopback (``127.0.0.1``, ``::1``,
    ``localhost``); ``0.0.0.0`` and ``::`` are every interface, so not."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise ConfigError(f"--host {host!r} cannot be resolved ({e})") from None
    return bool(infos) and all(ipaddress.ip_address(str(i[4][0]).split("%")[0]).is_loopback for i in infos)


def check_host(host: str, *, allow_public: bool, write_token: bool) -> list[str]:
    """Warnings for serving on ``host``; :class:`ConfigError` for an address beyond loopback unless
    ``allow_public``: pages, the API and (with a write token) ingest would then be open to other
    machines over plain HTTP, the token travelling in clear text."""
    if _is_loopback(host):
        return []
    if not allow_public:
        raise ConfigError(
            f"--host {host} serves other machines too, over plain HTTP"
            + (" with the write token in clear text" if write_token else "")
            + "; add --allow-public if that is meant (better: keep 127.0.0.1 behind a TLS reverse proxy)"
        )
    warnings = [f"serving on {host}: other machines can reach it, over plain HTTP (no TLS)"]
    if write_token:
        warnings.append(
            "the write token is sent in clear text over plain HTTP: anyone on the path can read it "
            "and ingest; put a TLS reverse proxy in front"
        )
    return warnings


def serve(
    config: WebConfig,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    config_path: str | None = None,
) -> None:
    """Run the app until interrupted. ``workers > 1`` runs that many processes on one socket."""
    if workers <= 1:
        uvicorn.run(create_app(config), host=host, port=port, log_level="warning")
        return
    from uvicorn.supervisors import Multiprocess

    os.environ[_ENV] = json.dumps(
        {"db": config.db, "write_token": config.write_token, "page_size": config.page_size,
         "cache_entries": config.cache_entries,
         "cache_stale_seconds": config.cache_stale_seconds, "render_threads": config.render_threads,
         "config": config_path}
    )  # fmt: skip
    cfg = NoDelayConfig(
        "walkback.web.server:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
    try:
        Multiprocess(cfg, sockets=[cfg.bind_socket()]).run()
    except KeyboardInterrupt:
        pass


def app_from_env():  # type: ignore[no-untyped-def]
    """The app of each worker process of ``serve(workers=N)``, from the parent's settings."""
    from ..settings import load_settings

    raw = json.loads(os.environ[_ENV])
    settings = load_settings(Path(raw["config"]) if raw["config"] else None)
    return create_app(
        WebConfig(db=raw["db"], settings=settings, write_token=raw["write_token"], page_size=raw["page_size"],
                  cache_entries=raw["cache_entries"], cache_stale_seconds=raw["cache_stale_seconds"],
                  render_threads=raw["render_threads"])
    )  # fmt: skip
