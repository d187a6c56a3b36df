"""Indicators both road maps track: the curated pairs of
``reference/indicator_matches.csv``, fuzzy suggestions, and their targets side
by side."""

from __future__ import annotations

import re

import pandas as pd

from rbdata.analysis.compare.common import name_key, one_row_per_indicator, reference_frame, typed
from rbdata.loaders import load_targets

__all__ = ["SUGGEST_MIN_SCORE", "indicator_matches", "shared_indicators", "shared_targets"]

#: Minimum ``token_set_ratio`` for a fuzzy shared-indicator suggestion.
SUGGEST_MIN_SCORE = 80.0


def indicator_matches() -> pd.DataFrame:
    """The curated table ``reference/indicator_matches.csv``.

    Returns
    -------
    pandas.DataFrame
        ``concept`` (string), ``concept_en`` (string), ``blora_pattern`` and
        ``batang_pattern`` (string: case-insensitive regular expressions
        searched in the indicator texts), ``note`` (string: why the two are
        the same or related measures, with lines).
    """
    return reference_frame("indicator_matches")


def _score(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(name_key(a), name_key(b)))


def shared_indicators(min_score: float = SUGGEST_MIN_SCORE) -> pd.DataFrame:
    """Indicators both road maps track, curated and suggested.

    Curated pairs come from ``reference/indicator_matches.csv``: every Blora
    indicator matching ``blora_pattern`` is paired with every Batang
    indicator matching ``batang_pattern``. Suggested pairs are the remaining
    (Blora, Batang) pairs whose normalised names score at least
    ``min_score`` with rapidfuzz ``token_set_ratio`` (computed for all pairs
    at once with ``rapidfuzz.process.cdist``); they are candidates for the
    curated table, to be reviewed.

    Parameters
    ----------
    min_score : float, default :data:`SUGGEST_MIN_SCORE`
        Threshold (0-100) for suggestions.

    Returns
    -------
    pandas.DataFrame
        - ``concept`` (string): curated concept; NA for suggestions.
        - ``concept_en`` (string): English label of the concept.
        - ``blora_target_id``, ``blora_indicator`` (string).
        - ``batang_target_id``, ``batang_indicator`` (string).
        - ``match`` (category: curated / suggested).
        - ``score`` (float64): ``token_set_ratio`` of the two names, 0-100
          (also given for curated pairs, which may score low because the
          wording differs).

        Curated pairs first, in the order of the reference table, then
        suggestions by decreasing score.
    """
    from rapidfuzz import fuzz, process

    ind = one_row_per_indicator()
    bl = ind[ind["doc_id"] == "blora-2020"][["target_id", "indicator"]].reset_index(drop=True)
    ba = ind[ind["doc_id"] == "batang-2023"][["target_id", "indicator"]].reset_index(drop=True)
    # rows as tuples once, not once per concept and pair
    bl_rows, ba_rows = list(bl.itertuples(index=False)), list(ba.itertuples(index=False))
    rows, seen = [], set()
    for m in indicator_matches().itertuples(index=False):
        bpat, tpat = re.compile(m.blora_pattern, re.I), re.compile(m.batang_pattern, re.I)
        for b in bl_rows:
            if not bpat.search(b.indicator):
                continue
            for t in ba_rows:
                if tpat.search(t.indicator) and (b.target_id, t.target_id) not in seen:
                    seen.add((b.target_id, t.target_id))
                    score = _score(b.indicator, t.indicator)
                    rows.append(
                        (
                            m.concept,
                            m.concept_en,
                            b.target_id,
                            b.indicator,
                            t.target_id,
                            t.indicator,
                            "curated",
                            score,
                        )
                    )
    scores = process.cdist(
        [name_key(s) for s in bl["indicator"]],
        [name_key(s) for s in ba["indicator"]],
        scorer=fuzz.token_set_ratio,
    )
    sugg = []
    for i, j in zip(*(scores >= min_score).nonzero()):
        b, t = bl_rows[i], ba_rows[j]
        if (b.target_id, t.target_id) not in seen:
            score = float(scores[i, j])
            sugg.append((None, None, b.target_id, b.indicator, t.target_id, t.indicator, "suggested", score))
    sugg.sort(key=lambda r: (-r[7], r[2], r[4]))
    cols = [
        "concept",
        "concept_en",
        "blora_target_id",
        "blora_indicator",
        "batang_target_id",
        "batang_indicator",
        "match",
        "score",
    ]
    df = pd.DataFrame(rows + sugg, columns=cols)
    return typed(df, {"match": pd.CategoricalDtype(["curated", "suggested"]), "score": "float64"})


def _values_text(rows: list[dict]) -> str:
    """'period: value' pairs of one target's rows, as printed, baselines marked."""
    parts = []
    for r in rows:
        text = r["value_text"]
        if pd.isna(text) or not str(text).strip():
            continue
        parts.append(f"{r['period']}{' (baseline)' if r['kind'] == 'baseline' else ''}: {text}")
    return "; ".join(parts)


def shared_targets() -> pd.DataFrame:
    """Targets of each curated shared concept, side by side.

    For every concept of ``reference/indicator_matches.csv`` and each
    document: the indicators matched (distinct wordings), and every value
    as printed with its period, so that the two documents' ambitions can be
    read next to each other.

    Returns
    -------
    pandas.DataFrame
        One row per (concept, doc_id, indicator wording):
        ``concept``, ``concept_en``, ``doc_id``, ``indicator`` (string),
        ``n_rows`` (int64: how many indicator rows use that wording),
        ``first_line`` (int64: first source line), ``tables`` (string:
        table ids, ';'-joined), ``values`` (string: 'period: value' pairs of
        the first such row, as printed, baselines marked), ``unit`` (string).
    """
    sh = shared_indicators()
    cur = sh[sh["match"] == "curated"]
    # plain records, grouped once by target (a pandas selection per concept
    # and wording cost more than everything else here)
    cols_t = ["target_id", "indicator", "source_line", "table_id", "unit", "period", "kind", "value_text"]
    rows_of: dict[str, list[dict]] = {}  # target_id -> its rows, in table order
    for r in load_targets()[cols_t].to_dict("records"):
        rows_of.setdefault(r["target_id"], []).append(r)
    order = {tid: k for k, tid in enumerate(rows_of)}  # position of a target's first row
    out = []
    for concept, grp in cur.groupby("concept", sort=False):
        concept_en = grp["concept_en"].iloc[0]
        for doc, col_id in (("blora-2020", "blora_target_id"), ("batang-2023", "batang_target_id")):
            ids = [i for i in dict.fromkeys(grp[col_id]) if isinstance(i, str) and i in rows_of]
            by_wording: dict[str, list[dict]] = {}  # in order of first appearance in the table
            for tid in sorted(ids, key=order.__getitem__):
                first = rows_of[tid][0]
                if not pd.isna(first["indicator"]):
                    by_wording.setdefault(first["indicator"], []).append(first)
            for wording, firsts in by_wording.items():
                firsts = sorted(firsts, key=lambda r: r["source_line"])
                r0 = firsts[0]
                out.append(
                    {
                        "concept": concept,
                        "concept_en": concept_en,
                        "doc_id": doc,
                        "indicator": wording,
                        "n_rows": len(firsts),
                        "first_line": int(r0["source_line"]),
                        "tables": ";".join(dict.fromkeys(r["table_id"] for r in firsts)),
                        "values": _values_text(rows_of[r0["target_id"]]),
                        "unit": r0["unit"],
                    }
                )
    cols = [
        "concept",
        "concept_en",
        "doc_id",
        "indicator",
        "n_rows",
        "first_line",
        "tables",
        "values",
        "unit",
    ]
    df = pd.DataFrame(out, columns=cols)
    return typed(df, {"n_rows": "int64", "first_line": "int64"})
