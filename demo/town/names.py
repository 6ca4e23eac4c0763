"""Fictional people, phone numbers, e-mail addresses and business names.

Phone numbers stay in the 555-0100..0199 block that the North American
numbering plan reserves for fiction (Connecticut area codes 860 and 959), and
e-mail addresses use example.org, so no demo contact can reach a real person.
"""

from __future__ import annotations

import numpy as np

FIRST_NAMES = (
    "James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "Joseph",
    "Elizabeth", "Thomas", "Susan", "Daniel", "Karen", "Matthew", "Nancy", "Anthony", "Lisa",
    "Mark", "Margaret", "Steven", "Sandra", "Paul", "Ashley", "Andrew", "Kimberly", "Joshua",
    "Emily", "Kevin", "Donna", "Brian", "Michelle", "George", "Carol", "Edward", "Amanda",
    "Ronald", "Melissa", "Jason", "Deborah", "Luis", "Stephanie", "Carlos", "Rebecca", "Jose",
    "Sharon", "Kwame", "Laura", "Wei", "Cynthia", "Samuel", "Angela", "Rafael", "Shirley",
    "Tyrone", "Brenda", "Hector", "Amy", "Ahmed", "Anna", "Patrick", "Rosa", "Sean", "Kathleen",
    "Dmitri", "Priya", "Marcus", "Nicole", "Jamal", "Ana", "Terrence", "Grace", "Victor",
    "Mei", "Francis", "Fatima", "Colin", "Yolanda", "Peter", "Ines",
)

LAST_NAMES = (
    "Abernathy", "Baptiste", "Calloway", "Delgado", "Ellsworth", "Fontaine", "Galloway",
    "Hargrove", "Iverson", "Jablonski", "Kowalczyk", "Lindqvist", "Mancuso", "Nakamura",
    "Okafor", "Pellegrino", "Quintero", "Rasmussen", "Szymanski", "Thibodeau", "Underhill",
    "Valenzuela", "Whitcomb", "Yarborough", "Zielinski", "Ashworth", "Bellamy", "Cardoso",
    "Donnelly", "Esposito", "Fairbanks", "Gutierrez", "Halloran", "Ingersoll", "Jaramillo",
    "Kavanagh", "Lombardi", "Mahoney", "Novak", "O'Rourke", "Pacheco", "Quinlan", "Rinaldi",
    "Sorensen", "Trombley", "Ulrich", "Vasquez", "Wojcik", "Yamamoto", "Zamora", "Adeyemi",
    "Brennan", "Cianci", "Dufresne", "Estrada", "Fitzgerald", "Gagnon", "Hutchins", "Iacobucci",
    "Jankowski", "Kearney", "Lemieux", "Marchetti", "Nguyen", "Ouellette", "Prescott", "Ramos",
    "Santangelo", "Tremblay", "Upton", "Villanueva", "Wentworth", "Xiong", "Youngblood", "Zajac",
    "Archambault", "Beaulieu", "Costa", "Dabrowski", "Eldridge",
)

AREA_CODES = ("860", "959")


def people(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """n (first, last) name pairs; repeats are fine, as in any real town."""
    first = rng.choice(len(FIRST_NAMES), size=n)
    last = rng.choice(len(LAST_NAMES), size=n)
    return [FIRST_NAMES[i] for i in first], [LAST_NAMES[i] for i in last]


def phones(rng: np.random.Generator, n: int) -> list[str]:
    """E.164 numbers in the fictional 555-01xx range."""
    area = rng.choice(len(AREA_CODES), size=n)
    line = rng.integers(0, 100, size=n)
    return [f"+1{AREA_CODES[a]}55501{x:02d}" for a, x in zip(area, line)]


def email(first: str, last: str, number: int | None = None, domain: str = "example.org") -> str:
    local = f"{first}.{last}".lower().replace("'", "").replace(" ", "")
    return f"{local}{'' if number is None else number}@{domain}"


# Business names are built from a category's own nouns so a name reads like its trade.
BUSINESS_CATEGORIES: dict[str, tuple[float, tuple[str, ...]]] = {
    # category: (share of businesses, nouns)
    "restaurant": (0.14, ("Grill", "Kitchen", "Diner", "Pizzeria", "Bistro", "Taqueria", "Noodle House")),
    "cafe / bakery": (0.06, ("Cafe", "Bakery", "Coffee House", "Donut Shop")),
    "bar / tavern": (0.05, ("Tavern", "Pub", "Taproom", "Ale House")),
    "retail": (0.14, ("Boutique", "Outfitters", "Gifts", "Books", "Shoe Store", "Furniture", "Music")),
    "convenience store": (0.07, ("Market", "Mini Mart", "Food Mart", "Variety")),
    "grocery": (0.03, ("Grocery", "Supermarket", "Bodega")),
    "pharmacy": (0.03, ("Pharmacy", "Apothecary")),
    "gas station": (0.04, ("Fuel", "Gas & Go", "Service Station")),
    "auto repair": (0.06, ("Auto Repair", "Tire & Brake", "Collision", "Auto Body")),
    "salon / barber": (0.07, ("Salon", "Barber Shop", "Nail Spa")),
    "bank": (0.03, ("Savings Bank", "Credit Union")),
    "medical / dental": (0.05, ("Family Dental", "Medical Group", "Physical Therapy", "Eye Care")),
    "professional services": (0.07, ("Insurance Agency", "Law Office", "Accounting", "Realty")),
    "hardware / home": (0.03, ("Hardware", "Paint & Supply", "Lumber")),
    "laundromat / cleaners": (0.03, ("Laundromat", "Cleaners")),
    "fitness": (0.03, ("Fitness", "Martial Arts", "Yoga Studio")),
    "child care": (0.03, ("Learning Center", "Day Care")),
    "lodging": (0.02, ("Inn", "Motor Lodge")),
    "manufacturing / warehouse": (0.02, ("Manufacturing", "Machine Works", "Distribution")),
}

NAME_STEMS = (
    "Millbrook", "Riverbend", "Elm Street", "Quarry Hill", "Maple Leaf", "Granite State", "Brookside",
    "Town Line", "Harbor Light", "Old Mill", "Stonewall", "Cedar Hollow", "Blue Heron", "Red Barn",
    "Corner", "Village", "Summit", "Union", "Hilltop", "Meadow", "Liberty", "Heritage", "Pioneer",
    "Golden Rule", "Twin Oaks", "Sunrise", "Nutmeg", "Charter Oak", "Kettle Pond", "Silver Birch",
)


def business_names(rng: np.random.Generator, categories: list[str]) -> list[str]:
    """A distinct name per business: '<stem> <noun>' or "<Surname>'s <noun>"."""
    used: set[str] = set()
    names = []
    for category in categories:
        nouns = BUSINESS_CATEGORIES[category][1]
        while True:
            noun = nouns[int(rng.integers(len(nouns)))]
            if rng.random() < 0.45:
                stem = LAST_NAMES[int(rng.integers(len(LAST_NAMES)))]
                name = f"{stem}'s {noun}" if not stem.endswith("s") else f"{stem}' {noun}"
            else:
                name = f"{NAME_STEMS[int(rng.integers(len(NAME_STEMS)))]} {noun}"
            if name not in used:
                used.add(name)
                names.append(name)
                break
    return names
