"""Ambition that can be compared: one start, one end, one scale per concept.

:func:`rbdata.analysis.compare.ambition` lists every step between consecutive
dated values of every indicator row. Two things keep those steps from being
compared across documents: Blora prints no baseline, so its steps run from
the 2020 target to the 2021 target, while Batang's run from a 2021 or 2022
baseline; and a percent change of an index on 1-5 says nothing next to a
percent change of a share on 0-100 %.

Here each document x concept (``targets.concept_id``) gets one row of values,
one start and one end in that row's unit, and a change per year in the good
direction measured two ways: in points of the scale, and, where the concept's
scale has printed bounds (``concepts.scale`` '1-5', '0-100', '0-100 %'), as
the share of the remaining gap to the better bound closed per year. The
scales and bounds are those of the national indices and the regencies'
indicator definitions as curated in ``reference/``; the start and end values
are the regency's own choice. Compare rows only within one
``comparable_group`` (measure and scale).
"""

from __future__ import annotations

import re

import pandas as pd

from rbdata.loaders import load_concepts, load_targets

__all__ = ["BOUNDED_SCALE", "comparable_ambition", "comparable_ambition_from"]

#: The only ``concepts.scale`` texts read as a bounded scale: 'low-high', optionally with ' %'.
#: Anything else ('not stated (...)', 'unbounded', '% (may exceed 100)') has no bound.
BOUNDED_SCALE = re.compile(r"(?P<low>\d+(?:\.\d+)?)-(?P<high>\d+(?:\.\d+)?)(?: %)?")

_COLUMNS = {
    "doc_id": "string",
    "concept_id": "string",
    "name_en": "string",
    "measure": "string",
    "scale": "string",
    "comparable_group": "string",
    "direction": "string",
    "unit": "string",
    "table_id": "string",
    "source_line": "int64",
    "n_periods": "int64",
    "start_kind": "string",
    "start_period": "string",
    "start_value": "float64",
    "end_period": "string",
    "end_value": "float64",
    "years": "int64",
    "change_per_year": "float64",
    "better_bound": "float64",
    "gap_share_per_year": "float64",
    "contested": "bool",
    "finding_ids": "string",
}


def _better_bound(scale: object, direction: str) -> float:
    """The bound a concept improves towards, or NaN when the scale prints none."""
    if pd.isna(scale):
        return float("nan")
    m = BOUNDED_SCALE.fullmatch(str(scale).strip())
    if m is None:
        return float("nan")
    return float(m["high"]) if direction == "higher" else float(m["low"])


def comparable_ambition_from(
    targets: pd.DataFrame, concepts: pd.DataFrame, findings: pd.DataFrame
) -> pd.DataFrame:
    """:func:`comparable_ambition` on given tables (see there for the columns).

    Parameters
    ----------
    targets : pandas.DataFrame
        Rows as :func:`rbdata.load_targets` returns them; used: ``doc_id``,
        ``concept_id``, ``table_id``, ``source_line``, ``kind``, ``period``,
        ``value``, ``unit``.
    concepts : pandas.DataFrame
        As :func:`rbdata.load_concepts`; used: ``concept_id``, ``name_en``,
        ``measure``, ``scale``, ``direction``.
    findings : pandas.DataFrame
        As :func:`rbdata.quality.check`; used: ``finding_id``, ``doc_id``,
        ``source_lines`` (';'-joined line numbers).

    Returns
    -------
    pandas.DataFrame
        One row per document x concept, columns as :func:`comparable_ambition`.

    Examples
    --------
    >>> t = pd.DataFrame({"doc_id": ["d"] * 3, "concept_id": ["c"] * 3, "table_id": ["T"] * 3,
    ...     "source_line": [7] * 3, "kind": ["baseline", "target", "target"],
    ...     "period": ["2022", "2023", "2024"], "value": [60.0, 70.0, 80.0], "unit": ["%"] * 3})
    >>> c = pd.DataFrame({"concept_id": ["c"], "name_en": ["share"], "measure": ["percentage"],
    ...     "scale": ["0-100 %"], "direction": ["higher"]})
    >>> f = pd.DataFrame({"finding_id": [], "doc_id": [], "source_lines": []})
    >>> r = comparable_ambition_from(t, c, f).iloc[0]
    >>> float(r.change_per_year), float(r.gap_share_per_year)
    (10.0, 0.25)
    """
    numeric = targets[
        targets["concept_id"].notna()
        & targets["value"].notna()
        & targets["period"].fillna("").astype(str).str.fullmatch(r"\d{4}")
    ].copy()
    numeric["_year"] = numeric["period"].astype(int)
    # the baseline sorts before a target of the same year
    numeric["_target"] = (numeric["kind"].astype(str) == "target").astype(int)
    concept_info = concepts.set_index("concept_id")
    finding_lines = [
        (str(fid), str(doc), {int(n) for n in str(lines).split(";") if n.strip()})
        for fid, doc, lines in zip(findings["finding_id"], findings["doc_id"], findings["source_lines"])
    ]
    all_lines = targets[targets["concept_id"].notna()].groupby(
        [targets["doc_id"].astype(str), targets["concept_id"].astype(str)]
    )["source_line"]
    concept_lines = {key: {int(n) for n in lines} for key, lines in all_lines}

    records = []
    for (doc, concept), g in numeric.groupby(
        [numeric["doc_id"].astype(str), numeric["concept_id"].astype(str)], sort=True
    ):
        # one row of values: the table line with the most dated values, the first printed on a tie
        per_line = g.drop_duplicates(["table_id", "source_line", "kind", "_year"])
        counts = per_line.groupby(["table_id", "source_line"], sort=False).size().reset_index(name="n")
        counts = counts.sort_values(["n", "source_line"], ascending=[False, True], kind="stable")
        table_id, line, n_periods = counts.iloc[0][["table_id", "source_line", "n"]]
        row = per_line[(per_line["table_id"] == table_id) & (per_line["source_line"] == line)]
        row = row.sort_values(["_year", "_target"], kind="stable")
        base = row[row["kind"].astype(str) == "baseline"]
        tgt = row[row["kind"].astype(str) == "target"]
        if tgt.empty:
            continue
        start = base.iloc[0] if not base.empty else tgt.iloc[0]
        end = tgt.iloc[-1]
        years = int(end["_year"] - start["_year"])
        if years <= 0:
            continue
        info = concept_info.loc[concept]
        direction = str(info["direction"])
        sign = 1.0 if direction == "higher" else -1.0
        change = sign * (float(end["value"]) - float(start["value"])) / years
        bound = _better_bound(info["scale"], direction)
        gap = abs(bound - float(start["value"]))
        gap_share = change / gap if gap > 0 else float("nan")
        lines = concept_lines.get((doc, concept), set())
        cited = [fid for fid, fdoc, flines in finding_lines if fdoc == doc and flines & lines]
        records.append(
            {
                "doc_id": doc,
                "concept_id": concept,
                "name_en": info["name_en"],
                "measure": str(info["measure"]),
                "scale": info["scale"],
                "comparable_group": f"{info['measure']} | {info['scale']}",
                "direction": direction,
                "unit": start["unit"],
                "table_id": table_id,
                "source_line": int(line),
                "n_periods": int(n_periods),
                "start_kind": str(start["kind"]),
                "start_period": str(start["period"]),
                "start_value": float(start["value"]),
                "end_period": str(end["period"]),
                "end_value": float(end["value"]),
                "years": years,
                "change_per_year": change,
                "better_bound": bound,
                "gap_share_per_year": gap_share,
                "contested": bool(cited),
                "finding_ids": ";".join(cited),
            }
        )
    out = pd.DataFrame(records, columns=list(_COLUMNS))
    return out.astype(_COLUMNS).reset_index(drop=True)


def comparable_ambition(doc_id: str | None = None) -> pd.DataFrame:
    """Start, end and change per year of each concept, on the concept's own scale.

    For every document and concept with a numeric start and a later numeric
    end, one row built from a single table line (``table_id``,
    ``source_line``): when a concept is printed in several tables, the line
    with the most dated numeric values, the first printed on a tie. Labels
    (WTP, B, Paripurna) and quarters are not values here.

    * start: the baseline (kondisi awal) if that line prints one, else its
      first target (``start_kind`` says which: Blora prints no baselines,
      so its rows run target to target);
    * end: the line's last target;
    * ``change_per_year = d * (end_value - start_value) / years`` with
      ``d`` = +1 if higher is better, -1 if lower (``concepts.direction``):
      points of the scale per year (percentage points for percentages),
      positive = better;
    * ``gap_share_per_year = change_per_year / |better_bound - start_value|``:
      the share of the distance still to go to the better end of the scale
      closed per year, only where ``concepts.scale`` prints both bounds
      ('1-5', '0-100', '0-100 %'); NA for scales not stated or unbounded,
      and where the start already sits on the bound.

    Rows of different ``comparable_group`` measure different things on
    different scales: compare within a group only, and never add rows up.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        - ``doc_id``, ``concept_id``, ``name_en`` (string).
        - ``measure``, ``scale`` (string): from ``concepts``.
        - ``comparable_group`` (string): '<measure> | <scale>'.
        - ``direction`` (string: higher / lower).
        - ``unit`` (string): unit printed on the chosen line.
        - ``table_id`` (string), ``source_line`` (int64): the chosen line.
        - ``n_periods`` (int64): dated numeric values on that line.
        - ``start_kind`` (string: baseline / target).
        - ``start_period``, ``end_period`` (string: years).
        - ``start_value``, ``end_value`` (float64, in ``unit``).
        - ``years`` (int64): end year minus start year, at least 1.
        - ``change_per_year`` (float64): points of the scale per year, positive = better.
        - ``better_bound`` (float64): the bound improved towards, NaN if the scale prints none.
        - ``gap_share_per_year`` (float64): share (0.1 = a tenth) of the gap to
          ``better_bound`` closed per year; NaN without a bound.
        - ``contested`` (bool): some :func:`rbdata.quality.check` finding of the
          document cites one of the concept's lines (any table).
        - ``finding_ids`` (string): those findings, ';'-joined, or ''.

    Examples
    --------
    >>> from rbdata.analysis.compare.ambition_per_year import comparable_ambition
    >>> a = comparable_ambition("batang-2023")
    >>> r = a[a["concept_id"] == "ipp"].iloc[0]
    >>> r.table_id, int(r.source_line), r.start_kind, float(r.start_value), float(r.end_value), int(r.years)
    ('Tabel 2.4', 378, 'baseline', 4.24, 4.5, 2)
    >>> round(float(r.change_per_year), 3), round(float(r.gap_share_per_year), 3)
    (0.13, 0.171)
    """
    from rbdata.analysis.quality import check

    return comparable_ambition_from(load_targets(doc_id), load_concepts(), check(doc_id))
