"""A throwaway PostgreSQL cluster for the server mode tests (a pytest plugin, see tests/conftest.py).

`postgres_server` (one cluster per test worker, started the first time a test asks for it):
initdb into a fresh temporary folder, the server on a free loopback port with its unix socket in
that folder, fsync off, stopped and removed when the worker ends. PostgreSQL refuses to run as
root, so under root the cluster belongs to a system account (`community-pg`, created when
missing) and initdb and pg_ctl run as it; otherwise it belongs to whoever runs the tests.
Debian's server programs are found under /usr/lib/postgresql/<version>/bin (scripts/postgres.sh
installs them; test.sh calls it).

    def test_something(postgres_url):          # a fresh database, migrated to the newest version
        with psycopg.connect(postgres_url) as con: ...

    def test_other(postgres_server):
        url = postgres_server.new_database()    # a fresh empty database (no migrations)

    def test_figures(postgres_demo_url, demo_file): # the demo town, copied from demo_file

A migrated database is a copy of a template database migrated once per cluster
(CREATE DATABASE ... TEMPLATE): about 0.1 s here, after about 5 s to start the cluster and 3 s to
migrate the template once.

The cluster trusts connections from the loopback address and its own socket (no password): it
holds test data only and lives as long as the test worker.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

import duckdb
import psycopg
import pytest
from psycopg import sql

SYSTEM_ACCOUNT = "community-pg"   # owns the cluster when the tests run as root
SUPERUSER = "community"           # the database role the tests connect as
TEMPLATE = "community_migrated"


def server_bin() -> Path:
    """The newest Debian PostgreSQL server's program folder."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if not found:
        raise RuntimeError("No PostgreSQL server under /usr/lib/postgresql: run scripts/postgres.sh.")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _system_account() -> str:
    """The unprivileged account that owns the cluster under root (created once per machine)."""
    try:
        pwd.getpwnam(SYSTEM_ACCOUNT)
    except KeyError:
        # two test workers may both try; the loser's useradd fails and the account is there
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                        SYSTEM_ACCOUNT], capture_output=True)
        pwd.getpwnam(SYSTEM_ACCOUNT)
    return SYSTEM_ACCOUNT


class PostgresServer:
    """One cluster in a temporary folder; `new_database()` hands out fresh databases on it."""

    def __init__(self) -> None:
        self.bin = server_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="community-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self._as: list[str] = []
        self._names = itertools.count(1)
        self._template_ready = False
        if os.geteuid() == 0:
            account = _system_account()
            shutil.chown(self.folder, user=account)
            self._as = ["runuser", "-u", account, "--"]

    # -- the cluster -----------------------------------------------------------

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self._as, str(self.bin / program), *args], capture_output=True, text=True)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{log}")

    def start(self) -> "PostgresServer":
        # C collation: text sorts by bytes, as DuckDB sorts it, so both engines order rows alike
        self._run("initdb", "--pgdata", str(self.data), "--username", SUPERUSER, "--auth", "trust",
                  "--encoding", "UTF8", "--locale", "C", "--no-sync", "--no-instructions")
        for attempt in range(5):            # another process may take the port between probe and start
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                       f"-c unix_socket_directories={self.folder} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run("pg_ctl", "start", "--pgdata", str(self.data), "--log", str(self.log),
                          "--wait", "--timeout", "60", "-o", options)
                return self
            except RuntimeError:
                if attempt == 4:
                    raise
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate", "--wait")
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- databases ---------------------------------------------------------------

    def url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as con:
            con.execute(statement)

    def new_database(self, migrated: bool = False, template: str | None = None) -> str:
        """A new database's URL: empty, or (`migrated`) with every PostgreSQL migration applied, or a
        copy of `template` (a database made by `make_template`)."""
        name = f"test_{next(self._names)}"
        if migrated and template is None:
            self._ensure_template()
            template = TEMPLATE
        # file_copy: a copy of the template's files, quicker than WAL_LOG for these small databases
        strategy = "strategy file_copy" if template else ""
        self._admin(f"create database {name} template {template or 'template0'} {strategy}")
        return self.url(name)

    def make_template(self, name: str, fill: Callable[[str], None]) -> str:
        """A migrated database `name` that `fill(url)` fills, for `new_database(template=name)`.
        Nothing may stay connected to it: PostgreSQL copies only a database nobody uses."""
        self._ensure_template()
        self._admin(f"create database {name} template {TEMPLATE} strategy file_copy")
        fill(self.url(name))
        return name

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        import psycopg

        from queries.migrate import apply_migrations

        self._admin(f"create database {TEMPLATE} template template0")
        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as con:
            apply_migrations(con)
        self._template_ready = True


def copy_duckdb(duckdb_path: Path, url: str) -> dict[str, int]:
    """Copy every row of a migrated DuckDB file into the migrated PostgreSQL database at `url`
    (queries/copy_to_postgresql.py, as `cli.py move-to-postgresql` does); rows per table. The
    database checks every row on the way in (keys, uniques, checks)."""
    import duckdb
    import psycopg

    from queries.copy_to_postgresql import copy_database

    source = duckdb.connect(str(duckdb_path), read_only=True)
    try:
        with psycopg.connect(url) as con:
            return copy_database(source, con)
    finally:
        source.close()


@pytest.fixture(scope="session")
def postgres_server():
    """The worker's cluster, started on first use (a session fixture is per xdist worker)."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh database migrated to the newest PostgreSQL migration."""
    return postgres_server.new_database(migrated=True)


@pytest.fixture(scope="session")
def postgres_demo_template(postgres_server, demo_file) -> str:
    """The demo town (tests/conftest.py's demo_file, built on DuckDB) copied into a template database,
    once per worker."""
    return postgres_server.make_template("community_demo", lambda url: copy_duckdb(demo_file, url))


@pytest.fixture
def postgres_demo_url(postgres_server, postgres_demo_template) -> str:
    """A fresh copy of the demo town on PostgreSQL, the same rows as demo_file, sequences included."""
    return postgres_server.new_database(template=postgres_demo_template)


# -- comparing a copy with its DuckDB file ----------------------------------------------

def row_counts_duckdb(path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' "
            "and database_name = current_database() and table_name <> 'schema_migrations'").fetchall()]
        return {t: con.execute(f'select count(*) from main."{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def row_counts_postgresql(url: str) -> dict[str, int]:
    with psycopg.connect(url) as con:
        tables = [r[0] for r in con.execute(
            "select tablename from pg_tables where schemaname = 'main' and tablename <> 'schema_migrations'").fetchall()]
        return {t: con.execute(sql.SQL("select count(*) from main.{}").format(sql.Identifier(t))).fetchone()[0]
                for t in tables}
