"""The printable district business list (PDF for the cruiser) and its CSV/XLSX downloads.

Input is the `business_contacts_export` query (one row per contact person);
phones are shown in the local format. Text is drawn as text by reportlab
(Paragraph markup is escaped), so a business name cannot inject markup.
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core import formatting
from core.businesses import blank, currency_cutoff, shown_phone
from core.exports import dataframe_to_csv_bytes, dataframe_to_xlsx_bytes
from core.vocabulary import label

DOWNLOAD_COLUMNS = {
    "district_code": "District", "name": "Business", "dba": "Doing business as", "address": "Address",
    "category": "Category", "main_phone": "Main phone", "last_verified_on": "Last verified",
    "contact_name": "Contact", "contact_role": "Role", "contact_phone": "Phone",
    "contact_alt_phone": "Other phone", "contact_email": "E-mail", "contact_after_hours": "After hours",
}


def download_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The export rows as people read them: local phone format, plain headers."""
    out = rows[list(DOWNLOAD_COLUMNS)].copy()
    for column in ("main_phone", "contact_phone", "contact_alt_phone"):
        out[column] = out[column].map(shown_phone)
    out["district_code"] = out["district_code"].fillna("(none)")
    out["last_verified_on"] = pd.to_datetime(out["last_verified_on"]).dt.strftime("%Y-%m-%d").fillna("")
    out["dba"] = out["dba"].fillna("")
    out["contact_role"] = out["contact_role"].map(lambda role: "" if blank(role) else label("contact_role", role))
    out["contact_after_hours"] = out["contact_after_hours"].map(
        lambda v: "" if blank(v) else ("yes" if v else "no"))
    return out.rename(columns=DOWNLOAD_COLUMNS)


def screen_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The export rows as the page previews them: as download_frame, but the last check a date, which
    a table writes as every date on screen ("26 Jan 2026"); the files keep the ISO date imports read."""
    out = download_frame(rows)
    out["Last verified"] = [None if blank(day) else pd.Timestamp(day).date() for day in rows["last_verified_on"]]
    out["Category"] = [None if blank(text) else label("business_category", text) for text in rows["category"]]
    return out


def csv_bytes(rows: pd.DataFrame) -> bytes:
    return dataframe_to_csv_bytes(download_frame(rows))


def xlsx_bytes(rows: pd.DataFrame) -> bytes:
    frame = download_frame(rows)
    sheets = {str(code): part for code, part in frame.groupby("District", sort=True)} or {"Businesses": frame}
    return dataframe_to_xlsx_bytes(sheets)


# a cell taller than a page makes reportlab give up on the whole document; no field of a
# cruiser list needs more than this (the app limits names to 200 and addresses to 300)
CELL_CHARS = 400


def _p(text, style) -> Paragraph:
    text = "" if blank(text) else str(text)
    if len(text) > CELL_CHARS:
        text = text[:CELL_CHARS - 1] + "…"
    return Paragraph(escape(text), style)


def pdf_bytes(rows: pd.DataFrame, title: str, today: date, department: str | None = None) -> bytes:
    """Letter-size list: per district, each business with its contacts; overdue checks marked."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    bold = small.clone("bold", fontName="Helvetica-Bold")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=letter, leftMargin=0.5 * inch, rightMargin=0.5 * inch,
                            topMargin=0.5 * inch, bottomMargin=0.5 * inch, title=title,
                            author=department or "Community Relations")
    story = [Paragraph(escape(title), styles["Title"]),
             Paragraph(escape(f"{department + ' · ' if department else ''}Printed {formatting.day(today)}. "
                              "Phones in local format; * = after-hours contact; "
                              "! = not verified in the last 12 months."), small),
             Spacer(1, 8)]
    if rows.empty:
        story.append(Paragraph("No businesses are listed for this selection.", styles["BodyText"]))
    widths = [2.3 * inch, 2.2 * inch, 3.0 * inch]
    for code, district in rows.groupby(rows["district_code"].fillna("(no district)"), sort=True):
        businesses = district.groupby("business_id", sort=False)
        story.append(Paragraph(escape(f"District {code} · {businesses.ngroups} businesses"), styles["Heading2"]))
        for _, group in businesses:
            first = group.iloc[0]
            verified = first["last_verified_on"]
            overdue = blank(verified) or pd.Timestamp(verified).date() <= currency_cutoff(today)
            head = [_p(("! " if overdue else "") + str(first["name"]), bold),
                    _p(first["address"], small),
                    _p(" · ".join(filter(None, [shown_phone(first["main_phone"]),
                                               None if blank(first["dba"]) else f"dba {first['dba']}",
                                               None if blank(verified) else f"verified {formatting.day(pd.Timestamp(verified))}"])),
                       small)]
            table_rows = [head]
            for _, contact in group.iterrows():
                if blank(contact["contact_name"]):
                    table_rows.append([_p("  (no contact person listed)", small), "", ""])
                    continue
                star = "* " if contact["contact_after_hours"] else ""
                phones = " / ".join(p for p in (shown_phone(contact["contact_phone"]),
                                                 shown_phone(contact["contact_alt_phone"])) if p)
                role = label("contact_role", contact["contact_role"]).lower()
                table_rows.append([_p(f"  {star}{contact['contact_name']} ({role})", small),
                                   _p(phones, small), _p(contact["contact_email"], small)])
            table = Table(table_rows, colWidths=widths)
            table.setStyle(TableStyle([
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#fde2e2") if overdue else colors.HexColor("#eef2f7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]))
            story.append(KeepTogether(table))
    doc.build(story)
    return buffer.getvalue()
