from datetime import date

import pytest

from core.periods import (
    PRESETS,
    Period,
    PeriodError,
    last_month,
    month_of,
    parse_period,
    preset,
    quarter_of,
)


def span(period: Period) -> tuple[date, date, str]:
    return period.start, period.end, period.kind


# ---------- parsing ----------


@pytest.mark.parametrize(
    "text, start, end, kind, label",
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31), "month", "October 2026"),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month", "February 2026"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month", "February 2024"),
        (" 2026-1 ", date(2026, 1, 1), date(2026, 1, 31), "month", "January 2026"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter", "Q3 2026"),
        ("2026-q1", date(2026, 1, 1), date(2026, 3, 31), "quarter", "Q1 2026"),
        ("2026Q4", date(2026, 10, 1), date(2026, 12, 31), "quarter", "Q4 2026"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "year", "2026"),
        ("2026-01-01..2026-03-31", date(2026, 1, 1), date(2026, 3, 31), "custom", "1 Jan 2026 to 31 Mar 2026"),
        ("2026-05-07 .. 2026-05-07", date(2026, 5, 7), date(2026, 5, 7), "custom", "7 May 2026 to 7 May 2026"),
    ],
)
def test_parse_period(text, start, end, kind, label):
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.label) == (start, end, kind, label)


@pytest.mark.parametrize("text", ["2026-10", "2026-Q3", "2026", "2026-01-01..2026-03-31"])
def test_key_reads_back_to_the_same_period(text):
    assert parse_period(text).key == text
    assert parse_period(parse_period(text).key) == parse_period(text)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2026-13", "Month must be 01 to 12, not 13."),
        ("2026-00", "Month must be 01 to 12, not 00."),
        ("2026-Q5", "Quarter must be Q1 to Q4, not Q5."),
        ("2026-Q0", "Quarter must be Q1 to Q4, not Q0."),
        ("2026-03-31..2026-01-01", "The range ends (2026-01-01) before it starts (2026-03-31)."),
        ("2026-02-30..2026-03-01", "'2026-02-30' is not a real date (YYYY-MM-DD)."),
        ("1850", "Year 1850 is outside 1900-2199."),
        ("", "No period given; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD."),
        (None, "No period given; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD."),
        ("last tuesday", "'last tuesday' is not a period; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD."),
        ("2026-10-01", "'2026-10-01' is not a period; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD."),
        ("26-10", "'26-10' is not a period; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD."),
    ],
)
def test_bad_periods_are_refused_with_a_clear_message(text, message):
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_period_itself_refuses_reversed_dates_and_unknown_kinds():
    with pytest.raises(PeriodError):
        Period(date(2026, 2, 1), date(2026, 1, 1), "x", "custom")
    with pytest.raises(PeriodError):
        Period(date(2026, 1, 1), date(2026, 1, 1), "x", "week")


def test_days_and_membership():
    q = parse_period("2024-Q1")
    assert q.days == 91  # leap year
    assert date(2024, 2, 29) in q and date(2024, 4, 1) not in q


# ---------- previous ----------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-01", "2025-12"),  # January -> December of the prior year
        ("2026-03", "2026-02"),
        ("2024-03", "2024-02"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026", "2025"),
    ],
)
def test_previous_calendar_unit(text, expected):
    assert parse_period(text).previous() == parse_period(expected)


def test_previous_month_has_its_own_length():
    assert span(parse_period("2024-03").previous()) == (date(2024, 2, 1), date(2024, 2, 29), "month")


def test_previous_custom_is_the_same_length_immediately_before():
    period = parse_period("2026-03-01..2026-03-10")
    before = period.previous()
    assert span(before) == (date(2026, 2, 19), date(2026, 2, 28), "custom")
    assert before.days == period.days == 10
    across_new_year = parse_period("2026-01-01..2026-01-05").previous()
    assert span(across_new_year) == (date(2025, 12, 27), date(2025, 12, 31), "custom")


# ---------- the same period a year before ----------


@pytest.mark.parametrize(
    "text, expected",
    [("2024-02", "2023-02"), ("2026-Q3", "2025-Q3"), ("2026", "2025"), ("2025-02", "2024-02")],
)
def test_year_before_calendar_units(text, expected):
    assert parse_period(text).year_before() == parse_period(expected)


def test_year_before_leap_month_ends_correctly():
    assert parse_period("2024-02").year_before().end == date(2023, 2, 28)
    assert parse_period("2025-02").year_before().end == date(2024, 2, 29)


def test_year_before_custom_handles_feb_29():
    shifted = parse_period("2024-02-29..2024-03-05").year_before()
    assert span(shifted) == (date(2023, 2, 28), date(2023, 3, 5), "custom")
    shifted = parse_period("2024-02-01..2024-02-29").year_before()
    assert span(shifted) == (date(2023, 2, 1), date(2023, 2, 28), "custom")


# ---------- comparisons at the month and year edges, written out by hand ----------


def test_january_s_previous_month_is_december_of_the_year_before():
    january = parse_period("2026-01")
    assert (january.previous().start, january.previous().end) == (date(2025, 12, 1), date(2025, 12, 31))
    assert january.previous().label == "December 2025"
    assert (january.year_before().start, january.year_before().end) == (date(2025, 1, 1), date(2025, 1, 31))
    assert (january.year_to_date().start, january.year_to_date().end) == (date(2026, 1, 1), date(2026, 1, 31))


def test_march_s_previous_month_is_the_whole_of_february():
    assert span(parse_period("2026-03").previous()) == (date(2026, 2, 1), date(2026, 2, 28), "month")
    assert span(parse_period("2024-03").previous()) == (date(2024, 2, 1), date(2024, 2, 29), "month")


def test_29_february_s_year_before_is_28_february():
    leap_day = parse_period("2024-02-29..2024-02-29")
    assert span(leap_day.year_before()) == (date(2023, 2, 28), date(2023, 2, 28), "custom")
    assert span(leap_day.previous()) == (date(2024, 2, 28), date(2024, 2, 28), "custom")
    assert span(leap_day.year_to_date()) == (date(2024, 1, 1), date(2024, 2, 29), "custom")
    # the leap month's year before is the whole of February 2023, and the other way round
    assert span(parse_period("2024-02").year_before()) == (date(2023, 2, 1), date(2023, 2, 28), "month")
    assert span(parse_period("2025-02").year_before()) == (date(2024, 2, 1), date(2024, 2, 29), "month")
    # twelve months to a leap day: a year back from 29 February is 28 February
    assert span(parse_period("2023-03-01..2024-02-29").year_before()) == (
        date(2022, 3, 1), date(2023, 2, 28), "custom")


def test_a_quarter_s_comparisons():
    first = parse_period("2026-Q1")
    assert span(first.previous()) == (date(2025, 10, 1), date(2025, 12, 31), "quarter")
    assert first.previous().label == "Q4 2025"
    assert span(first.year_before()) == (date(2025, 1, 1), date(2025, 3, 31), "quarter")
    assert span(first.year_to_date()) == (date(2026, 1, 1), date(2026, 3, 31), "custom")
    third = parse_period("2026-Q3")
    assert span(third.previous()) == (date(2026, 4, 1), date(2026, 6, 30), "quarter")
    assert span(third.year_before()) == (date(2025, 7, 1), date(2025, 9, 30), "quarter")
    assert span(third.year_to_date()) == (date(2026, 1, 1), date(2026, 9, 30), "custom")
    assert span(parse_period("2024-Q1").year_before()) == (date(2023, 1, 1), date(2023, 3, 31), "quarter")


def test_a_year_s_comparisons():
    assert span(parse_period("2026").previous()) == (date(2025, 1, 1), date(2025, 12, 31), "year")
    assert span(parse_period("2026").year_before()) == (date(2025, 1, 1), date(2025, 12, 31), "year")
    assert span(parse_period("2026").year_to_date()) == (date(2026, 1, 1), date(2026, 12, 31), "custom")


def test_comparisons_name_the_previous_period_last_year_and_year_to_date():
    october = parse_period("2026-10")
    assert {name: span(p) for name, p in october.comparisons().items()} == {
        "previous": (date(2026, 9, 1), date(2026, 9, 30), "month"),
        "last_year": (date(2025, 10, 1), date(2025, 10, 31), "month"),
        "year_to_date": (date(2026, 1, 1), date(2026, 10, 31), "custom"),
    }


def test_params_are_the_bound_query_parameters():
    q3 = parse_period("2026-Q3")
    assert q3.params() == {"start_date": date(2026, 7, 1), "end_date": date(2026, 9, 30)}
    assert q3.previous().params("prev") == {"prev_start": date(2026, 4, 1), "prev_end": date(2026, 6, 30)}


def test_the_month_and_quarter_that_hold_a_day():
    assert span(month_of(date(2024, 2, 29))) == (date(2024, 2, 1), date(2024, 2, 29), "month")
    assert span(month_of(date(2026, 12, 31))) == (date(2026, 12, 1), date(2026, 12, 31), "month")
    assert span(quarter_of(date(2026, 3, 31))) == (date(2026, 1, 1), date(2026, 3, 31), "quarter")
    assert span(quarter_of(date(2026, 10, 1))) == (date(2026, 10, 1), date(2026, 12, 31), "quarter")


# ---------- year to date and presets ----------


def test_year_to_date():
    ytd = parse_period("2026-Q3").year_to_date()
    assert span(ytd) == (date(2026, 1, 1), date(2026, 9, 30), "custom")
    assert ytd.label == "1 Jan to 30 Sep 2026"
    assert span(parse_period("2025-12-20..2026-01-10").year_to_date()) == (
        date(2026, 1, 1),
        date(2026, 1, 10),
        "custom",
    )


def test_last_month():
    assert last_month(date(2026, 1, 15)) == parse_period("2025-12")
    assert last_month(date(2024, 3, 31)) == parse_period("2024-02")
    assert last_month(date(2026, 3, 31)) == parse_period("2026-02")


TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    "name, start, end",
    [
        ("this_month", date(2026, 11, 1), TODAY),
        ("last_month", date(2026, 10, 1), date(2026, 10, 31)),
        ("quarter", date(2026, 10, 1), TODAY),
        ("year_to_date", date(2026, 1, 1), TODAY),
        ("last_12_months", date(2025, 11, 23), TODAY),
    ],
)
def test_presets(name, start, end):
    period = preset(name, TODAY)
    assert (period.start, period.end) == (start, end)
    assert period.label


def test_every_preset_name_is_known_and_unknown_names_are_refused():
    assert [preset(name, TODAY).end <= TODAY for name in PRESETS] == [True] * len(PRESETS)
    with pytest.raises(PeriodError, match="Unknown preset 'tomorrow'; choose one of this_month"):
        preset("tomorrow", TODAY)


def test_preset_edges():
    assert span(preset("this_month", date(2026, 1, 1))) == (date(2026, 1, 1), date(2026, 1, 1), "custom")
    assert preset("last_month", date(2026, 1, 1)) == parse_period("2025-12")
    assert preset("quarter", date(2026, 3, 31)).start == date(2026, 1, 1)
    assert preset("last_12_months", date(2024, 2, 29)).start == date(2023, 3, 1)
    assert preset("last_12_months", date(2025, 3, 1)).days == 365
    assert preset("last_12_months", date(2024, 3, 1)).days == 366


def test_to_date_presets_compare_with_an_equally_long_stretch():
    mtd = preset("this_month", TODAY)
    assert span(mtd.previous()) == (date(2026, 10, 10), date(2026, 10, 31), "custom")
    assert span(mtd.year_before()) == (date(2025, 11, 1), date(2025, 11, 22), "custom")
