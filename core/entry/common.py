"""Shared pieces of the entry forms and imports: collecting field problems,
parsing dates and times, and looking up the records a form refers to.

Every entry module validates the whole input first and raises one
ValidationError naming each bad field with its reason, so a form can show
every message at once and an import can report row, column and reason.
Lookups run on the unit of work's cursor, so a check and the write it guards
see the same data.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Any, Callable

from core.validate import FieldError, _blank
from core.vocabulary import words_for
from queries.errors import ValidationError
from queries.unit_of_work import UnitOfWork

MAX_TEXT = 2000
MAX_NAME = 200


class Problems:
    """Field -> reason, filled while a whole input is checked."""

    def __init__(self) -> None:
        self.items: dict[str, str] = {}

    def check(self, field: str, parse: Callable, /, *args, **kwargs) -> Any:
        try:
            return parse(*args, **kwargs)
        except FieldError as error:
            self.items.setdefault(field, error.message)
            return None

    def add(self, field: str, reason: str) -> None:
        self.items.setdefault(field, reason)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(dict(self.items))


def blank(value: Any) -> bool:
    return _blank(value)


def one(uow: UnitOfWork, query: str, /, **params: Any) -> dict | None:
    result = uow.execute(query, **params)
    row = result.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in result.description], row))


def optional_text(value: Any, field: str, max_len: int = MAX_TEXT) -> str | None:
    if blank(value):
        return None
    text = str(value).strip()
    if len(text) > max_len:
        raise FieldError(field, f"is {len(text)} characters long; the limit is {max_len}.")
    return text


_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y")
_TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p")


def parse_date(value: Any, field: str, required: bool = True) -> date | None:
    if blank(value):
        if required:
            raise FieldError(field, "is required.")
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) >= 19 and text[10] in " T":   # a spreadsheet's "2026-11-21 00:00:00"
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FieldError(field, f"'{text}' is not a date; write it as 2026-11-21 or 11/21/2026.")


def parse_datetime(value: Any, field: str) -> datetime:
    """A date and a time: 2026-11-21 10:00, 11/21/2026 10:00 AM, or a datetime."""
    if blank(value):
        raise FieldError(field, "is required.")
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        raise FieldError(field, "needs a time as well as a date.")
    text = " ".join(str(value).strip().replace("T", " ").split())
    for dfmt in _DATE_FORMATS:
        for tfmt in _TIME_FORMATS:
            try:
                return datetime.strptime(text, f"{dfmt} {tfmt}")
            except ValueError:
                continue
    raise FieldError(field, f"'{text}' is not a date and time; write it as 2026-11-21 10:00.")


def combine(day: date | None, clock: time | None, field: str) -> datetime:
    if day is None or clock is None:
        raise FieldError(field, "needs a date and a time.")
    return datetime.combine(day, clock).replace(second=0, microsecond=0)


def parse_bool(value: Any, field: str, default: bool) -> bool:
    if blank(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        if value in (0, 1):
            return bool(value)
    text = str(value).strip().lower()
    if text in ("yes", "y", "true", "t", "1", "x"):
        return True
    if text in ("no", "n", "false", "f", "0"):
        return False
    raise FieldError(field, f"'{value}' is not yes or no.")


def choice(value: Any, field: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
    if blank(value):
        if required:
            raise FieldError(field, "is required.")
        return None
    words = words_for(allowed)
    typed = str(value).strip().lower()
    by_word = {label.lower(): code for code, label in words.items()}
    text = by_word.get(typed) or typed.replace(" ", "_").replace("-", "_")     # its label, or its code
    if text not in allowed:
        raise FieldError(field, f"'{value}' is not one of {', '.join(words[code] for code in allowed)}.")
    return text


def district_id(uow: UnitOfWork, value: Any, field: str = "district", required: bool = False) -> int | None:
    """A district given by id (forms) or by code (files); an unknown one is refused."""
    if blank(value):
        if required:
            raise FieldError(field, "is required.")
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        row = one(uow, "districts_by_id", id=value)
    else:
        row = one(uow, "districts_by_code", code=str(value))
    if row is None:
        raise FieldError(field, f"there is no district '{value}'.")
    return int(row["id"])


def positive_id(value: Any, field: str) -> int:
    if blank(value):
        raise FieldError(field, "is required.")
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise FieldError(field, f"'{value}' is not a record number.") from None
    if isinstance(number, bool) or number <= 0:
        raise FieldError(field, f"'{value}' is not a record number.")
    return number


def user_id(uow: UnitOfWork, p: Problems, value: Any, field: str) -> int | None:
    """An optional user given by id (an officer, a liaison, a lead); an unknown one is noted in `p`."""
    if blank(value):
        return None
    found = p.check(field, positive_id, value, field)
    if found is not None and one(uow, "user_by_id", id=found) is None:
        p.add(field, f"there is no active user {found}.")
    return found


def non_negative_number(value: Any, field: str) -> float:
    """A figure such as dollars raised or hours: 0 or more, finite."""
    if blank(value):
        raise FieldError(field, "is required.")
    if isinstance(value, bool):
        raise FieldError(field, "must be a number, not true/false.")
    try:
        number = float(str(value).strip().replace(",", "").lstrip("$")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise FieldError(field, f"must be a number, not '{value}'.") from None
    if not math.isfinite(number):
        raise FieldError(field, "must be a finite number.")
    if number < 0:
        raise FieldError(field, f"cannot be negative ({number:g}).")
    return number
