"""The plan that is monitored: targets per period, and the periods themselves.

:func:`plan` gathers the indicator targets (``load_targets``) and the action
output targets (``load_action_targets``) of a document into one long table,
one row per id and period; it is what a monitoring workbook is written from
and read against, and what :func:`rbdata.monitoring.achievement` compares
realisations with. :func:`monitoring_periods` says in which periods a
document is monitored: the quarters of its action plan where it has quarters
(Batang: ``2023Q1`` ... ``2023Q4``, the printed Total ``2023`` being the
year), else its years (Blora: ``2020``, ``2021``).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from rbdata import loaders
from rbdata.contract.schema import DOC_IDS
from rbdata.reference import direction_of

_QUARTER = re.compile(r"(\d{4})Q([1-4])")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _period_label(period: str, lang: str = "id") -> str:
    """'2023Q2' -> 'TW II 2023' (id) / 'Q2 2023' (en); years unchanged."""
    m = _QUARTER.fullmatch(period)
    if not m:
        return period
    if lang == "id":
        return f"TW {_ROMAN[m.group(2)]} {m.group(1)}"
    return f"Q{m.group(2)} {m.group(1)}"


def _period_order(p: str):
    m = _QUARTER.fullmatch(p)
    return (p[:4], int(m.group(2)) if m else 9)


def _year_of(period: str) -> str | None:
    m = _QUARTER.fullmatch(period)
    return m.group(1) if m else None


def _load_frames(doc_id: str) -> dict[str, pd.DataFrame]:
    """The three plan tables of one document, from the public loaders."""
    return {
        "targets": loaders.load_targets(doc_id),
        "actions": loaders.load_actions(doc_id),
        "action_targets": loaders.load_action_targets(doc_id),
    }


def _check_doc(doc_id) -> str:
    if doc_id not in DOC_IDS:
        raise ValueError(f"unknown doc_id {doc_id!r}; valid ids are {', '.join(map(repr, DOC_IDS))}")
    return doc_id


def _calendar(action_targets: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(realisation periods, plan years) of a document's action targets."""
    periods = sorted(str(p) for p in action_targets["period"].dropna().unique())
    quarters = [p for p in periods if _QUARTER.fullmatch(p)]
    if quarters:
        return quarters, sorted({p[:4] for p in quarters})
    return periods, periods


def _calendar_of(doc_id: str) -> tuple[list[str], list[str]]:
    """(realisation periods, plan years) of a document, from its action targets."""
    return _calendar(_load_frames(doc_id)["action_targets"])


def monitoring_periods(doc_id: str) -> list[str]:
    """Periods in which a document's targets are monitored.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}

    Returns
    -------
    list of str
        The quarters of the action plan where it has quarters (Batang:
        ``['2023Q1', '2023Q2', '2023Q3', '2023Q4']``), else its years
        (Blora: ``['2020', '2021']``); read from ``load_action_targets``.
        These are the valid ``period=`` values of :func:`write_workbook`.

    Examples
    --------
    >>> from rbdata import monitoring
    >>> monitoring.monitoring_periods("blora-2020")
    ['2020', '2021']
    """
    return _calendar_of(_check_doc(doc_id))[0]


def _has_target(value, label, text) -> bool:
    if isinstance(value, float) and not math.isnan(value):
        return True
    if not _isna(label):
        return True
    return not _isna(text) and str(text).strip() not in ("", "-")


def _isna(v) -> bool:
    return v is None or (pd.api.types.is_scalar(v) and bool(pd.isna(v)))


def _plan_from(frames: dict[str, pd.DataFrame], doc_id: str) -> pd.DataFrame:
    """Long plan: one row per (id, plan period) with target and context.

    The realisation periods and plan years of the document come from its
    action targets; indicator targets are kept for the plan years.
    """
    real_periods, years = _calendar(frames["action_targets"])
    t = frames["targets"]
    t = t[(t["kind"].astype("string") == "target") & t["period"].isin(years)]
    tp = pd.DataFrame(
        {
            "id": t["target_id"].astype("string"),
            "table": "targets",
            "doc_id": doc_id,
            "source_line": t["source_line"].astype("int64"),
            "period": t["period"].astype("string"),
            "track": t["track"].astype("string"),
            "name": t["indicator"].astype("string"),
            "output_indicator": pd.NA,
            "unit": t["unit"].astype("string"),
            "direction": t["direction"].astype("string"),
            "agency": t["agency"].astype("string"),
            "coordinator": pd.NA,
            "target": t["value"].astype("float64"),
            "target_text": t["value_text"].astype("string"),
            "target_label": t["value_label"].astype("string"),
            "total_kind": pd.NA,
        }
    )
    base = frames["targets"]
    base = base[base["kind"].astype("string") == "baseline"].sort_values(["target_id", "period"])
    last_base = base.groupby("target_id", observed=True)["value"].last()
    tp["baseline"] = tp["id"].map(last_base).astype("float64")

    a = frames["actions"].set_index("action_id")
    at = frames["action_targets"]
    at = at[at["action_id"].isin(a.index)]
    acts = a.loc[at["action_id"]]
    out_ind = acts["output_indicator"].astype("string")
    ap = pd.DataFrame(
        {
            "id": at["action_id"].astype("string").to_numpy(),
            "table": "actions",
            "doc_id": doc_id,
            "source_line": acts["source_line"].astype("int64").to_numpy(),
            "period": at["period"].astype("string").to_numpy(),
            "track": acts["track"].astype("string").to_numpy(),
            "name": acts["action"].astype("string").to_numpy(),
            "output_indicator": out_ind.to_numpy(),
            "unit": acts["output_unit"].astype("string").to_numpy(),
            # outputs are deliverables; the indicator rules still apply to
            # their text so that e.g. a death count would be lower-is-better
            "direction": [direction_of("" if _isna(x) else str(x)) for x in out_ind],
            "agency": acts["executor"].astype("string").to_numpy(),
            "coordinator": acts["coordinator"].astype("string").to_numpy(),
            "target": at["value"].astype("float64").to_numpy(),
            "target_text": at["value_text"].astype("string").to_numpy(),
            "target_label": at["value_label"].astype("string").to_numpy(),
            "total_kind": at["total_kind"].astype("string").to_numpy(),
            "baseline": math.nan,
        }
    )
    ap = ap[ap["period"].isin(real_periods + years)]
    out = pd.concat([tp, ap], ignore_index=True)
    for col in (
        "id",
        "table",
        "doc_id",
        "period",
        "track",
        "name",
        "output_indicator",
        "unit",
        "direction",
        "agency",
        "coordinator",
        "target_text",
        "target_label",
        "total_kind",
    ):
        out[col] = out[col].astype("string")
    return out.reset_index(drop=True)


@loaders.derived_cache
def _plan_of(doc_id: str) -> pd.DataFrame:
    """The plan of one document, built once per parse (read-only: callers
    filter it into new frames; :func:`plan` hands out a copy)."""
    return _plan_from(_load_frames(doc_id), doc_id)


def plan(doc_id: str | None = None) -> pd.DataFrame:
    """The monitored targets of one or both documents, one row per id x period.

    This is the reference :func:`read_workbook` checks a workbook against
    and :func:`achievement` compares realisations with. Indicator targets
    (``load_targets``, kind ``target``) are kept for the monitored years;
    action targets (``load_action_targets``) for every period printed.
    Where Batang prints an indicator and an action on the same line the two
    share their id; ``table`` tells them apart, so rows are keyed by
    (``table``, ``id``, ``period``).

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        One row per id and period:

        - ``id`` (string): ``target_id`` (indicator) or ``action_id`` (action).
        - ``table`` (string): ``'targets'`` or ``'actions'``, the table the id
          comes from.
        - ``doc_id`` (string): source document.
        - ``source_line`` (int64): line of the indicator / action in
          ``data/raw/<doc_id>.txt``.
        - ``period`` (string): ``'2020'``, ``'2021'`` (Blora), ``'2023Q1'`` ...
          ``'2023Q4'`` or ``'2023'`` (Batang; for actions the printed Total).
        - ``track`` (string): Batang track or Blora priority group.
        - ``name`` (string): indicator or action as printed.
        - ``output_indicator`` (string): actions: the output indicator; NA for
          indicators.
        - ``unit`` (string): unit (Satuan) as printed.
        - ``direction`` (string): ``'higher'`` or ``'lower'`` is better
          (indicators: ``load_targets``; actions: the same rules applied to the
          output indicator).
        - ``agency`` (string): canonical responsible agency / executing units,
          ``'; '``-joined.
        - ``coordinator`` (string): actions: canonical coordinating unit.
        - ``target`` (float64): target parsed from the cell (unit of ``unit``);
          NaN for labels, ``-`` and empty cells.
        - ``target_text`` (string): the target cell exactly as printed.
        - ``target_label`` (string): label in the cell (``WTP``, ``B``, ...).
        - ``total_kind`` (string): for the ``'2023'`` Total of an action:
          ``'sum'`` or ``'level'`` (see ``load_action_targets``); NA otherwise.
        - ``baseline`` (float64): indicators: the latest baseline (kondisi
          awal) parsed; NaN where none and for actions.
    """
    ids = DOC_IDS if doc_id is None else (_check_doc(doc_id),)
    # a copy: the cached plan is shared by every workbook written and read
    return pd.concat([_plan_of(d) for d in ids], ignore_index=True).copy()
