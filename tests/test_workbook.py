"""The exported workbook rbdata.xlsx as people use it: the About sheet, the
header, filter and print setup of every data sheet, number formats from the
contract, no "number stored as text" warning over text columns, no formula."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath
from xml.etree import ElementTree

import pandas as pd
import pytest
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.table import Table as ExcelTable

import rbdata
from rbdata import build as _build
from rbdata._paths import PROCESSED_DIR
from rbdata.contract import CONTRACT, table_spec
from rbdata.contract.schema import Column
from rbdata.export.workbook import (
    ABOUT_SHEET,
    DICTIONARY_COLUMNS,
    DICTIONARY_SHEET,
    MAX_WIDTH,
    TITLE,
    normalise_zip,
    number_format,
    text_ranges,
    write_workbook,
)

BUILD_NAMES = [name for name, _ in _build.BUILD]
DATA_SHEETS = BUILD_NAMES + [DICTIONARY_SHEET]
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DIGITS = re.compile(r"[0-9]+")


@pytest.fixture(scope="module")
def xlsx(fresh_build):
    return fresh_build[0] / "rbdata.xlsx"


@pytest.fixture(scope="module")
def book(xlsx):
    wb = load_workbook(xlsx)  # not read-only: panes, filters and page setup are read too
    yield wb
    wb.close()


@pytest.fixture(scope="module")
def csv_tables(fresh_build):
    out = fresh_build[0]
    return {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) for name in BUILD_NAMES}


def _ignored_ranges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet name -> ranges (min_col, min_row, max_col, max_row) under numberStoredAsText,
    read from the sheets' XML (openpyxl does not read ignoredErrors)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        targets = {r.attrib["Id"]: r.attrib["Target"] for r in rels}
        out = {}
        for sheet in workbook.iter(f"{MAIN_NS}sheet"):
            target = targets[sheet.attrib[f"{REL_NS}id"]]
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            root = ElementTree.fromstring(zf.read(part))
            ranges = []
            for error in root.iter(f"{MAIN_NS}ignoredError"):
                if error.get("numberStoredAsText") in ("1", "true"):
                    ranges += [range_boundaries(r) for r in error.get("sqref", "").split()]
            if ranges:
                out[sheet.attrib["name"]] = ranges
    return out


def _covered(ranges, col: int, first_row: int, last_row: int) -> bool:
    """Whether one range covers rows first_row..last_row of column ``col``."""
    return any(a <= col <= c and b <= first_row and last_row <= d for a, b, c, d in ranges)


def _about_pairs(ws) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in ws.iter_rows(min_col=1, max_col=2, values_only=True) if r[0] and r[1]]


def _folded(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------ About
def test_about_is_first_and_names_both_regulations_version_and_licences(book):
    assert book.sheetnames == [ABOUT_SHEET] + DATA_SHEETS
    ws = book[ABOUT_SHEET]
    pairs = _about_pairs(ws)
    text = "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert ws["A1"].value == TITLE and ws["A1"].font.b
    assert ("rbdata version", rbdata.__version__) in pairs
    docs = rbdata.load_documents()
    assert len(docs) == 2
    for r in docs.itertuples(index=False):
        assert r.title in text and r.regulation in text and r.title_en in text
    assert "Perbup Blora 35/2020" in text and "Perbup Batang 53/2023" in text
    licences = {label: value for label, value in pairs if label.startswith("Licence")}
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in licences["Licence of the tables"]
    assert "https://creativecommons.org/licenses/by/4.0/" in licences["Licence of the tables"]
    assert "MIT License" in licences["Licence of the code"]
    assert f"Sheet '{DICTIONARY_SHEET}'" in dict(pairs)["Data dictionary"]


def test_about_cites_as_citation_cff(book, repo_dir):
    citation = yaml.safe_load((repo_dir / "CITATION.cff").read_text(encoding="utf-8"))
    assert TITLE == citation["title"]
    cites = [value for label, value in _about_pairs(book[ABOUT_SHEET]) if label == "How to cite"]
    author = citation["authors"][0]["name"]
    assert cites[0].startswith(f"{author}. {citation['title']}, version {citation['version']}.")
    # the regulations, in the references' words (YAML folds their long titles)
    references = [_folded(ref["title"]) for ref in citation["references"]]
    assert len(references) == 2
    for title, cite in zip(references, cites[1:], strict=True):
        assert cite.startswith(f"{title}. ")


def test_about_lists_every_sheet_from_the_contract(book, csv_tables):
    rows = list(book[ABOUT_SHEET].iter_rows())
    start = next(
        i for i, r in enumerate(rows) if [c.value for c in r[:3]] == ["sheet", "what it holds", "rows"]
    )
    listed = [r for r in rows[start + 1 :] if r[0].value is not None]
    assert [r[0].value for r in listed] == DATA_SHEETS
    for sheet, what, n_rows in (r[:3] for r in listed):
        assert sheet.hyperlink.location == f"'{sheet.value}'!A1"
        assert n_rows.value == book[sheet.value].max_row - 1
        if sheet.value == DICTIONARY_SHEET:
            assert "Data dictionary" in what.value
            continue
        spec = CONTRACT[sheet.value]
        assert what.value.startswith(spec.title) and spec.description in what.value
        assert n_rows.value == len(csv_tables[sheet.value])


# ------------------------------------------------------------ data sheets
@pytest.mark.parametrize("name", DATA_SHEETS)
def test_data_sheet_header_filter_widths_and_print_setup(book, csv_tables, name):
    ws = book[name]
    if name == DICTIONARY_SHEET:
        columns = DICTIONARY_COLUMNS
        n_rows = sum(len(table_spec(n).columns) for n in BUILD_NAMES)
    else:
        columns = list(csv_tables[name].columns)
        n_rows = len(csv_tables[name])
    assert (ws.max_row, ws.max_column) == (n_rows + 1, len(columns))
    header = ws[1]
    assert [c.value for c in header] == columns
    assert all(c.font.b for c in header), "header row not bold"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(columns))}{n_rows + 1}"
    assert ws.print_title_rows.replace("$", "") == "1:1"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    for j, col_name in enumerate(columns, start=1):
        dim = ws.column_dimensions[get_column_letter(j)]
        assert dim.customWidth, (name, col_name)
        assert min(len(col_name) + 2, MAX_WIDTH) <= dim.width <= MAX_WIDTH, (name, col_name, dim.width)


def _expected_format(col: Column) -> str:
    """The number format the contract calls for, stated independently of the writer."""
    whole = col.dtype in ("int", "Int64")
    if (whole or col.dtype == "float") and (col.unit == "IDR" or col.name.endswith("_idr")):
        return "#,##0"  # rupiah
    if whole and col.unit in ("year", "line"):
        return "0"  # a year or a line number: 2020, not 2,020
    if whole:
        return "#,##0"  # a count or another whole quantity
    if col.dtype == "date":
        return "yyyy-mm-dd"
    return "General"


@pytest.mark.parametrize("name", BUILD_NAMES)
def test_number_formats_follow_the_contract(book, name):
    ws = book[name]
    for j, col in enumerate(table_spec(name).columns, start=1):
        expected = _expected_format(col)
        cells = [c for (c,) in ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=j, max_col=j)]
        if expected in ("#,##0", "0"):
            # every cell of the column, empty ones too: a number typed in later looks the same
            assert {c.number_format for c in cells} <= {expected}, (name, col.name)
        else:
            assert {c.number_format for c in cells if c.value is not None} <= {expected}, (name, col.name)


def test_rupiah_and_counts_have_separators_years_and_lines_not(book):
    # the rule above is not vacuous: the columns it is about exist and are formatted
    assert book["actions"][f"{_letter('actions', 'budget_idr')}2"].number_format == "#,##0"
    assert book["budget_lines"][f"{_letter('budget_lines', 'amount_idr')}2"].number_format == "#,##0"
    assert book["documents"][f"{_letter('documents', 'n_lines')}2"].number_format == "#,##0"
    assert book["agencies"][f"{_letter('agencies', 'n_rows')}2"].number_format == "#,##0"
    assert book["documents"][f"{_letter('documents', 'period_start')}2"].number_format == "0"
    assert book["targets"][f"{_letter('targets', 'source_line')}2"].number_format == "0"
    idr = [(t, c.name) for t in BUILD_NAMES for c in table_spec(t).columns if c.unit == "IDR"]
    assert ("actions", "budget_idr") in idr and ("budget_lines", "amount_idr") in idr


def _letter(table: str, column: str) -> str:
    return get_column_letter(table_spec(table).names.index(column) + 1)


def test_text_columns_are_exempt_from_number_stored_as_text(book, xlsx):
    ignored = _ignored_ranges(xlsx.read_bytes())
    assert ABOUT_SHEET not in ignored  # its text holds no number
    digit_columns = []
    for name in DATA_SHEETS:
        ws = book[name]
        last = ws.max_row
        for j, header in enumerate(ws[1], start=1):
            values = [c.value for (c,) in ws.iter_rows(min_row=2, max_row=last, min_col=j, max_col=j)]
            if any(isinstance(v, str) and DIGITS.fullmatch(v) for v in values):
                digit_columns.append((name, header.value))
                assert _covered(ignored.get(name, []), j, 2, last), (name, header.value)
            if name in CONTRACT:
                col = CONTRACT[name].column(header.value)
                text = col.dtype == "string" or bool(col.categories)
                # every text column is covered, whatever it holds; no number column is
                assert _covered(ignored.get(name, []), j, 2, last) == (text and last > 1), (name, col.name)
    # digit-only text exists, so the check above is not vacuous
    assert ("targets", "period") in digit_columns and ("action_targets", "value_text") in digit_columns


def test_no_formula_cell_anywhere(book):
    seen_risky = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    seen_risky += 1
    assert seen_risky > 0  # text that a spreadsheet would take for a formula is there, as text


def test_committed_workbook_is_the_fresh_build(xlsx):
    committed = PROCESSED_DIR / "rbdata.xlsx"
    assert committed.read_bytes() == xlsx.read_bytes(), (
        "data/processed/rbdata.xlsx differs from a fresh build: run `make build` and commit the result"
    )


# ------------------------------------------------------------ the writer on small tables
def _toy():
    return [
        (
            "toy",
            pd.DataFrame(
                {
                    "name": pd.array(["=1+1", "2020", "x"], dtype="string"),
                    "n": [1, 2, 3000],
                    "cost_idr": [1.5e9, float("nan"), 2.0],
                    "x": [0.25, 1.5, 2.0],
                    "flag": [True, False, True],
                    "period": pd.array(["2020", "2021", "2022"], dtype="string"),
                }
            ),
        ),
        ("empty", pd.DataFrame({"a": pd.array([], dtype="string"), "b": pd.array([], dtype="int64")})),
    ]


def test_toy_workbook_formats_filters_and_exemptions(tmp_path):
    path = tmp_path / "t.xlsx"
    write_workbook(_toy(), path)
    wb = load_workbook(path)
    assert wb.sheetnames == [ABOUT_SHEET, "toy", "empty", DICTIONARY_SHEET]
    ws = wb["toy"]
    assert [ws[f"{c}2"].number_format for c in "BCD"] == ["#,##0", "#,##0", "General"]
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"
    assert ws.auto_filter.ref == "A1:F4"
    assert wb["empty"].auto_filter.ref == "A1:B1"
    ignored = _ignored_ranges(path.read_bytes())
    assert ignored["toy"] == [range_boundaries("A2:A4"), range_boundaries("F2:F4")]
    assert "empty" not in ignored  # no row, no range


def test_ignored_errors_are_placed_where_the_schema_puts_them(tmp_path):
    # after pageSetup, before tableParts (ECMA-376 CT_Worksheet order)
    wb = Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    ws.append(["1", "2"])
    ws.page_setup.orientation = "landscape"
    ws.add_table(ExcelTable(displayName="T", ref="A1:B2"))
    buf = io.BytesIO()
    wb.save(buf)
    plain = buf.getvalue()
    assert _ignored_ranges(plain) == {}  # the reader finds nothing where there is nothing
    data = normalise_zip(plain, ignored_errors={"xl/worksheets/sheet1.xml": "A2:B2"})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        tags = [
            el.tag.removeprefix(MAIN_NS) for el in ElementTree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
        ]
    assert tags.index("pageSetup") < tags.index("ignoredErrors") < tags.index("tableParts")
    assert _ignored_ranges(data) == {"Sheet": [range_boundaries("A2:B2")]}
    with pytest.raises(ValueError, match="sheet9.xml"):
        normalise_zip(plain, ignored_errors={"xl/worksheets/sheet9.xml": "A2:B2"})


def test_number_format_from_the_contract_column():
    assert number_format(Column("budget_idr", "float", "", "IDR")) == "#,##0"
    assert number_format(Column("total_idr", "int", "")) == "#,##0"
    assert number_format(Column("amount_text_idr", "string", "")) is None  # text stays text
    assert number_format(Column("n_rows", "int", "", "rows")) == "#,##0"
    assert number_format(Column("period_start", "int", "", "year")) == "0"
    assert number_format(Column("parent_line", "Int64", "", "line")) == "0"
    assert number_format(Column("value", "float", "", "unit column")) is None


def test_text_ranges_join_adjacent_text_columns():
    cols = [
        Column("a", "string", ""),
        Column("b", "int", ""),
        Column("c", "category:x|y", ""),
        Column("d", "string", ""),
        Column("e", "bool", ""),
    ]
    assert text_ranges(cols, 3) == "A2:A4 C2:D4"
    assert text_ranges(cols, 0) == ""
    assert text_ranges([Column("b", "int", "")], 3) == ""
