"""How current each district's business list is, and the printable/downloadable list."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from components import say
from components.charts import titled
from components.downloads import audited
from components.session import SignedIn
from components.tables import table as show_table
from core import business_print, formatting
from components.figures import cached
from core.businesses import currency_by_district, export_preview, export_rows
from queries.access import scoped
from queries.db import Database

VERIFIED_COLOUR = "#1f6feb"
AFTER_HOURS_COLOUR = "#8250df"


def currency_section(db: Database, user: SignedIn, today: date) -> None:
    as_of = st.columns([1, 3])[0].date_input("As of", value=today, max_value=today, key="currency_as_of",
                          format="YYYY-MM-DD", help="Verified within the 12 months up to this day.")
    table = cached(currency_by_district, db, user.actor, as_of)
    table = table[table["businesses"] > 0].copy()
    if table.empty:
        st.info("No businesses are listed for your districts yet, so there is nothing to measure.")
        return
    table["district"] = table["district_code"].fillna("(no district)")
    total = int(table["businesses"].sum())
    verified = int(table["verified_12m"].sum())
    after = int(table["with_after_hours"].sum())
    c1, c2, c3 = st.columns(3)
    c1.metric("Businesses listed", f"{total:,}")
    c2.metric("Verified within 12 months", formatting.percent(100 * verified / total),
              help=say.text("{part:,} of {total:,}", part=verified, total=total))
    c3.metric("With an after-hours contact", formatting.percent(100 * after / total),
              help=say.text("{part:,} of {total:,}", part=after, total=total))
    if verified == 0 and after == 0:
        say.info("None of the {total:,} businesses listed was verified in the 12 months up to "
                 "{as_of}, and none has an after-hours contact yet, so there is no chart; "
                 "the table below lists each district's businesses.", total=total, as_of=formatting.day(as_of))
    else:
        _chart(table, as_of)
    _table(table)


def _chart(table, as_of: date) -> None:
    st.plotly_chart(currency_figure(table, as_of), width="stretch")


def currency_figure(table, as_of: date) -> go.Figure:
    figure = go.Figure([
        go.Bar(name="Verified within 12 months", x=table["district"], y=table["share_verified_12m"] * 100,
               marker_color=VERIFIED_COLOUR, customdata=table[["verified_12m", "businesses"]],
               hovertemplate="%{x}: %{y:.0f}% (%{customdata[0]} of %{customdata[1]})<extra></extra>"),
        go.Bar(name="With an after-hours contact", x=table["district"], y=table["share_after_hours"] * 100,
               marker_color=AFTER_HOURS_COLOUR, customdata=table[["with_after_hours", "businesses"]],
               hovertemplate="%{x}: %{y:.0f}% (%{customdata[0]} of %{customdata[1]})<extra></extra>"),
    ])
    titled(figure, "Share of businesses verified within 12 months and with an after-hours contact, "
                   f"by district, as of {formatting.day(as_of)}", 396)
    figure.update_layout(
        barmode="group", yaxis_title="% of the district's businesses", yaxis_range=[0, 100],
        xaxis_title="District", legend_orientation="h", legend_y=-0.2)
    return figure


def _table(table) -> None:
    shown = table[["district", "businesses", "verified_12m", "share_verified_12m", "with_after_hours",
                   "share_after_hours", "never_verified"]]
    show_table(shown, width="stretch", column_config={
        "district": "District", "businesses": "Businesses", "verified_12m": "Verified (12 months)",
        "share_verified_12m": st.column_config.ProgressColumn("Share verified", format="percent",
                                                              min_value=0, max_value=1),
        "with_after_hours": "With after-hours contact",
        "share_after_hours": st.column_config.ProgressColumn("Share after hours", format="percent",
                                                             min_value=0, max_value=1),
        "never_verified": "Never verified",
    })


def downloads_section(db: Database, user: SignedIn, today: date, codes: dict[str, int]) -> None:
    st.caption("The district's businesses and contact persons, for the cruiser (PDF) or a spreadsheet.")
    choice = st.selectbox("District", ["All my districts" if scoped(user.actor) else "All districts",
                                       *codes], key="download_district")
    district_id = codes.get(choice)
    # counts and the first rows, cached until the next save; the downloads read every row when clicked
    preview = cached(export_preview, db, user.actor, district_id)
    if preview["head"].empty:
        st.info("No businesses are listed for this choice, so there is nothing to download.")
        return
    count = preview["businesses"]
    label = f"district {choice}" if district_id is not None else (
        "districts " + ", ".join(codes) if scoped(user.actor) else "all districts")
    stem = f"businesses_{choice if district_id is not None else 'all'}_{today:%Y-%m-%d}"
    say.write("{businesses}, {contacts}.", businesses=formatting.plural(count, "business"),
              contacts=formatting.plural(preview["contacts"], "contact person", "contact persons"))

    def rows():
        return export_rows(db, user.actor, district_id)

    def on_record(make, suffix: str):    # an audit row when the file is made (components/downloads.py)
        return audited(make, f"business contact list, {label}", f"{stem}.{suffix}", count, "business")

    c1, c2, c3 = st.columns(3)
    c1.download_button("PDF for the cruiser", icon=":material/print:", file_name=f"{stem}.pdf",
                       mime="application/pdf", on_click="ignore",
                       data=on_record(lambda: business_print.pdf_bytes(rows(), f"Business contact list, {label}", today),
                                      "pdf"))
    c2.download_button("CSV", icon=":material/download:", file_name=f"{stem}.csv", mime="text/csv",
                       on_click="ignore", data=on_record(lambda: business_print.csv_bytes(rows()), "csv"))
    c3.download_button("Excel (XLSX)", icon=":material/download:", file_name=f"{stem}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       on_click="ignore", data=on_record(lambda: business_print.xlsx_bytes(rows()), "xlsx"))
    show_table(business_print.screen_frame(preview["head"]), width="stretch")
    if preview["rows"] > len(preview["head"]):
        st.caption("The first 200 rows are shown; the downloads hold them all.")
