"""Monitoring workbooks: from the printed plan to achievement (capaian).

Both road maps ask the responsible agencies to report, every quarter
(Batang's 2023 action plans, TW I-IV) or every year (Blora, 2020 and 2021),
what they achieved against each target. This module writes the plan into an
Excel workbook with empty realisation columns, reads the filled workbook
back, checks that nothing but realisations was changed, and computes
achievement per target in the direction that is better for the indicator.

>>> from rbdata import monitoring                           # doctest: +SKIP
>>> monitoring.write_workbook("batang.xlsx", "batang-2023")  # doctest: +SKIP
>>> real = monitoring.read_workbook("batang.xlsx")           # doctest: +SKIP
>>> monitoring.achievement(real)                            # doctest: +SKIP

Workbook layout
---------------
* ``Petunjuk - Instructions``: how to fill the workbook, in Indonesian and
  English, and the settings it was written with (document, agency, period).
  (Excel forbids ``/`` in sheet names, hence the dash.)
* ``Target Indikator``: one row per indicator with a target in the
  monitored years (``load_targets``); realisation columns per year (Blora)
  or per quarter of 2023 (Batang).
* ``Output Aksi``: one row per action (``load_actions``) with its output
  targets per period as printed and as parsed (``load_action_targets``).

Every row carries its id (``target_id`` / ``action_id``), so realisations
join back to the plan and each plan row to its line in ``data/raw/``. The
plan cells are locked (sheet protection without a password: it prevents
slips, it is not security); realisation cells are unlocked and accept only
numbers, except for targets that are labels (``WTP``, ``B``, ``Paripurna``)
whose realisation is typed as a label. Text is always written as text, never
as a formula (:mod:`rbdata._excel`).

Which periods a document is monitored in is read from its action targets:
the quarters of ``load_action_targets`` when it has quarters (Batang:
``2023Q1`` ... ``2023Q4``, the printed Total ``2023`` being the year), else
its years (Blora: ``2020``, ``2021``).
"""

from __future__ import annotations

import copy
import difflib
import math
import numbers
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from rbdata import loaders
from rbdata.contract.schema import DOC_IDS
from rbdata.export.forms import write_cell, write_sheet
from rbdata.reference import direction_of, read_reference
from rbdata.text.agencies import resolve_agencies

__all__ = [
    "write_workbook",
    "read_workbook",
    "achievement",
    "plan",
    "monitoring_periods",
    "ACHIEVED_MIN",
    "ON_TRACK_MIN",
    "STATUSES",
    "LOWER_FORMULAS",
    "DEFAULT_TOTAL_KIND",
]

# ---------------------------------------------------------------- constants

#: Capaian (percent) at or above which a target counts as achieved.
ACHIEVED_MIN = 100.0
#: Capaian (percent) at or above which a target not yet achieved is "on
#: track". 95 follows the "on track" threshold of the Open SDG progress
#: measure (ratio of observed to required progress of at least 95%).
ON_TRACK_MIN = 95.0
#: Status categories of :func:`achievement`, from best to worst, then the
#: two that say why no status could be given.
STATUSES = ("achieved", "on track", "behind", "deteriorating", "no target", "no data")
#: Formulas for lower-is-better indicators: ``"ratio"`` is target /
#: realisation x 100 (the default), ``"complement"`` is (2 - realisation /
#: target) x 100.
LOWER_FORMULAS = ("ratio", "complement")
#: How an annual Total whose relation to its quarters is not printed
#: (``total_kind`` NA) is compared: with the sum of the quarters.
DEFAULT_TOTAL_KIND = "sum"

SHEET_INFO = "Petunjuk - Instructions"
SHEET_TARGETS = "Target Indikator"
SHEET_ACTIONS = "Output Aksi"

_QUARTER = re.compile(r"(\d{4})Q([1-4])")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_NUMBER = "number"
_LABEL = "label"
_ENTRY_TEXT = {_NUMBER: "angka / number", _LABEL: "label (teks / text)"}
_SETTINGS_KEYS = ("doc_id", "agency", "period")
_ALL = "(semua / all)"

# fills: grey = the plan (locked), yellow = to be filled in
_FILL_PLAN = "EEEEEE"
_FILL_INPUT = "FFF2CC"
_FILL_HEAD = "1F4E78"


# ------------------------------------------------------------ the plan


def _period_label(period: str, lang: str = "id") -> str:
    """'2023Q2' -> 'TW II 2023' (id) / 'Q2 2023' (en); years unchanged."""
    m = _QUARTER.fullmatch(period)
    if not m:
        return period
    if lang == "id":
        return f"TW {_ROMAN[m.group(2)]} {m.group(1)}"
    return f"Q{m.group(2)} {m.group(1)}"


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
    return _calendar(_load_frames(_check_doc(doc_id))["action_targets"])[0]


def _has_target(value, label, text) -> bool:
    if isinstance(value, float) and not math.isnan(value):
        return True
    if not _isna(label):
        return True
    return not _isna(text) and str(text).strip() not in ("", "-")


def _isna(v) -> bool:
    return v is None or (pd.api.types.is_scalar(v) and bool(pd.isna(v)))


def _entry_kind(values, labels) -> str:
    """'label' when every target of a row is a bare label (WTP, B, ...)."""
    numbers = [v for v in values if not _isna(v)]
    named = [lab for v, lab in zip(values, labels) if _isna(v) and not _isna(lab)]
    return _LABEL if named and not numbers else _NUMBER


def _split_agencies(text) -> list[str]:
    return [] if _isna(text) else [a for a in str(text).split("; ") if a]


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


_PLAN_DOC = """
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


@loaders.derived_cache
def _plan_of(doc_id: str) -> pd.DataFrame:
    """The plan of one document, built once per parse (read-only: callers
    filter it into new frames; :func:`plan` hands out a copy)."""
    return _plan_from(_load_frames(doc_id), doc_id)


def plan(doc_id=None) -> pd.DataFrame:
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
        Columns:
    """
    ids = DOC_IDS if doc_id is None else (_check_doc(doc_id),)
    # a copy: the cached plan is shared by every workbook written and read
    return pd.concat([_plan_of(d) for d in ids], ignore_index=True).copy()


plan.__doc__ += _PLAN_DOC


# ------------------------------------------------------- sheet layout


@dataclass(frozen=True)
class _Col:
    key: str  # machine name
    header: str  # bilingual header as written in row 1
    role: str  # 'plan' (locked, checked on reading) or 'real' (to fill)
    period: str = ""  # realisation columns: the period
    width: float = 14


def _sheet_layout(table: str, plan_periods: list[str], real_periods: list[str]) -> list[_Col]:
    """Columns of one monitoring sheet, in order."""
    if table == "targets":
        cols = [
            _Col("id", "ID (target_id)", "plan", width=34),
            _Col("doc_id", "Dokumen / Document", "plan", width=12),
            _Col("source_line", "Baris / Line", "plan", width=8),
            _Col("track", "Jalur / Track", "plan", width=18),
            _Col("name", "Indikator / Indicator", "plan", width=50),
            _Col("unit", "Satuan / Unit", "plan", width=12),
            _Col("direction", "Arah / Direction", "plan", width=10),
            _Col("agency", "Penanggung jawab / Responsible agency", "plan", width=26),
        ]
    else:
        cols = [
            _Col("id", "ID (action_id)", "plan", width=34),
            _Col("doc_id", "Dokumen / Document", "plan", width=12),
            _Col("source_line", "Baris / Line", "plan", width=8),
            _Col("track", "Jalur / Track", "plan", width=18),
            _Col("name", "Rencana aksi / Action", "plan", width=50),
            _Col("output_indicator", "Indikator output / Output indicator", "plan", width=40),
            _Col("unit", "Satuan / Unit", "plan", width=12),
            _Col("direction", "Arah / Direction", "plan", width=10),
            _Col("coordinator", "Koordinator / Coordinator", "plan", width=20),
            _Col("agency", "Pelaksana / Executing agency", "plan", width=26),
        ]
    for p in plan_periods:
        lab = _period_label(p)
        if (
            table == "actions"
            and not _QUARTER.fullmatch(p)
            and any(_QUARTER.fullmatch(q) for q in plan_periods)
        ):
            lab = f"Total {p}"
        cols.append(_Col(f"target_text:{p}", f"Target {lab} (tertulis / as printed)", "plan"))
        cols.append(_Col(f"target:{p}", f"Target {lab} (angka / number)", "plan"))
    if (
        table == "actions"
        and any(not _QUARTER.fullmatch(p) for p in plan_periods)
        and any(_QUARTER.fullmatch(p) for p in plan_periods)
    ):
        cols.append(_Col("total_kind", "Jenis total / Total kind (sum | level)", "plan"))
    cols.append(_Col("entry", "Isian / Entry", "plan", width=12))
    for p in real_periods:
        cols.append(
            _Col(f"real:{p}", f"Realisasi {_period_label(p)} / Actual {_period_label(p, 'en')}", "real", p)
        )
    return cols


def _wide(plan_rows: pd.DataFrame, table: str, plan_periods: list[str]) -> pd.DataFrame:
    """One row per id with the plan columns of a sheet (keys as columns)."""
    # plain Python over the column values (the same scalars a row of
    # plan_rows holds): a pandas lookup per id and period costs far more
    context = (
        "id",
        "doc_id",
        "source_line",
        "track",
        "name",
        "output_indicator",
        "unit",
        "direction",
        "agency",
        "coordinator",
    )
    wanted = context + ("period", "target", "target_text", "target_label", "total_kind")
    values = {
        c: (plan_rows[c].to_numpy() if isinstance(plan_rows[c].dtype, np.dtype) else list(plan_rows[c].array))
        for c in wanted
    }
    groups: dict = {}  # id -> positions of its rows, in order of first appearance
    for pos, rid in enumerate(values["id"]):
        groups.setdefault(rid, []).append(pos)
    rows = []
    for positions in groups.values():
        first = positions[0]
        rec = {k: values[k][first] for k in context}
        by_p = {values["period"][pos]: pos for pos in positions}  # one row per id and period
        for p in plan_periods:
            if p in by_p:
                pos = by_p[p]
                rec[f"target_text:{p}"] = values["target_text"][pos]
                rec[f"target:{p}"] = values["target"][pos]
                if not _isna(values["total_kind"][pos]):
                    rec["total_kind"] = values["total_kind"][pos]
            else:
                rec[f"target_text:{p}"] = None
                rec[f"target:{p}"] = math.nan
        rec.setdefault("total_kind", None)
        kind = _entry_kind(
            [values["target"][pos] for pos in positions], [values["target_label"][pos] for pos in positions]
        )
        rec["entry"] = _ENTRY_TEXT[kind]
        rows.append(rec)
    return pd.DataFrame(rows)


@dataclass
class _Sheet:
    name: str
    table: str
    cols: list[_Col]
    rows: pd.DataFrame  # one row per id; columns = plan keys of ``cols``


def _resolve_agency(agency: str, plan_rows: pd.DataFrame, doc_id: str) -> str:
    """Canonical name of ``agency`` (any alias); ValueError with close matches."""
    found, left = resolve_agencies(str(agency))
    if len(found) == 1 and not left:
        name = found[0]
    else:
        ref = read_reference("agencies")
        names = sorted({r["agency"] for r in ref} | {r["alias"] for r in ref})
        close = difflib.get_close_matches(str(agency), names, n=6, cutoff=0.5)
        low = str(agency).lower()
        close += [n for n in names if low and low in n.lower() and n not in close][:6]
        if len(found) > 1 and not left:
            why = f"names several agencies ({', '.join(found)}); give one"
        else:
            why = "is not a known agency name or alias (reference/agencies.csv)"
        hint = f"; close matches: {', '.join(repr(c) for c in close)}" if close else ""
        raise ValueError(f"agency {agency!r} {why}{hint}")
    have = set()
    for col in ("agency", "coordinator"):
        for v in plan_rows[col].dropna():
            have.update(_split_agencies(v))
    if name not in have:
        raise ValueError(
            f"agency {agency!r} ({name}) has no targets or actions in {doc_id}; "
            f"agencies with rows: {', '.join(sorted(have))}"
        )
    return name


def _rows_of_agency(plan_rows: pd.DataFrame, name: str) -> pd.Series:
    """True for rows where ``name`` is the responsible, executing or
    coordinating agency."""
    hit = plan_rows["agency"].map(lambda v: name in _split_agencies(v))
    hit |= plan_rows["coordinator"].map(lambda v: name in _split_agencies(v))
    return hit.astype(bool)


def _layout(doc_id: str, agency=None, period=None):
    """The two data sheets (layout + rows) and the settings of a workbook."""
    real_periods, years = _calendar(_load_frames(doc_id)["action_targets"])
    plan_rows = _plan_of(doc_id)  # shared: filtered below into new frames, never changed
    agency_name = None
    if agency is not None:
        agency_name = _resolve_agency(agency, plan_rows, doc_id)
        # (table, id): an indicator and an action printed on one line share the id
        hit = plan_rows[_rows_of_agency(plan_rows, agency_name)]
        keep = set(zip(hit["table"], hit["id"]))
        plan_rows = plan_rows[[k in keep for k in zip(plan_rows["table"], plan_rows["id"])]]
    if period is not None:
        period = str(period)
        if period not in real_periods:
            raise ValueError(
                f"period {period!r} is not monitored in {doc_id}; valid periods are "
                f"{', '.join(map(repr, real_periods))} (omit period= for all of them)"
            )
        real_periods = [period]
    sheets = []
    for table, name in (("targets", SHEET_TARGETS), ("actions", SHEET_ACTIONS)):
        rows = plan_rows[plan_rows["table"] == table]
        if table == "targets":
            plan_periods = sorted({(p[:4] if _QUARTER.fullmatch(p) else p) for p in real_periods})
        else:
            printed = sorted(rows["period"].unique(), key=_period_order)
            plan_periods = [p for p in printed if p in real_periods] if period else printed
        if period is not None:
            due = rows[rows["period"].isin(plan_periods)]
            # a boolean array, not a list: an empty list would select no columns
            due = due[
                np.array(
                    [
                        _has_target(v, lab, txt)
                        for v, lab, txt in zip(due["target"], due["target_label"], due["target_text"])
                    ],
                    dtype=bool,
                )
            ]
            rows = rows[rows["id"].isin(set(due["id"]))]
        cols = _sheet_layout(table, plan_periods, real_periods)
        wide = (
            _wide(rows, table, plan_periods)
            if len(rows)
            else pd.DataFrame(columns=[c.key for c in cols if c.role == "plan"])
        )
        sheets.append(_Sheet(name, table, cols, wide))
    settings = {"doc_id": doc_id, "agency": agency_name or _ALL, "period": period or _ALL}
    return sheets, settings


def _period_order(p: str):
    m = _QUARTER.fullmatch(p)
    return (p[:4], int(m.group(2)) if m else 9)


# ------------------------------------------------------------ writing


def write_workbook(path, doc_id: str, agency: str | None = None, period: str | None = None) -> Path:
    """Write a monitoring workbook for one document.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write the ``.xlsx`` file (overwritten if it exists).
    doc_id : {'blora-2020', 'batang-2023'}
        Document whose plan is written.
    agency : str, optional
        Keep only the rows of one agency: indicators it is responsible for,
        actions it executes or coordinates. Any spelling of
        ``reference/agencies.csv`` works (``'Bapelit bang'`` and
        ``'Bapelitbang'`` give the same rows). An unknown name raises
        ``ValueError`` listing close matches; a known agency without rows in
        the document raises ``ValueError`` listing the agencies that have.
    period : str, optional
        Keep one realisation period (see :func:`monitoring_periods`):
        ``'2020'`` or ``'2021'`` for Blora, ``'2023Q1'`` ... ``'2023Q4'``
        for Batang. Only the target columns of that period (indicators of
        Batang: the annual 2023 target) and the rows with a target in it are
        written. Any other value raises ``ValueError`` listing valid ones.

    Returns
    -------
    pathlib.Path
        The path written.

    Notes
    -----
    Sheets ``Petunjuk - Instructions``, ``Target Indikator`` and
    ``Output Aksi``. Each data sheet has one header row and one row per
    target_id / action_id with: document, source line, track, indicator or
    action (and output indicator), unit, direction (``higher`` / ``lower``
    is better), agency (canonical), every target as printed and as parsed,
    the Total kind (``sum`` / ``level``, Batang actions), the entry type
    (number or label) and one empty realisation column per period.
    Realisation cells are unlocked and validated as decimals (label rows
    take text); everything else is locked by sheet protection without a
    password. No cell is ever a formula: strings starting with ``=``,
    ``+``, ``-`` or ``@`` are stored as text.
    """
    from openpyxl import Workbook

    _check_doc(doc_id)
    sheets, settings = _layout(doc_id, agency, period)
    wb = Workbook()
    info = wb.active
    info.title = SHEET_INFO
    _write_info(info, settings, sheets)
    for sh in sheets:
        _write_data_sheet(wb.create_sheet(sh.name), sh)
    path = Path(path)
    wb.save(path)
    return path


def _write_data_sheet(ws, sh: _Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    frame = pd.DataFrame(
        {c.header: (sh.rows[c.key] if c.role == "plan" else None) for c in sh.cols},
        index=sh.rows.index,
    )
    # plain object columns: write_cell turns NA/NaN into empty cells
    frame = frame.astype(object).where(frame.notna(), None)
    last = write_sheet(ws, frame)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=_FILL_HEAD)
    plan_fill = PatternFill("solid", fgColor=_FILL_PLAN)
    input_fill = PatternFill("solid", fgColor=_FILL_INPUT)
    wrap = Alignment(wrap_text=True, vertical="top")
    number_dv = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1E+15",
        formula2="1E+15",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Angka / Number",
        error="Isi dengan angka (mis. 95, bukan 95%). / Enter a number (e.g. 95, not 95%).",
        promptTitle="Realisasi / Actual",
        prompt="Angka / Number",
        showInputMessage=True,
    )
    label_dv = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1="200",
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Realisasi / Actual",
        prompt="Tulis label seperti target (mis. WTP). / Type the label as in the target (e.g. WTP).",
    )
    ws.add_data_validation(number_dv)
    ws.add_data_validation(label_dv)
    for j, col in enumerate(sh.cols, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = col.width
        head = ws.cell(row=1, column=j)
        head.font, head.fill, head.alignment = head_font, head_fill, wrap
    entries = list(sh.rows["entry"]) if len(sh.rows) else []
    # Body cells come in three styles (plan, number, label). The first cell
    # of each kind is styled through openpyxl's attributes, which registers
    # the style in the workbook; the others copy its style record: the same
    # file, without a style lookup per attribute and cell.
    first_of_kind: dict[tuple, object] = {}
    validated: dict[bool, list[str]] = {False: [], True: []}  # is_label -> cells
    for i in range(2, last + 1):
        is_label = entries[i - 2] == _ENTRY_TEXT[_LABEL]
        for j, col in enumerate(sh.cols, start=1):
            cell = ws.cell(row=i, column=j)
            if col.role == "real":
                validated[is_label].append(cell.coordinate)
            # the style a cell starts from is part of the key (write_cell formats dates)
            kind = (col.role, col.role == "real" and is_label, tuple(cell._style or ()))
            proto = first_of_kind.get(kind)
            if proto is not None:
                cell._style = copy.copy(proto._style)
                continue
            first_of_kind[kind] = cell
            cell.alignment = wrap
            if col.role == "real":
                cell.fill = input_fill
                cell.protection = Protection(locked=False)
                if is_label:
                    cell.number_format = "@"
            else:
                cell.fill = plan_fill
    # one range list per rule, set at once (adding cell by cell searches the
    # list each time); openpyxl writes the cells in sorted order either way
    number_dv.sqref = " ".join(validated[False])
    label_dv.sqref = " ".join(validated[True])
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = ws.cell(row=2, column=2)
    if last >= 2:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sh.cols))}{last}"
    ws.protection.sheet = True
    # allow filtering and resizing on the protected sheet
    ws.protection.autoFilter = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


_INFO_ID = [
    "Buku kerja ini memuat target rencana aksi reformasi birokrasi sebagaimana tercetak dalam peraturan, "
    "untuk diisi realisasinya.",
    "Isi hanya sel berwarna kuning (kolom 'Realisasi'). Sel abu-abu adalah rencana sebagaimana tercetak; "
    "sel tersebut dikunci (proteksi lembar tanpa kata sandi) dan setiap perubahan akan dilaporkan saat dibaca.",
    "Baris berisian 'angka': ketik angka dalam satuan kolom 'Satuan', seperti targetnya (95 untuk 95%, "
    "bukan 0,95 atau 95%).",
    "Target 'Level 3' atau '80 (Memuaskan)' berisian angka: ketik 3 atau 80.",
    "Baris berisian 'label' (target seperti WTP, B, Paripurna): ketik label yang dicapai, mis. WTP.",
    "Triwulan (TW): untuk output yang 'Jenis total'-nya 'sum', ketik capaian triwulan itu saja; untuk "
    "'level', ketik tingkat yang dicapai pada akhir triwulan. Indikator: nilai pada akhir triwulan.",
    "Biarkan kosong bila belum ada data. Jangan menambah, menghapus atau menukar kolom, jangan mengubah ID, "
    "dan jangan menulis di luar tabel.",
    "Arah 'higher' = makin tinggi makin baik; 'lower' = makin rendah makin baik (mis. angka kematian).",
    "Membaca kembali: rbdata.monitoring.read_workbook(path); capaian: rbdata.monitoring.achievement(...).",
]
_INFO_EN = [
    "This workbook holds the bureaucratic-reform action-plan targets as printed in the regulation, "
    "for reporting what was achieved.",
    "Fill in only the yellow cells ('Realisasi' / 'Actual' columns). Grey cells are the plan as printed; "
    "they are locked (sheet protection without a password) and any change is reported when the file is read.",
    "Rows with entry 'number': type a number in the unit of the 'Unit' column, like the target "
    "(95 for 95%, not 0.95 or 95%).",
    "Targets such as 'Level 3' or '80 (Memuaskan)' take numbers: type 3 or 80.",
    "Rows with entry 'label' (targets such as WTP, B, Paripurna): type the label achieved, e.g. WTP.",
    "Quarters (TW = triwulan): for outputs whose 'Total kind' is 'sum', type that quarter's own output; for "
    "'level', type the level reached at the end of the quarter. Indicators: the value at the quarter's end.",
    "Leave a cell empty when there is no data yet. Do not add, delete or move columns, do not change ids "
    "and do not write outside the table.",
    "Direction 'higher' = higher is better; 'lower' = lower is better (e.g. death rates).",
    "Reading it back: rbdata.monitoring.read_workbook(path); achievement: rbdata.monitoring.achievement(...).",
]


def _write_info(ws, settings: dict, sheets: list[_Sheet]) -> None:
    from openpyxl.styles import Alignment, Font

    from rbdata import __version__

    r = 1
    write_cell(ws, r, 1, "Petunjuk pengisian / Instructions")
    ws.cell(row=r, column=1).font = Font(bold=True, size=14)
    r += 2
    write_cell(ws, r, 1, "Pengaturan / Settings")
    ws.cell(row=r, column=1).font = Font(bold=True)
    r += 1
    for key in _SETTINGS_KEYS:
        write_cell(ws, r, 1, key)
        write_cell(ws, r, 2, settings[key])
        r += 1
    for sh in sheets:
        write_cell(ws, r, 1, f"rows: {sh.name}")
        write_cell(ws, r, 2, int(len(sh.rows)))
        r += 1
    write_cell(ws, r, 1, "rbdata")
    write_cell(ws, r, 2, __version__)
    r += 2
    for title, lines in (("Bahasa Indonesia", _INFO_ID), ("English", _INFO_EN)):
        write_cell(ws, r, 1, title)
        ws.cell(row=r, column=1).font = Font(bold=True)
        r += 1
        for k, text in enumerate(lines, start=1):
            write_cell(ws, r, 1, f"{k}.")
            write_cell(ws, r, 2, text)
            ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        r += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 110
    ws.protection.sheet = True


# ------------------------------------------------------------ reading

_REAL_COLUMNS = ["id", "table", "doc_id", "period", "realisation", "realisation_label", "sheet", "cell"]
_PROBLEM_COLUMNS = ["sheet", "cell", "problem"]


class _Problems:
    def __init__(self):
        self.rows: list[tuple[str, str, str]] = []

    def add(self, sheet: str, cell: str, problem: str) -> None:
        self.rows.append((sheet, cell, problem))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=_PROBLEM_COLUMNS).astype("string")


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _fmt(v) -> str:
    """A plan value as it shows in a message: 7215, 2.5, 'WTP'."""
    if _is_number(v):
        f = float(v)
        return str(int(f)) if f.is_integer() else repr(f)
    return repr(str(v))


def _same(expected, got) -> bool:
    """Plan cell equality: empty == empty, numbers with tolerance, text exact."""
    e_empty = _isna(expected) or (isinstance(expected, str) and expected == "")
    g_empty = got is None or (isinstance(got, str) and got == "")
    if e_empty or g_empty:
        return e_empty and g_empty
    if _is_number(expected):
        return _is_number(got) and math.isclose(float(expected), float(got), rel_tol=1e-9, abs_tol=1e-12)
    return isinstance(got, str) and got == str(expected)


def _read_settings(ws, problems: _Problems) -> tuple[dict, str] | None:
    """(settings, coordinate of the first setting) from the instructions sheet."""
    found, where = {}, {}
    for row in ws.iter_rows(min_col=1, max_col=2):
        key = row[0].value
        if isinstance(key, str) and key in _SETTINGS_KEYS and key not in found:
            found[key], where[key] = row[1].value, row[1].coordinate
    missing = [k for k in _SETTINGS_KEYS if k not in found]
    if missing:
        problems.add(
            ws.title,
            "A1",
            f"settings {missing} not found; this is not a workbook written by "
            "rbdata.monitoring.write_workbook (write a new one)",
        )
        return None
    values = {k: (None if found[k] in (None, _ALL) else str(found[k])) for k in _SETTINGS_KEYS}
    return values, where["doc_id"]


def read_workbook(path, errors: str = "raise"):
    """Read the realisations of a filled monitoring workbook.

    The workbook is checked against the plan rebuilt from the loaders with
    the settings it was written with (document, agency, period):

    * a plan cell (id, text, unit, target, ...) that differs from the plan;
    * an id that is not in the workbook's plan, or that appears twice;
    * text in a number cell, a number in a label cell, a cell formatted as
      a percentage (``95%`` is stored by Excel as 0.95), a formula without
      a computed value;
    * a changed header, a missing sheet or a filled cell outside the table
      (right of the last column, below the last row with an id, or in a row
      without an id), and sheets that are not part of the workbook.

    Parameters
    ----------
    path : str or pathlib.Path
        A workbook written by :func:`write_workbook` and filled in.
    errors : {'raise', 'collect'}
        ``'raise'`` (default): any problem raises ``ValueError`` whose
        message names sheet and cell (``"sheet 'Output Aksi', cell H12:
        ..."``) and says how many more there are. ``'collect'``: return the
        problems as well; realisations of cells with a problem are NaN and
        rows with an unknown or duplicated id are left out (and listed).

    Returns
    -------
    realisations : pandas.DataFrame
        One row per id x realisation period of the workbook (empty cells
        included, as NaN), in sheet order:

        - ``id`` (string): ``target_id`` or ``action_id``.
        - ``table`` (string): ``'targets'`` or ``'actions'``.
        - ``doc_id`` (string): source document.
        - ``period`` (string): ``'2020'``, ``'2021'`` or ``'2023Q1'`` ...
          ``'2023Q4'``.
        - ``realisation`` (float64): number typed, in the unit of the
          target; NaN where empty, for labels and for cells with a problem.
        - ``realisation_label`` (string): label typed in a label row
          (``WTP``), whitespace trimmed; NA otherwise.
        - ``sheet`` (string), ``cell`` (string): where it was read.
    problems : pandas.DataFrame
        Only with ``errors='collect'``: columns ``sheet``, ``cell``,
        ``problem`` (string), one row per problem; empty when none.

    Raises
    ------
    ValueError
        With ``errors='raise'``, on the first problem found (the message
        counts the others); for an invalid ``errors`` value.
    """
    from openpyxl import load_workbook

    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    path = Path(path)
    problems = _Problems()
    wb = load_workbook(path)
    cached = _CachedValues(path)
    out: list[dict] = []
    settings = None
    if SHEET_INFO not in wb.sheetnames:
        problems.add(
            SHEET_INFO,
            "A1",
            f"sheet {SHEET_INFO!r} is missing; write a new workbook with rbdata.monitoring.write_workbook",
        )
    else:
        settings = _read_settings(wb[SHEET_INFO], problems)
    if settings is not None:
        settings, where = settings
        try:
            doc_id = _check_doc(settings["doc_id"])
            sheets, _ = _layout(doc_id, settings["agency"], settings["period"])
        except ValueError as exc:
            problems.add(SHEET_INFO, where, f"invalid settings (the workbook's settings were edited?): {exc}")
            sheets = []
        known = {SHEET_INFO} | {sh.name for sh in sheets}
        for name in wb.sheetnames:
            if name not in known:
                problems.add(
                    name,
                    "A1",
                    "sheet is not part of the monitoring workbook and is not read; "
                    "move its content elsewhere or delete the sheet",
                )
        for sh in sheets:
            if sh.name not in wb.sheetnames:
                problems.add(
                    sh.name, "A1", "sheet is missing; write a new workbook and copy the realisations into it"
                )
                continue
            out += _read_sheet(wb[sh.name], cached, sh, doc_id, problems)
    wb.close()
    cached.close()
    real = pd.DataFrame(out, columns=_REAL_COLUMNS)
    real["realisation"] = real["realisation"].astype("float64")
    for c in _REAL_COLUMNS:
        if c != "realisation":
            real[c] = real[c].astype("string")
    prob = problems.frame()
    if errors == "collect":
        return real, prob
    if len(prob):
        first = prob.iloc[0]
        more = len(prob) - 1
        tail = f" ({more} more problem(s); read with errors='collect' to list them all)" if more else ""
        raise ValueError(
            f"{path.name}: sheet {first['sheet']!r}, cell {first['cell']}: {first['problem']}{tail}"
        )
    return real


class _CachedValues:
    """The values a spreadsheet program stored for formula cells.

    openpyxl gives them only in a second, ``data_only`` view of the file;
    it is loaded the first time a formula cell is met, so that a workbook
    without formulas (the usual case) is parsed once.
    """

    def __init__(self, path: Path):
        self.path = path
        self.wb = None

    def value(self, sheet: str, row: int, col: int):
        if self.wb is None:
            from openpyxl import load_workbook

            self.wb = load_workbook(self.path, data_only=True)
        return self.wb[sheet].cell(row=row, column=col).value

    def close(self) -> None:
        if self.wb is not None:
            self.wb.close()


def _read_sheet(ws, cached: _CachedValues, sh: _Sheet, doc_id: str, problems: _Problems) -> list[dict]:
    from openpyxl.utils import get_column_letter

    ncol = len(sh.cols)
    # header
    for j, col in enumerate(sh.cols, start=1):
        got = ws.cell(row=1, column=j).value
        if got != col.header:
            problems.add(
                sh.name,
                f"{get_column_letter(j)}1",
                f"header {got!r} should be {col.header!r}; columns must not be renamed, "
                "moved, added or deleted",
            )
            return []
    # the plan rows as plain dicts keyed by id (a pandas row per id costs more than the checks)
    expected = {rec["id"]: rec for rec in sh.rows.to_dict("records")} if len(sh.rows) else {}
    # the table ends at the last row with an id in column A
    last = 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=1).value not in (None, ""):
            last = r
    out = []
    seen: dict[str, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if cell.value in (None, ""):
                continue
            if cell.column > ncol or cell.row > last:
                problems.add(
                    sh.name,
                    cell.coordinate,
                    f"filled cell outside the table (A1:{get_column_letter(ncol)}{last}) is not "
                    "read; move the value into the table or delete it",
                )
    for r in range(2, last + 1):
        id_cell = ws.cell(row=r, column=1)
        rid = id_cell.value
        if rid in (None, ""):
            filled = [
                ws.cell(row=r, column=j).coordinate
                for j in range(2, ncol + 1)
                if ws.cell(row=r, column=j).value not in (None, "")
            ]
            if filled:
                problems.add(
                    sh.name,
                    filled[0],
                    f"row {r} has values but no id in column A; restore the id or delete the row",
                )
            continue
        rid = str(rid)
        if rid in seen:
            problems.add(
                sh.name,
                id_cell.coordinate,
                f"duplicated row: id {rid!r} already in row {seen[rid]}; keep one row per id",
            )
            continue
        seen[rid] = r
        if rid not in expected:
            why = (
                f"belongs to {doc_id} but not to this workbook's agency/period selection"
                if rid.startswith(f"{doc_id}:")
                else f"is not an id of {doc_id}"
            )
            problems.add(
                sh.name,
                id_cell.coordinate,
                f"unknown id {rid!r}: it {why}; restore the id written in this row",
            )
            continue
        plan_row = expected[rid]
        label_row = plan_row["entry"] == _ENTRY_TEXT[_LABEL]
        for j, col in enumerate(sh.cols, start=1):
            cell = ws.cell(row=r, column=j)
            if col.role == "plan":
                if col.key == "id":
                    continue
                want = plan_row[col.key]
                if not _same(want, cell.value):
                    problems.add(
                        sh.name,
                        cell.coordinate,
                        f"plan cell '{col.header}' of {rid} was edited: {cell.value!r} instead of "
                        f"{_fmt(want) if not _isna(want) else 'empty'}; only realisation cells may "
                        "be changed (restore it)",
                    )
                continue
            formula_value = cached.value(sh.name, r, j) if cell.data_type == "f" else None
            value, label = _realisation(cell, formula_value, label_row, col, plan_row, sh.name, problems)
            out.append(
                {
                    "id": rid,
                    "table": sh.table,
                    "doc_id": doc_id,
                    "period": col.period,
                    "realisation": value,
                    "realisation_label": label,
                    "sheet": sh.name,
                    "cell": cell.coordinate,
                }
            )
    return out


def _realisation(cell, cached, label_row: bool, col: _Col, plan_row, sheet: str, problems: _Problems):
    """(number, label) read from one realisation cell; problems recorded."""
    v = cell.value
    where = f"'{col.header}' of {plan_row['id']}"
    if cell.data_type == "f":
        if isinstance(cached, (int, float)) and not isinstance(cached, bool) and not label_row:
            v = cached
        elif isinstance(cached, str) and label_row:
            v = cached
        else:
            problems.add(
                sheet,
                cell.coordinate,
                f"formula {cell.value!r} in {where} has no computed value "
                "rbdata can read; type the value itself",
            )
            return math.nan, None
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return math.nan, None
    if label_row:
        if isinstance(v, str):
            return math.nan, " ".join(v.split())
        problems.add(
            sheet,
            cell.coordinate,
            f"{where} expects a label such as "
            f"{plan_row.get(_first_text_key(plan_row), '')!r}, got {v!r}; type the label achieved",
        )
        return math.nan, None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        problems.add(
            sheet,
            cell.coordinate,
            f"text in a number cell: {where} holds {v!r}; type a number (e.g. 95 or 12.5) or leave it empty",
        )
        return math.nan, None
    if "%" in (cell.number_format or ""):
        problems.add(
            sheet,
            cell.coordinate,
            f"{where} is formatted as a percentage ({v!r} is stored); "
            "type the number as in the target (95 for 95%) in a cell without % format",
        )
        return math.nan, None
    return float(v), None


def _first_text_key(plan_row: dict) -> str:
    """Key of the first printed target text of a plan row ('' if none)."""
    for k in plan_row:
        if str(k).startswith("target_text:") and not _isna(plan_row[k]):
            return k
    return ""


# --------------------------------------------------------- achievement

_ACH_COLUMNS = [
    "id",
    "table",
    "doc_id",
    "source_line",
    "period",
    "basis",
    "track",
    "name",
    "unit",
    "direction",
    "agency",
    "coordinator",
    "target",
    "target_text",
    "target_label",
    "realisation",
    "realisation_label",
    "reference",
    "capaian",
    "status",
    "note",
]


def _year_of(period: str) -> str | None:
    m = _QUARTER.fullmatch(period)
    return m.group(1) if m else None


def _capaian(r: float, t: float, direction: str, lower: str):
    """(capaian in percent or NaN, note) for numbers r (realisation), t (target)."""
    if t == 0 or t < 0:
        return (
            math.nan,
            f"{'zero' if t == 0 else 'negative'} target: ratio undefined, target compared directly",
        )
    if direction == "lower":
        if lower == "complement":
            return 100.0 * (2.0 - r / t), ""
        if r <= 0:
            return math.nan, "realisation 0 or below on a lower-is-better target: ratio undefined, target met"
        return 100.0 * t / r, ""
    return 100.0 * r / t, ""


def _meets(r: float, t: float, direction: str) -> bool:
    return r <= t if direction == "lower" else r >= t


def _worse(r: float, ref: float, direction: str) -> bool:
    return r > ref if direction == "lower" else r < ref


def _status(r, lab, t, t_label, direction, ref, lower):
    """(capaian, status, note) of one comparison."""
    has_r = not _isna(r) and not (isinstance(r, float) and math.isnan(r))
    has_lab = not _isna(lab)
    if _isna(t) or (isinstance(t, float) and math.isnan(t)):
        if _isna(t_label):
            return math.nan, "no target", "no target printed for this period"
        # a label target (WTP, B, Paripurna): equal label or not
        if not has_lab:
            if has_r:
                return math.nan, "no data", f"label target {t_label!r}: a number cannot be compared"
            return math.nan, "no data", ""
        same = " ".join(str(lab).split()).casefold() == " ".join(str(t_label).split()).casefold()
        return (100.0, "achieved", "label equal") if same else (0.0, "behind", "label differs")
    if not has_r:
        return math.nan, "no data", ""
    cap, note = _capaian(float(r), float(t), direction, lower)
    if math.isnan(cap):
        met = _meets(float(r), float(t), direction)
        status = "achieved" if met else "behind"
    # rounded so that 100 x 0.29 / 0.29 = 99.99999999999999 counts as 100
    elif round(cap, 9) >= ACHIEVED_MIN:
        status = "achieved"
    elif round(cap, 9) >= ON_TRACK_MIN:
        status = "on track"
    else:
        status = "behind"
    if (
        status != "achieved"
        and not _isna(ref)
        and not math.isnan(ref)
        and _worse(float(r), float(ref), direction)
    ):
        status = "deteriorating"
        note = (note + "; " if note else "") + "worse than the reference value"
    return cap, status, note


def achievement(realisations: pd.DataFrame, targets: pd.DataFrame | None = None, lower: str = "ratio"):
    """Achievement (capaian, percent) of each realisation against its target.

    Formulas (r = realisation, t = target, both in the unit of the target):

    * higher is better: capaian = r / t x 100;
    * lower is better, ``lower='ratio'`` (default): capaian = t / r x 100,
      so reaching t gives 100 and overshooting downwards gives more than
      100 (AKB: t = 10,9, r = 11,5 gives 94.78). The alternative
      ``lower='complement'`` is (2 - r / t) x 100, which is linear in r and
      can go below zero.
    * label targets (``WTP``, ``B``, ``Paripurna``): the label typed is
      compared for equality (case and spacing ignored): 100 if equal, else 0.
    * zero or negative target, or r <= 0 on a lower-is-better target
      (ratio form): the ratio is undefined; capaian is NaN and the status
      says whether r meets t (higher: r >= t; lower: r <= t). A missing
      target (``-`` or empty) gives status ``'no target'``; a missing
      realisation ``'no data'``. Nothing is divided by zero.

    Which realisation is compared with which target:

    * a period with its own target (a year of Blora, a quarter of a Batang
      action) uses the realisation of that period (basis ``'period'``);
    * a Batang indicator has an annual 2023 target only: each quarter's
      value is compared with it (basis ``'annual target'``: the level
      reached so far), and the year ``'2023'`` uses the latest quarter
      reported (basis ``'latest quarter'``);
    * the printed Total ``'2023'`` of a Batang action follows
      ``total_kind``: ``'sum'`` is compared with the sum of the quarters
      reported (basis ``'sum of quarters'``; the note says how many of four
      were reported), ``'level'`` (a cumulative target) with the latest
      quarter reported (basis ``'latest quarter'``). A Total whose relation
      is not printed (NA) is treated as :data:`DEFAULT_TOTAL_KIND` and
      noted.

    Status (in the spirit of the Open SDG progress statuses), thresholds in
    :data:`ACHIEVED_MIN` and :data:`ON_TRACK_MIN`:

    * ``'achieved'``: capaian >= 100 (or label equal, or target met where
      the ratio is undefined);
    * ``'on track'``: 95 <= capaian < 100;
    * ``'behind'``: capaian < 95 (or label differs, or target not met);
    * ``'deteriorating'``: not achieved and worse, in the indicator's
      direction, than the reference value: the realisation of the previous
      period of the same row (a year before, a quarter before) where the
      row is a level (indicators, actions whose Total is a ``'level'``),
      otherwise the indicator's baseline (kondisi awal) from the plan.
      Additive outputs are never deteriorating;
    * ``'no target'``, ``'no data'``: see above.

    Parameters
    ----------
    realisations : pandas.DataFrame
        As returned by :func:`read_workbook` (at least ``id``, ``period``,
        ``realisation``; ``realisation_label`` for label targets).
    targets : pandas.DataFrame, optional
        The plan, as returned by :func:`plan` (at least ``id``, ``period``,
        ``target``, ``direction``; optional ``table``, ``target_label``,
        ``total_kind``, ``baseline`` and context columns). Default: the
        plan of the documents named in ``realisations['doc_id']``.
    lower : {'ratio', 'complement'}
        Formula for lower-is-better targets (see above).

    Returns
    -------
    pandas.DataFrame
        One row per id x period compared:

        - ``id``, ``table``, ``doc_id`` (string): as in the plan.
        - ``source_line`` (Int64): line of the indicator / action in
          ``data/raw/<doc_id>.txt`` (NA if ``targets`` has no such column).
        - ``period`` (string): as in the realisations; ``'2023'`` is the
          year of Batang (Total or latest quarter, see ``basis``).
        - ``basis`` (string): ``'period'``, ``'annual target'``,
          ``'sum of quarters'`` or ``'latest quarter'`` (see above).
        - ``track``, ``name``, ``unit``, ``direction``, ``agency``,
          ``coordinator`` (string): context from the plan.
        - ``target`` (float64), ``target_text``, ``target_label`` (string):
          the target compared with.
        - ``realisation`` (float64), ``realisation_label`` (string): the
          realisation compared (a sum or the latest quarter for years).
        - ``reference`` (float64): value a worse realisation counts as
          deteriorating against; NaN where none.
        - ``capaian`` (float64): achievement in percent; NaN where
          undefined (see ``note``).
        - ``status`` (string): one of :data:`STATUSES`.
        - ``note`` (string): why capaian is NaN, how many quarters a sum
          covers, label comparison; empty string where nothing to say.
    """
    if lower not in LOWER_FORMULAS:
        raise ValueError(f"lower must be one of {LOWER_FORMULAS}, not {lower!r}")
    real = realisations.copy()
    if "realisation_label" not in real.columns:
        real["realisation_label"] = pd.NA
    if targets is None:
        docs = sorted(set(real["doc_id"].dropna().astype(str)))
        targets = pd.concat([plan(d) for d in docs], ignore_index=True) if docs else plan()
    tg = targets.copy()
    for col, default in (
        ("table", "targets"),
        ("target_label", pd.NA),
        ("total_kind", pd.NA),
        ("baseline", math.nan),
        ("target_text", pd.NA),
        ("doc_id", pd.NA),
    ):
        if col not in tg.columns:
            tg[col] = default
    for col in ("track", "name", "unit", "agency", "coordinator"):
        if col not in tg.columns:
            tg[col] = pd.NA
    if "table" not in real.columns:
        # an indicator and an action printed on the same line share their id
        tables = tg.groupby("id")["table"].agg(lambda s: sorted(set(s)))
        amb = [i for i in real["id"].unique() if len(tables.get(i, [])) > 1]
        if amb:
            raise ValueError(
                f"ids {amb[:3]} are both an indicator and an action: give realisations a "
                "'table' column ('targets' or 'actions'), as read_workbook does"
            )
        real["table"] = real["id"].map(lambda i: tables[i][0] if i in tables else pd.NA)
    known = set(zip(tg["table"], tg["id"]))
    missing = sorted({k for k in zip(real["table"], real["id"]) if k not in known}, key=str)
    if missing:
        raise ValueError(f"realisations name ids that are not in the plan: {missing[:5]}")
    plans = _plan_by_key(tg)
    out = []
    for (table, rid), grp in real.groupby(["table", "id"], sort=False):
        ptab = plans[(table, rid)]
        ctx = dict(next(iter(ptab.values())))
        ctx["table"], ctx["id"] = table, rid
        by_period = {
            str(p): (v, lab) for p, v, lab in zip(grp["period"], grp["realisation"], grp["realisation_label"])
        }
        periods = sorted(by_period, key=_period_order)
        is_level_row = table == "targets"
        years_done = set()
        prev = math.nan
        for p in periods:
            r, lab = by_period[p]
            if p in ptab:
                trow, basis = ptab[p], "period"
            elif _year_of(p) and _year_of(p) in ptab and table == "targets":
                trow, basis = ptab[_year_of(p)], "annual target"
            else:
                trow, basis = None, "period"
            level = is_level_row or _total_kind(ptab, p) == "level"
            ref = prev if (level and not _isna(prev) and not math.isnan(prev)) else _baseline(ctx)
            out.append(_row(rid, p, basis, ctx, trow, r, lab, ref, lower, ""))
            if level and not (isinstance(r, float) and math.isnan(r)):
                prev = float(r)
            y = _year_of(p)
            if y:
                years_done.add(y)
        for y in sorted(years_done):
            if y in by_period or y not in ptab:
                continue
            trow = ptab[y]
            quarters = [(q, by_period[q][0]) for q in periods if _year_of(q) == y]
            got = [(q, float(v)) for q, v in quarters if not _isna(v) and not math.isnan(float(v))]
            kind = "level" if table == "targets" else _total_kind(ptab, y)
            note = ""
            if kind not in ("sum", "level"):
                if _has_target(trow["target"], trow["target_label"], trow["target_text"]):
                    note = f"Total neither sum nor level of the quarters: treated as {DEFAULT_TOTAL_KIND}"
                kind = DEFAULT_TOTAL_KIND
            labels = [by_period[q][1] for q in periods if _year_of(q) == y and not _isna(by_period[q][1])]
            if kind == "sum":
                r = sum(v for _, v in got) if got else math.nan
                basis = "sum of quarters"
                n_q = len({q for q, _ in quarters} | {q for q in ptab if _year_of(q) == y})
                if got and len(got) < n_q:
                    note = (note + "; " if note else "") + f"{len(got)} of {n_q} quarters reported"
                ref = _baseline(ctx)
            else:
                r = got[-1][1] if got else math.nan
                basis = "latest quarter"
                if got:
                    note = (note + "; " if note else "") + f"latest reported: {_period_label(got[-1][0])}"
                earlier = [v for _, v in got[:-1]]
                ref = earlier[-1] if earlier else _baseline(ctx)
            lab = labels[-1] if labels else pd.NA
            out.append(_row(rid, y, basis, ctx, trow, r, lab, ref, lower, note))
    df = pd.DataFrame(out, columns=_ACH_COLUMNS)
    for c in _ACH_COLUMNS:
        if c in ("target", "realisation", "reference", "capaian"):
            df[c] = df[c].astype("float64")
        elif c == "source_line":
            df[c] = df[c].astype("Int64")
        else:
            df[c] = df[c].astype("string")
    return df


def _plan_by_key(tg: pd.DataFrame) -> dict[tuple, dict[str, dict]]:
    """(table, id) -> {period: plan row as a dict}, periods in sorted order.

    Plain dicts hold the same values as rows of ``tg``; looking rows up in
    them is much cheaper than a pandas lookup per id and period.
    """
    tg = tg.sort_values(["table", "id", "period"], kind="stable")
    cols = [c for c in tg.columns if c not in ("table", "id", "period")]
    values = [tg[c].to_numpy() if isinstance(tg[c].dtype, np.dtype) else list(tg[c].array) for c in cols]
    out: dict[tuple, dict[str, dict]] = {}
    for pos, key in enumerate(zip(tg["table"], tg["id"], tg["period"])):
        out.setdefault(key[:2], {})[key[2]] = {c: v[pos] for c, v in zip(cols, values)}
    return out


def _total_kind(ptab: dict[str, dict], period: str):
    """total_kind of the Total of the year of ``period`` (NA if none)."""
    y = _year_of(period) or period
    if y in ptab:
        v = ptab[y]["total_kind"]
        return None if _isna(v) else str(v)
    return None


def _baseline(ctx) -> float:
    v = ctx.get("baseline", math.nan)
    return math.nan if _isna(v) else float(v)


def _row(rid, period, basis, ctx, trow, r, lab, ref, lower, note):
    t = math.nan if trow is None else trow["target"]
    t_label = pd.NA if trow is None else trow["target_label"]
    t_text = pd.NA if trow is None else trow["target_text"]
    direction = str(ctx["direction"]) if not _isna(ctx["direction"]) else "higher"
    r = math.nan if _isna(r) else float(r)
    cap, status, why = _status(r, lab, t, t_label, direction, ref, lower)
    if trow is None:
        why = "no target printed for this period"
    return {
        "id": rid,
        "table": ctx["table"],
        "doc_id": ctx["doc_id"],
        "source_line": ctx.get("source_line", pd.NA),
        "period": period,
        "basis": basis,
        "track": ctx["track"],
        "name": ctx["name"],
        "unit": ctx["unit"],
        "direction": direction,
        "agency": ctx["agency"],
        "coordinator": ctx["coordinator"],
        "target": math.nan if _isna(t) else float(t),
        "target_text": t_text,
        "target_label": t_label,
        "realisation": r,
        "realisation_label": lab,
        "reference": ref,
        "capaian": cap,
        "status": status,
        "note": "; ".join(x for x in (note, why) if x),
    }
