"""The question map: what each column of a survey export means. Written as JSON, checked here with
an error naming the bad entry, and saved by name (import_mappings, kind 'surveys') to be used again
for the next wave.

    {
      "area": {"column": "counci", "lookup": "Council district", "unknown": ["", "99"]},
      "weight": "weight",
      "scales": {"satisfied": {"values": {"1": "Very dissatisfied", ..., "5": "Very satisfied"},
                               "top_answer": ["4", "5"], "dont_know": ["9"], "missing": ["NA"]}},
      "questions": {
        "q3_01": {"measure": "satisfied_police", "scale": "satisfied"},
        "burglary": {"measure": "problem", "subject": "burglary", "scale": {...}},
        "comments": {"free_text": true}
      }
    }

- area: where the respondent lives, one of
    {"column": C, "unknown": [...]}                         C holds district codes;
    {"column": C, "lookup": L, "unknown": [...]}            C holds codes of the saved lookup L (ZIP, ward);
    {"latitude": A, "longitude": B, "unknown": [...]}       a point, placed in the district boundaries.
  "unknown" lists the codes (or coordinate texts) meaning the area is not known; "" is a blank cell.
  Such respondents are kept with no district; any other code that names no district refuses the file.
- weight: the column of survey weights (optional; without it every respondent counts once).
- questions: per file column, a measure (core.vocabulary.SURVEY_MEASURES) with its scale, and for
  "problem" the subject (a crime type code or a concern category); or {"free_text": true}: the text is
  kept as a comment (survey_comments). Columns the map does not name are never stored.
- a scale: "values" (code -> label, every answer the question allows), "top_answer" (the codes the
  measure's headline share counts: feels safe, trusts, satisfied, rates the problem serious, yes),
  "reversed" (true when the scale runs from favourable to unfavourable, 1 = very safe: the stored answer
  is turned round so that on every stored scale a higher answer is more favourable), "dont_know" and
  "missing" (codes kept out of every share's base and not stored). A blank cell is always missing.
  A scale is written in the question, or named from "scales".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from core.entry.concerns import CATEGORIES as CONCERN_CATEGORIES
from core.surveys.areas import lookups, normal_code
from core.vocabulary import CONCERN_CATEGORIES as CONCERN_WORDS, SURVEY_MEASURES
from queries.actor import Actor
from queries.db import Database
from queries.errors import DataError, ValidationError

KIND = "surveys"           # import_mappings.kind of a saved question map
ARROW = " → "
MEASURES = tuple(SURVEY_MEASURES)
_TOP_LEVEL = ("area", "weight", "scales", "questions")
_SCALE_KEYS = ("values", "top_answer", "reversed", "dont_know", "missing")
# a column whose name says it identifies or locates a person is never kept as free text
_PERSONAL = {"id", "address", "addr", "street", "email", "mail", "phone", "telephone", "tel", "mobile", "name",
             "firstname", "lastname", "surname", "lat", "latitude", "lon", "long", "longitude", "respondent",
             "respid", "respondentid", "caseid", "zip", "zipcode", "postcode", "ip", "ipaddress"}


@dataclass(frozen=True)
class Scale:
    values: tuple[tuple[str, str], ...]        # (code, label) in the order written
    top_answer: frozenset[str]
    reversed: bool = False
    dont_know: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.values)

    def label(self, code: str) -> str:
        return dict(self.values)[code]

    def answers(self) -> dict[str, float]:
        """The stored answer of each code: the code's number when every code is a number, else its
        place in the order written (1, 2, ...); a reversed scale turned round."""
        try:
            numbers = {code: float(code) for code in self.codes}
        except ValueError:
            numbers = {code: float(place) for place, code in enumerate(self.codes, start=1)}
        if self.reversed:
            low, high = min(numbers.values()), max(numbers.values())
            numbers = {code: low + high - number for code, number in numbers.items()}
        return numbers

    def describe(self) -> str:
        """The allowed codes in words for a refusal: '1, 2, 3; don't know 9; missing NA'."""
        text = ", ".join(self.codes)
        if self.dont_know:
            text += "; don't know " + ", ".join(self.dont_know)
        if self.missing:
            text += "; missing " + ", ".join(self.missing)
        return text

    def as_dict(self) -> dict:
        out: dict = {"values": dict(self.values), "top_answer": [c for c in self.codes if c in self.top_answer]}
        if self.reversed:
            out["reversed"] = True
        if self.dont_know:
            out["dont_know"] = list(self.dont_know)
        if self.missing:
            out["missing"] = list(self.missing)
        return out


@dataclass(frozen=True)
class Question:
    column: str
    measure: str | None = None               # None: free text
    subject: str | None = None
    scale: Scale | None = None
    missing: tuple[str, ...] = ()            # free text: texts that mean no answer ("NA")

    @property
    def free_text(self) -> bool:
        return self.measure is None

    def as_dict(self) -> dict:
        if self.free_text:
            return {"free_text": True, **({"missing": list(self.missing)} if self.missing else {})}
        out = {"measure": self.measure, "scale": self.scale.as_dict()}
        if self.subject is not None:
            out["subject"] = self.subject
        return out


@dataclass(frozen=True)
class Area:
    column: str | None = None                # district codes, or codes of the lookup
    lookup: str | None = None
    latitude: str | None = None
    longitude: str | None = None
    unknown: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "point" if self.latitude else ("lookup" if self.lookup else "district")

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.latitude, self.longitude) if self.kind == "point" else (self.column,)

    def as_dict(self) -> dict:
        out = ({"latitude": self.latitude, "longitude": self.longitude} if self.kind == "point"
               else {"column": self.column, **({"lookup": self.lookup} if self.lookup else {})})
        out["unknown"] = list(self.unknown)
        return out


@dataclass(frozen=True)
class QuestionMap:
    area: Area
    questions: tuple[Question, ...]
    weight: str | None = None

    @property
    def measured(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.free_text)

    @property
    def free_text(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.free_text)

    def columns(self) -> list[str]:
        """Every column the map reads, in the order checked: area, weight, questions."""
        return [*self.area.columns, *([self.weight] if self.weight else []), *(q.column for q in self.questions)]

    def as_dict(self) -> dict:
        return {"area": self.area.as_dict(), **({"weight": self.weight} if self.weight else {}),
                "questions": {q.column: q.as_dict() for q in self.questions}}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)


# A question map to start from: every kind of entry once (the page offers it as a file to download).
EXAMPLE = {
    "area": {"column": "ward", "lookup": "Council district", "unknown": ["", "99"]},
    "weight": "weight",
    "scales": {
        "safe": {"values": {"1": "Very unsafe", "2": "Unsafe", "3": "Neither safe nor unsafe", "4": "Safe",
                            "5": "Very safe"},
                 "top_answer": ["4", "5"], "dont_know": ["9"], "missing": ["NA"]},
        "serious": {"values": {"1": "Not a problem", "2": "A minor problem", "3": "A serious problem"},
                    "top_answer": ["3"], "dont_know": ["9"]},
        "yes_no": {"values": {"1": "Yes", "2": "No"}, "top_answer": ["1"], "dont_know": ["9"]},
    },
    "questions": {
        "q1_day": {"measure": "safe_day", "scale": "safe"},
        "q1_night": {"measure": "safe_night", "scale": "safe"},
        "q2_trust": {"measure": "trust_police",
                     "scale": {"values": {"1": "A great deal", "2": "Somewhat", "3": "Not much", "4": "Not at all"},
                               "top_answer": ["1", "2"], "reversed": True, "dont_know": ["9"]}},
        "q3_burglary": {"measure": "problem", "subject": "burglary", "scale": "serious"},
        "q3_speeding": {"measure": "problem", "subject": "speeding", "scale": "serious"},
        "q4_victim": {"measure": "victim", "scale": "yes_no"},
        "q5_comments": {"free_text": True, "missing": ["NA"]},
    },
}


# -- reading and checking ------------------------------------------------------------------------

class _Problems:
    def __init__(self) -> None:
        self.found: dict[str, str] = {}

    def add(self, where: tuple[str, ...], reason: str) -> None:
        self.found.setdefault(ARROW.join(where), reason)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _codes(value, where: tuple[str, ...], problems: _Problems) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list) or any(isinstance(v, (dict, list, bool)) or v is None for v in value):
        problems.add(where, "give a list of codes, such as [\"9\"].")
        return None
    return tuple(dict.fromkeys(normal_code(v) for v in value))


def _scale(raw, where: tuple[str, ...], problems: _Problems) -> Scale | None:
    if not isinstance(raw, dict):
        problems.add(where, "give the scale: its values with their labels and the top answers.")
        return None
    for key in raw:
        if key not in _SCALE_KEYS:
            problems.add((*where, str(key)), f"is not a part of a scale ({', '.join(_SCALE_KEYS)}).")
    values = raw.get("values")
    if not isinstance(values, dict) or len(values) < 2:
        problems.add((*where, "values"), "give every value the question allows with its label, such as "
                                         "{\"1\": \"Very unsafe\", ..., \"5\": \"Very safe\"}.")
        return None
    pairs: dict[str, str] = {}
    for code, label in values.items():
        code = normal_code(code)
        if not code:
            problems.add((*where, "values"), "a value is blank; a blank cell is always a missing answer.")
        elif code in pairs:
            problems.add((*where, "values"), f"{code} is given twice.")
        elif _text(label) is None:
            problems.add((*where, "values", code), "give the value a label.")
        else:
            pairs[code] = label.strip()
    top = _codes(raw.get("top_answer"), (*where, "top_answer"), problems)
    dont_know = _codes(raw.get("dont_know"), (*where, "dont_know"), problems)
    missing = _codes(raw.get("missing"), (*where, "missing"), problems)
    if top is not None:
        if not top:
            problems.add((*where, "top_answer"), "name the values the headline share counts, such as [\"4\", \"5\"].")
        for code in top:
            if code not in pairs:
                problems.add((*where, "top_answer"), f"{code} is not a value of the scale ({', '.join(pairs)}).")
        if pairs and set(top) >= set(pairs):
            problems.add((*where, "top_answer"), "every value is a top answer; the share would always be 100%.")
    for name, listed in (("dont_know", dont_know), ("missing", missing)):
        for code in listed or ():
            if code in pairs:
                problems.add((*where, name), f"{code} is also a value of the scale.")
            if code == "":
                problems.add((*where, name), "a blank cell is always a missing answer; leave it out.")
    for code in set(dont_know or ()) & set(missing or ()):
        problems.add((*where, "missing"), f"{code} is also a don't-know code.")
    reversed_ = raw.get("reversed", False)
    if not isinstance(reversed_, bool):
        problems.add((*where, "reversed"), "write true or false.")
    elif reversed_ and not all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in pairs):
        problems.add((*where, "reversed"), "only a scale of numbers can be turned round.")
    if top is None or dont_know is None or missing is None:
        return None
    return Scale(tuple(pairs.items()), frozenset(top), reversed_ is True, dont_know, missing)


def _personal(column: str) -> bool:
    words = [w for w in re.split(r"[^a-z0-9]+", column.lower()) if w]
    return "".join(words) in _PERSONAL or any(w in _PERSONAL for w in words)


def _area(raw, problems: _Problems) -> Area | None:
    if not isinstance(raw, dict):
        problems.add(("area",), "say where the respondent lives: {\"column\": ..., \"lookup\": ...} or "
                                "{\"latitude\": ..., \"longitude\": ...}.")
        return None
    for key in raw:
        if key not in ("column", "lookup", "latitude", "longitude", "unknown"):
            problems.add(("area", str(key)), "is not a part of the area (column, lookup, latitude, longitude, "
                                             "unknown).")
    unknown = _codes(raw.get("unknown"), ("area", "unknown"), problems)
    column, lookup = _text(raw.get("column")), raw.get("lookup")
    latitude, longitude = _text(raw.get("latitude")), _text(raw.get("longitude"))
    if lookup is not None and _text(lookup) is None:
        problems.add(("area", "lookup"), "name the saved lookup, such as ZIP or Council district.")
        return None
    if latitude or longitude:
        if column or lookup:
            problems.add(("area",), "give either a column of codes or latitude and longitude, not both.")
        elif not (latitude and longitude):
            problems.add(("area", "longitude" if latitude else "latitude"), "name the column.")
        elif unknown is not None:
            return Area(latitude=latitude, longitude=longitude, unknown=unknown)
        return None
    if not column:
        problems.add(("area", "column"), "name the column that says where the respondent lives.")
        return None
    if unknown is None:
        return None
    return Area(column=column, lookup=_text(lookup), unknown=unknown)


def parse(data) -> QuestionMap:
    """A question map from its JSON text (or the dict it holds); ValidationError names every bad entry
    ("questions → q2_06 → top_answer": reason)."""
    if isinstance(data, QuestionMap):
        return data
    if isinstance(data, (bytes, str)):
        try:
            data = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError({"question map": f"is not JSON ({error})."}) from None
    if not isinstance(data, dict):
        raise ValidationError({"question map": "write it as one JSON object with area, weight and questions."})
    problems = _Problems()
    for key in data:
        if key not in _TOP_LEVEL:
            problems.add((str(key),), f"is not a part of a question map ({', '.join(_TOP_LEVEL)}).")
    area = _area(data.get("area"), problems)
    weight = data.get("weight")
    if weight is not None and _text(weight) is None:
        problems.add(("weight",), "name the weight column, or leave weight out.")
    weight = _text(weight)
    named: dict[str, Scale | None] = {}
    scales = data.get("scales") or {}
    if not isinstance(scales, dict):
        problems.add(("scales",), "give named scales as {\"name\": {scale}}.")
        scales = {}
    for name, raw in scales.items():
        named[name] = _scale(raw, ("scales", name), problems)
    raw_questions = data.get("questions")
    questions: list[Question] = []
    if not isinstance(raw_questions, dict) or not raw_questions:
        problems.add(("questions",), "say what at least one column measures.")
        raw_questions = {}
    used = {*(area.columns if area else ()), *([weight] if weight else [])}
    for column, raw in raw_questions.items():
        where = ("questions", column)
        if _text(column) is None:
            problems.add(where, "a column name is blank.")
            continue
        if column in used:
            problems.add(where, "is the area or weight column; a question is another column.")
            continue
        if not isinstance(raw, dict):
            problems.add(where, "give the measure and scale, or {\"free_text\": true}.")
            continue
        if raw.get("free_text") is True:
            if _personal(column):
                problems.add(where, "its name says it identifies or locates a respondent, which is never kept.")
                continue
            extra = set(raw) - {"free_text", "missing"}
            if extra:
                problems.add((*where, sorted(extra)[0]), "a free-text column takes only free_text and missing.")
                continue
            missing = _codes(raw.get("missing"), (*where, "missing"), problems)
            questions.append(Question(column, missing=missing or ()))
            continue
        extra = set(raw) - {"measure", "subject", "scale"}
        if extra:
            problems.add((*where, sorted(extra)[0]), "is not a part of a question (measure, subject, scale; or "
                                                     "free_text).")
        measure = raw.get("measure")
        if measure not in MEASURES:
            problems.add((*where, "measure"), "give one of: " + "; ".join(
                f"{code} ({words})" for code, words in SURVEY_MEASURES.items()) + ".")
            continue
        subject = _text(raw.get("subject"))
        if measure == "problem" and subject is None:
            problems.add((*where, "subject"), "say which problem: a crime type code (burglary) or a concern "
                                              "category (speeding).")
        elif measure != "problem" and raw.get("subject") is not None:
            problems.add((*where, "subject"), "only a problem question has a subject.")
        scale_raw = raw.get("scale")
        if isinstance(scale_raw, str):
            if scale_raw not in named:
                problems.add((*where, "scale"), f"there is no scale named {scale_raw} under scales.")
                continue
            scale = named[scale_raw]
        else:
            scale = _scale(scale_raw, (*where,), problems)
        if scale is not None:
            questions.append(Question(column, measure, subject if measure == "problem" else None, scale))
    if problems.found:
        raise ValidationError(problems.found)
    return QuestionMap(area, tuple(questions), weight)


def subjects(db: Database) -> dict[str, str]:
    """What a problem question may ask about, in words: the crime types, then the concern categories."""
    found = {row["code"]: row["label"] for row in db.rows("crime_types_list")}
    for code in CONCERN_CATEGORIES:
        found.setdefault(code, CONCERN_WORDS.get(code, code))
    return found


def check_names(db: Database, qmap: QuestionMap) -> None:
    """The names the map takes from the database exist: each problem's subject, the area lookup."""
    problems: dict[str, str] = {}
    known = subjects(db)
    for question in qmap.measured:
        if question.measure == "problem" and question.subject not in known:
            problems[ARROW.join(("questions", question.column, "subject"))] = (
                f"{question.subject} is neither a crime type nor a concern category.")
    if qmap.area.lookup:
        saved = lookups(db)
        if qmap.area.lookup not in saved:
            problems[ARROW.join(("area", "lookup"))] = (
                f"there is no saved area lookup named {qmap.area.lookup}"
                + (f"; the saved lookups are {', '.join(saved)}." if saved else "; none is saved yet."))
    if problems:
        raise ValidationError(problems)


def measure_words(question: Question, subject_words: dict[str, str]) -> str:
    """What a column measures, in words: 'Feel safe by day', 'Call it a serious problem: Burglary'."""
    if question.free_text:
        return "Free text (comments)"
    words = SURVEY_MEASURES[question.measure]
    if question.subject:
        words += ": " + subject_words.get(question.subject, question.subject)
    return words


# -- saved maps -----------------------------------------------------------------------------------

def saved(db: Database) -> dict[str, dict]:
    """The saved question maps by name, as their JSON objects."""
    return {row["name"]: json.loads(row["mapping_json"]) for row in db.rows("import_mappings_for", kind=KIND)}


def load(db: Database, name: str) -> QuestionMap:
    stored = saved(db)
    if name not in stored:
        raise DataError(f"There is no saved question map named {name!r}"
                        + (f"; the saved ones are {', '.join(stored)}." if stored else "; none is saved yet."))
    return parse(stored[name])


def save(db: Database, actor: Actor, name: str, qmap: QuestionMap) -> int:
    """Save (or replace) a question map under a name; returns its id."""
    name = str(name or "").strip()
    if not name or len(name) > 100:
        raise ValidationError({"question map name": "give the question map a name of at most 100 characters."})
    text = json.dumps(parse(qmap).as_dict())      # in the order written: the preview follows it
    with db.unit_of_work(actor) as uow:
        for row in uow.execute("import_mappings_for", kind=KIND).fetchall():
            if row[2] == name:
                return int(uow.update("import_mappings", row[0], row[1], {"mapping_json": text})["id"])
        return int(uow.insert("import_mappings", {"kind": KIND, "name": name, "mapping_json": text})["id"])
