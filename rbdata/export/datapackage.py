"""``datapackage.json``: a Frictionless Data Package (v2) descriptor of the
exported CSV files, generated from the contract.

Each CSV is a tabular resource (``"type": "table"``) whose Table Schema
gives every column's type, meaning, unit, ``constraints`` (``required``,
``enum`` for vocabularies), the ``primaryKey`` and the ``foreignKeys``, so
that ``frictionless validate datapackage.json`` checks the files as the
package's own contract checks the tables.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from rbdata._version import __version__
from rbdata.contract import table_spec
from rbdata.contract.schema import Column, Table
from rbdata.reference import read_reference

__all__ = ["DATA_LICENCE", "PROFILES", "datapackage", "field", "write_json"]

#: The Data Package v2 profiles the descriptor declares in ``$schema``.
PROFILES = {
    "package": "https://datapackage.org/profiles/2.0/datapackage.json",
    "resource": "https://datapackage.org/profiles/2.0/dataresource.json",
    "schema": "https://datapackage.org/profiles/2.0/tableschema.json",
}

#: The licence of the exported tables (DATA_LICENSE.md): ``name`` is the Open
#: Definition / SPDX identifier, ``path`` the licence's canonical address.
DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}

_FRICTIONLESS_TYPES = {
    "string": "string",
    "int": "integer",
    "Int64": "integer",
    "float": "number",
    "bool": "boolean",
    "boolean": "boolean",
    "date": "date",
}


def field(col: Column) -> dict[str, Any]:
    """Frictionless field descriptor of one contract column.

    Parameters
    ----------
    col : rbdata.contract.schema.Column
        Column of the contract.

    Returns
    -------
    dict
        ``name``, ``type`` (string / integer / number / boolean / date),
        ``format`` for dates, ``description``, the custom property ``unit``
        where the contract gives one, and ``constraints``: ``required`` for
        required columns, ``enum`` (the vocabulary) for categories.
    """
    out: dict[str, Any] = {"name": col.name}
    out["type"] = "string" if col.categories else _FRICTIONLESS_TYPES[col.dtype]
    if col.dtype == "date":
        out["format"] = "default"  # ISO 8601 YYYY-MM-DD
    out["description"] = col.description
    if col.unit:
        out["unit"] = col.unit
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.categories:
        constraints["enum"] = list(col.categories)
    if constraints:
        out["constraints"] = constraints
    return out


def _table_schema(spec: Table, exported: set[str]) -> dict[str, Any]:
    """Table Schema of one resource; foreign keys only to resources of the package."""
    schema: dict[str, Any] = {
        "$schema": PROFILES["schema"],
        "fields": [field(c) for c in spec.columns],
        "missingValues": [""],
    }
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    foreign_keys = []
    for fk in spec.foreign_keys:
        if fk.table not in exported:
            continue
        reference: dict[str, Any] = {"fields": list(fk.table_columns)}
        if fk.table != spec.name:  # v2: a reference without a resource is to the same resource
            reference = {"resource": fk.table, **reference}
        foreign_keys.append({"fields": list(fk.columns), "reference": reference})
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def datapackage(tables: list[tuple[str, pd.DataFrame]]) -> dict[str, Any]:
    """Frictionless Data Package (v2) descriptor of the exported CSV files.

    Parameters
    ----------
    tables : list of (str, pandas.DataFrame)
        Exported tables; each is a resource ``<name>.csv``. A table without
        a contract is described from its dtypes, with no keys.

    Returns
    -------
    dict
        ``$schema`` (the Data Package 2.0 profile), ``name``, ``title``,
        ``description``, ``version``, ``licenses`` (CC BY 4.0, attribution
        to "rbdata contributors" and the regulations), ``contributors``,
        ``sources`` (the two regulations, from
        ``reference/sources.csv``) and ``resources``: one per CSV with
        path, title, description and Table Schema (fields, types,
        descriptions, units, constraints, primary and foreign keys).
    """
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
    exported = {name for name, _ in tables}
    resources = []
    for name, df in tables:
        spec = table_spec(name, df)
        resources.append(
            {
                "$schema": PROFILES["resource"],
                "name": name,
                "type": "table",
                "path": f"{name}.csv",
                "title": spec.title,
                "description": spec.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _table_schema(spec, exported),
            }
        )
    return {
        "$schema": PROFILES["package"],
        "name": "rbdata",
        "title": "Indonesian bureaucratic-reform road maps (Blora 2020, Batang 2023) as tidy tables",
        "description": (
            "Indicators, baselines, targets, action plans, budgets, responsible agencies, "
            "theme scores, teams and narrative lists parsed from two Indonesian regent "
            "regulations on bureaucratic-reform (Reformasi Birokrasi) road maps. "
            "Every row carries doc_id and source_line, the line of data/raw/<doc_id>.txt it was read from."
        ),
        "version": __version__,
        "licenses": [dict(DATA_LICENCE)],
        # CC BY asks for credit: to the authors of the tables here, to the regulations in sources
        "contributors": [{"title": "rbdata contributors", "roles": ["creator"]}],
        "sources": sources,
        "resources": resources,
    }


def write_json(obj: dict, path: Path) -> None:
    """Write ``obj`` as indented UTF-8 JSON ending with a newline."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
