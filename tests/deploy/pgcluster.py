"""A PostgreSQL primary and a synchronous streaming replica of its own, made on this computer for the failover
tests and benchmark: ``initdb`` and ``pg_basebackup`` run as the ``postgres`` user, data directories and unix
sockets in a temporary folder, free TCP ports on 127.0.0.1. The computer's shared server (port 5432) is never
touched: every command names its own data directory and port.

Synchronous replication (``synchronous_standby_names = '*'``): a commit is acknowledged only once the replica
has it, so a commit the Aduan server acknowledged survives the primary's loss. Without it, the last commits
before a crash may exist on the primary alone and are gone when the replica is promoted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.server.live import free_port

BIN = Path(os.environ.get("ADUAN_PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "aduan"


class ClusterMissing(Exception):
    """PostgreSQL's server programs, or the ``postgres`` user to run them, are not on this computer."""


def _as_postgres(*command: str, timeout: float = 120) -> str:
    """Run one of PostgreSQL's programs as the ``postgres`` user (they refuse to run as root)."""
    done = subprocess.run(
        ["runuser", "-u", "postgres", "--", *command], capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Node:
    name: str
    data: Path
    port: int
    sockets: Path

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        _as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.data / "server.log"), "-w", "start")

    def stop_hard(self) -> None:
        """The primary's crash, as far as clients can tell: every backend ends at once, nothing is flushed."""
        _as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def promote(self) -> None:
        _as_postgres(str(BIN / "pg_ctl"), "-D", str(self.data), "-w", "promote")

    def running(self) -> bool:
        done = subprocess.run(
            ["runuser", "-u", "postgres", "--", str(BIN / "pg_ctl"), "-D", str(self.data), "status"],
            capture_output=True,
            check=False,
        )
        return done.returncode == 0

    def stop_if_running(self) -> None:
        """Stop it if it runs; a server already stopping may be gone before the command reaches it."""
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
            check=False,
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        return _as_postgres(
            str(BIN / "psql"), "-h", str(self.sockets), "-p", str(self.port), "-d", database, "-Atc", sql
        ).strip()


@dataclass
class Pair:
    primary: Node
    replica: Node

    def multi_host_url(self, user: str = "postgres", database: str = DATABASE) -> str:
        """The URL the Aduan servers use: libpq tries the hosts in turn and keeps the one that takes writes."""
        return (
            f"postgresql+psycopg://{user}@/{database}?host={self.primary.host}&host={self.replica.host}"
            "&target_session_attrs=read-write"
        )

    def wait_synchronous(self, seconds: float = 60) -> None:
        """Until the primary sees the replica streaming as its synchronous standby."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.primary.psql("SELECT sync_state FROM pg_stat_replication") == "sync":
                return
            time.sleep(0.2)
        raise RuntimeError("the replica did not become the synchronous standby")


def _configure(node: Node, extra: str = "") -> None:
    settings = f"""
port = {node.port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '{node.sockets}'
cluster_name = '{node.name}'
wal_level = replica
max_wal_senders = 5
hot_standby = on
# A throwaway cluster on a busy test machine: a crash of the postgres processes loses nothing without fsync
# (the operating system keeps what was written); only a crash of the computer would.
fsync = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 60
{extra}
"""
    with (node.data / "postgresql.auto.conf").open("a") as conf:
        conf.write(settings)


@contextmanager
def primary_and_replica() -> Iterator[Pair]:
    """A primary with a synchronous streaming replica and a database ``aduan``; both stopped afterwards."""
    if not (BIN / "initdb").exists() or shutil.which("runuser") is None:
        raise ClusterMissing(f"PostgreSQL's server programs are not in {BIN} (or runuser is missing)")
    try:
        subprocess.run(["id", "postgres"], capture_output=True, check=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        raise ClusterMissing("there is no postgres user to run PostgreSQL's server programs") from exc
    folder = Path(tempfile.mkdtemp(prefix="aduan-ha-"))
    shutil.chown(folder, "postgres", "postgres")
    folder.chmod(0o700)
    sockets = folder / "sockets"
    sockets.mkdir()
    shutil.chown(sockets, "postgres", "postgres")
    primary = Node("primary", folder / "primary", free_port(), sockets)
    replica = Node("replica", folder / "replica", free_port(), sockets)
    try:
        _as_postgres(
            str(BIN / "initdb"), "-D", str(primary.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"
        )
        _configure(primary)
        primary.start()
        primary.psql(f"CREATE DATABASE {DATABASE}")
        _as_postgres(
            str(BIN / "pg_basebackup"),
            "-h",
            str(sockets),
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(replica.data),
            "-R",  # standby.signal and primary_conninfo: a streaming replica of the primary
            "-X",
            "stream",
            "--no-sync",
            "--checkpoint=fast",  # else it waits for a spread checkpoint: minutes
        )
        _configure(
            replica, f"primary_conninfo = 'host={sockets} port={primary.port} user=postgres application_name=replica'"
        )
        replica.start()
        # Only now: with no standby to confirm them, the primary's commits would wait (CREATE DATABASE too).
        primary.psql("ALTER SYSTEM SET synchronous_standby_names = '*'")
        primary.psql("SELECT pg_reload_conf()")
        pair = Pair(primary, replica)
        pair.wait_synchronous()
        yield pair
    finally:
        for node in (primary, replica):
            if node.data.exists():
                node.stop_if_running()
        shutil.rmtree(folder, ignore_errors=True)
