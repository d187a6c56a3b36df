"""What every data-quality rule shares: the :class:`Rule` record, the finding
dicts the rules return, and the small formatting and arithmetic every
message uses.

A rule is a function ``func(doc_id) -> list of finding dicts`` (see
:func:`finding`); :func:`rbdata.quality.check` numbers the findings and makes
them rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from rbdata.contract.schema import SEVERITIES  # severity levels, most serious first

__all__ = [
    "SEVERITIES",
    "Rule",
    "finding",
    "records",
    "as_float",
    "group_by",
    "as_printed",
    "fmt_number",
    "rupiah",
    "same_number",
    "ratio",
    "line_ref",
]


@dataclass(frozen=True)
class Rule:
    """A rule of :func:`rbdata.quality.check`: its name, one-line description
    and function ``func(doc_id) -> list of finding dicts``."""

    name: str
    description: str
    func: Callable[[str], list]


def finding(severity, message, indicator, values, lines, tables) -> dict:
    """One finding: ``lines`` sorted without repeats, ``tables`` ';'-joined
    in the order given, without repeats or blanks."""
    lines = sorted({int(x) for x in lines})
    seen = []
    for t in tables:
        if t is not None and not pd.isna(t) and str(t) and str(t) not in seen:
            seen.append(str(t))
    return {
        "severity": severity,
        "message": message,
        "indicator": indicator,
        "values": values,
        "lines": lines,
        "table_ids": ";".join(seen),
    }


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing values as None.

    Column by column through object arrays: the rules walk rows in Python,
    and pandas' per-row and per-group access costs more than the checks.
    """
    cols = {}
    for c in df.columns:
        vals = df[c].to_numpy(dtype=object, copy=True)
        vals[df[c].isna().to_numpy()] = None
        cols[c] = vals.tolist()
    return [dict(zip(cols, vals)) for vals in zip(*cols.values())]


def as_float(x: float | None) -> float:
    """A value of :func:`records` as a float (NaN for None)."""
    return math.nan if x is None else float(x)


def group_by(rows: list[dict], key) -> dict:
    """``rows`` grouped by ``key(row)``, groups and rows in order of appearance."""
    out: dict = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


def as_printed(text) -> str:
    """A cell as printed, runs of white space made one space; '' for a missing one."""
    return "" if text is None or pd.isna(text) else " ".join(str(text).split())


def fmt_number(x: float) -> str:
    """A number the Indonesian way: decimal comma, no trailing zeros."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    return f"{x:.4f}".rstrip("0").replace(".", ",")


def rupiah(x: float) -> str:
    """An amount of rupiah the Indonesian way: 'Rp 9.257.000.000'."""
    return "Rp " + f"{int(round(x)):,}".replace(",", ".")


def same_number(a: float, b: float) -> bool:
    """Two parsed values equal up to float rounding."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def ratio(a: float, b: float) -> float:
    """How many times the larger is of the smaller; 0 if either is 0."""
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return 0.0
    return max(a, b) / min(a, b)


def line_ref(table_id, line) -> str:
    """'Tabel 2.4 l.377': where a value is printed."""
    return f"{table_id} l.{int(line)}"
