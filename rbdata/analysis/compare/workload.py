"""Who carries the plans and with what: indicators and actions per agency,
budgets per group, actions per quarter."""

from __future__ import annotations

import math

import pandas as pd

from rbdata.analysis.compare.common import agency_function, one_row_per_indicator, typed
from rbdata.analysis.compare.labels import english_labels
from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import load_action_targets, load_actions, load_agencies

__all__ = ["agencies_by_function", "agency_load", "budget_summary", "quarterly_schedule"]


def _explode_agencies(s: pd.Series) -> pd.Series:
    return s.dropna().astype(str).str.split("; ").explode()


def agency_load(doc_id: str | None = None) -> pd.DataFrame:
    """How many indicators and actions each agency is responsible for.

    Indicators count their ``agency`` (Blora section C's PERANGKAT DAERAH
    TERKAIT; Batang's Koordinator of Tabel 2.4); actions count their
    ``executor`` (the executing unit(s)). A cell naming several agencies
    counts once for each.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``agency`` (canonical), ``agency_en``, ``n_indicators``,
        ``n_actions`` (int64) and ``total``; sorted by document, then by
        decreasing total, then name.
    """
    en = english_labels("agency")
    out = []
    for d in [doc_id] if doc_id else list(DOC_IDS):
        ind = one_row_per_indicator(d)
        act = load_actions(d)
        ni = _explode_agencies(ind["agency"]).value_counts()
        na = _explode_agencies(act["executor"]).value_counts()
        names = sorted(set(ni.index) | set(na.index))
        for n in names:
            out.append(
                {
                    "doc_id": d,
                    "agency": n,
                    "agency_en": en.get(n),
                    "n_indicators": int(ni.get(n, 0)),
                    "n_actions": int(na.get(n, 0)),
                }
            )
    df = pd.DataFrame(out, columns=["doc_id", "agency", "agency_en", "n_indicators", "n_actions"])
    df["total"] = df["n_indicators"] + df["n_actions"]
    df = df.sort_values(["doc_id", "total", "agency"], ascending=[True, False, True], key=_doc_order)
    return typed(df, {"n_indicators": "int64", "n_actions": "int64", "total": "int64"})


def agencies_by_function() -> pd.DataFrame:
    """The agencies of both documents compared by what they do, not by their name.

    Two regencies name their bodies differently (Blora's BPPKAD and Batang's
    BPKPAD both manage finance; Blora's Dinas Pendidikan and Batang's
    Disdikbud both run schools), so agencies are compared through the
    function of the curated agency table (``load_agencies().function``).
    The counts are those of :func:`agency_load`: indicators an agency is
    responsible for and actions it executes, a cell naming several agencies
    counting for each.

    Returns
    -------
    pandas.DataFrame
        One row per function named in either document, with

        - ``function`` (string): key of the function (``load_agencies().function``);
          ``'(unknown)'`` for an agency the table does not know;
        - ``function_en`` (string): English name of the function (of the
          first agency of that function, in table order);
        - ``blora_agencies``, ``batang_agencies`` (string): the canonical
          agency names of that function in each document, ``'; '``-joined,
          NA where the document names none;
        - ``blora_indicators``, ``blora_actions``, ``batang_indicators``,
          ``batang_actions`` (int64): sums of :func:`agency_load` over those
          agencies;
        - ``in_both`` (bool): each document names an agency of the function.

        Sorted by decreasing total of both documents, then by ``function``.
    """
    table = load_agencies()
    canonical = table.drop_duplicates("agency")
    function = agency_function()
    function_en: dict[str, str] = {}
    for key, name in zip(canonical["function"].astype(str), canonical["function_en"].astype(str)):
        function_en.setdefault(key, name)  # the first agency's wording (RSUD's says 'Hospital care')
    load = agency_load()
    load = load.assign(function=load["agency"].astype(str).map(lambda a: function.get(a, "(unknown)")))
    blora, batang = DOC_IDS
    rows = []
    for key, g in load.groupby("function", sort=True):
        row: dict[str, object] = {"function": key, "function_en": function_en.get(str(key), pd.NA)}
        for doc, prefix in ((blora, "blora"), (batang, "batang")):
            d = g[g["doc_id"] == doc]
            row[f"{prefix}_agencies"] = "; ".join(d["agency"].astype(str)) if len(d) else pd.NA
            row[f"{prefix}_indicators"] = int(d["n_indicators"].sum())
            row[f"{prefix}_actions"] = int(d["n_actions"].sum())
        row["in_both"] = bool(pd.notna(row["blora_agencies"]) and pd.notna(row["batang_agencies"]))
        rows.append(row)
    df = pd.DataFrame(rows)
    total = df[["blora_indicators", "blora_actions", "batang_indicators", "batang_actions"]].sum(axis=1)
    df = df.assign(_total=total).sort_values(["_total", "function"], ascending=[False, True], kind="stable")
    df = df.drop(columns="_total").reset_index(drop=True)
    return typed(
        df,
        {
            "function": "string",
            "function_en": "string",
            "blora_agencies": "string",
            "batang_agencies": "string",
            "blora_indicators": "int64",
            "blora_actions": "int64",
            "batang_indicators": "int64",
            "batang_actions": "int64",
            "in_both": "bool",
        },
    )


def _doc_order(s: pd.Series) -> pd.Series:
    if s.name == "doc_id":
        return s.map({d: i for i, d in enumerate(DOC_IDS)})
    return s


def _plan_tables(actions: pd.DataFrame, column: str) -> list[str]:
    """Tables of ``actions`` in which at least one row fills ``column``."""
    return sorted(actions.loc[actions[column].notna(), "table_id"].unique())


def budget_summary(by: str = "track", doc_id: str = "batang-2023") -> pd.DataFrame:
    """Actions and their budgets (Jumlah Anggaran) grouped by a column.

    Only the action plans that print a budget column are counted (for
    Batang: Lampiran II-IV, the 2023 plans; the Bab V output tables list
    outputs without budgets and are left out).

    Parameters
    ----------
    by : str, default 'track'
        Column of :func:`rbdata.load_actions` to group by ('track',
        'executor', 'coordinator', 'link_type', ...). For 'executor' and
        'coordinator' a row naming several agencies counts for each of them
        (its budget too, so the group totals can exceed the grand total).
    doc_id : str, default 'batang-2023'
        Document (Blora prints no budgets: the result is empty).

    Returns
    -------
    pandas.DataFrame
        One row per group (NA groups shown as '(none)'): ``n_actions``,
        ``n_budget`` (actions with a budget), ``n_no_budget`` (NaN budget:
        none printed or shared with the row above), ``budget_idr`` (float64,
        rupiah, sum of the known budgets) and ``budget_share_pct`` (share of
        the document's total known budget, %). Sorted by decreasing budget.
    """
    a = load_actions(doc_id)
    if by not in a.columns:
        raise ValueError(f"load_actions has no column {by!r}; choose one of {', '.join(a.columns)}")
    a = a[a["table_id"].isin(_plan_tables(a, "budget_text"))]
    total = a["budget_idr"].sum()
    a = a.assign(_key=a[by].astype("string").fillna("(none)"))
    if by in ("executor", "coordinator"):
        a = a.assign(_key=a["_key"].str.split("; ")).explode("_key")
    g = a.groupby("_key", sort=True)
    df = pd.DataFrame(
        {
            "n_actions": g.size(),
            "n_budget": g["budget_idr"].count(),
            "budget_idr": g["budget_idr"].sum(min_count=0),
        }
    )
    df["n_no_budget"] = df["n_actions"] - df["n_budget"]
    df["budget_share_pct"] = 100.0 * df["budget_idr"] / total if total else math.nan
    df = df[["n_actions", "n_budget", "n_no_budget", "budget_idr", "budget_share_pct"]]
    df.index.name = by
    return df.sort_values(["budget_idr", "n_actions"], ascending=False, kind="stable").astype(
        {"n_actions": "int64", "n_budget": "int64", "n_no_budget": "int64"}
    )


def quarterly_schedule(doc_id: str = "batang-2023") -> pd.DataFrame:
    """Actions with a non-zero output target per quarter, by track.

    Only the action plans that have quarterly targets are counted (for
    Batang: Lampiran II-IV, the 2023 plans with TW I-IV columns).

    Returns
    -------
    pandas.DataFrame
        Index ``track``; one column per quarter (``2023Q1`` ... ``2023Q4``;
        int64: number of actions of the track whose target for that quarter
        is a number other than zero) and ``n_actions`` (actions of the track
        in those plans).
    """
    at = load_action_targets(doc_id)
    at = at[at["period"].str.fullmatch(r"\d{4}Q[1-4]")]
    a = load_actions(doc_id)
    a = a[a["table_id"].isin(sorted(a.loc[a["action_id"].isin(at["action_id"]), "table_id"].unique()))]
    a = a[["action_id", "track"]]
    q = at[at["value"].notna() & (at["value"] != 0)].merge(a, on="action_id")
    quarters = sorted(at["period"].unique())
    tab = pd.crosstab(q["track"], q["period"]).reindex(columns=quarters, fill_value=0)
    n = a.groupby("track").size()
    tab = tab.reindex(n.index, fill_value=0)
    tab["n_actions"] = n
    tab.columns.name = None
    return tab.astype("int64")
