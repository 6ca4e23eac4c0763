"""Names, phone numbers and e-mail addresses for whole columns at once.

The same lists and fictional ranges as demo.town.names (555-01xx numbers,
example.org addresses), but drawn as codes into small vocabularies, so a
hundred thousand contacts cost no Python loop: there are only 200 fictional
phone numbers and 80 x 80 names, as in the small demo.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from demo.town.names import AREA_CODES, FIRST_NAMES, LAST_NAMES

PHONES = [f"+1{a}55501{x:02d}" for a in AREA_CODES for x in range(100)]
FULL_NAMES = [f"{f} {s}" for f in FIRST_NAMES for s in LAST_NAMES]
LOCAL_PARTS = [f"{f}.{s}".lower().replace("'", "").replace(" ", "") for f in FIRST_NAMES for s in LAST_NAMES]


def people(rng: np.random.Generator, n: int) -> np.ndarray:
    """n people, as codes into FULL_NAMES / LOCAL_PARTS (repeats are fine, as in any city)."""
    return rng.integers(len(FIRST_NAMES), size=n) * len(LAST_NAMES) + rng.integers(len(LAST_NAMES), size=n)


def full_names(person: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(person, FULL_NAMES)


def first_names(person: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(person // len(LAST_NAMES), FIRST_NAMES)


def last_names(person: np.ndarray) -> pd.Categorical:
    return pd.Categorical.from_codes(person % len(LAST_NAMES), LAST_NAMES)


def phones(rng: np.random.Generator, n: int, share: float = 1.0) -> pd.Categorical:
    """E.164 numbers in the fictional 555-01xx range; missing for all but about `share` of rows."""
    code = rng.integers(len(PHONES), size=n)
    if share < 1.0:
        code = np.where(rng.random(n) < share, code, -1)
    return pd.Categorical.from_codes(code, PHONES)


def emails(rng: np.random.Generator, person: np.ndarray, numbered: bool = True, share: float = 1.0) -> pd.Series:
    """first.last[NN]@example.org; missing for all but about `share` of rows."""
    local = pa.array(LOCAL_PARTS, pa.string()).take(pa.array(person))
    if numbered:
        number = pc.cast(pa.array(rng.integers(1, 99, len(person))), pa.string())
        local = pc.binary_join_element_wise(local, number, "")
    text = pc.binary_join_element_wise(local, pa.scalar("@example.org"), "")
    if share < 1.0:
        text = pc.if_else(pa.array(rng.random(len(person)) < share), text, pa.scalar(None, pa.string()))
    return pd.Series(pd.arrays.ArrowStringArray(text))


def joined(*parts) -> pd.Series:
    """Element-wise concatenation of string columns and constants (no Python loop)."""
    arrays = [p if isinstance(p, str) else pa.array(np.asarray(p).astype(str), pa.string()) for p in parts]
    scalars = [pa.scalar(a) if isinstance(a, str) else a for a in arrays]
    return pd.Series(pd.arrays.ArrowStringArray(pc.binary_join_element_wise(*scalars, "")))
