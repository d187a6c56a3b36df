"""Areas of change: every indicator of both documents assigned to one of the
eight areas (``reference/areas.csv``) or to development outcomes.

What the documents say comes first (Blora's "Area ..." headings, Batang
Tabel 2.1); the reviewable rules of ``reference/area_rules.csv`` assign the
rest.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from rbdata.analysis.compare.common import name_key, one_row_per_indicator, reference_frame, typed
from rbdata.analysis.compare.labels import english_labels
from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import derived_cache, load_actions, load_indicator_crosswalk
from rbdata.reference import area_keys_named, read_reference
from rbdata.sources import check_doc_id

__all__ = [
    "EXPLICIT_MIN_SCORE",
    "area_rules",
    "classify_indicator",
    "classify_areas",
    "classification_summary",
    "action_areas",
]

#: Minimum rapidfuzz score (max of ``token_set_ratio`` and ``partial_ratio``
#: on normalised names) for a Batang indicator to count as one of the old
#: Tabel 2.1 indicators. Chosen so that 'Maturitas SPIP' matches the printed
#: 'Maturitas SPI' (96) while 'Indeks BerAKHLAK' does not match 'Indeks SPBE'
#: (90); every match is listed in the ``rule`` column for review.
EXPLICIT_MIN_SCORE = 95.0


_AREA_WORD = re.compile(r"\bArea\b", re.I)


@functools.cache
def _compiled_rules() -> tuple[tuple[re.Pattern, str, str], ...]:
    out = []
    for i, r in enumerate(read_reference("area_rules"), start=2):
        try:
            pat = re.compile(r["pattern"], re.I)
        except re.error as exc:
            raise ValueError(
                f"rbdata/reference/area_rules.csv line {i}: bad regular expression "
                f"{r['pattern']!r} ({exc}); fix the pattern"
            ) from None
        out.append((pat, r["area_key"], r["pattern"]))
    return tuple(out)


def area_rules() -> pd.DataFrame:
    """The assignment rules of ``reference/area_rules.csv``, in order.

    Returns
    -------
    pandas.DataFrame
        ``pattern`` (string, case-insensitive regular expression searched in
        the indicator text), ``area_key`` (string; empty means "deliberately
        left unassigned"), ``note`` (string: why). The first matching rule
        wins.
    """
    return reference_frame("area_rules")


def classify_indicator(text: str) -> tuple[str | None, str | None]:
    """Area key and rule pattern for an indicator text by the rules.

    Returns ``(area_key, pattern)`` of the first rule of
    ``reference/area_rules.csv`` whose pattern occurs in ``text``;
    ``(None, pattern)`` when that rule deliberately assigns no area;
    ``(None, None)`` when no rule matches.

    >>> classify_indicator("Angka Kematian Bayi (AKB)")
    ('development_outcome', 'kematian|gizi (buruk|kurang)|harapan hidup')
    """
    for pat, key, raw in _compiled_rules():
        if pat.search(text or ""):
            return (key or None), raw
    return None, None


def _area_of_heading(heading: str) -> str | None:
    """Area key named by a heading such as 'b) Area Penguatan Pengawasan'."""
    if not _AREA_WORD.search(heading):
        return None
    keys = area_keys_named(heading)
    return keys.pop() if len(keys) == 1 else None


def _crosswalk_names() -> list[tuple[str, str, str]]:
    """(normalised name, area_key, rule text) for Batang Tabel 2.1.

    Each old indicator counts under its own name; an indicator the table says
    is replaced ('digantikan dengan ...') also lends its area to the
    replacement it names.
    """
    cw = load_indicator_crosswalk("batang-2023")
    out = []
    for r in cw.itertuples(index=False):
        rule = f"{r.table_id} line {r.source_line}: {r.indicator_no}. {r.indicator} ({r.area})"
        out.append((name_key(r.indicator), r.area_key, rule))
        m = re.search(r"digantikan dengan (.+)", str(r.fate_text or ""), re.I)
        if m:
            out.append((name_key(m.group(1)), r.area_key, f"{rule}, replaced by {m.group(1).strip()}"))
    return out


def _crosswalk_match(indicator: str, names) -> tuple[str, str] | None:
    from rapidfuzz import fuzz

    target = name_key(indicator)
    best = None
    for name, key, rule in names:
        score = max(fuzz.token_set_ratio(name, target), fuzz.partial_ratio(name, target))
        if score >= EXPLICIT_MIN_SCORE and (best is None or score > best[0]):
            best = (score, key, rule)
    return None if best is None else (best[1], best[2])


def classify_areas(doc_id: str | None = None) -> pd.DataFrame:
    """Assign every indicator to an area of change or to development outcomes.

    Order of evidence, per indicator (one row per ``target_id`` of
    :func:`rbdata.load_targets`):

    1. **explicit** — the document says it: a Blora indicator under a heading
       naming an area ("a) Area Penataan Sistem Manajemen Sumber Daya Manusia
       Aparatur" in sections B.1 and C.I; the area is recognised with the
       patterns of ``reference/areas.csv``), or a Batang indicator that is one
       of the old outcome indicators of Tabel 2.1 (or the replacement Tabel
       2.1 names), matched by name with rapidfuzz at score
       >= :data:`EXPLICIT_MIN_SCORE`;
    2. **assigned** — the first rule of ``reference/area_rules.csv`` whose
       pattern occurs in the indicator text;
    3. **unassigned** — no rule, or a rule that deliberately assigns none
       (the overall Indeks Reformasi Birokrasi, which spans all areas).

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        One row per indicator, in loader order:

        - ``doc_id`` (string): source document.
        - ``target_id`` (string): id of the indicator in ``load_targets``.
        - ``source_line`` (int64): line of the indicator in ``data/raw``.
        - ``table_id`` (string): table it sits in.
        - ``track`` (string): Blora priority group or Batang track.
        - ``indicator`` (string): indicator as printed.
        - ``area_key`` (string): key of ``reference/areas.csv``, or
          ``'development_outcome'``; NA when unassigned.
        - ``area_en`` (string): English name of the area.
        - ``basis`` (category: explicit / assigned / unassigned).
        - ``rule`` (string): the heading, Tabel 2.1 row or rule pattern used.
    """
    if doc_id is not None:
        check_doc_id(doc_id)  # a clear error before the cache sees the argument
    # computed once per parse (several comparisons start from it); a copy goes out
    return _classified(doc_id).copy()


@derived_cache
def _classified(doc_id) -> pd.DataFrame:
    ind = one_row_per_indicator(doc_id)
    en = english_labels("area")
    names = _crosswalk_names() if (ind["doc_id"] == "batang-2023").any() else []
    rows = []
    for r in ind.itertuples(index=False):
        key, basis, rule = None, "unassigned", None
        if r.doc_id == "blora-2020" and not pd.isna(r.section):
            heading = str(r.section).split(" > ")[-1]
            key = _area_of_heading(heading)
            if key:
                basis, rule = "explicit", heading
        elif r.doc_id == "batang-2023":
            hit = _crosswalk_match(r.indicator, names)
            if hit:
                key, rule = hit
                basis = "explicit"
        if key is None:
            key, rule = classify_indicator(r.indicator)
            basis = "assigned" if key else "unassigned"
        rows.append(
            {
                "doc_id": r.doc_id,
                "target_id": r.target_id,
                "source_line": r.source_line,
                "table_id": r.table_id,
                "track": r.track,
                "indicator": r.indicator,
                "area_key": key,
                "area_en": en.get(key) if key else None,
                "basis": basis,
                "rule": rule,
            }
        )
    df = pd.DataFrame(rows, columns=_CLASS_COLUMNS)
    return typed(df, {"source_line": "int64", "basis": pd.CategoricalDtype(_BASES)})


_CLASS_COLUMNS = [
    "doc_id",
    "target_id",
    "source_line",
    "table_id",
    "track",
    "indicator",
    "area_key",
    "area_en",
    "basis",
    "rule",
]


_BASES = ["explicit", "assigned", "unassigned"]


def classification_summary(doc_id: str | None = None) -> pd.DataFrame:
    """Count indicators per document by basis of their area.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}, default None
        One document, or both.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; columns ``explicit``, ``assigned``, ``unassigned``
        and ``total`` (int64: numbers of indicators).
    """
    c = classify_areas(doc_id)
    out = pd.crosstab(c["doc_id"], c["basis"], dropna=False).reindex(columns=_BASES, fill_value=0)
    docs = list(DOC_IDS) if doc_id is None else [doc_id]
    out = out.reindex(docs).fillna(0).astype("int64")
    out["total"] = out.sum(axis=1)
    out.columns.name = None
    return out


def action_areas(doc_id: str | None = None) -> pd.DataFrame:
    """Every action with the area of the indicator it serves.

    An action inherits the classification of its parent indicator (same
    document, ``parent_source_line`` = the indicator's ``source_line``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``action_id``, ``source_line`` (int64), ``table_id``,
        ``track``, ``action``, ``parent_source_line`` (Int64),
        ``area_key``, ``area_en``, ``basis`` (of the parent; NA where the
        action has no parent indicator row in ``load_targets``).
    """
    a = load_actions(doc_id)
    c = classify_areas(doc_id)[["doc_id", "source_line", "area_key", "area_en", "basis"]]
    c = c.drop_duplicates(["doc_id", "source_line"]).rename(columns={"source_line": "parent_source_line"})
    c["parent_source_line"] = c["parent_source_line"].astype("Int64")
    cols = ["doc_id", "action_id", "source_line", "table_id", "track", "action", "parent_source_line"]
    out = a[cols].merge(c, on=["doc_id", "parent_source_line"], how="left")
    return out.reset_index(drop=True)
