"""Field validation shared by entry forms and file imports.

Each helper returns the cleaned value or raises FieldError naming the field,
so a form can show the message beside the widget and an import can report
"row 12, phone: ...".
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult


class FieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):  # pandas' empty cell
        return True
    return isinstance(value, str) and not value.strip()


_POSSIBLE_REASONS = {
    ValidationResult.TOO_SHORT: "has too few digits",
    ValidationResult.TOO_LONG: "has too many digits",
    ValidationResult.INVALID_COUNTRY_CODE: "has an unknown country code",
    ValidationResult.INVALID_LENGTH: "has the wrong number of digits",
}


_PARSE_REASONS = {
    NumberParseException.INVALID_COUNTRY_CODE: "has an unknown country code",
    NumberParseException.TOO_SHORT_NSN: "has too few digits",
    NumberParseException.TOO_SHORT_AFTER_IDD: "has too few digits",
    NumberParseException.TOO_LONG: "has too many digits",
}


def normalize_phone(text: Any, region: str = "US", field: str = "phone") -> str | None:
    """E.164 (plus ";ext=N" when there is an extension); blank -> None."""
    if _blank(text):
        return None
    raw = str(text).strip()
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as exc:
        why = _PARSE_REASONS.get(exc.error_type, "is not a phone number")
        raise FieldError(field, f"'{raw}' {why}.") from None
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in _POSSIBLE_REASONS:
        raise FieldError(field, f"'{raw}' {_POSSIBLE_REASONS[reason]}.")
    # is_valid_number knows real area codes and exchanges, so placeholders
    # such as +10000000000 (common in city data) are refused here.
    if not phonenumbers.is_valid_number(number):
        raise FieldError(field, f"'{raw}' is not a valid phone number.")
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    # RFC 3966 spelling: phonenumbers parses it back, so this is idempotent.
    return f"{e164};ext={number.extension}" if number.extension else e164


# A stored North American number without extension: phonenumbers' national format is always
# "(AAA) EEE-SSSS" for it (tests/test_validate.py checks this against the library), and parsing
# costs ~0.1 ms, which a large city's 180,000 phones turned into seconds on every list.
_NANP_E164 = re.compile(r"\+1([2-9]\d\d)([2-9]\d\d)(\d{4})")


@functools.lru_cache(maxsize=8192)
def format_phone(e164: str | None, region: str = "US") -> str:
    """Readable form: national for the home country, international otherwise.

    Values that do not parse (legacy rows) are shown unchanged, not hidden. Remembered: every table
    with a phone column writes its numbers on every rerun (components/tables.py), and a number
    already written for people goes through the parser again.
    """
    if _blank(e164):
        return ""
    if region == "US" and isinstance(e164, str) and (nanp := _NANP_E164.fullmatch(e164)):
        return "({}) {}-{}".format(*nanp.groups())
    try:
        number = phonenumbers.parse(str(e164), region)
    except NumberParseException:
        return str(e164)
    extension = number.extension
    number.extension = None
    local = number.country_code == phonenumbers.country_code_for_region(region)
    style = PhoneNumberFormat.NATIONAL if local else PhoneNumberFormat.INTERNATIONAL
    shown = phonenumbers.format_number(number, style)
    return f"{shown} x{extension}" if extension else shown


def normalize_email(text: Any, field: str = "email") -> str | None:
    """Syntax check only (no DNS: the app may run offline); blank -> None."""
    if _blank(text):
        return None
    try:
        result = validate_email(str(text).strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise FieldError(field, str(exc)) from None
    # the local part is case-sensitive by the standard; the domain is not
    local, _, domain = result.normalized.rpartition("@")
    return f"{local}@{domain.lower()}"


def require_text(value: Any, field: str, max_len: int) -> str:
    """Stripped non-empty text no longer than max_len characters."""
    if _blank(value):
        raise FieldError(field, "is required.")
    text = str(value).strip()
    if len(text) > max_len:
        raise FieldError(field, f"is {len(text)} characters long; the limit is {max_len}.")
    return text


_GROUPED_INT = re.compile(r"^\d{1,3}(,\d{3})+$")  # "1,200" from spreadsheets


def non_negative_int(value: Any, field: str) -> int:
    """A count such as a headcount: 0, 12, "12", "1,200" or 12.0 from Excel."""
    if _blank(value):
        raise FieldError(field, "is required.")
    if isinstance(value, bool):
        raise FieldError(field, "must be a whole number, not true/false.")
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real):
        if not float(value).is_integer():
            raise FieldError(field, f"must be a whole number, not {value}.")
        number = int(value)
    else:
        text = str(value).strip()
        if _GROUPED_INT.match(text):
            text = text.replace(",", "")
        if not re.fullmatch(r"[+-]?\d+", text):
            raise FieldError(field, f"must be a whole number, not '{text}'.")
        number = int(text)
    if number < 0:
        raise FieldError(field, f"cannot be negative ({number}).")
    return number


def optional_float_in_range(value: Any, field: str, lo: float, hi: float) -> float | None:
    """A number within [lo, hi] inclusive, or None when left blank."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise FieldError(field, "must be a number, not true/false.")
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise FieldError(field, f"must be a number, not '{value}'.") from None
    if not math.isfinite(number):
        raise FieldError(field, "must be a finite number.")
    if not lo <= number <= hi:
        raise FieldError(field, f"must be between {lo:g} and {hi:g} (got {number:g}).")
    return number
