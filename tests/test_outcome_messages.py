"""What the screen says about the user's last action ("Organization saved.", "Password changed.")
stays through every run the user did not ask for, and goes once they act again or leave the page.

A save reruns the page so that everything shows the saved state, and that next run draws the
message. Drawn by that one run only, the message was lost whenever another run followed before
the user looked: the browser reconnecting its websocket and running the page again, a request
that preempted the run, the session timer's run. The user was then told nothing about a save that
had happened. Here `at.run()` with no action is such a run.
"""

from __future__ import annotations

from core.entry import organizations
from queries.actor import SYSTEM
from queries.db import Database
from tests.apptest_support import PASSWORD, page_file
from tests.entry_support import open_page

SAVED = "Organization saved."
CONFLICT = "Someone else saved this record"


def successes(at) -> list[str]:
    return [s.value.replace("\\", "") for s in at.success]


def save_button(at):
    return [b for b in at.button if b.label == "Save organization"][-1]      # the edit form's, not "Add"'s


def saved_organization(world_path, name: str, org_type: str, notes: str):
    """An organization of the world, opened by the Crime Prevention officer on the Organizations
    page, its notes typed and saved: (the database, its id, the page)."""
    path, world = world_path
    db = Database(path)
    with db.unit_of_work(SYSTEM) as uow:
        oid = uow.insert("organizations", {"name": name, "org_type": org_type, "district_id": world.south})["id"]
    at = open_page("cpo", "organizations.py")
    at.selectbox(key="orgs_pick").set_value(oid).run()
    at.text_area(key=f"edit_org_{oid}_0_notes").input(notes)
    save_button(at).click().run()
    assert not at.exception, at.exception
    return db, oid, at


def test_a_saved_organization_is_said_through_a_run_nobody_asked_for_and_not_after_the_next_save(world_path):
    _, world = world_path
    db, oid, at = saved_organization(world_path, "Maple Block Watch", "block_watch", "mine")
    assert organizations.organization(db, oid)["notes"] == "mine"
    assert SAVED in successes(at)

    at.run()                       # a run the user did not ask for
    assert SAVED in successes(at)
    at.run()
    assert SAVED in successes(at)

    # someone else saves; the user's next save is refused: only that refusal is said now
    current = organizations.organization(db, oid)
    organizations.update_organization(db, world.admin, oid, current["version"],
                                      {**current, "district": "S", "notes": "theirs"})
    at.text_area(key=f"edit_org_{oid}_0_notes").input("mine again")
    save_button(at).click().run()
    assert any(CONFLICT in w.value for w in at.warning)
    assert SAVED not in successes(at)
    assert organizations.organization(db, oid)["notes"] == "theirs"


def test_a_saved_organization_is_not_said_again_after_the_user_leaves_the_page(world_path):
    _, _, at = saved_organization(world_path, "Elm Tenant Group", "tenant_group", "met the manager")
    assert SAVED in successes(at)
    at.switch_page(page_file("events.py")).run()
    assert SAVED not in successes(at)
    at.switch_page(page_file("organizations.py")).run()
    assert not at.exception, at.exception
    assert SAVED not in successes(at)


def test_a_changed_password_is_said_through_a_run_nobody_asked_for_and_not_on_the_next_page(world_path):
    at = open_page("cpo", "account.py")
    fields = {t.label: t for t in at.text_input}
    fields["Current password"].input(PASSWORD)
    fields["New password"].input("a much longer passphrase 2026")
    fields["New password again"].input("a much longer passphrase 2026")
    [b for b in at.button if b.label == "Change password"][0].click().run()
    assert not at.exception, at.exception
    assert "Password changed." in successes(at)
    at.run()
    assert "Password changed." in successes(at)
    at.switch_page(page_file("organizations.py")).run()
    assert "Password changed." not in successes(at)
