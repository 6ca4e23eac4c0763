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
GOAL_PERIODS = {"month": "a month", "year": "a year", "cohort": "a class"}   # "400 a year"
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

VOCABULARIES: dict[str, dict[str, str]] = {
    "program_category": PROGRAM_CATEGORIES, "program_status": PROGRAM_STATUSES, "delivery_kind": DELIVERY_KINDS,
    "goal_period": GOAL_PERIODS, "concern_category": CONCERN_CATEGORIES, "concern_status": CONCERN_STATUSES,
    "concern_channel": CONCERN_CHANNELS, "referral": REFERRALS, "organization_type": ORGANIZATION_TYPES,
    "contact_kind": CONTACT_KINDS, "shift": SHIFTS, "role": ROLES, "recommendation": RECOMMENDATIONS,
    "document_status": DOCUMENT_STATUSES,
}


def label(vocabulary: str, code: Any) -> str:
    """The label of a stored code; "–" when there is none; an unknown code in words."""
    if code is None or code == "" or code != code:
        return MISSING
    return VOCABULARIES[vocabulary].get(str(code), str(code).replace("_", " ").capitalize())


def coded_words() -> dict[str, str]:
    """{code: label} of every code whose label reads differently (what no user should see)."""
    return {code: text for words in VOCABULARIES.values() for code, text in words.items() if code != text}
