"""What the comparisons share: reference tables as frames, one row per
indicator, plain dtypes for the results, and the key under which indicator
names are matched with rapidfuzz."""

from __future__ import annotations

import re

import pandas as pd

from rbdata.loaders import load_agencies, load_targets
from rbdata.reference import read_reference
from rbdata.text.normalise import words

__all__ = ["agency_function", "reference_frame", "one_row_per_indicator", "typed", "name_key"]

# a bracketed gloss or qualifier: '(AKB)', '(IKM Kabupaten)', '(%)'
_BRACKETS = re.compile(r"\([^)]*\)")


def reference_frame(name: str) -> pd.DataFrame:
    """``reference/<name>.csv`` as a frame of strings; an empty table is an error."""
    rows = read_reference(name)
    if not rows:
        raise ValueError(f"reference table rbdata/reference/{name}.csv is empty")
    return pd.DataFrame(list(rows)).astype("string")


def one_row_per_indicator(doc_id: str | None = None) -> pd.DataFrame:
    """One row per target_id (the first row of each indicator)."""
    t = load_targets(doc_id)
    return t.drop_duplicates("target_id", keep="first").reset_index(drop=True)


def typed(df: pd.DataFrame, special: dict) -> pd.DataFrame:
    """``df`` with the dtypes of ``special`` (column -> dtype), text columns
    as ``string`` and a fresh index."""
    out = df.copy()
    for c in out.columns:
        if c in special:
            out[c] = out[c].astype(special[c])
        elif out[c].dtype == object:
            out[c] = out[c].astype("string")
    return out.reset_index(drop=True)


def name_key(text: str) -> str:
    """An indicator name for fuzzy matching: its words (see
    :func:`rbdata.text.normalise.words`) without what is in brackets, '&'
    read as 'dan', joined by single spaces.

    >>> name_key("Indeks Kepuasan Masyarakat (IKM) & Pelayanan")
    'indeks kepuasan masyarakat dan pelayanan'
    """
    return " ".join(words(_BRACKETS.sub(" ", str(text)).replace("&", " dan ")))


def agency_function() -> dict[str, str]:
    """Canonical agency name -> its function key (``load_agencies().function``)."""
    table = load_agencies()
    return dict(zip(table["agency"].astype(str), table["function"].astype(str)))
