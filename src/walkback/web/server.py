"""Running the app under uvicorn: one process, or several sharing one listening socket."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import uvicorn

from .app import WebConfig, create_app

__all__ = ["serve"]

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
         "cache_entries": config.cache_entries, "config": config_path}
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
                  cache_entries=raw["cache_entries"])
    )  # fmt: skip
