"""How the page caches key a data frame argument: by its content, cheaply.

A chart builder (components/charts.built_once) or a cached read (components/figures.cached) given a
frame hashes it on every rerun. Streamlit's own hashing of a frame keeps pandas' default of
factorising every text column first: 1.5-3 ms even for a few dozen rows. `content_key` hashes the
same content (shape, labels, types and every row with its index label) without that step, in a
fifth to a half of the time.
"""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd


def content_key(data: pd.DataFrame | pd.Series) -> bytes:
    """A frame's (or series') key: equal content gives an equal key, other values, labels or types another."""
    names = list(data.columns) if isinstance(data, pd.DataFrame) else [data.name]
    types = [str(t) for t in data.dtypes] if isinstance(data, pd.DataFrame) else [str(data.dtype)]
    key = hashlib.blake2b(repr((type(data).__name__, data.shape, names, types, data.index.names)).encode(),
                          digest_size=16)
    try:
        key.update(pd.util.hash_pandas_object(data, index=True, categorize=False).to_numpy().tobytes())
    except (TypeError, ValueError):     # cells pandas cannot hash (lists): their pickle, as Streamlit does
        key.update(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return key.digest()


# the `hash_funcs` of every cache that may be given a frame
BY_CONTENT = {pd.DataFrame: content_key, pd.Series: content_key}
