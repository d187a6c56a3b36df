"""Coverage of the eight areas of change, counted on concepts, and how much of it
rests on the assignment rules.

Counting areas on target rows overstates an area whose indices are printed in
several tables (Blora prints 'Opini BPK' in six tables): here each measured
quantity (``targets.concept_id``) counts once per document. And most rows get
their area from the regular expressions of ``reference/area_rules.csv``
('assigned' in :func:`rbdata.analysis.compare.classify_areas`), not from
something the document prints ('explicit'). So every area is counted twice:
once on the documents' word alone, once with the rules as well; the
difference is what the rules contribute.

What 'explicit' means differs between the documents. In Blora it is the
regency's own "Area ..." headings over its indicator tables (the eight areas
themselves are the national frame of PermenPANRB 25/2020). In Batang it is a
match with Tabel 2.1, which reproduces the national crosswalk of the
ministry ("Sumber: Kementerian PANRB"): the area then comes from the national
template, and only the choice to target the index is Batang's. Blora (2020)
and Batang (2023, after the national sharpening) also differ in period, so a
difference in coverage is not only a difference of place.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from rbdata.analysis.compare.areas import classify_areas
from rbdata.analysis.compare.labels import OUTCOME, english_labels
from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import load_targets
from rbdata.reference import read_reference

__all__ = ["UNASSIGNED_EN", "area_coverage", "area_coverage_of"]

#: English label of the bucket of concepts that have no area.
UNASSIGNED_EN = "Unassigned"

_COLUMNS = [
    "doc_id",
    "area_key",
    "area_en",
    "n_concepts",
    "n_indicators",
    "n_concepts_explicit",
    "n_concepts_with_assigned",
    "n_concepts_assigned_only",
    "share_explicit_pct",
    "share_with_assigned_pct",
    "share_assigned_only_pct",
]


def _buckets() -> list[str | None]:
    """Area keys in report order: the eight areas, development outcomes, then no area (None)."""
    return [r["area_key"] for r in read_reference("areas")] + [OUTCOME, None]


def _concept_buckets(rows: pd.DataFrame) -> tuple[set, set]:
    """Buckets of one concept with the documents' word alone, and with the rules as well.

    An area printed by the document (explicit) beats an area given by a rule
    (assigned): the rules place a concept only when no row of it is explicit.
    A concept with no area in a view falls in the no-area bucket (None).
    """
    explicit = set(rows.loc[rows["basis"] == "explicit", "area_key"].dropna())
    assigned = set(rows.loc[rows["basis"] == "assigned", "area_key"].dropna())
    word_only = explicit or {None}
    with_rules = explicit or assigned or {None}
    return word_only, with_rules


def area_coverage_of(classified: pd.DataFrame) -> pd.DataFrame:
    """Area coverage on concepts of classified indicator rows (see :func:`area_coverage`).

    Parameters
    ----------
    classified : pandas.DataFrame
        One row per indicator, with the columns ``doc_id``, ``concept_id``,
        ``area_key`` (NA for no area) and ``basis`` ('explicit', 'assigned'
        or 'unassigned'), as :func:`classify_areas` gives them with the
        concept of each ``target_id`` added; small hand-made frames work too.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`area_coverage`, one block of rows per document
        in order of first appearance.

    Examples
    --------
    >>> rows = pd.DataFrame(
    ...     {
    ...         "doc_id": ["d", "d", "d"],
    ...         "concept_id": ["sakip", "sakip", "ikm"],
    ...         "area_key": ["accountability", "accountability", "public_service"],
    ...         "basis": ["explicit", "assigned", "assigned"],
    ...     }
    ... )
    >>> cov = area_coverage_of(rows).set_index("area_key")
    >>> ps = cov.loc["public_service"]
    >>> int(ps["n_concepts_explicit"]), int(ps["n_concepts_with_assigned"])
    (0, 1)
    """
    missing = {"doc_id", "concept_id", "area_key", "basis"} - set(classified.columns)
    if missing:
        raise ValueError(f"classified rows lack the column(s) {', '.join(sorted(missing))}")
    if classified["concept_id"].isna().any():
        raise ValueError("every classified row needs a concept_id: the counts are of concepts")
    labels = english_labels("area")
    out = []
    for doc, rows in classified.groupby("doc_id", sort=False):
        word_only: dict[str | None, int] = {}
        with_rules: dict[str | None, int] = {}
        for _, concept_rows in rows.groupby("concept_id", sort=True):
            seen_word, seen_rules = _concept_buckets(concept_rows)
            for b in seen_word:
                word_only[b] = word_only.get(b, 0) + 1
            for b in seen_rules:
                with_rules[b] = with_rules.get(b, 0) + 1
        n_concepts = int(rows["concept_id"].nunique())
        rows_in = Counter(None if pd.isna(a) else a for a in rows["area_key"])
        for key in _buckets():
            n_explicit = word_only.get(key, 0)
            n_with = with_rules.get(key, 0)
            out.append(
                {
                    "doc_id": doc,
                    "area_key": key,
                    "area_en": UNASSIGNED_EN if key is None else labels[key],
                    "n_concepts": n_concepts,
                    "n_indicators": rows_in.get(key, 0),
                    "n_concepts_explicit": n_explicit,
                    "n_concepts_with_assigned": n_with,
                    "n_concepts_assigned_only": n_with - n_explicit,
                    "share_explicit_pct": 100.0 * n_explicit / n_concepts,
                    "share_with_assigned_pct": 100.0 * n_with / n_concepts,
                    "share_assigned_only_pct": 100.0 * (n_with - n_explicit) / n_concepts,
                }
            )
    frame = pd.DataFrame(out, columns=_COLUMNS)
    return frame.astype(
        {
            "doc_id": "string",
            "area_key": "string",
            "area_en": "string",
            "n_concepts": "int64",
            "n_indicators": "int64",
            "n_concepts_explicit": "int64",
            "n_concepts_with_assigned": "int64",
            "n_concepts_assigned_only": "int64",
            "share_explicit_pct": "float64",
            "share_with_assigned_pct": "float64",
            "share_assigned_only_pct": "float64",
        }
    )


def area_coverage(doc_id: str | None = None) -> pd.DataFrame:
    """How many of each document's concepts each area covers, with and without the rules.

    Every indicator row of :func:`classify_areas` is taken with its concept
    (``load_targets().concept_id`` of its ``target_id``); a concept is counted
    once per document however many tables print it. Each concept is placed in
    two views:

    * **word only** — the areas of its *explicit* rows (Blora's "Area ..."
      headings; Batang's match with the national Tabel 2.1); a concept with no
      explicit row has no area in this view;
    * **with rules** — as word only, but a concept with no explicit row takes
      the areas of its *assigned* rows (``reference/area_rules.csv``).
      Explicit beats assigned: a rule never adds an area to a concept the
      document already places.

    A concept whose rows fall in several areas within one view counts in each
    of them (then the shares of a document add up to more than 100%); in
    both documents as parsed today no concept does, so each view splits the
    document's concepts over the buckets and its shares add up to 100%.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document, or both (default), one block of rows each.

    Returns
    -------
    pandas.DataFrame
        One row per document and bucket: the eight areas in the order of
        ``reference/areas.csv``, then ``development_outcome``, then no area:

        - ``doc_id`` (string): source document.
        - ``area_key`` (string): key of ``reference/areas.csv`` or
          ``'development_outcome'``; NA for the bucket of concepts with no area.
        - ``area_en`` (string): English name; ``'Unassigned'`` for no area.
        - ``n_concepts`` (int64): concepts of the document (the denominator).
        - ``n_indicators`` (int64): indicator rows of :func:`classify_areas`
          in the bucket (with rules), for comparison with counting on rows.
        - ``n_concepts_explicit`` (int64): concepts in the bucket in the word-only
          view (for an area: concepts with an explicit row in it; for no area:
          concepts with no explicit row at all).
        - ``n_concepts_with_assigned`` (int64): concepts in the bucket in the
          with-rules view.
        - ``n_concepts_assigned_only`` (int64): the difference, what the rules
          change: for an area, the concepts only the rules place there (>= 0);
          for no area, minus the concepts the rules take out of it (<= 0). Over
          a document's buckets it adds up to 0 when no concept is in several areas.
        - ``share_explicit_pct``, ``share_with_assigned_pct``,
          ``share_assigned_only_pct`` (float64, %): the three counts as shares of
          ``n_concepts``.

    Examples
    --------
    >>> from rbdata.analysis.compare.coverage_by_area import area_coverage
    >>> cov = area_coverage("blora-2020").set_index("area_en")
    >>> int(cov.loc["Supervision (internal control and integrity)", "n_concepts_explicit"])
    5
    """
    docs = list(DOC_IDS) if doc_id is None else [doc_id]
    classified = classify_areas(doc_id)  # checks doc_id
    concept_of = load_targets(doc_id)[["target_id", "concept_id"]].drop_duplicates("target_id")
    rows = classified.merge(concept_of, on="target_id", how="left", validate="many_to_one")
    frames = [area_coverage_of(rows[rows["doc_id"] == d]) for d in docs if (rows["doc_id"] == d).any()]
    return pd.concat(frames, ignore_index=True)
