import math

import numpy as np
import pandas as pd
import pytest

from core.validate import (
    FieldError,
    format_phone,
    non_negative_int,
    normalize_email,
    normalize_phone,
    optional_float_in_range,
    require_text,
)
from tests.realdata import REALDATA, realdata

# ---------- phones ----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("617-555-1234", "+16175551234"),
        ("(617) 555-1234", "+16175551234"),
        ("1 617 555 1234", "+16175551234"),
        ("+1 617.555.1234", "+16175551234"),
        ("617-555-1234 x12", "+16175551234;ext=12"),
        ("(617) 555-1234 ext. 12", "+16175551234;ext=12"),
        ("617 555 1234 #12", "+16175551234;ext=12"),
        ("+16175551234;ext=12", "+16175551234;ext=12"),  # idempotent
        ("+44 20 7946 0958", "+442079460958"),
        ("", None),
        ("   ", None),
        (None, None),
        (math.nan, None),
    ],
)
def test_normalize_phone(text, expected):
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text, reason",
    [
        ("+10000000000", "not a valid phone number"),  # placeholder in Boston's data
        ("555-1234", "not a valid phone number"),  # no area code
        ("12", "too few digits"),
        ("617-555-1234-9999-0", "too many digits"),
        ("call the front desk", "is not a phone number"),
        ("+999 1234 5678", "unknown country code"),
    ],
)
def test_invalid_phones_are_refused(text, reason):
    with pytest.raises(FieldError) as caught:
        normalize_phone(text, field="contact_phone")
    assert caught.value.field == "contact_phone"
    assert reason in caught.value.message
    assert str(caught.value).startswith("contact_phone: ")


def test_normalize_phone_uses_the_region_for_national_numbers():
    assert normalize_phone("020 7946 0958", region="GB") == "+442079460958"


@pytest.mark.parametrize(
    "e164, expected",
    [
        ("+16175551234", "(617) 555-1234"),
        ("+16175551234;ext=12", "(617) 555-1234 x12"),
        ("+442079460958", "+44 20 7946 0958"),
        ("+442079460958;ext=3", "+44 20 7946 0958 x3"),
        (None, ""),
        ("", ""),
        ("not a number", "not a number"),  # legacy text is shown, not hidden
    ],
)
def test_format_phone(e164, expected):
    assert format_phone(e164) == expected


def test_format_phone_national_is_relative_to_the_region():
    assert format_phone("+442079460958", region="GB") == "020 7946 0958"
    assert format_phone("+16175551234", region="GB") == "+1 617-555-1234"


@realdata
def test_real_business_day_phones():
    food = pd.read_csv(
        REALDATA / "boston_food_establishment_licenses_2015.csv", dtype=str, keep_default_na=False
    )
    good, bad = [], []
    for text in food["DAYPHN"]:
        try:
            good.append(normalize_phone(text))
        except FieldError:
            bad.append(text)
    # 333 "+10000000000" placeholders and 95 more with area code 000 are all
    # refused, as are made-up area codes and "+11234567890"
    assert bad.count("+10000000000") == 333
    assert sum(p.startswith("+1000") for p in bad) == 428
    assert "+11234567890" in bad and "+16170000000" in bad
    assert (len(good), len(bad)) == (2444, 447)
    assert all(p.startswith("+1") and len(p) == 12 for p in good)
    assert format_phone("+13392372645") == "(339) 237-2645"


# ---------- email ----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("John.Smith@Example.COM", "John.Smith@example.com"),
        ("  officer@city.gov ", "officer@city.gov"),
        ("o'brien@PD.Waterbury.CT.US", "o'brien@pd.waterbury.ct.us"),
        ("user@MÜNCHEN.de", "user@münchen.de"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_email(text, expected):
    assert normalize_email(text) == expected


@pytest.mark.parametrize("text", ["bad", "a@b", "a@@b.com", "two words@city.gov", "x@localhost"])
def test_invalid_emails_are_refused(text):
    with pytest.raises(FieldError) as caught:
        normalize_email(text)
    assert caught.value.field == "email"
    assert caught.value.message


def test_email_check_never_uses_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("email validation tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert normalize_email("someone@no-such-domain-for-tests.org") == "someone@no-such-domain-for-tests.org"


# ---------- small helpers ----------


def test_require_text():
    assert require_text("  Block Watch  ", "name", 20) == "Block Watch"
    assert require_text(42, "name", 5) == "42"
    for blank in ("", "   ", None, math.nan):
        with pytest.raises(FieldError, match="name: is required"):
            require_text(blank, "name", 10)
    with pytest.raises(FieldError) as caught:
        require_text("x" * 11, "title", 10)
    assert caught.value.field == "title"
    assert caught.value.message == "is 11 characters long; the limit is 10."


@pytest.mark.parametrize(
    "value, expected",
    [(0, 0), (12, 12), ("12", 12), (" 7 ", 7), ("1,200", 1200), (12.0, 12), (np.int64(5), 5), ("+3", 3)],
)
def test_non_negative_int(value, expected):
    result = non_negative_int(value, "headcount")
    assert result == expected and type(result) is int


@pytest.mark.parametrize(
    "value, reason",
    [
        (-1, "cannot be negative"),
        ("-4", "cannot be negative"),
        (2.5, "whole number"),
        ("2.5", "whole number"),
        ("ten", "whole number"),
        ("1,20", "whole number"),
        (True, "true/false"),
        ("", "is required"),
        (None, "is required"),
        (math.nan, "is required"),
    ],
)
def test_non_negative_int_refuses(value, reason):
    with pytest.raises(FieldError) as caught:
        non_negative_int(value, "headcount")
    assert caught.value.field == "headcount"
    assert reason in caught.value.message


def test_optional_float_in_range():
    assert optional_float_in_range("42.35", "lat", -90, 90) == 42.35
    assert optional_float_in_range(-90, "lat", -90, 90) == -90.0  # inclusive
    assert optional_float_in_range(90.0, "lat", -90, 90) == 90.0
    for blank in ("", "  ", None, math.nan):
        assert optional_float_in_range(blank, "lat", -90, 90) is None
    for value, reason in [
        (90.5, "must be between -90 and 90 (got 90.5)."),
        ("north", "must be a number, not 'north'."),
        ("inf", "must be a finite number."),
        (False, "must be a number, not true/false."),
    ]:
        with pytest.raises(FieldError) as caught:
            optional_float_in_range(value, "lat", -90, 90)
        assert (caught.value.field, caught.value.message) == ("lat", reason)
