"""The export: CSV files, rbdata.xlsx (no formula cells) and datapackage.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import time
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from rbdata import build as _build
from rbdata._paths import PROCESSED_DIR
from rbdata.contract import CONTRACT, TABLES, table_spec
from rbdata.export.datapackage import PROFILES, field
from rbdata.export.forms import formula_cells, write_cell, write_sheet
from rbdata.export.workbook import DICTIONARY_COLUMNS

BUILD_NAMES = [name for name, _ in _build.BUILD]
FRICTIONLESS_TYPES = {"string", "integer", "number", "boolean", "date"}


def _csv_header(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


# ------------------------------------------------------------ formula-safe Excel
@pytest.mark.parametrize("text", ["=1+1", "+62 812", "-", "- item", "@SUM(A1)", '=HYPERLINK("x")', "plain"])
def test_text_is_never_a_formula(tmp_path, text):
    wb = Workbook()
    ws = wb.active
    cell = write_cell(ws, 1, 1, text)
    assert cell.data_type == "s"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert formula_cells(path) == []
    back = load_workbook(path).active["A1"]
    assert back.value == text
    assert back.data_type == "s"


def test_write_cell_types(tmp_path):
    wb = Workbook()
    ws = wb.active
    values = [
        None,
        np.nan,
        pd.NA,
        pd.NaT,
        3,
        np.int64(4),
        2.5,
        np.float64(0.25),
        True,
        np.bool_(False),
        pd.Timestamp("2020-05-29"),
        dt.date(2023, 11, 22),
    ]
    for j, v in enumerate(values, start=1):
        write_cell(ws, 1, j, v)
    path = tmp_path / "t.xlsx"
    wb.save(path)
    got = [c.value for c in next(load_workbook(path).active.iter_rows(min_row=1, max_row=1))]
    assert got[:4] == [None] * 4
    assert got[4:8] == [3, 4, 2.5, 0.25]
    assert got[8:10] == [True, False]
    assert got[10] == dt.datetime(2020, 5, 29)
    assert got[11] == dt.datetime(2023, 11, 22)


def test_control_character_error_names_the_cell():
    ws = Workbook().active
    with pytest.raises(ValueError, match=r"cell C4"):
        write_cell(ws, 4, 3, "bad\x01text")


def test_infinity_is_written_as_text():
    ws = Workbook().active
    assert write_cell(ws, 1, 1, float("inf")).value == "inf"


def test_write_sheet_header_rows_and_last_row(tmp_path):
    df = pd.DataFrame({"a": ["=cmd|' /C calc'!A0", "x", None], "b": [1.5, np.nan, 3.0]})
    wb = Workbook()
    ws = wb.active
    assert write_sheet(ws, df) == 4
    assert write_sheet(wb.create_sheet("empty"), df.iloc[:0]) == 1
    assert write_sheet(wb.create_sheet("offset"), df, start_row=3) == 6
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert formula_cells(path) == []
    rows = [[c.value for c in r] for r in load_workbook(path).active.iter_rows()]
    assert rows == [["a", "b"], ["=cmd|' /C calc'!A0", 1.5], ["x", None], [None, 3]]


def test_formula_cells_finds_a_real_formula(tmp_path):
    # the detector must not be vacuous: a formula written on purpose is found
    wb = Workbook()
    wb.active.title = "s"
    wb.active["B2"] = "=1+1"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    assert formula_cells(path) == ["s!B2"]
    # an open workbook gives the same answer without reading the file again
    opened = load_workbook(path)
    path.unlink()
    assert formula_cells(opened) == ["s!B2"]


# ------------------------------------------------------------ build machinery (no parsing)
def _toy_tables():
    toy = pd.DataFrame(
        {
            "name": pd.array(["=1+1", "-5 %", "@home"], dtype="string"),
            "n": np.array([1, 2, 3], dtype="int64"),
            "x": [0.5, np.nan, 2.0],
            "flag": [True, False, True],
            "day": pd.to_datetime(["2020-05-29", "2023-11-22", "2021-01-01"]),
            "kind": pd.Categorical(["a", "b", "a"], categories=["a", "b"]),
        }
    )
    return [("toy", lambda: toy), ("report", lambda: toy[["name", "n"]].iloc[:0])]


def test_build_accepts_any_table_list(tmp_path):
    lines = []
    written = _build.build(tmp_path, tables=_toy_tables(), echo=lines.append)
    names = [p.name for p in written]
    assert names == ["toy.csv", "report.csv", "rbdata.xlsx", "datapackage.json"]
    assert len(lines) == 4 and all(line.startswith("wrote ") for line in lines)
    raw = (tmp_path / "toy.csv").read_bytes()
    assert b"\r" not in raw
    assert raw.decode("utf-8").splitlines()[:2] == ["name,n,x,flag,day,kind", "=1+1,1,0.5,True,2020-05-29,a"]
    pkg = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in pkg["resources"][0]["schema"]["fields"]}
    assert {k: f["type"] for k, f in fields.items()} == {
        "name": "string",
        "n": "integer",
        "x": "number",
        "flag": "boolean",
        "day": "date",
        "kind": "string",
    }
    assert fields["kind"]["constraints"] == {"enum": ["a", "b"]}
    assert formula_cells(tmp_path / "rbdata.xlsx") == []
    wb = load_workbook(tmp_path / "rbdata.xlsx")
    assert wb.sheetnames == ["About", "toy", "report", "data_dictionary"]
    assert wb["toy"]["A2"].value == "=1+1"


def test_workbook_bytes_are_reproducible(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    _build.build(a, tables=_toy_tables(), echo=None)
    time.sleep(1.1)  # the save time has a resolution of one second
    _build.build(b, tables=_toy_tables(), echo=None)
    assert (a / "rbdata.xlsx").read_bytes() == (b / "rbdata.xlsx").read_bytes()
    with zipfile.ZipFile(a / "rbdata.xlsx") as zf:
        core = zf.read("docProps/core.xml").decode()
        assert {i.date_time for i in zf.infolist()} == {(2020, 1, 1, 0, 0, 0)}
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2020-01-01T00:00:00Z"] * 2


def test_build_rejects_columns_off_contract(tmp_path):
    bad = TABLES["areas"].names[::-1]
    with pytest.raises(ValueError, match="areas"):
        _build.build(tmp_path, tables=[("areas", lambda: pd.DataFrame(columns=bad))], echo=None)


def test_build_list_covers_every_table():
    assert len(BUILD_NAMES) == len(set(BUILD_NAMES))
    assert set(TABLES) <= set(BUILD_NAMES)
    assert "parse_report" in BUILD_NAMES


def test_every_contract_column_has_a_frictionless_field():
    for name in BUILD_NAMES:
        for col in table_spec(name).columns:
            f = field(col)
            assert f["type"] in FRICTIONLESS_TYPES, (name, col.name)
            assert f["description"], (name, col.name)
            assert f.get("unit", "") == col.unit
            constraints = f.get("constraints", {})
            assert constraints.get("required", False) == col.required, (name, col.name)
            assert constraints.get("enum", []) == list(col.categories), (name, col.name)


def test_default_output_is_data_processed():
    assert PROCESSED_DIR.parts[-2:] == ("data", "processed")


# ------------------------------------------------------------ the real build
def test_command_prints_what_it_wrote(fresh_build):
    out, stdout = fresh_build
    for name in BUILD_NAMES:
        assert f"{name}.csv" in stdout
    assert "rbdata.xlsx" in stdout and "datapackage.json" in stdout


@pytest.mark.parametrize("name", BUILD_NAMES + ["datapackage.json"])
def test_fresh_build_equals_committed(fresh_build, name):
    out, _ = fresh_build
    fname = name if name.endswith(".json") else f"{name}.csv"
    committed = PROCESSED_DIR / fname
    assert committed.is_file(), f"{committed} missing: run `make build` and commit data/processed/"
    assert (out / fname).read_bytes() == committed.read_bytes(), (
        f"{fname} differs from the committed data/processed/{fname}: run `make build` and commit the result"
    )


def test_csv_files_are_utf8_lf_and_in_loader_order(fresh_build):
    out, _ = fresh_build
    for name, func in _build.BUILD:
        raw = (out / f"{name}.csv").read_bytes()
        assert b"\r\n" not in raw, name
        raw.decode("utf-8")
        df = func()
        assert _csv_header(out / f"{name}.csv") == list(df.columns)
        back = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(back) == len(df), name
    # loader order, not sorted: the first rows are those of the first document
    docs = pd.read_csv(out / "documents.csv")
    assert docs["doc_id"].tolist() == ["blora-2020", "batang-2023"]


def test_workbook_has_every_sheet_and_no_formula(fresh_build):
    out, _ = fresh_build
    path = out / "rbdata.xlsx"
    assert formula_cells(path) == []
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["About"] + BUILD_NAMES + ["data_dictionary"]
    for name, func in _build.BUILD:
        assert wb[name].max_row == len(func()) + 1, name
    dd = list(wb["data_dictionary"].iter_rows(values_only=True))
    assert dd[0] == tuple(DICTIONARY_COLUMNS)
    assert len(dd) - 1 == sum(len(table_spec(n).columns) for n in BUILD_NAMES)
    rows = {(r[0], r[1]): dict(zip(dd[0], r)) for r in dd[1:]}
    assert rows[("targets", "target_id")]["primary_key"] is True
    assert rows[("targets", "target_id")]["required"] is True
    assert rows[("targets", "unit")]["required"] is False
    assert rows[("action_targets", "action_id")]["references"] == "actions.action_id"
    assert rows[("targets", "kind")]["dtype"] == "category:baseline|target"


def test_workbook_text_equals_csv_text(fresh_build):
    # text such as "- ..." or "+62" must come back from Excel exactly as written
    out, _ = fresh_build
    wb = load_workbook(out / "rbdata.xlsx", read_only=True)
    for name in BUILD_NAMES:
        spec = table_spec(name)
        csv_df = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        rows = list(wb[name].iter_rows(values_only=True))
        header = list(rows[0])
        for col in spec.columns:
            if col.dtype != "string" and not col.dtype.startswith("category:"):
                continue
            j = header.index(col.name)
            got = ["" if r[j] is None else r[j] for r in rows[1:]]
            assert got == csv_df[col.name].tolist(), (name, col.name)


def test_datapackage_describes_every_csv(fresh_build):
    out, _ = fresh_build
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["name"] == "rbdata"
    assert pkg["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert pkg["licenses"] and all("name" in lic or "path" in lic for lic in pkg["licenses"])
    assert {s["doc_id"] for s in pkg["sources"]} == {"blora-2020", "batang-2023"}
    assert [r["name"] for r in pkg["resources"]] == BUILD_NAMES
    for res in pkg["resources"]:
        assert res["path"] == f"{res['name']}.csv"
        assert (res["type"], res["format"], res["encoding"]) == ("table", "csv", "utf-8")
        assert res["$schema"] == PROFILES["resource"]
        assert res["schema"]["$schema"] == PROFILES["schema"]
        names = [f["name"] for f in res["schema"]["fields"]]
        assert names == _csv_header(out / res["path"]), res["name"]
        assert res["schema"]["primaryKey"] == list(CONTRACT[res["name"]].primary_key)
    keys = {r["name"]: r["schema"].get("foreignKeys", []) for r in pkg["resources"]}
    assert {"fields": ["action_id"], "reference": {"resource": "actions", "fields": ["action_id"]}} in keys[
        "action_targets"
    ]
    # a reference within the same resource names no resource (Table Schema v2)
    assert {"fields": ["parent_action_id"], "reference": {"fields": ["action_id"]}} in keys["actions"]
    units = {
        (r["name"], f["name"]): f["unit"]
        for r in pkg["resources"]
        for f in r["schema"]["fields"]
        if "unit" in f
    }
    assert units[("actions", "budget_idr")] == "IDR"
    assert units[("documents", "period_start")] == "year"


# ------------------------------------------------------------ Frictionless validation
def _frictionless_errors(descriptor) -> list:
    import frictionless  # a test dependency (pyproject.toml, extra "test")

    report = frictionless.validate(str(descriptor))
    errors = [(None, e.type, e.message) for e in report.errors]  # the descriptor's own
    for task in report.tasks:
        errors += [(task.name, e.type, e.message) for e in task.errors]
    return errors


def test_datapackage_is_a_valid_frictionless_package(fresh_build):
    # the descriptor against the Data Package v2 profiles, and every CSV
    # against its Table Schema: types, required, enum, primary and foreign keys
    out, _ = fresh_build
    assert _frictionless_errors(out / "datapackage.json") == []


def test_frictionless_finds_a_dangling_foreign_key(fresh_build, tmp_path):
    # the validation above is not vacuous: a broken reference in a copy is found
    out, _ = fresh_build
    copy = tmp_path / "pkg"
    shutil.copytree(out, copy)
    at = pd.read_csv(copy / "action_targets.csv", dtype=str, keep_default_na=False)
    at.loc[0, "action_id"] = "blora-2020:C.I.A:1"
    at.to_csv(copy / "action_targets.csv", index=False, lineterminator="\n")
    errors = _frictionless_errors(copy / "datapackage.json")
    assert [e[:2] for e in errors] == [("action_targets", "foreign-key")], errors
