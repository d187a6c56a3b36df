"""Indicator wordings that read alike but are assigned to different concepts.

Every target row has a ``concept_id`` (``reference/indicator_concepts.csv``),
assigned by hand with the reasons in the reference table. The suggestions
here only point a reviewer at pairs worth a second look: two wordings that
share most of their words are either one quantity that the reference table
should give one concept, or a look-alike (gross vs net enrolment, the
prevalence of malnutrition vs the share of cases treated) that stays apart.
Nothing is ever assigned from a score.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rbdata.analysis.compare.common import name_key, typed
from rbdata.contract import DOC_IDS
from rbdata.loaders import load_targets

__all__ = ["CONCEPT_SUGGEST_MIN_SCORE", "concept_suggestions"]

#: Default minimum score (0-100) of a pair listed by :func:`concept_suggestions`.
CONCEPT_SUGGEST_MIN_SCORE = 85.0

_COLUMNS = [
    "doc_id_a",
    "indicator_a",
    "concept_id_a",
    "first_line_a",
    "doc_id_b",
    "indicator_b",
    "concept_id_b",
    "first_line_b",
    "score",
]


def _wordings() -> pd.DataFrame:
    """One row per (doc_id, indicator, concept_id) of the targets, with its
    first line, in document and line order."""
    t = load_targets()[["doc_id", "indicator", "concept_id", "source_line"]]
    t = t.astype({"doc_id": str, "indicator": str, "concept_id": str})
    first = t.groupby(["doc_id", "indicator", "concept_id"], sort=False)["source_line"].min().reset_index()
    first["doc_order"] = first["doc_id"].map(DOC_IDS.index)
    return first.sort_values(["doc_order", "source_line", "indicator"], kind="stable").reset_index(drop=True)


def concept_suggestions(min_score: float = CONCEPT_SUGGEST_MIN_SCORE) -> pd.DataFrame:
    """Pairs of indicator wordings of different concepts whose names read alike, for review.

    Every distinct wording of :func:`rbdata.load_targets` is compared with
    every other wording, in the same document and across the two. The score
    of a pair is the larger of rapidfuzz's ``ratio`` (the whole names alike)
    and ``token_set_ratio`` (one name's words contained in the other's, which
    scores 'Persentase Gizi Buruk' against 'Persentase balita gizi buruk yang
    mendapat perawatan' as 100), computed on the names' words without what is
    in brackets (:func:`rbdata.compare.name_key`). Pairs of one concept are
    left out: they are already one quantity.

    The list is for review only; concepts are assigned in
    ``reference/indicator_concepts.csv`` and nothing here changes them.

    Parameters
    ----------
    min_score : float, default :data:`CONCEPT_SUGGEST_MIN_SCORE`
        Lowest score (0-100) of a pair listed.

    Returns
    -------
    pandas.DataFrame
        One row per pair of wordings, the earlier one (in document, then
        line order) first:

        - ``doc_id_a``, ``indicator_a``, ``concept_id_a`` (string): the
          first wording, its document and concept.
        - ``first_line_a`` (int64): first line printing it.
        - ``doc_id_b``, ``indicator_b``, ``concept_id_b`` (string),
          ``first_line_b`` (int64): the second wording.
        - ``score`` (float64): 0-100, as above.

        Highest score first, then in the order of the first and second wording.

    Examples
    --------
    >>> from rbdata.analysis.compare import concept_suggestions
    >>> s = concept_suggestions(95)
    >>> s[["indicator_a", "indicator_b", "score"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['Terbangunnya puskesmas sesuai standar', 'Terbangunnya puskesmas rawat inap sesuai standar', 100.0],
     ['Persentase Gizi Buruk', 'Persentase balita gizi buruk yang mendapat perawatan', 100.0]]
    """
    from rapidfuzz import fuzz, process

    w = _wordings()
    keys = [name_key(s) for s in w["indicator"]]
    scores = np.maximum(
        process.cdist(keys, keys, scorer=fuzz.ratio, dtype=np.float64),
        process.cdist(keys, keys, scorer=fuzz.token_set_ratio, dtype=np.float64),
    )
    concepts = w["concept_id"].to_numpy()
    upper = np.triu(np.ones(scores.shape, dtype=bool), k=1)
    pairs = np.argwhere(upper & (scores >= min_score) & (concepts[:, None] != concepts[None, :]))
    rows = []
    for i, j in pairs:
        a, b = w.iloc[i], w.iloc[j]
        rows.append(
            (
                a["doc_id"],
                a["indicator"],
                a["concept_id"],
                int(a["source_line"]),
                b["doc_id"],
                b["indicator"],
                b["concept_id"],
                int(b["source_line"]),
                float(scores[i, j]),
                i,
                j,
            )
        )
    rows.sort(key=lambda r: (-r[8], r[9], r[10]))
    df = pd.DataFrame([r[:9] for r in rows], columns=_COLUMNS)
    return typed(df, {"first_line_a": "int64", "first_line_b": "int64", "score": "float64"})
