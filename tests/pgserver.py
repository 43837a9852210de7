"""A real PostgreSQL server for the tests: initdb into a temporary folder, started on a free port.

PostgreSQL refuses to run as root, so under root the server runs as the ``postgres`` user (else
``nobody``). The binaries come from ``$WALKBACK_PG_BIN``, else the newest
``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql`` package), else ``PATH``.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

_numbers = itertools.count(1)


def binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or ``None``."""
    given = os.environ.get("WALKBACK_PG_BIN")
    candidates = [Path(given)] if given else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True)
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> tuple[list[str], int | None]:
    """The command prefix that runs a program as an unprivileged user, and that user's uid."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], uid
    raise RuntimeError("running as root, and neither a postgres nor a nobody user exists to run PostgreSQL")


@dataclass
class Server:
    bin: Path
    home: Path
    port: int
    prefix: list[str]

    @property
    def base(self) -> str:
        return f"postgresql://walkback@127.0.0.1:{self.port}"

    def dsn(self, database: str) -> str:
        return f"{self.base}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self) -> str:
        """A fresh, empty database; its DSN."""
        name = f"t{os.getpid()}_{next(_numbers)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE template0")
        return self.dsn(name)

    def drop_database(self, dsn: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {dsn.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        subprocess.run(
            [
                *self.prefix,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.home / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.home, ignore_errors=True)


def start() -> Server:
    """initdb and start a server; raises RuntimeError with its log when it does not come up."""
    folder = binaries()
    if folder is None:
        raise FileNotFoundError("PostgreSQL binaries (initdb, pg_ctl) not found")
    prefix, uid = _runner()
    home = Path(tempfile.mkdtemp(prefix="walkback-pg-"))
    if uid is not None:
        os.chown(home, uid, -1)
    port = _free_port()
    locale = ["--locale=C.UTF-8"] if _has_c_utf8() else ["--no-locale"]
    steps = [
        [
            str(folder / "initdb"), "-D", str(home / "data"), "-U", "walkback", "--auth=trust",
            "-E", "UTF8", *locale,
        ],
        [
            str(folder / "pg_ctl"), "-D", str(home / "data"), "-l", str(home / "log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start",
        ],
    ]  # fmt: skip
    for cmd in steps:
        done = subprocess.run([*prefix, *cmd], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = (home / "log").read_text() if (home / "log").exists() else ""
            shutil.rmtree(home, ignore_errors=True)
            raise RuntimeError(f"{Path(cmd[0]).name} failed: {done.stdout}{done.stderr}{log}")
    return Server(bin=folder, home=home, port=port, prefix=prefix)


def _has_c_utf8() -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    return any(line.lower().replace("-", "") == "c.utf8" for line in out.split())
