"""District codes as people write them: which district a record's district text names.

`match_district_texts` reads each distinct text once (an import calls it once per distinct
district text, never per row) and tries these rules in order; the first that names exactly one
district wins, and its name is what the import's summary counts:

1. "code as written": the text, trimmed, is a district's code.
2. "saved mapping": the text, upper-cased with its spaces collapsed (`mapping_key`), was mapped to a
   district once (Crime data page, or `cli.py import incidents --district-map FILE`).
3. "code ignoring case and spaces": "central", " CENTRAL ", "b 2" for CENTRAL and B2.
4. "number without zeros or prefix": both the text and the codes are read as a number after
   dropping punctuation, a leading word (DISTRICT, DIST, D, PRECINCT, PCT, P, AREA, DIVISION,
   DIV, BEAT, SECTOR, ZONE, WARD, NO), an ordinal ending (1ST, 2ND, 3RD, 4TH) and a trailing
   word (DISTRICT, PRECINCT, AREA, DIVISION): "001", "D1", "District 1", "1st", "1ST DISTRICT",
   "Precinct 001", "#1" and "1.0" (a spreadsheet's float) all read as 1 and name the district
   whose code reads as 1 ("1", "01", "D1"), when exactly one code does.
5. "district name": the text, ignoring case and spaces, is a district's name ("First District").

A text that no rule matches, or that a rule would match to two districts, names no district: the
import places such rows by their location and lists the text with its row count so it can be
mapped once and for all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

RULES = ("code as written", "saved mapping", "code ignoring case and spaces",
         "number without zeros or prefix", "district name")

_PUNCTUATION = re.compile(r"[.#:_\-/]+")
_FLOAT_ZERO = re.compile(r"(?<=\d)\.0+$")      # "7.0": a number a spreadsheet wrote as a float
_NUMBER = re.compile(
    r"^(?:(?:DISTRICT|DIST|D|PRECINCT|PCT|P|AREA|DIVISION|DIV|BEAT|SECTOR|ZONE|WARD|NO)\s*)?"
    r"0*(\d+)\s*(?:ST|ND|RD|TH)?"
    r"(?:\s*(?:DISTRICT|PRECINCT|AREA|DIVISION))?$")


@dataclass(frozen=True)
class District:
    id: int
    code: str
    name: str | None = None


def mapping_key(text: str) -> str:
    """The form a district text is compared and saved in: trimmed, upper-cased, spaces collapsed."""
    return " ".join(str(text).split()).upper()


def number_key(text: str) -> str | None:
    """The number a district text stands for ("001", "D1", "1st District" -> "1"), or None."""
    cleaned = " ".join(_PUNCTUATION.sub(" ", _FLOAT_ZERO.sub("", mapping_key(text))).split())
    match = _NUMBER.match(cleaned)
    return str(int(match.group(1))) if match else None


def _unique(pairs: Iterable[tuple[str | None, int]]) -> dict[str, int]:
    """key -> district id, leaving out keys that two districts share (ambiguous)."""
    found: dict[str, set[int]] = {}
    for key, district_id in pairs:
        if key:
            found.setdefault(key, set()).add(district_id)
    return {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}


def match_district_texts(texts: Iterable[str], districts: Iterable[District],
                         saved: Mapping[str, int] | None = None) -> dict[str, tuple[int, str]]:
    """{text: (district id, rule)} for each text some rule matches (see the module's rules).
    `saved`: mapping_key(text) -> district id, the saved district mapping."""
    districts = list(districts)
    saved = saved or {}
    exact = _unique((d.code.strip(), d.id) for d in districts)
    folded = _unique((mapping_key(d.code).replace(" ", ""), d.id) for d in districts)
    numbers = _unique((number_key(d.code), d.id) for d in districts)
    names = _unique((mapping_key(d.name) if d.name else None, d.id) for d in districts)
    out: dict[str, tuple[int, str]] = {}
    for text in texts:
        if text is None or not str(text).strip():
            continue
        key = mapping_key(text)
        for rule, found in (("code as written", exact.get(str(text).strip())),
                            ("saved mapping", saved.get(key)),
                            ("code ignoring case and spaces", folded.get(key.replace(" ", ""))),
                            ("number without zeros or prefix", numbers.get(number_key(text) or "")),
                            ("district name", names.get(key))):
            if found is not None:
                out[text] = (found, rule)
                break
    return out
