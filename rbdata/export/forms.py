"""Formula-safe Excel writing with openpyxl.

Text taken from the regulations can start with ``=``, ``+``, ``-`` or ``@``
(bullet dashes, signed numbers, e-mail-like tokens). Excel and LibreOffice
would evaluate such a cell as a formula, which corrupts the value and can run
code on the reader's machine ("CSV/formula injection"). Every string written
here is therefore stored as a text cell, never as a formula.

openpyxl is imported by the functions that need it, not by ``import rbdata``:
this module is itself never imported by ``rbdata/__init__.py``.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd


def _is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and ``pd.NA`` (all written as an empty cell)."""
    if value is None:
        return True
    # pd.isna of a list-like is an array, not a yes/no: only ask for scalars.
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def write_cell(ws, row: int, col: int, value: Any):
    """Write one value to ``ws`` at (``row``, ``col``), never as a formula.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        Target sheet.
    row, col : int
        1-based cell coordinates.
    value : object
        None, NaN, NaT and ``pd.NA`` give an empty cell; booleans are written
        as booleans; integers and floats (including numpy scalars) as numbers;
        dates as dates; anything else as text with ``data_type = 's'``, so a
        string such as ``"=1+1"`` reads back as the string ``"=1+1"``.

    Returns
    -------
    openpyxl.cell.cell.Cell
        The cell written.
    """
    cell = ws.cell(row=row, column=col)
    if _is_missing(value):
        cell.value = None
        return cell
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        # numpy scalar -> plain Python scalar (openpyxl knows only the latter)
        value = value.item()
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, numbers.Integral):
        cell.value = int(value)
    elif isinstance(value, numbers.Real):
        f = float(value)
        # a workbook has no NaN or infinity: NaN is an empty cell, inf is text
        cell.value = None if math.isnan(f) else f if math.isfinite(f) else str(f)
    elif isinstance(value, (_dt.datetime, _dt.date)):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        cell.value = value
        if not isinstance(value, _dt.datetime) or value.time() == _dt.time(0):
            cell.number_format = "yyyy-mm-dd"
    else:
        from openpyxl.utils.exceptions import IllegalCharacterError

        text = str(value)
        try:
            cell.value = text
        except IllegalCharacterError:
            raise ValueError(
                f"sheet {ws.title!r}, cell {cell.coordinate}: the text {text[:60]!r} holds a control "
                "character that a workbook cannot store; clean it where the table is made"
            ) from None
        # openpyxl infers data_type 'f' for any string starting with '=';
        # forcing 's' keeps it literal text whatever its first character.
        cell.data_type = "s"
    return cell


def write_sheet(ws, df, start_row: int = 1) -> int:
    """Write a DataFrame (header row, then one row per record) to ``ws``.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        Target sheet.
    df : pandas.DataFrame
        Table to write; the index is not written.
    start_row : int, default 1
        1-based row of the header.

    Returns
    -------
    int
        The last row written (the header row when ``df`` has no rows).
    """
    for j, name in enumerate(df.columns, start=1):
        write_cell(ws, start_row, j, str(name))
    r = start_row
    for r, record in enumerate(df.itertuples(index=False, name=None), start=start_row + 1):
        for j, value in enumerate(record, start=1):
            write_cell(ws, r, j, value)
    if len(df.columns):
        ws.freeze_panes = ws.cell(row=start_row + 1, column=1)
        _fit_widths(ws, df)
    return r


def _fit_widths(ws, df, sample: int = 200, cap: int = 60) -> None:
    """Column widths from the header and the first ``sample`` values, at most ``cap``."""
    from openpyxl.utils import get_column_letter

    for j, name in enumerate(df.columns, start=1):
        values = df[name].iloc[:sample]
        longest = max([len(str(name))] + [len(str(v)) for v in values if not _is_missing(v)])
        ws.column_dimensions[get_column_letter(j)].width = min(cap, longest + 2)


def formula_cells(book) -> list[str]:
    """List the formula cells of a workbook, as ``"Sheet!A1"``.

    Parameters
    ----------
    book : str, pathlib.Path or openpyxl.Workbook
        An ``.xlsx`` file, or a workbook already opened with
        ``openpyxl.load_workbook`` (without ``data_only=True``, which would
        replace formulas by their cached values); an open workbook is not
        read again.

    Returns
    -------
    list of str
        One entry per cell whose data type is formula (``'f'``); empty for a
        workbook written with :func:`write_sheet`.
    """
    from openpyxl import Workbook, load_workbook

    # formulas are kept as formulas (data_only=False)
    wb = book if isinstance(book, Workbook) else load_workbook(book)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    out.append(f"{ws.title}!{cell.coordinate}")
    if wb is not book:
        wb.close()
    return out
