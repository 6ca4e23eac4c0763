"""Where a survey respondent lives: saved area lookups that map a survey's area codes (a ZIP, a council
ward, a supervisor district) to the department's districts (survey_area_codes), and the one way a
code or a scale value in a file is compared ("04" stays "04", an XLSX number 4.0 is "4")."""

from __future__ import annotations

import re

from queries.actor import Actor
from queries.db import Database
from queries.errors import ValidationError

_WHOLE_NUMBER = re.compile(r"^-?\d+\.0+$")


def normal_code(value) -> str:
    """A code as the file writes it, compared as text: spaces around it dropped, and a whole number
    that a workbook stored as 4.0 written 4 (a ZIP's leading zeros are kept)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text.split(".")[0] if _WHOLE_NUMBER.match(text) else text


def lookups(db: Database) -> dict[str, int]:
    """The saved lookups and how many codes each holds."""
    return {row["lookup"]: int(row["codes"]) for row in db.rows("survey_area_codes_lookups")}


def codes(db: Database, lookup: str) -> dict[str, int]:
    """One lookup: code -> district id."""
    return {row["code"]: int(row["district_id"]) for row in db.rows("survey_area_codes_of", lookup=lookup)}


def code_rows(db: Database, lookup: str) -> list[dict]:
    """One lookup's codes with the district each names (code, district_code, district_name)."""
    return db.rows("survey_area_codes_of", lookup=lookup)


def save_codes(db: Database, actor: Actor, lookup: str, pairs: dict[str, str]) -> dict[str, int]:
    """Save the codes of a lookup, each naming a district by its code: a new code is added, a code
    already saved is pointed at the district given. Codes not given are left as they are. Every code
    is checked first; one ValidationError names every bad one and nothing is saved."""
    lookup = str(lookup or "").strip()
    problems: dict[str, str] = {}
    if not lookup:
        problems["lookup"] = "give the lookup a name, such as ZIP or Council district."
    elif len(lookup) > 100:
        problems["lookup"] = f"is {len(lookup)} characters long; the limit is 100."
    districts = {row["code"].upper(): row["id"] for row in db.rows("districts_list")}
    wanted: dict[str, int] = {}
    for code, district in pairs.items():
        code_text = normal_code(code)
        district_text = str(district or "").strip()
        if not code_text:
            problems["code"] = "a code is blank; an area that names no district is declared in the question map."
        elif district_text.upper() not in districts:
            problems[f"code {code_text}"] = f"{district_text or 'a blank'} is not a district code."
        else:
            wanted[code_text] = districts[district_text.upper()]
    if not pairs:
        problems["codes"] = "give at least one code and its district."
    if problems:
        raise ValidationError(problems)
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    with db.unit_of_work(actor) as uow:
        stored = {row[2]: row for row in uow.execute("survey_area_codes_of", lookup=lookup).fetchall()}
        for code, district_id in wanted.items():
            if code not in stored:
                uow.insert("survey_area_codes", {"lookup": lookup, "code": code, "district_id": district_id})
                counts["added"] += 1
            elif stored[code][3] != district_id:
                uow.update("survey_area_codes", stored[code][0], stored[code][1], {"district_id": district_id})
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
    return counts
