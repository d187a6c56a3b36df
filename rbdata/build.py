"""``python -m rbdata build``: export every table as CSV, Excel and a Data Package.

What is written (into ``data/processed/`` by default):

- ``<table>.csv`` for every entry of :data:`BUILD` (every table of the column
  contract plus ``parse_report``): UTF-8, ``\\n`` line endings, no index,
  rows in loader order, so that a rebuild is byte-for-byte identical;
- ``rbdata.xlsx``: one sheet per table plus a ``data_dictionary`` sheet,
  every text cell stored as text (never a formula, see ``_excel``);
- ``datapackage.json``: a Frictionless Data Package (v1) descriptor naming
  each CSV with its fields, types, descriptions and units.

To export one more table, add one ``(name, function)`` line to :data:`BUILD`;
describe its columns in ``_schema.TABLES`` or :data:`EXTRA_TABLES` so that the
data dictionary and ``datapackage.json`` say what the columns mean.

openpyxl is imported only when the workbook is written.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from rbdata import loaders
from rbdata._paths import PROCESSED_DIR
from rbdata.contract.schema import TABLES, Column, Table
from rbdata.reference import read_reference

__all__ = ["BUILD", "EXTRA_TABLES", "build", "datapackage", "write_csv", "write_workbook"]

#: What the build exports, in this order: (file stem, function returning a DataFrame).
BUILD: list[tuple[str, Callable[[], pd.DataFrame]]] = [
    ("documents", loaders.load_documents),
    ("targets", loaders.load_targets),
    ("actions", loaders.load_actions),
    ("action_targets", loaders.load_action_targets),
    ("theme_scores", loaders.load_theme_scores),
    ("areas", loaders.load_areas),
    ("indicator_crosswalk", loaders.load_indicator_crosswalk),
    ("statements", loaders.load_statements),
    ("teams", loaders.load_teams),
    ("agencies", loaders.load_agencies),
    ("parse_report", loaders.parse_report),
    ("quality_findings", lambda: _quality().check()),
]

#: Column descriptions of exported tables that are not loader tables.
EXTRA_TABLES: dict[str, Table] = {
    "parse_report": Table(
        "parse_report",
        "Parse report",
        "Every tab-separated line of the raw documents that is not a table row, with the reason.",
        (
            Column("doc_id", "string", "Source document: 'blora-2020' or 'batang-2023'."),
            Column("source_line", "int", "1-based line in data/raw/<doc_id>.txt.", "line"),
            Column("table_id", "string", "Table the line sits in; empty outside tables."),
            Column(
                "reason",
                "string",
                "Why the line is not a row ('header', 'page-break header repeat', 'continuation of line N', ...).",
            ),
            Column("text", "string", "The line's cells joined by ' | '."),
        ),
    ),
}


def _quality():
    # imported when the build runs: rbdata.quality is not needed to load tables
    from rbdata.analysis import quality

    return quality


EXTRA_TABLES["quality_findings"] = _quality().FINDINGS_TABLE

WORKBOOK_NAME = "rbdata.xlsx"
DATAPACKAGE_NAME = "datapackage.json"

# Fixed timestamp for the workbook's metadata and zip entries: the workbook
# depends only on the data, so rebuilding it does not change its bytes.
_FIXED_TIME = _dt.datetime(2020, 1, 1)

_FRICTIONLESS_TYPES = {
    "string": "string",
    "int": "integer",
    "Int64": "integer",
    "float": "number",
    "bool": "boolean",
    "boolean": "boolean",
    "date": "date",
}


# ---------------------------------------------------------------- schema
def table_spec(name: str, df: pd.DataFrame | None = None) -> Table:
    """Column contract of an exported table.

    Looked up in ``_schema.TABLES``, then :data:`EXTRA_TABLES`; a table found
    in neither is described from ``df``'s dtypes with empty descriptions.
    """
    if name in TABLES:
        return TABLES[name]
    if name in EXTRA_TABLES:
        return EXTRA_TABLES[name]
    if df is None:
        raise KeyError(f"table {name!r} has no column contract; add it to _build.EXTRA_TABLES")
    cols = tuple(Column(str(c), _dtype_of(df[c]), "") for c in df.columns)
    return Table(name, name.replace("_", " ").capitalize(), "", cols)


def _dtype_of(s: pd.Series) -> str:
    """Contract dtype name of a pandas column (for tables without a contract)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return "category:" + "|".join(map(str, s.cat.categories))
    if pd.api.types.is_bool_dtype(s):
        return "bool"
    if pd.api.types.is_integer_dtype(s):
        return "int"
    if pd.api.types.is_float_dtype(s):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(s):
        return "date"
    return "string"


def field(col: Column) -> dict:
    """Frictionless field descriptor of one contract column.

    Parameters
    ----------
    col : rbdata._schema.Column
        Column of the contract.

    Returns
    -------
    dict
        ``name``, ``type`` (string / integer / number / boolean / date),
        ``description``, ``constraints.enum`` for categories and the
        custom property ``unit`` where the contract gives one.
    """
    out = {"name": col.name}
    if col.dtype.startswith("category:"):
        out["type"] = "string"
    else:
        out["type"] = _FRICTIONLESS_TYPES[col.dtype]
    if col.dtype == "date":
        out["format"] = "default"  # ISO 8601 YYYY-MM-DD
    out["description"] = col.description
    if col.unit:
        out["unit"] = col.unit
    if col.dtype.startswith("category:"):
        out["constraints"] = {"enum": col.dtype.split(":", 1)[1].split("|")}
    return out


# ---------------------------------------------------------------- writers
def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write ``df`` as UTF-8 CSV with ``\\n`` line endings and no index."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        df.to_csv(fh, index=False, lineterminator="\n")


def data_dictionary(tables: Iterable[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """One row per exported column.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``column``, ``dtype`` (contract dtype, e.g.
        ``int``, ``string``, ``category:higher|lower``), ``unit`` (empty
        where none) and ``description``.
    """
    rows = []
    for name, df in tables:
        for c in table_spec(name, df).columns:
            rows.append(
                {
                    "table": name,
                    "column": c.name,
                    "dtype": c.dtype,
                    "unit": c.unit,
                    "description": c.description,
                }
            )
    return pd.DataFrame(rows, columns=["table", "column", "dtype", "unit", "description"])


def write_workbook(tables: list[tuple[str, pd.DataFrame]], path: Path) -> None:
    """Write one sheet per table plus ``data_dictionary``; no cell is a formula."""
    from openpyxl import Workbook

    from rbdata.export.forms import write_sheet

    wb = Workbook()
    wb.remove(wb.active)
    for name, df in tables:
        ws = wb.create_sheet(name[:31])  # Excel caps sheet names at 31 characters
        write_sheet(ws, df)
    write_sheet(wb.create_sheet("data_dictionary"), data_dictionary(tables))
    wb.properties.creator = "rbdata"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry timestamps and save time (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here, whatever properties say
                stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            dst.writestr(zi, data)
    return out.getvalue()


def datapackage(tables: list[tuple[str, pd.DataFrame]]) -> dict:
    """Frictionless Data Package (v1) descriptor of the exported CSV files.

    Parameters
    ----------
    tables : list of (str, pandas.DataFrame)
        Exported tables; each is a resource ``<name>.csv``.

    Returns
    -------
    dict
        ``name``, ``title``, ``description``, ``version``, ``sources`` (the two
        regulations, from ``reference/sources.csv``) and ``resources`` (one
        per CSV with path, schema fields, types, descriptions and units).
    """
    from rbdata import __version__

    sources = []
    for r in read_reference("sources"):
        sources.append(
            {
                "title": r["title"],
                "title_en": r["title_en"],
                "regulation": r["regulation"],
                "region": r["region"],
                "enacted": r["enacted"],
                "doc_id": r["doc_id"],
                "description": r["description"]
                + " A public regulation of an Indonesian regional government.",
            }
        )
    resources = []
    for name, df in tables:
        spec = table_spec(name, df)
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "title": spec.title,
                "description": spec.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [field(c) for c in spec.columns], "missingValues": [""]},
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "rbdata",
        "title": "Indonesian bureaucratic-reform road maps (Blora 2020, Batang 2023) as tidy tables",
        "description": (
            "Indicators, baselines, targets, action plans, budgets, responsible agencies, "
            "theme scores, teams and narrative lists parsed from two Indonesian regent "
            "regulations on bureaucratic-reform (Reformasi Birokrasi) road maps. "
            "Every row carries doc_id and source_line, the line of data/raw/<doc_id>.txt it was read from."
        ),
        "version": __version__,
        "sources": sources,
        "resources": resources,
    }


def write_json(obj: dict, path: Path) -> None:
    """Write ``obj`` as indented UTF-8 JSON ending with a newline."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


# ---------------------------------------------------------------- build
def build(
    out_dir: str | Path | None = None, tables=None, echo: Callable[[str], None] | None = print
) -> list[Path]:
    """Write every CSV, the workbook and ``datapackage.json`` into ``out_dir``.

    Parameters
    ----------
    out_dir : str or pathlib.Path, optional
        Target folder, created if missing; default ``data/processed/`` of
        the checkout.
    tables : list of (str, callable), optional
        What to export; default :data:`BUILD`.
    echo : callable or None, default print
        Called with one line per file written; None for silence.

    Returns
    -------
    list of pathlib.Path
        The files written, in order.
    """
    out = Path(out_dir) if out_dir is not None else PROCESSED_DIR
    out.mkdir(parents=True, exist_ok=True)
    frames = [(name, func()) for name, func in (BUILD if tables is None else tables)]
    written = []

    def _done(path: Path, what: str) -> None:
        written.append(path)
        if echo is not None:
            echo(f"wrote {path} ({what})")

    for name, df in frames:
        spec = table_spec(name, df)
        if list(df.columns) != spec.names:
            raise ValueError(
                f"table {name!r}: columns {list(df.columns)} differ from its contract {spec.names}; "
                "fix the loader or the contract in rbdata/_schema.py"
            )
        path = out / f"{name}.csv"
        write_csv(df, path)
        _done(path, f"{len(df)} rows, {len(df.columns)} columns")
    path = out / WORKBOOK_NAME
    write_workbook(frames, path)
    _done(path, f"{len(frames)} table sheets + data_dictionary")
    path = out / DATAPACKAGE_NAME
    write_json(datapackage(frames), path)
    _done(path, f"Frictionless Data Package, {len(frames)} resources")
    return written
