"""Fictional place names for Lakeport: neighbourhoods, streets and venue name parts.

Only what the small demo does not have; people's names, phone numbers and
business names come from demo.town.names.
"""

from __future__ import annotations

# district 1 first; the rest are numbered outwards from downtown (all invented)
NEIGHBORHOODS = (
    "Downtown", "Near East", "Market District", "Old Harbor", "Canal Point", "Union Yards",
    "Lindqvist Square", "Kessler Park", "Bayview", "Riverside", "Cedar Heights", "North Shore",
    "Westfield", "Ashgrove Flats", "Tanner Hill", "Gracemoor", "Maple Grove", "Irvington Heights",
    "South Commons", "Fairmount", "Brightwater", "Hollis Park", "Garnet Ridge", "Elmwood",
    "Lakeview Terrace", "Stockton Yards", "Wentmoor", "Oak Hollow", "Belcourt", "Avonmere",
    "Heron Marsh", "Morrow Park", "Beverly Woods", "Edgebrook", "Norwood", "Jessup Park",
    "Portage", "Austen Village", "Humbert", "Kenridge", "Washburn Heights", "Roseland",
    "Calder Flats", "Clearwater", "Archer Heights", "Brainard", "Marlowe", "Dunmore", "Saugatuck",
    "Forest Glen",
)

# north-south avenues, four per column of districts (west to east)
AVENUES = (
    "Harrow Avenue", "Oakmont Avenue", "Ridgeline Avenue", "Austell Avenue",
    "Centennial Avenue", "Larchmont Avenue", "Cicely Avenue", "Kestrel Avenue",
    "Pulley Road", "Crawley Avenue", "Kedron Avenue", "Calloway Avenue",
    "Westbourne Avenue", "Damask Avenue", "Ashbury Avenue", "Racemont Avenue",
    "Halstead Street", "Morrow Street", "Statler Street", "Shoreline Drive",
)

# east-west streets of the four northern rows of districts; further south they are numbered
CROSS_STREETS = (
    "Devonshire Avenue", "Toller Avenue", "Pratley Boulevard", "Howland Street",
    "Fosterly Avenue", "Brynmoor Avenue", "Peterborough Avenue", "Laurentide Avenue",
    "Montclair Avenue", "Irvington Road", "Addington Street", "Wilshire Avenue",
    "Belmore Avenue", "Diverton Parkway", "Fullerby Avenue", "Armistead Avenue",
)

VENUE_KINDS = {
    # kind: (count per district (low, high), name patterns)  {s} surname, {n} neighbourhood, {t} street
    "school": ((6, 12), ("{s} Elementary School", "{s} Elementary School", "{t} Middle School",
                         "{n} High School", "{s} Academy")),
    "senior": ((2, 4), ("{n} Senior Center", "{t} Senior Apartments", "{s} Senior Residences")),
    "hall": ((2, 5), ("{n} Branch Library", "{s} Park Field House", "{n} Community Center")),
    "park": ((3, 6), ("{s} Park", "{n} Playlot", "{s} Square")),
    "housing": ((2, 5), ("{s} Homes", "{t} Apartments", "{s} Courts")),
    "cafe": ((3, 6), ("{s}'s Coffee House", "{n} Diner", "{t} Cafe")),
    "plaza": ((1, 3), ("{t} Plaza", "{n} Shopping Center")),
    "faith": ((3, 7), ("St. {s} Parish", "{n} Baptist Church", "{s} Memorial AME Church",
                       "{n} Masjid", "First Presbyterian Church of {n}")),
}


def ordinal_street(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} Street"
