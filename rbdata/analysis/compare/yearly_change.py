"""Ambition: the change per year between consecutive targets of an indicator,
in its good direction."""

from __future__ import annotations

import math

import pandas as pd

from rbdata.analysis.compare.common import typed
from rbdata.loaders import load_targets

__all__ = ["ambition"]

# Value labels that name an ordinal grade: a relative change of a grade is
# not meaningful.
_ORDINAL_LABELS = {"level"}


def ambition(doc_id: str | None = None) -> pd.DataFrame:
    """Change per year between consecutive targets, in the good direction.

    For every indicator with at least two dated values (Blora: the 2020 and
    2021 targets; Batang: the baseline of 2021 or 2022, then the 2023 and
    2024 targets) one row per consecutive pair of years. With ``d`` = +1 if
    higher is better and -1 if lower is better (``direction``),

    * ``change_per_year = d * (to_value - from_value) / (to_year - from_year)``
      in the indicator's unit: positive means the plan aims to get better;
    * ``relative_change_per_year_pct = 100 * change_per_year / |from_value|``
      only where that means something: not for labels without a number
      (WTP, B, Paripurna), not for ordinal levels ('Level 3'), not for a zero
      base.

    The ``note`` column says why a value is missing and flags a plan that
    gets worse.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        - ``doc_id``, ``target_id``, ``indicator``, ``unit`` (string).
        - ``direction`` (string: higher / lower).
        - ``from_period``, ``to_period`` (string: years; the baseline year is
          the period the document gives it).
        - ``from_kind`` (string: baseline / target).
        - ``from_value``, ``to_value`` (float64: parsed values, unit column).
        - ``from_text``, ``to_text`` (string: cells as printed).
        - ``change_per_year`` (float64: unit per year, positive = better).
        - ``relative_change_per_year_pct`` (float64: % of the starting
          value per year, positive = better).
        - ``note`` (string): why a change is missing, or '' .
        - ``source_line`` (int64): line of the indicator.

    Examples
    --------
    >>> from rbdata.analysis.compare import ambition
    >>> a = ambition("blora-2020")
    >>> r = a[a["indicator"] == "Angka Kematian Bayi (AKB)"].iloc[0]
    >>> round(float(r.change_per_year), 3), round(float(r.relative_change_per_year_pct), 3)
    (0.1, 0.909)
    """
    t = load_targets(doc_id)
    text = t["value_text"].fillna("").str.strip()
    dated = t["period"].fillna("").str.fullmatch(r"\d{4}")
    d = t[dated & ~text.isin(["", "-"])].copy()
    d["_year"] = d["period"].astype(int)
    d["_target"] = (d["kind"] == "target").astype(int)
    order = {tid: i for i, tid in enumerate(pd.unique(t["target_id"]))}
    d["_order"] = d["target_id"].map(order)
    d = d.sort_values(["_order", "_year", "_target"], kind="stable")
    # one value per year: a baseline and a target of the same year keep the target
    d = d.drop_duplicates(["target_id", "_year"], keep="last")
    recs = d.to_dict("records")
    rows = [
        _ambition_row(r0, r1, r1["_year"] - r0["_year"])
        for r0, r1 in zip(recs, recs[1:])
        if r0["target_id"] == r1["target_id"]
    ]
    cols = [
        "doc_id",
        "target_id",
        "indicator",
        "unit",
        "direction",
        "from_period",
        "to_period",
        "from_kind",
        "from_value",
        "to_value",
        "from_text",
        "to_text",
        "change_per_year",
        "relative_change_per_year_pct",
        "note",
        "source_line",
    ]
    df = pd.DataFrame(rows, columns=cols)
    return typed(
        df,
        {
            "from_value": "float64",
            "to_value": "float64",
            "change_per_year": "float64",
            "relative_change_per_year_pct": "float64",
            "source_line": "int64",
        },
    )


def _ambition_row(a: dict, b: dict, years: int) -> dict:
    sign = -1.0 if str(a["direction"]) == "lower" else 1.0
    v0, v1 = float(a["value"]), float(b["value"])
    l0, l1 = a["value_label"], b["value_label"]
    note = []
    change = rel = math.nan
    if math.isnan(v0) or math.isnan(v1):
        if math.isnan(v0) and math.isnan(v1) and not pd.isna(l0) and not pd.isna(l1) and str(l0) == str(l1):
            note.append(f"label '{l0}' kept: no numeric change")
        else:
            note.append("no number in one of the cells")
    else:
        change = sign * (v1 - v0) / years
        labels = {str(x).lower() for x in (l0, l1) if not pd.isna(x)}
        if labels & _ORDINAL_LABELS:
            note.append("ordinal level: relative change not meaningful")
        elif v0 == 0:
            note.append("zero base: relative change undefined")
        else:
            rel = 100.0 * change / abs(v0)
        if change < 0:
            note.append("target gets worse")
        elif change == 0:
            note.append("unchanged")
    return {
        "doc_id": a["doc_id"],
        "target_id": a["target_id"],
        "indicator": a["indicator"],
        "unit": a["unit"],
        "direction": str(a["direction"]),
        "from_period": a["period"],
        "to_period": b["period"],
        "from_kind": str(a["kind"]),
        "from_value": v0,
        "to_value": v1,
        "from_text": a["value_text"],
        "to_text": b["value_text"],
        "change_per_year": change,
        "relative_change_per_year_pct": rel,
        "note": "; ".join(note),
        "source_line": a["source_line"],
    }
