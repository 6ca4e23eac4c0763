"""The Backup page on PostgreSQL (server mode): it writes pg_dump files into the backup folder the
command line uses for a server database, lists them, and says how a PostgreSQL restore is done.

A server database has no file to keep backups beside: its folder is $COMMUNITY_BACKUP_DIR, else
data/backups under the project (core/backups.py), for the page and for `cli.py backup` alike.
"""

from __future__ import annotations

import stat
from pathlib import Path

import psycopg

from cli import main as cli_main
from core.backups import backup_folder
from core.text import md
from queries.db import DEFAULT_PATH
from queries.postgresql_backup import verify


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def stored(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as con:
        return con.execute(sql).fetchall()


def test_a_server_database_keeps_its_backups_in_the_setting_else_data_backups(monkeypatch, tmp_path):
    url = "postgresql://app@db.example/community"
    monkeypatch.delenv("COMMUNITY_BACKUP_DIR", raising=False)
    assert backup_folder(url) == DEFAULT_PATH.parent / "backups"
    monkeypatch.setenv("COMMUNITY_BACKUP_DIR", str(tmp_path / "kept"))
    assert backup_folder(url) == tmp_path / "kept"
    # a DuckDB file keeps its backups beside it unless the setting names a folder
    monkeypatch.delenv("COMMUNITY_BACKUP_DIR")
    assert backup_folder(tmp_path / "community.duckdb") == tmp_path / "backups"


def test_the_backup_page_on_postgresql_takes_and_lists_a_pgdump(postgres_demo_url, tmp_path, monkeypatch):
    from components.database import close
    from demo.accounts import DEMO_ACCOUNTS
    from tests.apptest_support import page_file, signed_in

    folder = tmp_path / "backups"
    monkeypatch.setenv("COMMUNITY_DB", postgres_demo_url)
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    monkeypatch.setenv("COMMUNITY_BACKUP_DIR", str(folder))
    admin = next(a for a in DEMO_ACCOUNTS if a.role == "admin")
    audited_before = stored(postgres_demo_url, "select count(*) from main.audit_log where action = 'backup'")[0][0]
    try:
        at = signed_in(admin.username, admin.password)
        at.switch_page(page_file("admin_backup.py")).run()
        assert not at.exception, [e.stack for e in at.exception]
        assert at.title[0].value == "Backup"
        assert [i.value for i in at.info] == ["No backups on this server yet."]
        page_text = " ".join(m.value for m in at.markdown)
        assert md(str(folder)) in page_text        # written through the escaping path
        assert "cli.py" in page_text and "restore" in page_text and "--replace" in page_text

        next(b for b in at.button if b.label == "Take a backup now").click().run()
        assert not at.exception, [e.stack for e in at.exception]
    finally:
        close(postgres_demo_url)

    made = sorted(folder.iterdir())
    assert [p.suffix for p in made] == [".pgdump"]
    assert mode(folder) == 0o700 and mode(made[0]) == 0o600
    migrations = stored(postgres_demo_url, "select count(*) from main.schema_migrations")[0][0]
    assert verify(made[0]) == migrations
    assert stored(postgres_demo_url, "select detail from main.audit_log where action = 'backup' order by id") \
        [audited_before:] == [(str(made[0]),)]
    assert any(made[0].name in s.value for s in at.success)
    listed = at.dataframe[0].value
    assert list(listed["File"]) == [made[0].name]


def test_the_command_line_backs_a_server_database_up_into_the_same_folder(postgres_url, tmp_path, monkeypatch):
    folder = tmp_path / "backups"
    monkeypatch.setenv("COMMUNITY_BACKUP_DIR", str(folder))
    assert cli_main(["--db", postgres_url, "backup"]) == 0
    assert backup_folder(postgres_url) == folder
    assert [p.suffix for p in folder.iterdir()] == [".pgdump"]
