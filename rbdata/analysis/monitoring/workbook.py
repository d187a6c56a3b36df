"""The monitoring workbook: the plan written out for agencies to fill in, and read back.

Layout
------
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
plan cells are grey and locked (sheet protection without a password: it
prevents slips, it is not security); realisation cells are yellow, unlocked
and accept only numbers, except for targets that are labels (``WTP``, ``B``,
``Paripurna``) whose realisation is typed as a label. Text is always written
as text, never as a formula. Styles, validation, protection, settings and
the list of problems are the form parts of :mod:`rbdata.export.forms`.

:func:`read_workbook` checks a filled workbook against the plan rebuilt with
the settings it was written with and names the sheet and cell of every
problem.
"""

from __future__ import annotations

import difflib
import math
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rbdata._version import __version__
from rbdata.analysis.monitoring.plan_table import (
    _QUARTER,
    _calendar_of,
    _check_doc,
    _has_target,
    _isna,
    _period_label,
    _period_order,
    _plan_of,
)
from rbdata.export.forms import (
    INPUT_FILL,
    PLAN_FILL,
    Problems,
    add_cell_style,
    add_header_style,
    add_validation,
    protect_sheet,
    read_settings,
    style_block,
    write_cell,
    write_settings,
    write_sheet,
)
from rbdata.reference import read_reference
from rbdata.text.agencies import resolve_agencies

SHEET_INFO = "Petunjuk - Instructions"
SHEET_TARGETS = "Target Indikator"
SHEET_ACTIONS = "Output Aksi"

_NUMBER = "number"
_LABEL = "label"
_ENTRY_TEXT = {_NUMBER: "angka / number", _LABEL: "label (teks / text)"}
_SETTINGS_KEYS = ("doc_id", "agency", "period")
_ALL = "(semua / all)"
_HEADER_FILL = "1F4E78"  # dark blue, white text
_HEADER_FONT = "FFFFFF"


# ------------------------------------------------------- sheet layout


def _entry_kind(values, labels) -> str:
    """'label' when every target of a row is a bare label (WTP, B, ...)."""
    numeric = [v for v in values if not _isna(v)]
    named = [lab for v, lab in zip(values, labels) if _isna(v) and not _isna(lab)]
    return _LABEL if named and not numeric else _NUMBER


def _split_agencies(text) -> list[str]:
    return [] if _isna(text) else [a for a in str(text).split("; ") if a]


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


def _wide(plan_rows: pd.DataFrame, plan_periods: list[str]) -> pd.DataFrame:
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


def _layout(doc_id: str, agency=None, period=None) -> tuple[list[_Sheet], dict[str, str]]:
    """The two data sheets (layout + rows) and the settings of a workbook."""
    real_periods = _calendar_of(doc_id)[0]
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
            _wide(rows, plan_periods)
            if len(rows)
            else pd.DataFrame(columns=[c.key for c in cols if c.role == "plan"])
        )
        sheets.append(_Sheet(name, table, cols, wide))
    settings = {"doc_id": doc_id, "agency": agency_name or _ALL, "period": period or _ALL}
    return sheets, settings


# ------------------------------------------------------------ writing


def write_workbook(
    path: str | Path, doc_id: str, agency: str | None = None, period: str | None = None
) -> Path:
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
    styles = _add_styles(wb)
    info = wb.active
    info.title = SHEET_INFO
    _write_info(info, settings, sheets)
    for sh in sheets:
        _write_data_sheet(wb.create_sheet(sh.name), sh, styles)
    path = Path(path)
    wb.save(path)
    return path


def _add_styles(wb) -> dict[str, str]:
    """The workbook's cell styles: the header, plan cells (grey, locked) and
    realisation cells for numbers and for labels (yellow, unlocked)."""
    return {
        "header": add_header_style(wb, _HEADER_FILL, _HEADER_FONT),
        "plan": add_cell_style(wb, "rbdata plan", fill=PLAN_FILL, wrap=True),
        _NUMBER: add_cell_style(wb, "rbdata input", fill=INPUT_FILL, wrap=True, locked=False),
        _LABEL: add_cell_style(wb, "rbdata input label", fill=INPUT_FILL, wrap=True, locked=False, text=True),
    }


def _write_data_sheet(ws, sh: _Sheet, styles: dict[str, str]) -> None:
    from openpyxl.utils import get_column_letter

    frame = pd.DataFrame(
        {c.header: (sh.rows[c.key] if c.role == "plan" else None) for c in sh.cols},
        index=sh.rows.index,
    )
    # plain object columns: write_cell turns NA/NaN into empty cells
    frame = frame.astype(object).where(frame.notna(), None)
    last = len(frame) + 1
    # Cells are styled before the values are written, so that a value that
    # brings its own number format (write_cell formats dates) keeps it.
    style_block(ws, styles["header"], 1, 1, 1, len(sh.cols))
    entries = (
        [_LABEL if e == _ENTRY_TEXT[_LABEL] else _NUMBER for e in sh.rows["entry"]] if len(sh.rows) else []
    )
    validated: dict[str, list[str]] = {_NUMBER: [], _LABEL: []}  # entry kind -> realisation cells
    for j, col in enumerate(sh.cols, start=1):
        if col.role == "plan":
            style_block(ws, styles["plan"], 2, last, j, j)
            continue
        for i, kind in enumerate(entries, start=2):
            cell = ws.cell(row=i, column=j)
            cell.style = styles[kind]
            validated[kind].append(cell.coordinate)
    write_sheet(ws, frame, fit_widths=False)  # the layout sets the widths
    add_validation(
        ws,
        validated[_NUMBER],
        "decimal",
        low=-1e15,
        high=1e15,
        prompt=("Realisasi / Actual", "Angka / Number"),
        error=(
            "Angka / Number",
            "Isi dengan angka (mis. 95, bukan 95%). / Enter a number (e.g. 95, not 95%).",
        ),
    )
    add_validation(
        ws,
        validated[_LABEL],
        "text",
        high=200,
        prompt=(
            "Realisasi / Actual",
            "Tulis label seperti target (mis. WTP). / Type the label as in the target (e.g. WTP).",
        ),
    )
    for j, col in enumerate(sh.cols, start=1):
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = ws.cell(row=2, column=2)
    if last >= 2:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sh.cols))}{last}"
    protect_sheet(ws, allow_filter=True, allow_resize=True)


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


def _write_info(ws, settings: dict[str, str], sheets: list[_Sheet]) -> None:
    from openpyxl.styles import Alignment, Font

    write_cell(ws, 1, 1, "Petunjuk pengisian / Instructions")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    write_cell(ws, 3, 1, "Pengaturan / Settings")
    ws.cell(row=3, column=1).font = Font(bold=True)
    # the settings read_workbook rebuilds the plan with, then what is there to read
    pairs: list[tuple[str, str | int]] = [(key, settings[key]) for key in _SETTINGS_KEYS]
    pairs += [(f"rows: {sh.name}", int(len(sh.rows))) for sh in sheets]
    pairs += [("rbdata", __version__)]
    r = write_settings(ws, pairs, start_row=4) + 1
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
    protect_sheet(ws)


# ------------------------------------------------------------ reading

_REAL_COLUMNS = ["id", "table", "doc_id", "period", "realisation", "realisation_label", "sheet", "cell"]


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


def _read_settings(ws, problems: Problems) -> tuple[dict[str, str | None], str] | None:
    """(settings, coordinate of the document's setting) from the instructions sheet."""
    found = read_settings(ws, _SETTINGS_KEYS)
    missing = [k for k in _SETTINGS_KEYS if not found[k]]
    if missing:
        problems.add(
            ws.title,
            "A1",
            f"settings {missing} not found; this is not a workbook written by "
            "rbdata.monitoring.write_workbook (write a new one)",
        )
        return None
    # the first cell of each key: the settings block comes before the instructions
    values = {k: found[k][0].value for k in _SETTINGS_KEYS}
    settings = {k: (None if v in (None, _ALL) else str(v)) for k, v in values.items()}
    return settings, found["doc_id"][0].coordinate


def read_workbook(
    path: str | Path, errors: str = "raise"
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
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
        ``'raise'`` (default): any problem raises one ``ValueError`` that
        lists every problem with its sheet and cell, the first one on the
        first line (``"batang.xlsx: sheet 'Output Aksi', cell H12: ..."``).
        ``'collect'``: return the problems as well; realisations of cells
        with a problem are NaN and rows with an unknown or duplicated id are
        left out (and listed).

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
        With ``errors='raise'``, when there is any problem (the message
        lists them all); for an invalid ``errors`` value.
    """
    from openpyxl import load_workbook

    if errors not in ("raise", "collect"):
        raise ValueError(f"errors must be 'raise' or 'collect', not {errors!r}")
    path = Path(path)
    problems = Problems()
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
        values, where = settings
        sheets: list[_Sheet] = []
        try:
            doc_id = _check_doc(values["doc_id"])
            sheets, _ = _layout(doc_id, values["agency"], values["period"])
        except ValueError as exc:
            problems.add(SHEET_INFO, where, f"invalid settings (the workbook's settings were edited?): {exc}")
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
    if errors == "collect":
        return real, problems.frame()
    problems.raise_if_any(path.name, hint="; read with errors='collect' to get them as a table")
    return real


class _CachedValues:
    """The values a spreadsheet program stored for formula cells.

    openpyxl gives them only in a second, ``data_only`` view of the file;
    it is loaded the first time a formula cell is met, so that a workbook
    without formulas (the usual case) is parsed once.
    """

    def __init__(self, path: Path):
        self.path = path
        self.wb: Any = None  # an openpyxl Workbook, once loaded

    def value(self, sheet: str, row: int, col: int):
        if self.wb is None:
            from openpyxl import load_workbook

            self.wb = load_workbook(self.path, data_only=True)
        return self.wb[sheet].cell(row=row, column=col).value

    def close(self) -> None:
        if self.wb is not None:
            self.wb.close()


def _read_sheet(ws, cached: _CachedValues, sh: _Sheet, doc_id: str, problems: Problems) -> list[dict]:
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


def _realisation(cell, cached, label_row: bool, col: _Col, plan_row, sheet: str, problems: Problems):
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
