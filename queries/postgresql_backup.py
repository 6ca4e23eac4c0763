"""Backups and restores of a PostgreSQL database (server mode), with PostgreSQL's own tools.

A backup is `pg_dump --format=custom` of the whole database: pg_dump reads every table in one
repeatable-read transaction, so the file is one consistent snapshot however many app processes
write meanwhile, and nobody waits for it. A restore is `pg_restore` into an empty database, in one
transaction (all of it or nothing); a database that holds the app's schema is replaced only when
asked (`replace`), and its content is first written to a backup of its own beside the one restored.

The client programs are Debian's for the server's major version (postgresql-client-NN installs
/usr/lib/postgresql/NN/bin/pg_dump): an older pg_dump refuses a newer server, and a dump written by a
newer one may not restore into an older server. The URL's password reaches them in PGPASSWORD,
never on a command line that other users of the machine can list.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from queries.errors import DataError
from queries.postgresql_db import shown_url
from queries.private_files import tighten

SUFFIX = ".pgdump"
CLIENTS = Path("/usr/lib/postgresql")


def stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def server_major(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as con:
        return con.info.server_version // 10000


def client_program(name: str, major: int) -> str:
    """Debian's `name` (pg_dump, pg_restore) for server version `major`: that version's own, else
    the oldest newer one installed (they read and write older servers)."""
    versions = sorted(int(p.name) for p in CLIENTS.glob("*") if p.name.isdigit() and (p / "bin" / name).exists())
    usable = [v for v in versions if v >= major]
    if not usable:
        raise DataError(f"PostgreSQL's {name} for a version {major} server is not installed "
                        f"(Debian's package postgresql-client-{major}).")
    return str(CLIENTS / str(usable[0]) / "bin" / name)


def _client_env(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and the environment that carries the password."""
    env = {**os.environ}
    password = urlsplit(url).password
    if password is not None:
        env["PGPASSWORD"] = password
    return shown_url(url), env


def _run(program: str, args: list[str], url: str) -> str:
    target, env = _client_env(url)
    done = subprocess.run([program, *args, "--dbname", target], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise DataError(f"{Path(program).name} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def dump(url: str, directory: Path, prefix: str = "community") -> Path:
    """The whole database at `url` as `directory/<prefix>-<UTC time>.pgdump`, owner-only."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"{prefix}-{stamp()}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    # made owner-only before pg_dump writes a byte into it (pg_dump keeps the mode of a file it truncates)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        _run(client_program("pg_dump", server_major(url)), ["--format=custom", "--file", str(partial)], url)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    tighten(partial)
    partial.replace(target)
    return target


def verify(path: Path) -> int:
    """The number of migrations applied in the database a .pgdump holds, or a DataError."""
    if not path.exists():
        raise DataError(f"There is no backup file at {path}.")
    newest = max(CLIENTS.glob("*/bin/pg_restore"), default=None,
                 key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if newest is None:
        raise DataError("PostgreSQL's pg_restore is not installed (Debian's package postgresql-client).")
    # the schema_migrations rows, as the COPY block a plain-text restore would run
    done = subprocess.run([str(newest), "--data-only", "--schema", "main", "--table", "schema_migrations",
                           "--file", "-", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise DataError(f"{path} is not a readable PostgreSQL backup ({done.stderr.strip()[-300:]}).")
    block = re.search(r"^COPY main\.schema_migrations .*? FROM stdin;\n(.*?)^\\\.$", done.stdout,
                      re.MULTILINE | re.DOTALL)
    if block is None:
        raise DataError(f"{path} is a PostgreSQL backup but not one of this app.")
    return len(block.group(1).splitlines())


def held_schema(url: str) -> list[str]:
    """The app's schemas the database at `url` already holds (none in an empty database)."""
    with psycopg.connect(url, autocommit=True) as con:
        return [r[0] for r in con.execute(
            "select nspname from pg_namespace where nspname in ('main', 'live') order by 1").fetchall()]


def load(backup_file: Path, url: str, replace: bool) -> Path | None:
    """Put a backup into the database at `url`. An empty database takes it as it is; one holding the
    app's schema is refused unless `replace`, and then first dumped beside the backup (its path is
    returned) and emptied before the restore."""
    verify(backup_file)
    held = held_schema(url)
    kept = None
    if held:
        if not replace:
            raise DataError(f"The database {shown_url(url)} is not empty (it holds the app's schema); "
                            "add --replace to replace it with the backup (its present content is kept "
                            "as a backup first).")
        kept = dump(url, backup_file.parent, prefix="community-before-restore")
    program = client_program("pg_restore", server_major(url))
    if held:
        # pg_restore's --clean drops only what the backup holds: a newer migration's tables would
        # stay. So the app's schemas go first, and the restore follows in its own transaction: if it
        # fails, the kept backup holds what was there.
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("drop schema if exists live, main cascade")
    _run(program, ["--no-owner", "--single-transaction", "--exit-on-error", str(backup_file)], url)
    return kept
