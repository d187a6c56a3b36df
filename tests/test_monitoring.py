"""Monitoring workbooks: write -> fill -> read -> achievement, and every error path."""

from __future__ import annotations

import copy
import math
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

import rbdata
from rbdata import monitoring as m
from rbdata.analysis.monitoring import plan_table
from rbdata.export.forms import formula_cells

DOCS = rbdata.DOC_IDS


# ----------------------------------------------------------------- helpers


def _columns(ws) -> dict[str, int]:
    """Header text -> column number of a data sheet."""
    return {c.value: c.column for c in ws[1] if c.value is not None}


def _real_columns(ws) -> dict[str, int]:
    """Realisation period ('2020', '2023Q1', ...) -> column number."""
    out = {}
    for head, col in _columns(ws).items():
        if head.startswith("Realisasi "):
            # 'Realisasi TW II 2023 / Actual Q2 2023' or 'Realisasi 2020 / Actual 2020'
            en = head.split(" / Actual ")[1]
            out[en if " " not in en else f"{en.split()[1]}{en.split()[0]}"] = col
    return out


def _rows(ws) -> dict[str, int]:
    """id -> row number."""
    return {
        ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value
    }


def _fill(path, values: dict[tuple[str, str, str], object]) -> None:
    """Type values into a saved workbook: {(sheet, id, period): value}."""
    wb = load_workbook(path)
    for (sheet, rid, period), v in values.items():
        ws = wb[sheet]
        ws.cell(row=_rows(ws)[rid], column=_real_columns(ws)[period]).value = v
    wb.save(path)


def _coord(path, sheet, rid, header_start) -> str:
    """Coordinate of the cell of row ``rid`` under the first header starting with ``header_start``."""
    wb = load_workbook(path)
    ws = wb[sheet]
    col = next(c for h, c in _columns(ws).items() if h.startswith(header_start))
    return ws.cell(row=_rows(ws)[rid], column=col).coordinate


def _edit(path, sheet, coordinate, value) -> None:
    wb = load_workbook(path)
    wb[sheet][coordinate].value = value
    wb.save(path)


@pytest.fixture(scope="module")
def plans():
    return {d: m.plan(d) for d in DOCS}


@pytest.fixture
def batang_book(tmp_path):
    return m.write_workbook(tmp_path / "batang.xlsx", "batang-2023")


@pytest.fixture
def blora_book(tmp_path):
    return m.write_workbook(tmp_path / "blora.xlsx", "blora-2020")


# -------------------------------------------------------------- round trip


def _fill_with_targets(path, plan: pd.DataFrame) -> dict:
    """Type each period's own target as its realisation (labels as labels).

    Batang indicators have only an annual target: it is typed in every
    quarter (the level is reached from TW I on).
    """
    wb = load_workbook(path)
    typed = {}
    for sheet, table in ((m.SHEET_TARGETS, "targets"), (m.SHEET_ACTIONS, "actions")):
        ws = wb[sheet]
        rows, cols = _rows(ws), _real_columns(ws)
        for rec in plan[plan["table"] == table].itertuples():
            periods = [rec.period] if rec.period in cols else [p for p in cols if p.startswith(rec.period)]
            if table == "actions" and rec.period not in cols:
                continue  # the printed Total: not typed, derived from the quarters
            value = (
                rec.target
                if not math.isnan(rec.target)
                else (rec.target_label if not pd.isna(rec.target_label) else None)
            )
            for p in periods:
                if value is not None:
                    ws.cell(row=rows[rec.id], column=cols[p]).value = value
                    typed[(table, rec.id, p)] = value
    wb.save(path)
    return typed


@pytest.mark.parametrize("doc_id", DOCS)
def test_round_trip(tmp_path, plans, doc_id):
    plan = plans[doc_id]
    path = m.write_workbook(tmp_path / f"{doc_id}.xlsx", doc_id)
    wb = load_workbook(path)
    assert wb.sheetnames == [m.SHEET_INFO, m.SHEET_TARGETS, m.SHEET_ACTIONS]
    # every monitored id is a row, once
    for sheet, table in ((m.SHEET_TARGETS, "targets"), (m.SHEET_ACTIONS, "actions")):
        ids = [wb[sheet].cell(row=r, column=1).value for r in range(2, wb[sheet].max_row + 1)]
        assert sorted(ids) == sorted(plan.loc[plan["table"] == table, "id"].unique())
    # an empty workbook reads back as all-NaN realisations, one per id x period
    empty = m.read_workbook(path)
    periods = m.monitoring_periods(doc_id)
    assert len(empty) == len(plan.drop_duplicates(["table", "id"])) * len(periods)
    assert empty["realisation"].isna().all() and set(empty["period"]) == set(periods)

    typed = _fill_with_targets(path, plan)
    assert formula_cells(path) == []
    real = m.read_workbook(path)
    got = real.dropna(subset=["realisation"])
    got_labels = real.dropna(subset=["realisation_label"])
    assert len(got) + len(got_labels) == len(typed)
    for rec in got.itertuples():
        assert rec.realisation == pytest.approx(float(typed[(rec.table, rec.id, rec.period)]))
    for rec in got_labels.itertuples():
        assert rec.realisation_label == typed[(rec.table, rec.id, rec.period)]

    ach = m.achievement(real)
    assert set(ach["status"]) <= set(m.STATUSES)
    # a realisation equal to its target achieves it, whatever the direction
    hit = ach[ach["target"].notna() & (ach["target"] > 0) & ach["realisation"].notna()]
    assert len(hit) > 100
    assert hit["capaian"].to_numpy() == pytest.approx(100.0)
    assert (hit["status"] == "achieved").all()
    labels = ach[ach["target_label"].isin(["WTP", "B", "Paripurna"]) & ach["target"].isna()]
    assert len(labels) and (labels["status"] == "achieved").all()
    if doc_id == "batang-2023":
        # the printed Totals are met by the quarters: sums add up, levels are reached
        year = ach[(ach["table"] == "actions") & (ach["period"] == "2023") & ach["target"].gt(0)]
        assert set(year["basis"]) == {"sum of quarters", "latest quarter"}
        assert year["capaian"].to_numpy() == pytest.approx(100.0)


# ------------------------------------------------------ workbook features


def test_protection_validation_and_text_cells(batang_book):
    wb = load_workbook(batang_book)
    ws = wb[m.SHEET_ACTIONS]
    assert ws.protection.sheet and wb[m.SHEET_TARGETS].protection.sheet
    cols = _real_columns(ws)
    assert sorted(cols) == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
    r = 2
    assert ws.cell(row=r, column=1).protection.locked
    assert all(not ws.cell(row=r, column=c).protection.locked for c in cols.values())
    decimal = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    assert decimal and ws.cell(row=r, column=cols["2023Q1"]).coordinate in decimal[0].sqref
    # '-' (no target) is kept as the text printed, never a formula or a number
    dash = [c for c in ws[r] if c.value == "-"]
    assert dash and all(c.data_type == "s" for c in dash)
    assert formula_cells(batang_book) == []


def test_plan_hands_out_a_copy_of_the_cached_plan():
    first = m.plan("blora-2020")
    first.loc[0, "target"] = -1.0  # a user editing the returned frame in place
    again = m.plan("blora-2020")
    assert again.loc[0, "target"] != -1.0
    assert again.equals(plan_table._plan_from(plan_table._load_frames("blora-2020"), "blora-2020"))


def test_formula_like_text_stays_text(tmp_path, monkeypatch, request):
    frames = plan_table._load_frames("blora-2020")
    acts = frames["actions"].copy()
    acts.loc[acts.index[0], "action"] = "=1+1"
    acts.loc[acts.index[1], "action"] = "@SUM(A1:A2)"
    acts.loc[acts.index[2], "output_unit"] = "+62 orang"
    frames["actions"] = acts
    monkeypatch.setattr(plan_table, "_load_frames", lambda doc_id: frames)
    # the plan is cached per parse: forget it now and again after the test,
    # so that neither the real nor the edited plan leaks across tests
    rbdata.clear_cache()
    request.addfinalizer(rbdata.clear_cache)
    path = m.write_workbook(tmp_path / "inj.xlsx", "blora-2020")
    assert formula_cells(path) == []
    ws = load_workbook(path)[m.SHEET_ACTIONS]
    assert ws["E2"].value == "=1+1" and ws["E2"].data_type == "s"
    assert ws["E3"].value == "@SUM(A1:A2)"
    # and it reads back against the same plan without a problem
    real, problems = m.read_workbook(path, errors="collect")
    assert problems.empty and len(real)


@pytest.mark.parametrize("period", ["2020", "2021"])
def test_period_filter_blora(tmp_path, plans, period):
    path = m.write_workbook(tmp_path / "b.xlsx", "blora-2020", period=period)
    wb = load_workbook(path)
    for sheet in (m.SHEET_TARGETS, m.SHEET_ACTIONS):
        heads = list(_columns(wb[sheet]))
        other = "2021" if period == "2020" else "2020"
        assert not [h for h in heads if other in h]
        assert list(_real_columns(wb[sheet])) == [period]
    # only the actions with a target in that year
    plan = plans["blora-2020"]
    acts = plan[(plan["table"] == "actions") & (plan["period"] == period)]
    due = acts[acts["target"].notna() | acts["target_label"].notna()]
    assert sorted(_rows(wb[m.SHEET_ACTIONS])) == sorted(due["id"])
    real = m.read_workbook(path)
    assert set(real["period"]) == {period}


def test_period_filter_batang(tmp_path, plans):
    path = m.write_workbook(tmp_path / "q2.xlsx", "batang-2023", period="2023Q2")
    wb = load_workbook(path)
    ws = wb[m.SHEET_ACTIONS]
    assert list(_real_columns(ws)) == ["2023Q2"]
    heads = list(_columns(ws))
    assert [h for h in heads if h.startswith("Target")] == [
        "Target TW II 2023 (tertulis / as printed)",
        "Target TW II 2023 (angka / number)",
    ]
    plan = plans["batang-2023"]
    q2 = plan[(plan["table"] == "actions") & (plan["period"] == "2023Q2") & plan["target"].notna()]
    assert sorted(_rows(ws)) == sorted(q2["id"])
    # indicators keep their annual target and all rows
    wt = wb[m.SHEET_TARGETS]
    assert len(_rows(wt)) == plan.loc[plan["table"] == "targets", "id"].nunique()
    assert "Target 2023 (angka / number)" in _columns(wt)


@pytest.mark.parametrize("bad", ["2022", "2023", "TW II", "2023Q5"])
def test_bad_period(tmp_path, bad):
    with pytest.raises(ValueError, match=r"valid periods are '2023Q1', '2023Q2', '2023Q3', '2023Q4'"):
        m.write_workbook(tmp_path / "x.xlsx", "batang-2023", period=bad)


def test_bad_doc_id(tmp_path):
    with pytest.raises(ValueError, match="unknown doc_id"):
        m.write_workbook(tmp_path / "x.xlsx", "blora-2021")


# ---------------------------------------------------------- agency filter


def _ids_of(path):
    wb = load_workbook(path)
    return {s: sorted(_rows(wb[s])) for s in (m.SHEET_TARGETS, m.SHEET_ACTIONS)}


def test_agency_filter_aliases_give_same_rows(tmp_path, plans):
    a = _ids_of(m.write_workbook(tmp_path / "a.xlsx", "batang-2023", agency="Bapelitbang"))
    b = _ids_of(m.write_workbook(tmp_path / "b.xlsx", "batang-2023", agency="Bapelit bang"))
    assert a == b
    plan = plans["batang-2023"]

    def has(v):
        return not pd.isna(v) and "Bapelitbang" in str(v).split("; ")

    mine = plan[plan["agency"].map(has) | plan["coordinator"].map(has)]
    assert a[m.SHEET_TARGETS] == sorted(mine.loc[mine["table"] == "targets", "id"].unique())
    assert a[m.SHEET_ACTIONS] == sorted(mine.loc[mine["table"] == "actions", "id"].unique())
    # the coordinator of the Tematik plans: "Bapelit bang" is how lines 822-826 print it
    lines = plan.set_index("id").loc[a[m.SHEET_ACTIONS], "source_line"].unique()
    assert {822, 823, 824, 825, 826} <= set(lines)
    assert 0 < len(a[m.SHEET_ACTIONS]) < plan.loc[plan["table"] == "actions", "id"].nunique()


def test_agency_filter_exact_rows_blora(tmp_path, plans):
    ids = _ids_of(m.write_workbook(tmp_path / "i.xlsx", "blora-2020", agency="Inspektorat"))
    plan = plans["blora-2020"]
    rows = plan.drop_duplicates("id").set_index("id")
    for sheet in ids:
        for rid in ids[sheet]:
            names = str(rows.loc[rid, "agency"]).split("; ") + str(rows.loc[rid, "coordinator"]).split("; ")
            assert "Inspektorat" in names
    others = rows[~rows.index.isin(ids[m.SHEET_TARGETS] + ids[m.SHEET_ACTIONS])]
    assert not others["agency"].fillna("").str.split("; ").map(lambda x: "Inspektorat" in x).any()
    # the printed "Inspektorat/B PPKAD" (line 790) is Inspektorat's too
    assert "blora-2020:C.II.A:790" in ids[m.SHEET_TARGETS]


def test_unknown_agency(tmp_path):
    with pytest.raises(
        ValueError, match=r"agency 'Bapelitbag' is not a known agency.*close matches: .*'Bapelitbang'"
    ):
        m.write_workbook(tmp_path / "x.xlsx", "batang-2023", agency="Bapelitbag")


def test_agency_without_rows(tmp_path):
    plan = m.plan("blora-2020")
    names = set()
    for col in ("agency", "coordinator"):
        for v in plan[col].dropna():
            names.update(str(v).split("; "))
    absent = sorted({a for a in rbdata.load_agencies()["agency"]} - names)
    assert absent
    with pytest.raises(ValueError, match="has no targets or actions in blora-2020"):
        m.write_workbook(tmp_path / "x.xlsx", "blora-2020", agency=absent[0])


# ------------------------------------------------------------- error paths


def test_edited_target_cell(batang_book):
    rid = "batang-2023:Lampiran III:815"
    where = _coord(batang_book, m.SHEET_ACTIONS, rid, "Target TW I 2023 (angka")
    _edit(batang_book, m.SHEET_ACTIONS, where, 9999)
    with pytest.raises(
        ValueError,
        match=rf"sheet 'Output Aksi', cell {where}: plan cell .* was edited: 9999 "
        r"instead of 7215",
    ):
        m.read_workbook(batang_book)


def test_edited_text_cell(blora_book):
    rid = "blora-2020:B.3.b:659"
    where = _coord(blora_book, m.SHEET_TARGETS, rid, "Indikator")
    _edit(blora_book, m.SHEET_TARGETS, where, "Angka Kematian Bayi")
    with pytest.raises(ValueError, match=rf"sheet 'Target Indikator', cell {where}: plan cell 'Indikator"):
        m.read_workbook(blora_book)


def test_unknown_id(blora_book):
    _edit(blora_book, m.SHEET_TARGETS, "A5", "blora-2020:B.9.z:1")
    with pytest.raises(
        ValueError, match=r"sheet 'Target Indikator', cell A5: unknown id 'blora-2020:B.9.z:1'"
    ):
        m.read_workbook(blora_book)


def test_id_outside_selection(tmp_path):
    path = m.write_workbook(tmp_path / "i.xlsx", "blora-2020", agency="Inspektorat")
    _edit(path, m.SHEET_ACTIONS, "A2", "blora-2020:C.I.A:735")  # a BKD action
    with pytest.raises(ValueError, match=r"cell A2: unknown id .*not to this workbook's agency/period"):
        m.read_workbook(path)


def test_duplicated_row(blora_book):
    wb = load_workbook(blora_book)
    ws = wb[m.SHEET_ACTIONS]
    for c in range(1, ws.max_column + 1):
        ws.cell(row=4, column=c).value = ws.cell(row=3, column=c).value
    wb.save(blora_book)
    with pytest.raises(
        ValueError, match=r"sheet 'Output Aksi', cell A4: duplicated row: id .* already in row 3"
    ):
        m.read_workbook(blora_book)


def test_text_in_number_cell(batang_book):
    rid = "batang-2023:Lampiran II:731"
    _fill(batang_book, {(m.SHEET_ACTIONS, rid, "2023Q1"): "25 persen"})
    where = _coord(batang_book, m.SHEET_ACTIONS, rid, "Realisasi TW I")
    with pytest.raises(ValueError, match=rf"sheet 'Output Aksi', cell {where}: text in a number cell"):
        m.read_workbook(batang_book)


def test_number_in_label_cell(blora_book):
    rid = "blora-2020:B.1.b:572"  # Status opini Laporan Keuangan Daerah: WTP
    _fill(blora_book, {(m.SHEET_TARGETS, rid, "2020"): 1})
    where = _coord(blora_book, m.SHEET_TARGETS, rid, "Realisasi 2020")
    with pytest.raises(ValueError, match=rf"cell {where}: .* expects a label such as 'WTP'"):
        m.read_workbook(blora_book)


def test_percent_formatted_cell(batang_book):
    rid = "batang-2023:Lampiran II:731"
    wb = load_workbook(batang_book)
    ws = wb[m.SHEET_ACTIONS]
    cell = ws.cell(row=_rows(ws)[rid], column=_real_columns(ws)["2023Q1"])
    cell.value, cell.number_format = 0.25, "0%"
    wb.save(batang_book)
    with pytest.raises(ValueError, match=rf"cell {cell.coordinate}: .* formatted as a percentage"):
        m.read_workbook(batang_book)


@pytest.mark.parametrize("where", ["AD3", "B200"])
def test_cell_outside_table(batang_book, where):
    _edit(batang_book, m.SHEET_ACTIONS, where, 12)
    with pytest.raises(
        ValueError, match=rf"sheet 'Output Aksi', cell {where}: filled cell outside the table"
    ):
        m.read_workbook(batang_book)


def test_row_without_id(blora_book):
    wb = load_workbook(blora_book)
    ws = wb[m.SHEET_TARGETS]
    col = _real_columns(ws)["2020"]
    ws.cell(row=2, column=1).value = None
    ws.cell(row=2, column=col).value = 5
    wb.save(blora_book)
    with pytest.raises(ValueError, match=r"sheet 'Target Indikator', cell B2: row 2 has values but no id"):
        m.read_workbook(blora_book)


def test_renamed_header_and_extra_sheet(blora_book):
    _edit(blora_book, m.SHEET_TARGETS, "E1", "Indicator")
    wb = load_workbook(blora_book)
    wb.create_sheet("Catatan")["A1"] = "catatan rapat"
    wb.save(blora_book)
    real, problems = m.read_workbook(blora_book, errors="collect")
    assert problems[["sheet", "cell"]].values.tolist() == [["Catatan", "A1"], ["Target Indikator", "E1"]]
    assert "should be 'Indikator / Indicator'" in problems["problem"].iloc[1]
    # the other sheet is still read
    assert set(real["table"]) == {"actions"}


def test_formula_typed_in_a_realisation_cell(blora_book):
    rid = "blora-2020:B.3.b:659"
    _fill(blora_book, {(m.SHEET_TARGETS, rid, "2020"): "=10+1"})  # openpyxl stores it as a formula
    where = _coord(blora_book, m.SHEET_TARGETS, rid, "Realisasi 2020")
    with pytest.raises(ValueError, match=rf"cell {where}: formula '=10\+1' .* has no computed value"):
        m.read_workbook(blora_book)


def test_edited_settings_and_missing_sheet(blora_book):
    wb = load_workbook(blora_book)
    ws = wb[m.SHEET_INFO]
    cell = next(r[1] for r in ws.iter_rows(max_col=2) if r[0].value == "period")
    cell.value = "2019"
    wb.save(blora_book)
    with pytest.raises(
        ValueError, match=r"sheet 'Petunjuk - Instructions', cell B\d+: invalid settings.*'2019'"
    ):
        m.read_workbook(blora_book)
    cell.value = "(semua / all)"  # as written: no period selected
    del wb[m.SHEET_ACTIONS]
    wb.save(blora_book)
    with pytest.raises(ValueError, match="sheet 'Output Aksi', cell A1: sheet is missing"):
        m.read_workbook(blora_book)


def test_errors_collect(batang_book):
    a, b = "batang-2023:Lampiran II:731", "batang-2023:Lampiran III:815"
    _fill(
        batang_book,
        {
            (m.SHEET_ACTIONS, a, "2023Q1"): "dua puluh",
            (m.SHEET_ACTIONS, a, "2023Q2"): 20,
            (m.SHEET_ACTIONS, b, "2023Q1"): 7000,
        },
    )
    tw1 = _coord(batang_book, m.SHEET_ACTIONS, a, "Realisasi TW I")
    edited = _coord(batang_book, m.SHEET_ACTIONS, b, "Satuan")
    _edit(batang_book, m.SHEET_ACTIONS, edited, "Orang")
    _edit(batang_book, m.SHEET_ACTIONS, "AE1", "catatan")
    real, problems = m.read_workbook(batang_book, errors="collect")
    assert list(problems.columns) == ["sheet", "cell", "problem"]
    assert sorted(problems["cell"]) == sorted([tw1, edited, "AE1"])
    assert (problems["sheet"] == "Output Aksi").all()
    # the good values are still read; the bad cell is NaN, not dropped
    r = real[real["table"] == "actions"].set_index(["id", "period"])
    assert math.isnan(r.loc[(a, "2023Q1"), "realisation"])
    assert r.loc[(a, "2023Q2"), "realisation"] == 20
    assert r.loc[(b, "2023Q1"), "realisation"] == 7000
    with pytest.raises(ValueError, match=r"\(2 more problem\(s\); read with errors='collect'"):
        m.read_workbook(batang_book)
    with pytest.raises(ValueError, match="errors must be"):
        m.read_workbook(batang_book, errors="ignore")


def test_raised_error_lists_every_problem(batang_book):
    a = "batang-2023:Lampiran II:731"
    _fill(batang_book, {(m.SHEET_ACTIONS, a, "2023Q1"): "dua puluh", (m.SHEET_ACTIONS, a, "2023Q3"): "tiga"})
    _edit(batang_book, m.SHEET_ACTIONS, "AE1", "catatan")
    _, problems = m.read_workbook(batang_book, errors="collect")
    assert len(problems) == 3
    with pytest.raises(ValueError) as err:
        m.read_workbook(batang_book)
    lines = str(err.value).split("\n")
    # the first problem on the first line, then one line for each of the others
    first = problems.iloc[0]
    assert lines[0].startswith(f"batang.xlsx: sheet 'Output Aksi', cell {first['cell']}: {first['problem']}")
    assert "(2 more problem(s); read with errors='collect'" in lines[0]
    assert lines[1:] == [
        f"  sheet 'Output Aksi', cell {cell}: {problem}"
        for cell, problem in problems[["cell", "problem"]].values[1:]
    ]


def _styles_of(ws, row):
    """Column header -> (named style, fill colour, bold, font colour, locked, number format) of one row."""
    heads = {c.column: c.value for c in ws[1]}
    return {
        heads[c.column]: (
            c.style,
            c.fill.fgColor.rgb if c.fill.fill_type else None,
            bool(c.font.b),
            c.font.color.rgb if c.font.color is not None and c.font.color.type == "rgb" else "theme",
            c.protection.locked,
            c.number_format,
        )
        for c in ws[row]
    }


def test_cell_styles_of_the_workbook(blora_book):
    wb = load_workbook(blora_book)
    ws = wb[m.SHEET_TARGETS]
    rows = _rows(ws)
    number_row = rows["blora-2020:B.3.b:659"]  # Angka Kematian Bayi: a number
    label_row = rows["blora-2020:B.1.b:572"]  # opini BPK: the label WTP
    head = _styles_of(ws, 1)
    assert set(head.values()) == {("rbdata header", "001F4E78", True, "00FFFFFF", True, "General")}
    for r, entry_style, number_format in (
        (number_row, "rbdata input", "General"),
        (label_row, "rbdata input label", "@"),
    ):
        cells = _styles_of(ws, r)
        plan = {h: v for h, v in cells.items() if not h.startswith("Realisasi ")}
        real = {h: v for h, v in cells.items() if h.startswith("Realisasi ")}
        # grey locked plan cells, yellow unlocked realisation cells (labels kept as text)
        assert set(plan.values()) == {("rbdata plan", "00EEEEEE", False, "theme", True, "General")}
        assert set(real.values()) == {(entry_style, "00FFF2CC", False, "theme", False, number_format)}
    # font (but the header's) and borders as in a cell the workbook does not style
    plain = wb[m.SHEET_INFO]["A4"]  # the key 'doc_id' of the settings
    assert plain.value == "doc_id" and plain.style == "Normal"
    for c in ws[1] + ws[number_row] + ws[label_row]:
        assert copy.copy(c.border) == copy.copy(plain.border)
    for c in ws[number_row] + ws[label_row]:
        assert copy.copy(c.font) == copy.copy(plain.font)
    # the styles are the workbook's own, hidden from the program's gallery of cell styles
    with zipfile.ZipFile(blora_book) as z:
        styles = z.read("xl/styles.xml").decode()
    names = re.findall(r'<cellStyle name="(rbdata[^"]*)"[^>]*hidden="1"', styles)
    assert names == ["rbdata header", "rbdata plan", "rbdata input", "rbdata input label"]


def test_validation_of_number_and_label_cells(blora_book):
    wb = load_workbook(blora_book)
    ws = wb[m.SHEET_TARGETS]
    rows, cols = _rows(ws), _real_columns(ws)
    number = ws.cell(row=rows["blora-2020:B.3.b:659"], column=cols["2020"]).coordinate
    label = ws.cell(row=rows["blora-2020:B.1.b:572"], column=cols["2020"]).coordinate
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"decimal", "textLength"}
    decimal, text = rules["decimal"], rules["textLength"]
    assert number in decimal.sqref and number not in text.sqref
    assert label in text.sqref and label not in decimal.sqref
    assert (decimal.operator, decimal.formula1, decimal.formula2) == ("between", "-1E+15", "1E+15")
    assert decimal.showErrorMessage and decimal.errorTitle == "Angka / Number"
    assert (text.operator, text.formula1) == ("lessThanOrEqual", "200")
    assert text.showInputMessage and not text.showErrorMessage  # a label is never refused
    assert decimal.allow_blank and text.allow_blank


# ------------------------------------------------------------- achievement


def _plan(**cols):
    base = {
        "id": "x",
        "table": "targets",
        "doc_id": "blora-2020",
        "period": "2021",
        "direction": "higher",
        "target": math.nan,
        "target_label": pd.NA,
        "target_text": pd.NA,
        "total_kind": pd.NA,
        "baseline": math.nan,
    }
    base.update(cols)
    return base


def _ach(plan_rows, real_rows, **kw):
    plan = pd.DataFrame(plan_rows)
    real = pd.DataFrame(real_rows)
    if "realisation_label" not in real:
        real["realisation_label"] = pd.NA
    real["doc_id"] = "blora-2020"
    return m.achievement(real, plan, **kw).set_index(["id", "period"])


def test_higher_is_better():
    a = _ach(
        [_plan(id="h", target=50.0), _plan(id="o", target=100.0), _plan(id="x2", target=40.0)],
        [
            {"id": "h", "period": "2021", "realisation": 45.0},
            {"id": "o", "period": "2021", "realisation": 96.0},
            {"id": "x2", "period": "2021", "realisation": 50.0},
        ],
    )
    assert a.loc[("h", "2021"), "capaian"] == 90.0  # 45 / 50 x 100
    assert a.loc[("h", "2021"), "status"] == "behind"
    assert a.loc[("o", "2021"), "status"] == "on track"  # 96 >= ON_TRACK_MIN
    assert a.loc[("x2", "2021"), "capaian"] == 125.0
    assert a.loc[("x2", "2021"), "status"] == "achieved"


def test_lower_is_better_akb(plans):
    # Angka Kematian Bayi, Blora section B.3.b: the 2021 target is printed 10,9 per 1.000 KH
    plan = plans["blora-2020"]
    akb = plan[(plan["id"] == "blora-2020:B.3.b:659")]
    assert akb.set_index("period").loc["2021", "target"] == 10.9
    assert (akb["direction"] == "lower").all()
    real = pd.DataFrame(
        {
            "id": akb["id"].iloc[0],
            "doc_id": "blora-2020",
            "period": ["2021"],
            "realisation": [11.5],
            "realisation_label": [pd.NA],
        }
    )
    a = m.achievement(real, akb).set_index("period")
    # by hand: 10.9 / 11.5 = 0.947826...; x 100 = 94.78 (below 95: behind)
    assert a.loc["2021", "capaian"] == pytest.approx(94.7826087, abs=1e-6)
    assert a.loc["2021", "status"] == "behind"
    # the alternative: (2 - 11.5 / 10.9) x 100 = (2 - 1.0550459) x 100 = 94.495
    c = m.achievement(real, akb, lower="complement").set_index("period")
    assert c.loc["2021", "capaian"] == pytest.approx(94.4954128, abs=1e-6)
    # meeting it from below: 10.0 -> 10.9 / 10 x 100 = 109
    real["realisation"] = [10.0]
    assert m.achievement(real, akb).set_index("period").loc["2021", "capaian"] == pytest.approx(109.0)
    with pytest.raises(ValueError, match="lower must be"):
        m.achievement(real, akb, lower="inverse")


def test_label_targets():
    plan = [
        _plan(id="w", target_label="WTP", target_text="WTP"),
        _plan(id="s", target_label="B", target_text="B"),
    ]
    a = _ach(
        plan,
        [
            {"id": "w", "period": "2021", "realisation": math.nan, "realisation_label": "wtp"},
            {"id": "s", "period": "2021", "realisation": math.nan, "realisation_label": "BB"},
        ],
    )
    assert a.loc[("w", "2021"), ["capaian", "status"]].tolist() == [100.0, "achieved"]
    assert a.loc[("s", "2021"), ["capaian", "status"]].tolist() == [0.0, "behind"]
    assert a.loc[("s", "2021"), "note"] == "label differs"


def test_zero_and_missing_targets_and_data():
    plan = [
        _plan(id="z", target=0.0),
        _plan(id="zl", target=0.0, direction="lower"),
        _plan(id="zl0", target=0.0, direction="lower"),
        _plan(id="none"),
        _plan(id="nodata", target=5.0),
        _plan(id="r0", target=2.0, direction="lower"),
    ]
    a = _ach(
        plan,
        [
            {"id": "z", "period": "2021", "realisation": 3.0},
            {"id": "zl", "period": "2021", "realisation": 2.0},
            {"id": "zl0", "period": "2021", "realisation": 0.0},
            {"id": "none", "period": "2021", "realisation": 4.0},
            {"id": "nodata", "period": "2021", "realisation": math.nan},
            {"id": "r0", "period": "2021", "realisation": 0.0},
        ],
    )
    assert math.isnan(a.loc[("z", "2021"), "capaian"]) and a.loc[("z", "2021"), "status"] == "achieved"
    assert "zero target" in a.loc[("z", "2021"), "note"]
    assert a.loc[("zl", "2021"), "status"] == "behind"
    assert a.loc[("zl0", "2021"), "status"] == "achieved"
    assert a.loc[("none", "2021"), "status"] == "no target"
    assert a.loc[("nodata", "2021"), "status"] == "no data"
    assert math.isnan(a.loc[("r0", "2021"), "capaian"]) and a.loc[("r0", "2021"), "status"] == "achieved"


def test_deteriorating():
    # a level indicator: 2020 realised 80, 2021 falls to 75 against a target of 90
    plan = [
        _plan(id="d", period="2020", target=85.0),
        _plan(id="d", period="2021", target=90.0),
        _plan(id="b", target=90.0, baseline=80.0),
    ]
    a = _ach(
        plan,
        [
            {"id": "d", "period": "2020", "realisation": 80.0},
            {"id": "d", "period": "2021", "realisation": 75.0},
            {"id": "b", "period": "2021", "realisation": 78.0},
        ],
    )
    assert a.loc[("d", "2020"), "status"] == "behind"
    assert a.loc[("d", "2021"), "status"] == "deteriorating"
    assert a.loc[("d", "2021"), "reference"] == 80.0
    assert a.loc[("b", "2021"), "status"] == "deteriorating"  # below its baseline
    # additive outputs never deteriorate
    act = [
        _plan(id="o", table="actions", period="2020", target=10.0),
        _plan(id="o", table="actions", period="2021", target=10.0),
    ]
    b = _ach(
        act,
        [
            {"id": "o", "period": "2020", "realisation": 10.0},
            {"id": "o", "period": "2021", "realisation": 5.0},
        ],
    )
    assert b.loc[("o", "2021"), "status"] == "behind"


def test_level_and_sum_totals_batang(plans):
    plan = plans["batang-2023"]
    acts = plan[plan["table"] == "actions"]
    # PIP SMP (line 815): 7.215 pupils in TW I-III, Total 7.215 -> a level, not a sum
    pip = acts[acts["source_line"] == 815].set_index("period")
    assert pip["target"].tolist()[:3] == [7215.0] * 3 and pip.loc["2023", "target"] == 7215.0
    assert pip.loc["2023", "total_kind"] == "level"
    # complaints forwarded (line 731): 25% a quarter, Total 100% -> a sum
    lapor = acts[acts["source_line"] == 731].set_index("period")
    assert lapor.loc[["2023Q1", "2023Q4"], "target"].tolist() == [25.0, 25.0]
    assert lapor.loc["2023", ["target", "total_kind"]].tolist() == [100.0, "sum"]
    pid, lid = pip["id"].iloc[0], lapor["id"].iloc[0]
    real = pd.DataFrame(
        [
            (pid, q, v)
            for q, v in zip(["2023Q1", "2023Q2", "2023Q3", "2023Q4"], [7000.0, 7100.0, 7215.0, math.nan])
        ]
        + [(lid, q, v) for q, v in zip(["2023Q1", "2023Q2", "2023Q3", "2023Q4"], [25.0, 25.0, 25.0, 20.0])],
        columns=["id", "period", "realisation"],
    )
    real["doc_id"], real["table"], real["realisation_label"] = "batang-2023", "actions", pd.NA
    a = m.achievement(real).set_index(["id", "period"])
    # level: the latest quarter reported (TW III, 7215) against the Total 7215
    y = a.loc[(pid, "2023")]
    assert (y["basis"], y["realisation"], y["capaian"], y["status"]) == (
        "latest quarter",
        7215.0,
        100.0,
        "achieved",
    )
    assert a.loc[(pid, "2023Q4"), "status"] == "no target"
    # sum: 25 + 25 + 25 + 20 = 95 against 100 -> 95.0, on track
    s = a.loc[(lid, "2023")]
    assert (s["basis"], s["realisation"], s["capaian"], s["status"]) == (
        "sum of quarters",
        95.0,
        95.0,
        "on track",
    )
    assert a.loc[(lid, "2023Q4"), "capaian"] == 80.0
    # partial year: the note says how many quarters the sum covers
    b = m.achievement(real[real["period"] != "2023Q4"]).set_index(["id", "period"])
    assert b.loc[(lid, "2023"), "note"] == "3 of 4 quarters reported"


def test_indicator_quarters_against_annual_target(plans):
    plan = plans["batang-2023"]
    ind = plan[(plan["table"] == "targets") & (plan["source_line"] == 731)]  # LAPOR follow-up, 100%
    rid = ind["id"].iloc[0]
    real = pd.DataFrame(
        {
            "id": rid,
            "table": "targets",
            "doc_id": "batang-2023",
            "period": ["2023Q1", "2023Q2", "2023Q3", "2023Q4"],
            "realisation": [60.0, 80.0, 98.0, math.nan],
            "realisation_label": pd.NA,
        }
    )
    a = m.achievement(real).set_index("period")
    assert a.loc["2023Q1", ["basis", "capaian"]].tolist() == ["annual target", 60.0]
    assert a.loc["2023", ["basis", "realisation", "status"]].tolist() == ["latest quarter", 98.0, "on track"]
    assert a.loc["2023", "note"] == "latest reported: TW III 2023"


def test_unknown_id_in_achievement():
    with pytest.raises(ValueError, match="not in the plan"):
        _ach([_plan(id="a", target=1.0)], [{"id": "b", "period": "2021", "realisation": 1.0}])


def test_monitoring_not_imported_by_rbdata():
    import subprocess
    import sys

    code = "import sys, rbdata; print('openpyxl' in sys.modules, 'rbdata.analysis.monitoring' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_agency_and_period_with_no_rows_in_one_sheet(tmp_path):
    # DPMD (printed 'Disperimades', batang-2023 line 809) has a single action,
    # whose only quarterly target is TW IV: a TW I workbook has no rows for it.
    from rbdata import monitoring

    path = monitoring.write_workbook(tmp_path / "dpmd.xlsx", "batang-2023", agency="DPMD", period="2023Q1")
    got = monitoring.read_workbook(path)
    assert got.empty or set(got["period"]) <= {"2023Q1"}


def test_every_status_has_one_indonesian_gloss_in_order():
    assert tuple(m.STATUS_ID) == m.STATUSES
    assert len(set(m.STATUS_ID.values())) == len(m.STATUSES)
