"""The Excel workbook of the export: an ``About`` sheet, one sheet per table
and a ``data_dictionary`` sheet generated from the contract.

The workbook is laid out to be read, filtered and printed:

- ``About``, the first sheet, names the package and its version, the two
  regulations the tables come from (from :func:`rbdata.load_documents`),
  the licences, how to cite, where the data dictionary is, and one line per
  sheet with the title and description the contract gives its table;
- every table sheet (and ``data_dictionary``) has a bold header row that
  stays in view (frozen panes) and is repeated on every printed page, an
  auto-filter over all its rows and columns, column widths fitted to its
  values, and prints landscape, one page wide;
- numbers are shown by their contract column (:func:`number_format`):
  rupiah amounts and other whole numbers with a thousands separator
  (``#,##0``), except whole numbers that name a year or a line of the raw
  text, which are shown as written (``0``: 2020, not 2,020); decimals keep
  Excel's General format. The cells hold the values unrounded;
- the cells of text columns are exempt from Excel's "number stored as
  text" check (:func:`text_ranges`): a period '2020' or a value as printed,
  '67,36', is text on purpose.

Every text cell is stored as text, never as a formula (see
:mod:`rbdata.export.forms`), and the file's bytes depend only on the data:
fixed timestamps in the workbook's properties and zip entries.
openpyxl is imported only when the workbook is written.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from rbdata import loaders
from rbdata._version import __version__
from rbdata.contract import table_spec
from rbdata.contract.schema import Column, Table
from rbdata.export.datapackage import DATA_LICENCE

__all__ = [
    "ABOUT_SHEET",
    "DICTIONARY_COLUMNS",
    "DICTIONARY_SHEET",
    "TITLE",
    "about_rows",
    "data_dictionary",
    "number_format",
    "text_ranges",
    "write_workbook",
]

# Fixed timestamp for the workbook's metadata and zip entries: the workbook
# depends only on the data, so rebuilding it does not change its bytes.
FIXED_TIME = _dt.datetime(2020, 1, 1)

#: Name of the first sheet, which says what the workbook is.
ABOUT_SHEET = "About"
#: Name of the sheet describing every column of the table sheets.
DICTIONARY_SHEET = "data_dictionary"

#: The package's title, as ``CITATION.cff`` gives it (which an installed
#: package does not ship, hence this copy; the tests compare the two).
TITLE = (
    "rbdata: Indonesian bureaucratic-reform road maps (Perbup Blora 35/2020, Perbup Batang 53/2023) "
    "as tidy tables"
)
#: The package's authors, as ``CITATION.cff`` names them.
AUTHORS = "rbdata contributors"
#: Licence of the code (``LICENSE``).
CODE_LICENCE = "MIT License"

#: Number format of amounts and counts: whole units with a thousands separator.
AMOUNT_FORMAT = "#,##0"
#: Number format of whole numbers that name a position: no thousands separator.
POSITION_FORMAT = "0"
#: Contract units of whole numbers that name a position (a calendar year, a
#: line of ``data/raw/<doc_id>.txt``) rather than an amount.
POSITION_UNITS = ("year", "line")

#: Widest column, in characters; longer text runs on beyond the cell.
MAX_WIDTH = 60

#: Columns of the ``data_dictionary`` sheet.
DICTIONARY_COLUMNS = [
    "table",
    "column",
    "dtype",
    "unit",
    "required",
    "primary_key",
    "references",
    "description",
]


def data_dictionary(tables: Iterable[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One row per exported column, from the contract.

    Parameters
    ----------
    tables : iterable of (str, pandas.DataFrame)
        Exported tables; one without a contract is described from its
        dtypes.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``column``, ``dtype`` (contract dtype, e.g.
        ``int``, ``string``, ``category:higher|lower`` with the vocabulary),
        ``unit`` (empty where none), ``required`` (bool: no missing value),
        ``primary_key`` (bool: part of the table's primary key),
        ``references`` (``'<table>.<column>'`` the column's values are
        taken from, empty where none) and ``description``.
    """
    rows = []
    for name, df in tables:
        spec = table_spec(name, df)
        references = {}
        for fk in spec.foreign_keys:
            for col, target in zip(fk.columns, fk.table_columns):
                references[col] = f"{fk.table}.{target}"
        for c in spec.columns:
            rows.append(
                {
                    "table": name,
                    "column": c.name,
                    "dtype": c.dtype,
                    "unit": c.unit,
                    "required": c.required,
                    "primary_key": c.name in spec.primary_key,
                    "references": references.get(c.name, ""),
                    "description": c.description,
                }
            )
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)


def number_format(col: Column) -> str | None:
    """Excel number format of a column's cells, from its contract.

    Parameters
    ----------
    col : rbdata.contract.schema.Column
        Contract column (or one described from a table's dtypes).

    Returns
    -------
    str or None
        :data:`AMOUNT_FORMAT` (``#,##0``) for rupiah amounts (a number
        column whose unit is ``IDR`` or whose name ends in ``_idr``) and
        for whole-number columns (dtype ``int`` or ``Int64``: counts, scores,
        numbers as printed); :data:`POSITION_FORMAT` (``0``) for whole
        numbers whose unit is one of :data:`POSITION_UNITS` (a year, a line
        of the raw text), which a thousands separator would disguise; None
        (Excel's General format) for any other column.
    """
    whole = col.dtype in ("int", "Int64")
    if (whole or col.dtype == "float") and (col.unit == "IDR" or col.name.endswith("_idr")):
        return AMOUNT_FORMAT
    if whole:
        return POSITION_FORMAT if col.unit in POSITION_UNITS else AMOUNT_FORMAT
    return None


def _is_text(col: Column) -> bool:
    return col.dtype == "string" or bool(col.categories)


def text_ranges(columns: Iterable[Column], n_rows: int) -> str:
    """Cell ranges of the text columns' values, as an Excel ``sqref``.

    Excel marks a text cell whose content it can read as a number ('2020',
    '113.565.200', '67,36') with a "number stored as text" warning. In the
    tables such text is the value as printed, kept as text on purpose, so
    the workbook tells Excel to skip the check over these ranges (an
    ``ignoredErrors`` element). Whole columns are covered rather than the
    cells that look like numbers, because what Excel reads as a number
    depends on the reader's locale: '67,36' is a number where the decimal
    separator is a comma, as in Indonesian.

    Parameters
    ----------
    columns : iterable of rbdata.contract.schema.Column
        The sheet's columns, in order from column A.
    n_rows : int
        Number of data rows, below the header row.

    Returns
    -------
    str
        Space-separated ranges from row 2 to the last row, adjacent text
        columns joined (``"A2:C592 F2:F592"``); empty when there is no text
        column or no row.
    """
    from openpyxl.utils import get_column_letter

    if n_rows < 1:
        return ""
    runs: list[list[int]] = []
    for j, col in enumerate(columns, start=1):
        if not _is_text(col):
            continue
        if runs and runs[-1][1] == j - 1:
            runs[-1][1] = j
        else:
            runs.append([j, j])
    last = n_rows + 1
    return " ".join(f"{get_column_letter(a)}2:{get_column_letter(b)}{last}" for a, b in runs)


def write_workbook(tables: list[tuple[str, pd.DataFrame]], path: Path) -> None:
    """Write ``About``, one sheet per table and ``data_dictionary``; no cell is a formula.

    Parameters
    ----------
    tables : list of (str, pandas.DataFrame)
        Sheet name (cut to Excel's 31 characters) and table, in sheet order.
        A table the contract declares must have the contract's columns
        (the build checks it first); any other is described from its dtypes.
    path : pathlib.Path
        The ``.xlsx`` file, replaced if it exists.

    Raises
    ------
    ValueError
        If a table's columns differ from those its contract declares.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    about = wb.create_sheet(ABOUT_SHEET)
    sheets = []  # (sheet, what it holds, rows) for the About sheet
    ignored = {}  # sheet -> ranges exempt from the "number stored as text" check
    entries = [(name, df, _what(table_spec(name, df))) for name, df in tables]
    entries.append((DICTIONARY_SHEET, data_dictionary(tables), _dictionary_what()))
    for name, df, what in entries:
        ws = wb.create_sheet(name[:31])  # Excel caps sheet names at 31 characters
        ranges = _write_table_sheet(ws, name, df)
        if ranges:
            ignored[ws] = ranges
        sheets.append((ws.title, what, len(df)))
    _write_about(about, sheets)
    wb.properties.title = TITLE
    wb.properties.creator = "rbdata"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    # a sheet's path inside the file is known once the workbook is saved
    parts = {ws.path.lstrip("/"): ranges for ws, ranges in ignored.items()}
    path.write_bytes(normalise_zip(buf.getvalue(), ignored_errors=parts))


def _what(spec: Table) -> str:
    """One line saying what a sheet holds: the contract's title and description of its table."""
    if not spec.description:
        return spec.title
    return f"{spec.title}. {spec.description}"


def _dictionary_what() -> str:
    return (
        "Data dictionary. One row per column of every table sheet, from the contract: "
        + ", ".join(DICTIONARY_COLUMNS)
        + "."
    )


def _columns(name: str, df: pd.DataFrame) -> list[Column]:
    """The contract columns of ``df``, in its column order."""
    spec = table_spec(name, df)
    if [str(c) for c in df.columns] != spec.names:
        raise ValueError(
            f"table {name!r}: columns {list(df.columns)} differ from its contract {spec.names}; "
            "check it with rbdata.contract.check_table first"
        )
    return list(spec.columns)


def _write_table_sheet(ws, name: str, df: pd.DataFrame) -> str:
    """Write one table with its header, formats, filter, widths and page setup.

    Returns
    -------
    str
        The ranges of its text cells (:func:`text_ranges`).
    """
    from openpyxl.utils import get_column_letter

    from rbdata.export.forms import write_sheet

    columns = _columns(name, df)
    last_row = write_sheet(ws, df, fit_widths=False)  # also freezes the panes below the header
    if not columns:
        return ""
    bold = _font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for j, col in enumerate(columns, start=1):
        fmt = number_format(col)
        if fmt is not None and last_row > 1:
            for (cell,) in ws.iter_rows(min_row=2, max_row=last_row, min_col=j, max_col=j):
                cell.number_format = fmt
        ws.column_dimensions[get_column_letter(j)].width = _width(col, df.iloc[:, j - 1])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
    ws.print_title_rows = "1:1"
    _page_setup(ws, landscape=True)
    return text_ranges(columns, len(df))


def _width(col: Column, values: pd.Series) -> float:
    """Width of a column: its longest value as shown, or its header with the filter button."""
    fmt = number_format(col)
    longest = len(col.name) + 3  # the auto-filter button covers about two characters of the header
    for v in values:
        if v is None or (pd.api.types.is_scalar(v) and pd.isna(v)):
            continue
        if isinstance(v, _dt.date):
            shown = "yyyy-mm-dd"
        elif fmt == AMOUNT_FORMAT:
            shown = f"{float(v):,.0f}"
        else:
            # General shows at most 11 digits; text runs on its longest line
            shown = str(v)[:12] if isinstance(v, float) else max(str(v).split("\n"), key=len)
        longest = max(longest, len(shown))
    return min(MAX_WIDTH, longest + 2)


def _font(bold: bool = False, size: float | None = None, link: bool = False):
    """The workbook's default font (Calibri 11), bold, larger or as a link as asked."""
    from openpyxl.styles import Color, Font
    from openpyxl.styles.fonts import DEFAULT_FONT

    return Font(
        name=DEFAULT_FONT.name,
        sz=size or DEFAULT_FONT.sz,
        family=DEFAULT_FONT.family,
        scheme=DEFAULT_FONT.scheme,
        # theme colour 10 is the theme's hyperlink colour
        color=Color(theme=10) if link else DEFAULT_FONT.color,
        b=bold,
        u="single" if link else None,
    )


def _page_setup(ws, landscape: bool) -> None:
    """Print one page wide, as many pages tall as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: no limit on the number of pages down
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def about_rows() -> list[tuple[str, str]]:
    """The label / text pairs of the ``About`` sheet above its list of sheets.

    Returns
    -------
    list of (str, str)
        Version, one pair per source regulation (from
        :func:`rbdata.load_documents`), the licences, how to cite the
        package and each regulation, where the data dictionary is, how a
        row is traced to its line and how numbers are shown.
    """
    docs = loaders.load_documents()
    rows = [("rbdata version", __version__)]
    for r in docs.itertuples(index=False):
        rows.append(
            (
                "Source regulation",
                f"{r.regulation}: {r.title} ({r.title_en}). {r.region}; enacted {r.enacted:%Y-%m-%d}; "
                f"road map {r.period_start}-{r.period_end}; doc_id '{r.doc_id}'.",
            )
        )
    rows += [
        (
            "Licence of the tables",
            f"{DATA_LICENCE['title']} (CC BY 4.0), {DATA_LICENCE['path']}: every table sheet of this "
            f"workbook. Share and adapt them for any purpose, giving credit to {AUTHORS} and to the "
            "regulations they come from (DATA_LICENSE.md).",
        ),
        ("Licence of the code", f"{CODE_LICENCE} (LICENSE)."),
        (
            "The regulations' text",
            "Not protected by copyright in the project's reading of Undang-Undang Nomor 28 Tahun 2014 "
            "tentang Hak Cipta, Pasal 42 letter b (statutory regulations); not legal advice "
            "(DATA_LICENSE.md).",
        ),
        (
            "How to cite",
            f"{AUTHORS}. {TITLE}, version {__version__}. Code: {CODE_LICENCE}; tables: CC BY 4.0.",
        ),
    ]
    for r in docs.itertuples(index=False):
        rows.append(("How to cite", f"{r.title}. {r.region}; enacted {r.enacted:%Y-%m-%d}."))
    rows += [
        (
            "Data dictionary",
            f"Sheet '{DICTIONARY_SHEET}': one row per column of every table sheet, with its "
            + ", ".join(DICTIONARY_COLUMNS[2:])
            + ".",
        ),
        (
            "Where a row comes from",
            "A row with doc_id and source_line was read from line source_line of the regulation's "
            "text, data/raw/<doc_id>.txt; the command 'rbdata line DOC_ID LINE' prints that line.",
        ),
        (
            "Numbers",
            f"Rupiah amounts (unit IDR) and other whole numbers are shown with a thousands separator "
            f"({AMOUNT_FORMAT}), years and line numbers without ({POSITION_FORMAT}), decimals in the "
            "General format; the cells hold the values unrounded. Text such as a period '2020' or a "
            "value as printed ('67,36') is text on purpose.",
        ),
    ]
    return rows


def _write_about(ws, sheets: list[tuple[str, str, int]]) -> None:
    """Fill the ``About`` sheet: title, :func:`about_rows`, then one line per sheet."""
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.hyperlink import Hyperlink

    from rbdata.export.forms import write_cell

    bold = _font(bold=True)
    link = _font(link=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    write_cell(ws, 1, 1, TITLE).font = _font(bold=True, size=14)
    row = 3
    for label, text in about_rows():
        write_cell(ws, row, 1, label).font = bold
        write_cell(ws, row, 2, text).alignment = wrap
        row += 1
    row += 1
    for j, head in enumerate(("sheet", "what it holds", "rows"), start=1):
        write_cell(ws, row, j, head).font = bold
    for title, what, n_rows in sheets:
        row += 1
        cell = write_cell(ws, row, 1, title)
        # a link inside the workbook: a location, no target outside it
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{title}'!A1", display=title)
        cell.font = link
        write_cell(ws, row, 2, what).alignment = wrap
        write_cell(ws, row, 3, n_rows).number_format = AMOUNT_FORMAT
    for letter, width in (("A", 24), ("B", 100), ("C", 8)):
        ws.column_dimensions[letter].width = width
    _page_setup(ws, landscape=False)


# The elements a worksheet may hold after ignoredErrors (ECMA-376, CT_Worksheet),
# or its end: ignoredErrors is inserted before the first of them.
_AFTER_IGNORED_ERRORS = re.compile(
    rb"<(?:smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls"
    rb"|webPublishItems|tableParts|extLst)\b|</worksheet>"
)


def _add_ignored_errors(xml: bytes, sqref: str) -> bytes:
    """Add ``<ignoredErrors>`` exempting ``sqref`` from the "number stored as text" check.

    openpyxl (3.1) writes no ``ignoredErrors`` element, and its
    ``IgnoredError`` class drops ``sqref`` when serialised, so the element is
    written here, in the place the schema gives it.
    """
    if b"<ignoredErrors" in xml:
        raise ValueError("the sheet already has an ignoredErrors element")
    end = _AFTER_IGNORED_ERRORS.search(xml)
    if end is None:
        raise ValueError("not a worksheet: no closing </worksheet>")
    element = f'<ignoredErrors><ignoredError sqref="{sqref}" numberStoredAsText="1"/></ignoredErrors>'
    return xml[: end.start()] + element.encode("ascii") + xml[end.start() :]


def normalise_zip(data: bytes, ignored_errors: Mapping[str, str] | None = None) -> bytes:
    """Rewrite a zip with fixed entry timestamps and save time (reproducible bytes).

    Parameters
    ----------
    data : bytes
        The ``.xlsx`` file as openpyxl saved it.
    ignored_errors : mapping of str to str, optional
        Sheet part (``xl/worksheets/sheet2.xml``) to the ranges exempt from
        Excel's "number stored as text" check (:func:`text_ranges`).

    Returns
    -------
    bytes
        The rewritten ``.xlsx`` file.
    """
    ignored_errors = ignored_errors or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    missing = set(ignored_errors) - set(src.namelist())
    if missing:
        raise ValueError(f"no such sheet part(s) in the workbook: {sorted(missing)}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            entry = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here, whatever properties say
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                entry = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    entry,
                )
            if info.filename in ignored_errors:
                entry = _add_ignored_errors(entry, ignored_errors[info.filename])
            dst.writestr(zi, entry)
    return out.getvalue()
