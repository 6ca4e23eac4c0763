"""Fixtures: fresh databases built from the real migrations under tmp_path."""

from __future__ import annotations

import os

# cheap bcrypt for the many accounts tests create (production uses 12 rounds)
os.environ.setdefault("COMMUNITY_BCRYPT_ROUNDS", "4")

import shutil
from datetime import date
from pathlib import Path

import pytest

from queries.actor import SYSTEM, Actor
from queries.db import Database
from tests.database_support import copy_of, new_database

DEMO_TODAY = date(2026, 11, 15)

# postgres_server, postgres_url: a throwaway PostgreSQL cluster, started only for tests that ask
pytest_plugins = ["tests.postgres_support"]


@pytest.fixture
def db(tmp_path) -> Database:
    database = new_database(tmp_path / "test.duckdb")
    yield database
    database.close()


@pytest.fixture
def two_districts(db) -> tuple[int, int]:
    with db.unit_of_work(SYSTEM) as uow:
        north = uow.insert("districts", {"code": "N", "name": "North"})["id"]
        south = uow.insert("districts", {"code": "S", "name": "South"})["id"]
    return north, south


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo town, built once per test run; copy it before writing (see demo_db)."""
    from demo.town import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    database = Database(path)
    build_demo(database, seed=2026, today=DEMO_TODAY)
    database.close()
    return path


@pytest.fixture
def demo_path(demo_file, tmp_path) -> Path:
    """A private copy of the demo database file, for tests that write or start the app."""
    target = tmp_path / "community.duckdb"
    shutil.copyfile(demo_file, target)
    return target


@pytest.fixture
def demo_db(demo_path) -> Database:
    database = Database(demo_path)
    yield database
    database.close()


@pytest.fixture
def world_path(tmp_path, monkeypatch):
    """The data-entry pages' world (tests/entry_support.build_world) in a file the app opens."""
    path = tmp_path / "entry.duckdb"
    world = copy_of(_entry_world, path)
    monkeypatch.setenv("COMMUNITY_DB", str(path))
    monkeypatch.setenv("COMMUNITY_COOKIE_KEY", "test-cookie-key-" + "x" * 40)
    return path, world


@pytest.fixture
def world(tmp_path):
    """The data-entry tests' world (tests/entry_support.build_world) in a new database of its own:
    a copy of one built once per test process (0.04 s instead of 0.27 s of writes)."""
    from dataclasses import replace

    path = tmp_path / "world.duckdb"
    built = copy_of(_entry_world, path)
    database = Database(path)
    yield replace(built, db=database)
    database.close()


def _entry_world(path: Path):
    """The entry world built into `path` and closed, for copy_of (built once per test process); its
    `db` is None: the app opens the file."""
    from dataclasses import replace

    from tests.entry_support import build_world

    db = new_database(path)
    world = build_world(db)
    db.close()
    return replace(world, db=None)


def officer(user_id: int, *district_ids: int) -> Actor:
    return Actor(username=f"officer{user_id}", role="officer", user_id=user_id,
                 district_ids=frozenset(district_ids))


def pytest_terminal_summary(terminalreporter):
    from tests.figures_report import summary

    summary(terminalreporter)


# The slowest files (a minute or more each), started first so that they do not finish last; then
# the other files with browser tests (each starts a server and Chromium), then the rest.
# pytest-xdist (--dist loadfile --no-loadscope-reorder, test.sh) deals the files to the workers in
# collection order.
SLOWEST_FIRST = ("tests/test_bench.py", "tests/test_browser_vocabulary.py", "tests/test_browser_hostile.py",
                 "tests/test_browser_sign_in.py", "tests/test_reliability.py", "tests/test_browser_concurrency.py",
                 "tests/test_browser_hardening.py", "tests/test_browser_identity.py", "tests/test_deploy_cluster.py")


def pytest_collection_modifyitems(items):
    rank = {path: index for index, path in enumerate(SLOWEST_FIRST)}
    browser = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("browser")}

    def order(item) -> int:
        path = item.nodeid.split("::")[0]
        return rank.get(path, len(rank) + (path not in browser))

    items.sort(key=order)      # stable: a file's tests keep their order
