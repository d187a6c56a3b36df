"""``python -m rbdata build``: export every table as CSV, Excel and a Data Package.

What is written (into ``data/processed/`` by default):

- ``<table>.csv`` for every entry of :data:`BUILD`: UTF-8, ``\\n`` line
  endings, no index, rows in loader order, so that a rebuild is
  byte-for-byte identical (:mod:`rbdata.export.csv_files`);
- ``rbdata.xlsx``: an ``About`` sheet, one sheet per table plus a ``data_dictionary`` sheet,
  every text cell stored as text, never a formula
  (:mod:`rbdata.export.workbook`);
- ``datapackage.json``: a Frictionless Data Package (v2) descriptor naming
  each CSV with its fields, types, descriptions, units, constraints and
  keys (:mod:`rbdata.export.datapackage`).

Before anything is written, every table is checked against its contract
(``rbdata/contract/schema.py``) and the foreign keys among all of them.
To export one more table, add one ``(name, function)`` line to
:data:`BUILD` and declare the table in the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from rbdata import loaders
from rbdata._paths import PROCESSED_DIR
from rbdata.contract import CONTRACT, check_foreign_keys, check_table
from rbdata.export.csv_files import write_csv
from rbdata.export.datapackage import datapackage, write_json
from rbdata.export.workbook import write_workbook

__all__ = ["BUILD", "DATAPACKAGE_NAME", "WORKBOOK_NAME", "build"]


def _quality_findings() -> pd.DataFrame:
    # imported when the build runs: rbdata.quality is not needed to load tables
    from rbdata.analysis import quality

    return quality.check()


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
    ("budget_lines", loaders.load_budget_lines),
    ("action_budgets", loaders.load_action_budgets),
    ("concepts", loaders.load_concepts),
    ("national_frame", loaders.load_national_frame),
    ("source_tables", loaders.load_source_tables),
    ("parse_report", loaders.parse_report),
    ("statement_exclusions", loaders.statement_exclusions),
    ("quality_findings", _quality_findings),
]

WORKBOOK_NAME = "rbdata.xlsx"
DATAPACKAGE_NAME = "datapackage.json"


def build(
    out_dir: str | Path | None = None,
    tables: list[tuple[str, Callable[[], pd.DataFrame]]] | None = None,
    echo: Callable[[str], None] | None = print,
) -> list[Path]:
    """Write every CSV, the workbook and ``datapackage.json`` into ``out_dir``.

    Parameters
    ----------
    out_dir : str or pathlib.Path, optional
        Target folder, created if missing; default ``data/processed/`` of
        the checkout, or ``rbdata-data/`` in the current folder for an
        installed copy (``rbdata._paths.default_out_dir``).
    tables : list of (str, callable), optional
        What to export; default :data:`BUILD`. A table the contract
        declares is checked against it; any other is exported as it is.
    echo : callable or None, default print
        Called with one line per file written; None for silence.

    Returns
    -------
    list of pathlib.Path
        The files written, in order.

    Raises
    ------
    rbdata.contract.ContractError
        If a table breaks its contract (columns, dtypes, values, keys) or a
        foreign key among the tables dangles; nothing is written then.
    """
    out = Path(out_dir) if out_dir is not None else PROCESSED_DIR
    frames = [(name, func()) for name, func in (BUILD if tables is None else tables)]
    for name, df in frames:
        if name in CONTRACT:
            check_table(df, name)
    check_foreign_keys(dict(frames))
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def _done(path: Path, what: str) -> None:
        written.append(path)
        if echo is not None:
            echo(f"wrote {path} ({what})")

    for name, df in frames:
        path = out / f"{name}.csv"
        write_csv(df, path)
        _done(path, f"{len(df)} rows, {len(df.columns)} columns")
    path = out / WORKBOOK_NAME
    write_workbook(frames, path)
    _done(path, f"About + {len(frames)} table sheets + data_dictionary")
    path = out / DATAPACKAGE_NAME
    write_json(datapackage(frames), path)
    _done(path, f"Frictionless Data Package, {len(frames)} resources")
    return written
