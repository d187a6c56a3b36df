"""The Excel workbook of the export: one sheet per table and a
``data_dictionary`` sheet generated from the contract.

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
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from rbdata.contract import table_spec

__all__ = ["DICTIONARY_COLUMNS", "data_dictionary", "write_workbook"]

# Fixed timestamp for the workbook's metadata and zip entries: the workbook
# depends only on the data, so rebuilding it does not change its bytes.
FIXED_TIME = _dt.datetime(2020, 1, 1)

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


def write_workbook(tables: list[tuple[str, pd.DataFrame]], path: Path) -> None:
    """Write one sheet per table plus ``data_dictionary``; no cell is a formula.

    Parameters
    ----------
    tables : list of (str, pandas.DataFrame)
        Sheet name (cut to Excel's 31 characters) and table, in sheet order.
    path : pathlib.Path
        The ``.xlsx`` file, replaced if it exists.
    """
    from openpyxl import Workbook

    from rbdata.export.forms import write_sheet

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in tables:
        ws = wb.create_sheet(name[:31])  # Excel caps sheet names at 31 characters
        write_sheet(ws, df)
    write_sheet(wb.create_sheet("data_dictionary"), data_dictionary(tables))
    wb.properties.creator = "rbdata"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps and save time (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
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
            dst.writestr(zi, entry)
    return out.getvalue()
