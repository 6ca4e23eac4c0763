"""The one period picker (components/period_picker.py), in both menus, on a January day: the
defaults and the choices step back across the new year."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from core.periods import custom, month, preset, quarter, year

JANUARY = date(2026, 1, 15)


def _page(menu: str, today_iso: str, default: str = "last_month") -> None:
    from datetime import date

    import streamlit as st

    from components.period_picker import period_picker

    chosen = period_picker("page", date.fromisoformat(today_iso), menu=menu, default=default)
    st.session_state["chosen"] = chosen


def _run(menu: str, **kwargs) -> AppTest:
    at = AppTest.from_function(_page, args=(menu, JANUARY.isoformat()), kwargs=kwargs)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_calendar_menu_offers_last_month_then_the_months_before_it():
    at = _run("calendar")
    months = at.selectbox(key="page-month")
    assert months.value == month(2025, 12)
    assert months.options[:3] == ["December 2025", "November 2025", "October 2025"]
    assert len(months.options) == 36 and months.options[-1] == "January 2023"
    assert at.session_state["chosen"] == month(2025, 12)


def test_the_calendar_menu_offers_last_quarter_and_last_year_by_default():
    at = _run("calendar")
    at.segmented_control(key="page-kind").set_value("Quarter").run()
    quarters = at.selectbox(key="page-quarter")
    assert quarters.options[:3] == ["Q1 2026", "Q4 2025", "Q3 2025"]
    assert quarters.value == quarter(2025, 4) and at.session_state["chosen"] == quarter(2025, 4)
    at.segmented_control(key="page-kind").set_value("Year").run()
    years = at.selectbox(key="page-year")
    assert years.options == ["2026", "2025", "2024", "2023", "2022", "2021"]
    assert years.value == year(2025)


def test_the_calendar_menu_s_custom_range_waits_for_both_days():
    at = _run("calendar")
    at.segmented_control(key="page-kind").set_value("Custom range").run()
    assert at.date_input(key="page-range").value == (date(2025, 12, 1), date(2025, 12, 31))
    assert at.session_state["chosen"] == custom(date(2025, 12, 1), date(2025, 12, 31))
    at.date_input(key="page-range").set_value((date(2025, 12, 20),)).run()
    assert at.session_state["chosen"] is None
    assert [w.value for w in at.warning] == ["Pick both the first and the last day of the range."]


def test_the_preset_menu_starts_on_its_default_and_offers_custom_dates():
    at = _run("presets", default="last_12_months")
    assert at.selectbox(key="page_period").value == "last_12_months"
    assert at.session_state["chosen"] == preset("last_12_months", JANUARY)
    at.selectbox(key="page_period").select("custom").run()
    # about three months back from the first of this month, to today
    assert at.date_input(key="page_dates").value == (date(2025, 10, 1), JANUARY)
    at.date_input(key="page_dates").set_value((date(2025, 12, 20),)).run()
    assert at.session_state["chosen"] == custom(date(2025, 12, 20), date(2025, 12, 20))
    assert "Pick the last day too" in at.caption[0].value
