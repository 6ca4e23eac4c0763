"""The database gateway: migrations, units of work, audit, versions, soft delete."""

from __future__ import annotations

import json

import duckdb
import pytest

from queries.actor import SYSTEM, Actor
from queries.db import Database
from queries.errors import ConflictError, NotFound, PermissionDenied
from queries.migrate import MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, apply_migrations, available

PREVENTION = Actor(username="cpo", role="prevention", user_id=None)


def audit_rows(db: Database) -> list[dict]:
    with db.cursor() as cur:
        result = cur.execute("select * from audit_log order by id")
        cols = [d[0] for d in result.description]
        return [dict(zip(cols, r)) for r in result.fetchall()]


def count(db: Database, table: str) -> int:
    with db.cursor() as cur:
        return cur.execute(f"select count(*) from main.{table}").fetchone()[0]


# -- migrations ------------------------------------------------------------------

def test_migrations_apply_to_an_empty_file_and_are_recorded(tmp_path):
    db = Database(tmp_path / "empty.duckdb")
    with db.cursor() as cur:
        recorded = [r[0] for r in cur.execute("select version from schema_migrations order by version").fetchall()]
        tables = {r[0] for r in cur.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
    assert recorded == [m.version for m in available()]
    for table in ("districts", "users", "programs", "events", "participants", "enrolments", "roster_attendance",
                  "organizations", "businesses", "business_contacts", "contact_log", "concerns",
                  "concern_updates", "incidents", "program_evaluations", "monthly_reports", "audit_log", "settings"):
        assert table in tables


def test_reapplying_migrations_changes_nothing(tmp_path):
    path = tmp_path / "again.duckdb"
    Database(path).close()
    con = duckdb.connect(str(path))
    before = con.execute("select * from schema_migrations order by version").fetchall()
    schema_before = con.execute("select sql from duckdb_tables() order by table_name").fetchall()
    assert apply_migrations(con) == []
    assert con.execute("select * from schema_migrations order by version").fetchall() == before
    assert con.execute("select sql from duckdb_tables() order by table_name").fetchall() == schema_before
    con.close()


def test_an_edited_migration_is_reported(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_one.sql").write_text("create table t (x integer);")
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert apply_migrations(con, folder) == ["0001_one.sql"]
    (folder / "0001_one.sql").write_text("create table t (x integer, y integer);")
    with pytest.raises(Exception, match="changed after it was applied"):
        apply_migrations(con, folder)


def test_a_failing_migration_leaves_nothing_behind(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_bad.sql").write_text("create table good (x integer); create table bad (x no_such_type);")
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    with pytest.raises(duckdb.Error):
        apply_migrations(con, folder)
    assert con.execute("select count(*) from duckdb_tables() where table_name = 'good'").fetchone()[0] == 0
    assert con.execute("select count(*) from schema_migrations").fetchone()[0] == 0


def test_every_migration_file_is_numbered():
    names = [m.path.name for m in available()]
    assert names == sorted(names) and names[0].startswith("0001_")
    # every file is a migration, but for the README that sends readers to queries/schema.sql and
    # the folder of PostgreSQL's twins (tests/test_postgres_schema.py checks that one)
    assert all(p.suffix == ".sql" for p in MIGRATIONS_DIR.iterdir() if p.name not in ("README.md", "postgresql"))
    assert POSTGRES_MIGRATIONS_DIR.parent == MIGRATIONS_DIR and POSTGRES_MIGRATIONS_DIR.is_dir()


# -- units of work -----------------------------------------------------------------

def test_each_write_leaves_exactly_one_audit_row_per_changed_record(db):
    with db.unit_of_work(SYSTEM) as uow:
        d1 = uow.insert("districts", {"code": "N", "name": "North"})
        d2 = uow.insert("districts", {"code": "S", "name": "South"})
    with db.unit_of_work(SYSTEM) as uow:
        uow.update("districts", d1["id"], 1, {"name": "North End"})
        uow.update("districts", d2["id"], 1, {"name": "South"})  # unchanged: no audit row
    with db.unit_of_work(SYSTEM) as uow:
        uow.delete("districts", d2["id"], 1)
    rows = audit_rows(db)
    assert [(r["action"], r["record_id"]) for r in rows] == [
        ("create", str(d1["id"])), ("create", str(d2["id"])), ("update", str(d1["id"])), ("delete", str(d2["id"]))]
    update = rows[2]
    assert json.loads(update["before"])["name"] == "North"
    assert json.loads(update["after"])["name"] == "North End"
    assert update["username"] == "system" and update["role"] == "admin" and update["table_name"] == "districts"
    assert rows[0]["before"] is None and rows[3]["after"] is not None


def test_a_failing_unit_of_work_leaves_no_row_and_no_audit_row(db):
    with pytest.raises(duckdb.ConstraintException):
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
            uow.insert("districts", {"code": "N", "name": "Duplicate code"})
    assert count(db, "districts") == 0
    assert audit_rows(db) == []


def test_an_exception_in_caller_code_rolls_back_everything(db):
    with pytest.raises(RuntimeError):
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "N", "name": "North"})
            raise RuntimeError("the page failed half way")
    assert count(db, "districts") == 0 and audit_rows(db) == []


def test_a_stale_version_is_rejected_and_changes_nothing(db):
    with db.unit_of_work(SYSTEM) as uow:
        district = uow.insert("districts", {"code": "N", "name": "North"})
    with db.unit_of_work(SYSTEM) as uow:  # someone else saves first
        uow.update("districts", district["id"], 1, {"name": "North End"})
    with pytest.raises(ConflictError) as conflict:
        with db.unit_of_work(SYSTEM) as uow:
            uow.update("districts", district["id"], 1, {"name": "Northside"})
    assert conflict.value.current["name"] == "North End" and conflict.value.current["version"] == 2
    assert db.one("districts_list")["name"] == "North End"
    assert [r["action"] for r in audit_rows(db)] == ["create", "update"]


def test_soft_deleted_rows_disappear_from_queries_and_can_be_restored(db):
    with db.unit_of_work(SYSTEM) as uow:
        keep = uow.insert("districts", {"code": "K", "name": "Kept"})
        gone = uow.insert("districts", {"code": "G", "name": "Gone"})
    with db.unit_of_work(SYSTEM) as uow:
        uow.delete("districts", gone["id"], 1)
    assert [r["code"] for r in db.rows("districts_list")] == ["K"]
    assert count(db, "districts") == 2  # still stored
    with pytest.raises(NotFound):
        with db.unit_of_work(SYSTEM) as uow:
            uow.update("districts", gone["id"], 2, {"name": "Edited while deleted"})
    with db.unit_of_work(SYSTEM) as uow:
        uow.restore("districts", gone["id"], 2)
    assert sorted(r["code"] for r in db.rows("districts_list")) == ["G", "K"]
    assert keep["id"] != gone["id"]


def test_every_editable_table_has_the_bookkeeping_columns_and_a_live_view(db):
    required = {"version", "created_by", "created_at", "updated_by", "updated_at", "deleted_by", "deleted_at"}
    editable = [t for t in db.catalog.tables.values() if t.versioned]
    assert len(editable) >= 15
    with db.cursor() as cur:
        views = {r[0] for r in cur.execute("select view_name from duckdb_views() where schema_name = 'live'").fetchall()}
    assert {"programs", "events", "businesses", "concerns", "users", "districts"} <= {t.name for t in editable}
    for table in editable:
        assert required <= set(table.columns), table.name
        assert table.name in views, table.name


# queries that must see deleted rows: a survey wave imported again under the name of a deleted one
# brings that wave back (its name stays taken while it is deleted)
READS_DELETED_ROWS = {"survey_waves_by_name.sql"}


def test_named_queries_read_only_the_live_schema():
    from queries.sql_files import SQL_DIR

    for path in SQL_DIR.glob("*.sql"):
        if path.name in READS_DELETED_ROWS:
            assert "deleted" in path.read_text().lower(), f"{path.name} no longer reads deleted rows"
            continue
        text = path.read_text().lower()
        body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("--"))
        if body.lstrip().startswith("select") or body.lstrip().startswith("with"):
            assert "main." not in body, f"{path.name} reads main.* and would see deleted rows"


def test_a_refused_write_changes_nothing_and_is_audited_as_denied(db):
    command = Actor(username="chief", role="command", user_id=None)
    with pytest.raises(PermissionDenied):
        with db.unit_of_work(command) as uow:
            uow.insert("programs", {"name": "Not allowed", "category": "youth", "delivery_kind": "one_off"})
    assert count(db, "programs") == 0
    rows = audit_rows(db)
    assert [(r["action"], r["username"], r["table_name"]) for r in rows] == [("denied", "chief", "programs")]


def test_bulk_insert_is_one_statement_and_one_import_audit_row(db):
    import pandas as pd

    frame = pd.DataFrame({"code": ["A", "B", "C"], "name": ["Alpha", "Bravo", "Charlie"]})
    with db.unit_of_work(SYSTEM) as uow:
        assert uow.bulk_insert("districts", frame, detail="test") == 3
    assert count(db, "districts") == 3
    rows = audit_rows(db)
    assert len(rows) == 1 and rows[0]["action"] == "import" and json.loads(rows[0]["detail"])["rows"] == 3


def test_values_are_bound_not_spliced(db):
    hostile = "x'); drop table districts; --"
    with db.unit_of_work(PREVENTION) as uow:
        uow.insert("organizations", {"name": hostile, "org_type": "civic"})
    with db.cursor() as cur:
        assert cur.execute("select name from organizations").fetchone()[0] == hostile
    assert count(db, "districts") == 0  # the table still exists


def test_unknown_identifiers_are_refused_before_any_sql_runs(db):
    with pytest.raises(ValueError):
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts; drop table users", {"code": "x"})
    with pytest.raises(ValueError):
        with db.unit_of_work(SYSTEM) as uow:
            uow.insert("districts", {"code": "x", "name = 'y'; --": "z"})
    assert audit_rows(db) == []


def test_a_district_other_records_refer_to_can_still_be_updated_and_deleted(db):
    with db.unit_of_work(SYSTEM) as uow:
        district = uow.insert("districts", {"code": "N", "name": "North"})
        uow.insert("businesses", {"name": "Deli", "address": "1 Main St", "district_id": district["id"]})
    with db.unit_of_work(SYSTEM) as uow:
        renamed = uow.update("districts", district["id"], 1, {"name": "North End", "population": 12000})
        uow.delete("districts", district["id"], renamed["version"])
    assert db.one("districts_id_by_code", code="N") is None
