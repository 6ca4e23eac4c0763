"""The department's words for the codes the database stores: one label per code, defined here.

Pages, charts, downloads and the Chief's documents show these labels, never the stored codes.
Crime types and outcome measures keep their labels in their own tables (crime_types,
outcome_measures), because departments add their own.
"""

from __future__ import annotations

from typing import Any

MISSING = "–"      # a value that is not there

PROGRAM_CATEGORIES = {
    "youth": "Youth",
    "schools": "Schools",
    "traffic_safety": "Traffic safety",
    "neighborhood_watch": "Neighborhood watch",
    "business": "Business",
    "seniors": "Seniors",
    "education": "Education (academy)",
    "tip_line": "Tip line",
    "health": "Health",
    "outreach": "Outreach",
    "fundraising": "Fundraising",
    "other": "Other",
}
PROGRAM_STATUSES = {"planned": "Planned", "active": "Active", "paused": "Paused", "ended": "Ended",
                    "archived": "Archived"}
DELIVERY_KINDS = {"one_off": "One-off event", "recurring": "Recurring sessions", "course": "Course",
                  "continuous": "Continuous service"}
GOAL_PERIODS = {"month": "a month", "year": "a year", "cohort": "per cohort"}   # "400 a year"
CONCERN_CATEGORIES = {
    "motor_vehicle": "Motor vehicle complaint",
    "speeding": "Speeding",
    "parking": "Parking",
    "disorderly_group": "Disorderly group",
    "blight": "Blight",
    "noise": "Noise",
    "drug_activity": "Drug activity",
    "graffiti": "Graffiti",
    "lighting": "Street lighting",
    "suspicious_activity": "Suspicious activity",
    "other": "Other",
}
CONCERN_STATUSES = {"new": "New", "assigned": "Assigned", "in_progress": "In progress", "referred": "Referred",
                    "resolved": "Resolved", "closed": "Closed"}
CONCERN_CHANNELS = {"phone": "Phone", "email": "Email", "walk_in": "Walk-in", "community_meeting": "Community meeting",
                    "officer": "Officer", "online": "Online", "letter": "Letter"}
REFERRALS = {"public_works": "Public Works", "housing_blight": "Housing and blight", "traffic_engineering":
             "Traffic engineering", "parks": "Parks", "schools": "Schools", "other": "Other department"}
ORGANIZATION_TYPES = {"block_watch": "Block watch", "business_watch": "Business watch", "tenant_group": "Tenant group",
                      "school": "School", "business_association": "Business association", "faith": "Faith community",
                      "civic": "Civic group", "media": "Media", "city_department": "City department", "other": "Other"}
CONTACT_KINDS = {"business_check": "Business check", "resident": "Resident", "youth": "Youth", "school": "School",
                 "community_meeting": "Community meeting", "park_and_walk": "Park and walk", "faith": "Faith community",
                 "senior": "Senior", "other": "Other"}
SHIFTS = {"day": "Day", "evening": "Evening", "night": "Night"}
ROLES = {"admin": "Administrator", "command": "Command staff", "prevention": "Crime Prevention officer",
         "officer": "Patrol officer"}
RECOMMENDATIONS = {"continue": "Continue as it is", "change": "Continue with changes", "stop": "Stop the program"}
DOCUMENT_STATUSES = {"draft": "Draft", "submitted": "Submitted"}
CONTACT_ROLES = {"owner": "Owner", "manager": "Manager", "keyholder": "Keyholder", "employee": "Employee",
                 "security": "Security", "other": "Other"}
ENROLMENT_STATUSES = {"enrolled": "Enrolled", "withdrawn": "Withdrawn", "completed": "Completed"}
DISTRICT_KINDS = {"district": "District", "sector": "Sector", "beat": "Beat"}
CRIME_CATEGORIES = {"violent": "Violent crime", "property": "Property crime", "drug": "Drugs", "disorder": "Disorder",
                    "traffic": "Traffic", "other": "Other"}
UNITS = {"count": "Count", "dollars": "Dollars", "hours": "Hours"}
SESSION_ENDS = {"sign_out": "Signed out", "idle": "Idle too long", "disabled": "Account deactivated",
                "password_change": "Password changed", "restore": "Backup restored"}
AUDIT_ACTIONS = {
    "create": "Added", "update": "Changed", "delete": "Deleted", "restore": "Restored", "import": "Imported",
    "sign_in": "Signed in", "sign_in_failed": "Sign-in failed", "lockout": "Locked out", "unlock": "Unlocked",
    "sign_out": "Signed out", "permission_change": "Role or districts changed", "password_change": "Password changed",
    "denied": "Refused", "submit": "Submitted", "reopen": "Reopened", "acknowledge": "Acknowledged",
    "backup": "Backup taken", "restore_backup": "Backup restored", "download": "Downloaded",
}
# what a survey question measures (survey_answers.measure), and what its headline share counts
SURVEY_MEASURES = {"safe_neighbourhood": "Feel safe in their neighbourhood", "safe_day": "Feel safe by day",
                   "safe_night": "Feel safe at night", "trust_police": "Trust the police",
                   "satisfied_police": "Satisfied with police services", "problem": "Call it a serious problem",
                   "police_contact": "Had contact with the police", "victim": "Were a victim of crime"}
# a district listed as a candidate for a program beside a survey wave (core/surveys/results.py)
SURVEY_CANDIDATES = {"fear_above_record": "Seen as serious, little on record",
                     "record_above_fear": "Much on record, seen as less serious"}
# how a person signed in (audit_log.way_in, auth_sessions.way_in)
WAYS_IN = {"password": "Password", "provider": "Identity provider"}
# what each table holds, as the audit log names it
TABLES = {
    "audit_log": "Audit log", "auth_sessions": "Sign-in sessions", "businesses": "Businesses",
    "business_contacts": "Business contact persons", "business_verifications": "Business verifications",
    "concerns": "Concerns", "concern_updates": "Concern updates", "contact_log": "Contact log",
    "course_cohorts": "Course cohorts", "crime_types": "Crime types", "districts": "Districts",
    "district_boundaries": "District boundaries", "district_mappings": "District mappings",
    "enrolments": "Enrolments", "events": "Events",
    "event_officers": "Event officers", "event_outcomes": "Event outcome figures", "event_partners": "Event partners",
    "identity_links": "Sign-in identities", "identity_sessions": "Provider sign-ins",
    "import_mappings": "Import column choices", "incidents": "Crime incidents", "login_failures": "Failed sign-ins",
    "login_locks": "Account locks", "monthly_reports": "Monthly reports", "offense_mappings": "Offense mappings",
    "organizations": "Organizations", "org_meetings": "Organization meetings", "outcome_measures": "Outcome measures",
    "participants": "Course participants", "password_history": "Password history", "programs": "Programs",
    "program_evaluations": "Program evaluations", "program_goals": "Program goals",
    "program_outcome_measures": "Program outcome measures", "program_partners": "Program partners",
    "program_target_crime_types": "Program target crime types",
    "program_target_districts": "Program target districts", "report_acknowledgements": "Report acknowledgements",
    "roster_attendance": "Roster attendance", "schema_migrations": "Database updates", "settings": "Settings",
    "data_version": "Data version",
    "survey_waves": "Survey waves", "survey_answers": "Survey answers", "survey_comments": "Survey comments",
    "survey_area_codes": "Survey area codes",
    "users": "Users", "user_districts": "User districts",
}

VOCABULARIES: dict[str, dict[str, str]] = {
    "program_category": PROGRAM_CATEGORIES, "program_status": PROGRAM_STATUSES, "delivery_kind": DELIVERY_KINDS,
    "goal_period": GOAL_PERIODS, "concern_category": CONCERN_CATEGORIES, "concern_status": CONCERN_STATUSES,
    "concern_channel": CONCERN_CHANNELS, "referral": REFERRALS, "organization_type": ORGANIZATION_TYPES,
    "contact_kind": CONTACT_KINDS, "shift": SHIFTS, "role": ROLES, "recommendation": RECOMMENDATIONS,
    "document_status": DOCUMENT_STATUSES, "contact_role": CONTACT_ROLES, "enrolment_status": ENROLMENT_STATUSES,
    "district_kind": DISTRICT_KINDS, "crime_category": CRIME_CATEGORIES, "unit": UNITS, "session_end": SESSION_ENDS,
    "audit_action": AUDIT_ACTIONS, "table": TABLES, "survey_measure": SURVEY_MEASURES,
    "way_in": WAYS_IN,
    "survey_candidate": SURVEY_CANDIDATES,
}

# which vocabulary each coded column of the schema takes its labels from (tests/test_vocabulary.py
# checks that every code a CHECK constraint allows has its label here)
CODED_COLUMNS = {
    ("programs", "category"): "program_category", ("programs", "status"): "program_status",
    ("programs", "delivery_kind"): "delivery_kind", ("program_goals", "per_period"): "goal_period",
    ("concerns", "category"): "concern_category", ("concerns", "status"): "concern_status",
    ("concerns", "channel"): "concern_channel", ("concerns", "referred_to"): "referral",
    ("organizations", "org_type"): "organization_type", ("contact_log", "kind"): "contact_kind",
    ("contact_log", "shift"): "shift", ("users", "role"): "role", ("audit_log", "role"): "role",
    ("program_evaluations", "recommendation"): "recommendation", ("program_evaluations", "status"): "document_status",
    ("monthly_reports", "status"): "document_status", ("business_contacts", "role"): "contact_role",
    ("enrolments", "status"): "enrolment_status", ("districts", "kind"): "district_kind",
    ("crime_types", "category"): "crime_category", ("outcome_measures", "unit"): "unit",
    ("auth_sessions", "end_reason"): "session_end", ("audit_log", "action"): "audit_action",
    ("audit_log", "table_name"): "table", ("survey_answers", "measure"): "survey_measure",
}


def in_words(text: str) -> str:
    """A code or a free text with no label, in words: "park_and_walk" -> "Park and walk"; only the
    first letter is raised, so a typed "BBQ joint" stays as written."""
    text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def label(vocabulary: str, code: Any) -> str:
    """The label of a stored code; "–" when there is none; an unknown code in words."""
    if code is None or code == "" or code != code:
        return MISSING
    return VOCABULARIES[vocabulary].get(str(code), in_words(str(code)))


def coded_words() -> dict[str, str]:
    """{code: label} of every code whose label reads differently (what no user should see)."""
    return {code: text for words in VOCABULARIES.values() for code, text in words.items() if code != text}


AUDIT_ROLES = {**ROLES, "anonymous": "Not signed in"}      # a failed sign-in names no account
EVALUATION_STATUSES = {"missing": "Not started", **DOCUMENT_STATUSES}
# a business's category is free text (typed or imported, up to 100 characters), not a code list: each is
# shown as stored with a capital first letter ("auto repair" -> "Auto repair")
BUSINESS_CATEGORIES: dict[str, str] = {}
VOCABULARIES.update(audit_role=AUDIT_ROLES, evaluation_status=EVALUATION_STATUSES,
                    business_category=BUSINESS_CATEGORIES)

# column headings: a table's column (as the query names it) -> its header on screen and in downloads
COLUMNS = {
    "id": "No.", "name": "Name", "code": "Code", "title": "Title", "description": "Description",
    "program": "Program", "program_name": "Program", "category": "Category", "status": "Status",
    "delivery_kind": "Delivery", "delivery": "Delivery", "lead_officer": "Lead officer",
    "start_date": "Start date", "end_date": "End date", "target_districts": "Target districts",
    "org_type": "Type", "district": "District", "district_code": "District", "address": "Address",
    "contact_name": "Contact person", "contact_phone": "Contact phone", "contact_email": "Contact e-mail",
    "liaison_officer": "Liaison officer", "liaison": "Liaison officer", "meeting_schedule": "Meetings",
    "established_by_department": "Set up by the department", "active": "Active", "founded_on": "Founded",
    "last_meeting": "Last meeting", "meetings": "Meetings", "meetings_since": "Meetings (12 months)", "notes": "Notes", "met_on": "Date", "topics": "Topics",
    "attendance": "Attendance", "officer": "Officer", "received_on": "Received", "received": "Received",
    "resolved_on": "Resolved", "resolved": "Resolved", "days_open": "Days open", "age (days)": "Days open",
    "overdue": "Overdue", "location": "Location", "assigned_to": "Assigned to", "channel": "Received by",
    "referred_to": "Referred to", "response_given": "Response", "reporter_name": "Reported by",
    "at_utc": "Time (UTC)", "at": "Time", "by_user": "By", "note": "Note", "date": "Date", "time": "Time",
    "starts_at": "Starts", "ends_at": "Ends", "shift": "Shift", "kind": "Kind of contact",
    "kinds": "Kinds of contact", "contact_date": "Date", "contact_count": "Contacts", "contacts": "Contacts",
    "entries": "Entries", "non_enforcement": "Non-enforcement", "non_enforcement_contacts": "Non-enforcement contacts",
    "cohort": "Cohort", "capacity": "Capacity", "enrolled": "Enrolled", "completed": "Completed",
    "withdrawn": "Withdrawn", "sessions": "Sessions", "ride_alongs": "Ride-alongs", "events": "Events",
    "officers": "Officers", "officer_hours": "Officer-hours", "hours": "Hours", "parent_code": "Part of",
    "population": "Population", "missing": "Missing", "username": "Username", "role": "Role",
    "action": "Action", "table_name": "Table", "record_id": "Record", "detail": "Detail", "before": "Before",
    "after": "After", "crime_type": "Crime type", "incidents": "Incidents", "offense_description": "Offense",
    "occurred_at": "Date and time", "occurred_date": "Date", "occurred_time": "Time of day",
    "case_number": "Case number", "line": "Line", "outcome": "Outcome", "main_phone": "Phone",
    "dba": "Doing business as", "phone": "Phone", "last_verified": "Last verified", "problem": "Problem",
    "field": "Field", "value": "Value", "measure": "Measure", "measure_label": "Measure", "target": "Target",
    "expected": "Due so far", "actual": "Actual", "attainment": "Attainment", "per_period": "Per",
    "recommendation": "Recommendation", "submitted_at": "Submitted", "submitted_by": "Submitted by",
    "period_label": "Month", "acknowledged_by": "Acknowledged by", "last_acknowledged_at": "Last acknowledged",
    "evaluation_status": "Evaluation", "concerns": "Concerns", "open_at_end": "Open at month end",
    "headcount_youth": "Youth attending", "headcount_adult": "Adults attending",
    "headcount_senior": "Seniors attending", "headcount_business": "Business people attending", "feedback_responses": "Feedback responses",
    "feedback_avg_rating": "Average rating", "participants": "Participants", "businesses": "Businesses",
    "districts": "Target districts", "crime_types": "Target crime types", "measures": "Outcome figures",
    "partners": "Partners", "events_since": "Events (12 months)", "people_since": "People reached (12 months)",
}


def words_for(codes) -> dict[str, str]:
    """{code: label} for a list of allowed codes (a form's choices): the labels of the vocabulary
    that holds them all, else each code in words."""
    wanted = set(codes)
    words = next((w for w in VOCABULARIES.values() if wanted <= set(w)), {})
    return {code: words.get(code) or in_words(code) for code in codes}


def present(value: Any, otherwise: str = MISSING) -> Any:
    """`value`, or `otherwise` when it is missing (None, NaN, NaT or empty): what a sentence shows."""
    try:
        missing = value is None or bool(value != value) or (isinstance(value, str) and value == "")
    except TypeError:                           # pandas' NA
        missing = True
    return otherwise if missing else value


def heading(column: str) -> str:
    """The header a column is shown under (an unlisted column in words: "days_open" -> "Days open"; a
    column already named in words, such as "Due in Nov 2026", as it is)."""
    text = str(column)
    if text in COLUMNS:
        return COLUMNS[text]
    return in_words(text) if "_" in text or text[:1].islower() else text


def _cell(words: dict[str, str], value: Any) -> Any:
    if value is None or value != value or value == "":
        return None                                 # tables draw a missing value as MISSING
    text = str(value)
    if text in words:
        return words[text]
    if ", " in text:                                # a list of codes ("park_and_walk, resident")
        return ", ".join(words.get(part, in_words(part)) for part in text.split(", "))
    return in_words(text)


def labelled(frame, **kinds: str):
    """A copy of `frame` whose coded columns hold labels: labelled(rows, status="concern_status").
    A missing code stays missing (a table draws it as "–"); a cell listing codes gets each label."""
    shown = frame.copy()
    for column, kind in kinds.items():
        if column in shown.columns:
            words = VOCABULARIES[kind]
            values = shown[column].astype(object)
            mapped = values.map(words).astype(object)              # a dict lookup per cell, vectorised
            rest = mapped.isna() & values.notna()
            if rest.any():                                        # lists of codes, unknown codes
                mapped[rest] = values[rest].map(lambda value: _cell(words, value))
            shown[column] = mapped
    return shown


def headed(frame):
    """A copy of `frame` with its columns under their headers (for downloads: CSV and XLSX)."""
    return frame.rename(columns={column: heading(column) for column in frame.columns})
