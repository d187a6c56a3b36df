"""Formula-safe Excel writing with openpyxl, and the parts of Excel forms.

Text taken from the regulations can start with ``=``, ``+``, ``-`` or ``@``
(bullet dashes, signed numbers, e-mail-like tokens). Excel and LibreOffice
would evaluate such a cell as a formula, which corrupts the value and can run
code on the reader's machine ("CSV/formula injection"). Every string written
here is therefore stored as a text cell, never as a formula.

The forms rbdata writes for people to fill in (the theme-scoring template of
``rbdata.scoring``, the monitoring workbook of ``rbdata.monitoring``) share
their styles (:func:`add_cell_style`, :func:`add_header_style`,
:data:`PLAN_FILL`, :data:`INPUT_FILL`), data validation
(:func:`add_validation`), sheet protection (:func:`protect_sheet`), settings
(:func:`write_settings`, :func:`add_settings_sheet`, :func:`read_settings`)
and the list of problems found when reading them back (:class:`Problems`).

openpyxl is imported by the functions that need it, not by ``import rbdata``:
this module is itself never imported by ``rbdata/__init__.py``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import math
import numbers
from collections.abc import Iterable, Sequence
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


def write_sheet(ws, df, start_row: int = 1, fit_widths: bool = True) -> int:
    """Write a DataFrame (header row, then one row per record) to ``ws``.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        Target sheet.
    df : pandas.DataFrame
        Table to write; the index is not written.
    start_row : int, default 1
        1-based row of the header.
    fit_widths : bool, default True
        Size each column to its header and first values; a form that sets
        its own widths skips this.

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
        if fit_widths:
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


# --------------------------------------------------------------------------
# Forms: workbooks someone fills in and rbdata reads back
# --------------------------------------------------------------------------
#
# A form has a header row, given cells that are locked, input cells that are
# unlocked and validated, a block of settings recording how it was written,
# and a reader that lists every problem with its sheet and cell. Cells get
# their look from a named cell style registered once per workbook: assigning
# a style by name is one step per cell, where setting font, fill, alignment
# and protection one by one looks each of them up in the workbook again.

#: Fill of given cells (the plan as printed): grey.
PLAN_FILL = "EEEEEE"
#: Fill of input cells (to be filled in): light yellow.
INPUT_FILL = "FFF2CC"


def add_cell_style(
    wb,
    name: str,
    *,
    bold: bool = False,
    font_color: str | None = None,
    fill: str | None = None,
    wrap: bool = False,
    locked: bool = True,
    text: bool = False,
) -> str:
    """Register a named cell style in a workbook.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook; a style name can be registered once per workbook.
    name : str
        Name of the style. It is hidden from the spreadsheet program's list
        of cell styles.
    bold : bool, default False
        Bold text (the workbook's default font otherwise).
    font_color : str, optional
        Text colour as hex RGB, e.g. ``"FFFFFF"``.
    fill : str, optional
        Solid background colour as hex RGB, e.g. :data:`INPUT_FILL`.
    wrap : bool, default False
        Wrap text and align it to the top of the cell.
    locked : bool, default True
        Whether the cell is locked once the sheet is protected
        (:func:`protect_sheet`); input cells are not.
    text : bool, default False
        Number format ``@``: what is typed is kept as text.

    Returns
    -------
    str
        ``name``, to assign with ``cell.style = name`` or :func:`style_block`.

    Raises
    ------
    ValueError
        If ``wb`` already has a style called ``name``.
    """
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
    from openpyxl.styles.borders import DEFAULT_BORDER
    from openpyxl.styles.fonts import DEFAULT_FONT

    style = NamedStyle(
        name=name,
        # the workbook's defaults in full: a bare Font() has no name nor size,
        # a bare Border() no sides, unlike the cells of a new sheet
        font=Font(bold=bold, color=font_color) if bold or font_color else copy.copy(DEFAULT_FONT),
        border=copy.copy(DEFAULT_BORDER),
        fill=PatternFill("solid", fgColor=fill) if fill else PatternFill(),
        alignment=Alignment(wrap_text=True, vertical="top") if wrap else Alignment(),
        protection=Protection(locked=locked),
        number_format="@" if text else "General",
        hidden=True,
    )
    wb.add_named_style(style)  # ValueError if the name is taken
    return name


def add_header_style(wb, fill: str, font_color: str | None = None) -> str:
    """Register the style of a form's header row: bold, filled, wrapped.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    fill : str
        Background colour as hex RGB.
    font_color : str, optional
        Text colour as hex RGB (default: the theme's text colour).

    Returns
    -------
    str
        The style's name, ``"rbdata header"``.
    """
    return add_cell_style(wb, "rbdata header", bold=True, font_color=font_color, fill=fill, wrap=True)


def style_block(ws, style: str, min_row: int, max_row: int, min_col: int, max_col: int) -> None:
    """Give every cell of a rectangular block a named style.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    style : str
        A style registered with :func:`add_cell_style`.
    min_row, max_row, min_col, max_col : int
        1-based bounds of the block, inclusive; an empty range does nothing.
    """
    for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
        for cell in row:
            cell.style = style


def add_validation(
    ws,
    cells: str | Sequence[str],
    kind: str,
    *,
    low: float | None = None,
    high: float | None = None,
    prompt: tuple[str, str] | None = None,
    error: tuple[str, str] | None = None,
):
    """Restrict what can be typed into some cells (Excel data validation).

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    cells : str or sequence of str
        A range (``"B2:F4"``) or cell coordinates; an empty sequence gives a
        rule that is not written.
    kind : {'whole', 'decimal', 'text'}
        ``'whole'``: whole numbers from ``low`` to ``high``; ``'decimal'``:
        any number from ``low`` to ``high``; ``'text'``: text of at most
        ``high`` characters. Empty cells are always allowed.
    low, high : float, optional
        Bounds (``low`` is not used by ``'text'``).
    prompt : (str, str), optional
        Title and text of the message shown when a cell is selected.
    error : (str, str), optional
        Title and text of the message shown when a value is refused; without
        it the program accepts any value silently.

    Returns
    -------
    openpyxl.worksheet.datavalidation.DataValidation
        The rule added to ``ws``.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind in ("whole", "decimal"):
        if low is None or high is None:
            raise ValueError(f"a {kind!r} validation needs both low and high")
        rule = DataValidation(type=kind, operator="between", formula1=_bound(low), formula2=_bound(high))
    elif kind == "text":
        if high is None:
            raise ValueError("a 'text' validation needs high, the longest text allowed")
        rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=_bound(high))
    else:
        raise ValueError(f"unknown validation kind {kind!r}; use 'whole', 'decimal' or 'text'")
    rule.allowBlank = True
    if error is not None:
        rule.showErrorMessage = True
        rule.errorTitle, rule.error = error
    if prompt is not None:
        rule.showInputMessage = True
        rule.promptTitle, rule.prompt = prompt
    # one range list set at once: adding cell by cell searches the list each time
    rule.sqref = cells if isinstance(cells, str) else " ".join(cells)
    ws.add_data_validation(rule)
    return rule


def _bound(value: float) -> str:
    """A bound as Excel writes it: 10, 2.5, 1E+15."""
    return str(value) if isinstance(value, numbers.Integral) else f"{float(value):G}"


def protect_sheet(ws, *, allow_filter: bool = False, allow_resize: bool = False) -> None:
    """Protect a sheet without a password: it prevents slips, it is not security.

    Locked cells (the default) can no longer be edited; cells given a style
    with ``locked=False`` (:func:`add_cell_style`), the input cells, still
    can. Anyone can lift the protection (Review > Unprotect Sheet).

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    allow_filter : bool, default False
        Keep the auto-filter usable.
    allow_resize : bool, default False
        Keep columns and rows resizable.
    """
    ws.protection.sheet = True
    if allow_filter:
        ws.protection.autoFilter = False
    if allow_resize:
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def write_settings(ws, settings: Iterable[tuple[str, Any]], start_row: int = 1) -> int:
    """Write settings as key / value pairs in columns A and B.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    settings : iterable of (str, object)
        Keys and values, in order; a key may repeat (a list of values).
    start_row : int, default 1
        Row of the first pair.

    Returns
    -------
    int
        The row below the last pair.
    """
    row = start_row
    for key, value in settings:
        write_cell(ws, row, 1, key)
        write_cell(ws, row, 2, value)
        row += 1
    return row


def add_settings_sheet(wb, title: str, settings: Iterable[tuple[str, Any]], hidden: bool = True):
    """Add a protected sheet holding only settings, under a ``key`` / ``value`` header.

    Parameters
    ----------
    wb : openpyxl.Workbook
        The workbook.
    title : str
        Name of the new sheet (the last one).
    settings : iterable of (str, object)
        Keys and values, in order; a key may repeat.
    hidden : bool, default True
        Hide the sheet: the settings are for the reader, not for the person
        filling in the form.

    Returns
    -------
    openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    """
    ws = wb.create_sheet(title)
    write_sheet(ws, pd.DataFrame(list(settings), columns=["key", "value"]))
    if hidden:
        ws.sheet_state = "hidden"
    protect_sheet(ws)
    return ws


def read_settings(ws, keys: Iterable[str]) -> dict[str, list]:
    """The settings written by :func:`write_settings` (or :func:`add_settings_sheet`).

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet holding the settings.
    keys : iterable of str
        The keys to look for in column A; other rows are ignored.

    Returns
    -------
    dict of str to list of openpyxl.cell.cell.Cell
        For each key, the value cells (column B) of the rows holding it, in
        sheet order; an empty list when the key is absent. Cells rather than
        values, so that a problem can name the cell.
    """
    found: dict[str, list] = {key: [] for key in keys}
    for key_cell, value_cell in ws.iter_rows(min_col=1, max_col=2):
        key = key_cell.value
        if isinstance(key, str) and key in found:
            found[key].append(value_cell)
    return found


class Problems:
    """Problems found in a filled-in form, each with its sheet and cell.

    A reader adds every problem it finds and reads on where it can, then
    either hands the problems out (:meth:`frame`) or raises one error listing
    all of them (:meth:`raise_if_any`).

    Examples
    --------
    >>> problems = Problems()
    >>> problems.add("Skor", "C4", "expected a whole number 1-10, found 'tinggi'")
    >>> problems.add("Skor", "B1:C1", "criterion header(s) ['Waktu'] missing")
    >>> problems.raise_if_any("skor.xlsx")
    Traceback (most recent call last):
    ...
    ValueError: skor.xlsx: sheet 'Skor', cell C4: expected a whole number 1-10, found 'tinggi' (1 more problem(s)):
      sheet 'Skor', cells B1:C1: criterion header(s) ['Waktu'] missing
    """

    columns = ("sheet", "cell", "problem")

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, sheet: str, cell: str, problem: str) -> None:
        """Record a problem of ``cell`` (a coordinate or a range) in ``sheet``."""
        self.rows.append((sheet, cell, problem))

    def frame(self) -> pd.DataFrame:
        """The problems as a table: columns ``sheet``, ``cell``, ``problem`` (string)."""
        return pd.DataFrame(self.rows, columns=list(self.columns)).astype("string")

    def raise_if_any(self, source: str, hint: str = "") -> None:
        """Raise one ``ValueError`` naming every problem, if there is any.

        Parameters
        ----------
        source : str
            What was read (a file name); the message starts with it.
        hint : str, optional
            Added after the count of further problems, e.g. how to get them
            as a table.
        """
        if not self.rows:
            return
        first, *rest = (f"{_place(sheet, cell)}: {problem}" for sheet, cell, problem in self.rows)
        if not rest:
            raise ValueError(f"{source}: {first}")
        listing = "\n".join(f"  {line}" for line in rest)
        raise ValueError(f"{source}: {first} ({len(rest)} more problem(s){hint}):\n{listing}")


def _place(sheet: str, cell: str) -> str:
    return f"sheet {sheet!r}, {'cells' if ':' in cell else 'cell'} {cell}"
