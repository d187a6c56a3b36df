"""Curated reference tables shipped in ``rbdata/reference/`` (CSV files).

Each CSV has a header comment-free first row and a ``source`` or ``note``
column stating where its content comes from; ``reference/README.md`` gives
the provenance of each file. They are read once and cached.
"""

from __future__ import annotations

import csv
import functools
import re

from rbdata._paths import REFERENCE_DIR
from rbdata.text.normalise import squash


@functools.cache
def read_reference(name: str) -> tuple[dict, ...]:
    """Rows of ``reference/<name>.csv`` as dicts (strings, '' for empty)."""
    path = REFERENCE_DIR / f"{name}.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(dict(r) for r in csv.DictReader(fh))


@functools.cache
def _direction_rules() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(r["pattern"], re.I), r["direction"]) for r in read_reference("direction_rules"))


def direction_of(indicator: str) -> str:
    """'lower' if a rule in reference/direction_rules.csv matches, else 'higher'."""
    for pat, direction in _direction_rules():
        if pat.search(indicator or ""):
            return direction
    return "higher"


@functools.cache
def _area_patterns() -> tuple[tuple[re.Pattern, str, str], ...]:
    return tuple(
        (re.compile(r["pattern"], re.I), r["area_key"], r["area_en"]) for r in read_reference("areas")
    )


def area_of(text: str) -> tuple[str | None, str | None]:
    """(area_key, area_en) of the first area in reference/areas.csv whose
    pattern matches ``text``; (None, None) if none does."""
    for pat, key, en in _area_patterns():
        if pat.search(text or ""):
            return key, en
    return None, None


def area_keys_named(text: str) -> set[str]:
    """Keys of every area in reference/areas.csv whose pattern matches ``text``
    (a heading that names one area gives one key)."""
    return {key for pat, key, _ in _area_patterns() if pat.search(text or "")}


def english_label(table: str, key_col: str, text: str, en_col: str) -> str | None:
    """English label of ``text`` from reference/<table>.csv (match on
    ``key_col``, case and runs of white space ignored), or None."""
    key = squash(text)
    for r in read_reference(table):
        if squash(r[key_col]) == key:
            return r[en_col]
    return None


@functools.cache
def _concept_assignments() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for r in read_reference("indicator_concepts"):
        key = (r["doc_id"], r["indicator"], r["unit"])
        if key in out:
            raise ValueError(f"rbdata/reference/indicator_concepts.csv assigns {key} twice")
        out[key] = r["concept_id"]
    return out


def concept_of(doc_id: str, indicator: str, unit: str | None) -> str | None:
    """``concept_id`` that reference/indicator_concepts.csv assigns to the
    wording (``doc_id``, ``indicator``, ``unit``), or None.

    The wording must be exactly as the targets table holds it; ``unit`` is
    None or '' where the table has no unit column.
    """
    return _concept_assignments().get((doc_id, indicator, unit or ""))
