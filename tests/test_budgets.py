"""Budget lines of Batang's action plans (Lampiran II-IV) and their link to the
actions: each printed budget cell once, repeated printings marked, central
money told apart.

Expected values are read off data/raw/batang-2023.txt at the line cited; the
printed budget cells are also found in the raw text by a rule of their own
(money-sized figures), not by the parser."""

import math
import re
from collections import Counter

import pandas as pd
import pytest

import rbdata
from rbdata.contract import ContractError, check_foreign_keys
from rbdata.loaders import _read, load_action_budgets, load_budget_lines

DOC = "batang-2023"
ID = "batang-2023:{}:{}".format

# a figure with thousands groups ('3.244.613.010', '250,502,500')
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
# the captions of the three plans, and the plan each names
_PLANS = {
    "RENCANA AKSI REFORMASI BIROKRASI GENERAL": ("Lampiran II", "General"),
    "RENCANA AKSI REFORMASI BIROKRASI TEMATIK PENANGGULANGAN KEMISKINAN": (
        "Lampiran III",
        "Tematik Kemiskinan",
    ),
    "RENCANA AKSI REFORMASI BIROKRASI TEMATIK PENINGKATAN INVESTASI": ("Lampiran IV", "Tematik Investasi"),
}
# Budget cells printing no figure of 100.000 or more, read by hand:
# line 763 'Sub Kegiatan Pembinaan dan Advokasi PBJ | 0 | Bagian PBJ | Bagian PBJ';
# line 777 repeats its sub-activity text ('1. Penyelenggaraan pengembangan
# kompetensi ...') in the budget column.
NO_FIGURE = {763: "0", 777: None}
# Budget cells printing '-' (no budget), read by hand: the cell before the two agency cells
DASH = {720, 721, 751, 754}
# Repeated printings, read by hand: the same sub-activity with the same amount
# printed again under another action (first printing -> later ones)
REPEATS = {
    723: [
        782,
        784,
        786,
    ],  # 'Fasilitasi' / 'Sub Kegiatan Fasilitas Pelayanan Publik dan Tata Laksana' 211.993.900
    736: [738, 741],  # Pengawasan Arsip Dinamis Kewenangan Kabupaten/Kota 31.686.500
    746: [748],  # Sub Kegiatan Fasilitasi Penyusunan Program Pembangunan 141.292.700
    747: [781],  # Sub. Kegiatan Peningkatan Kinerja dan Reformasi Birokrasi 50.491.000
    775: [776, 778],  # Sub Kegiatan pada Program Kepegawaian Daerah ... 3.244.613.010
    807: [830],  # Koordinasi, Sinkronisasi, dan Pelaksanaan Pembangunan Sarana ... 9.257.000.000
}
# Lines whose sub-activity cell names central money, read by hand
CENTRAL = {
    813: "PIP",  # Kegiatan PIP Jenjang SD 179.650.000
    814: "PIP",  # Kegiatan PIP Jenjang SD 5.655.825.000
    815: "PIP",  # Kegiatan PIP Jenjang SMP 4.516.875.000
    818: "BOS",  # Pengelolaan Dana BOS Sekolah Dasar 57.383.900.000
    819: "BOS",  # Pengelolaan Dana BOS Sekolah Menengah Pertama 25.956.700.000
    840: "Bantuan Pemerintah Pusat",  # 48.000.000
    842: "APBN",  # Program Keluarga Harapan (APBN) 75.951.346.645
}


@pytest.fixture(scope="module")
def lines():
    return load_budget_lines(DOC)


@pytest.fixture(scope="module")
def links():
    return load_action_budgets(DOC)


@pytest.fixture(scope="module")
def actions():
    return rbdata.load_actions(DOC)


def one(df, **where):
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{len(sel)} rows for {where}"
    return sel.iloc[0]


def plan_lines() -> dict[int, tuple[str, str, list[str]]]:
    """line -> (table_id, track, cells) for the tab lines of Lampiran II-IV,
    found by their captions; a plan ends at the signature ('Pj. BUPATI')."""
    out: dict[int, tuple[str, str, list[str]]] = {}
    plan = None
    for no, text in enumerate(_read(DOC).split("\n"), start=1):
        caption = next((v for k, v in _PLANS.items() if text.startswith(k)), None)
        if caption:
            plan = caption
        elif text.startswith("Pj. BUPATI"):
            plan = None
        elif plan and "\t" in text:
            cells = [c.strip() for c in text.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            out[no] = (*plan, cells)
    return out


def money_cells() -> dict[int, tuple[str, str, str, float]]:
    """line -> (table_id, track, cell, amount) of every cell of the plans that
    starts with a figure of 100.000 rupiah or more (the quarterly targets
    stay below: the largest is 61.938); a cell listing several labelled
    amounts counts their sum."""
    out = {}
    for no, (table_id, track, cells) in plan_lines().items():
        for cell in cells:
            m = _GROUPED.match(cell)
            if m and int(re.sub(r"\D", "", m.group(0))) >= 100_000:
                assert no not in out, f"line {no} prints two budget cells"
                amount = sum(int(re.sub(r"\D", "", n)) for n in _GROUPED.findall(cell))
                out[no] = (table_id, track, cell, float(amount))
    return out


# ------------------------------------------------------------ every printed cell once
def test_every_printed_budget_cell_is_one_line(lines):
    money = money_cells()
    assert len(money) == 79
    found = Counter(money.keys()) + Counter(NO_FIGURE.keys())
    assert Counter(lines["source_line"].tolist()) == found
    assert len(lines) == 81
    by_line = lines.set_index("source_line")
    for no, (table_id, track, cell, amount) in money.items():
        row = by_line.loc[no]
        assert (row["table_id"], row["track"], row["amount_text"]) == (table_id, track, cell), no
        assert row["amount_idr"] == amount, no
        assert row["budget_line_id"] == ID(table_id, no)


def test_cells_without_a_figure(lines):
    cells = plan_lines()
    by_line = lines.set_index("source_line")
    # line 763: 'Sub Kegiatan Pembinaan dan Advokasi PBJ | 0'
    assert cells[763][2][-4:-2] == ["Sub Kegiatan Pembinaan dan Advokasi PBJ", "0"]
    assert by_line.loc[763, "amount_idr"] == 0.0
    # line 777: the budget column repeats the sub-activity cell: no amount
    assert cells[777][2][-4] == cells[777][2][-3]
    assert by_line.loc[777, "amount_text"] == cells[777][2][-3]
    assert math.isnan(by_line.loc[777, "amount_idr"])
    assert by_line.loc[777, "sub_activity"].startswith("1. Penyelenggaraan pengembangan kompetensi")


def test_dash_cells_are_no_budget(lines, links, actions):
    cells = plan_lines()
    for no in DASH:
        assert cells[no][2][-3] == "-", no  # the budget cell, before Koordinator and Pelaksana
    assert set(actions.loc[actions["budget_text"] == "-", "source_line"]) == DASH
    assert not DASH & set(lines["source_line"])
    assert not DASH & set(links["source_line"])


def test_blora_has_no_budget_cells():
    assert load_budget_lines("blora-2020").empty
    assert load_action_budgets("blora-2020").empty
    # no budget column and no money-sized figure in any of Blora's tables
    for text in _read("blora-2020").split("\n"):
        if "\t" in text:
            assert not re.search(r"\banggaran\b", text, re.I), text
            assert not any(int(re.sub(r"\D", "", n)) >= 100_000 for n in _GROUPED.findall(text)), text
    assert len(load_budget_lines()) == len(load_budget_lines(DOC))


# ------------------------------------------------------------ repeated printings
def test_the_bkd_line_printed_three_times(lines, links):
    raw = _read(DOC).split("\n")
    printed = [no for no, text in enumerate(raw, start=1) if "3.244.613.010" in text]
    assert printed == [775, 776, 778]
    bkd = lines[lines["amount_text"] == "3.244.613.010"].set_index("source_line")
    assert bkd.index.tolist() == printed
    assert pd.isna(bkd.loc[775, "repeat_of"])
    assert bkd.loc[[776, 778], "repeat_of"].tolist() == [ID("Lampiran II", 775)] * 2
    assert (bkd["coordinator"] == "BKD").all()
    # each of the three BKD actions links to its own printing
    for no in printed:
        row = one(links, budget_line_id=ID("Lampiran II", no))
        assert (row["action_id"], row["link"]) == (ID("Lampiran II", no), "own row")


def test_repeated_printings(lines):
    got: dict[int, list[int]] = {}
    by_id = lines.set_index("budget_line_id")
    for r in lines[lines["repeat_of"].notna()].itertuples():
        first = by_id.loc[r.repeat_of]
        assert pd.isna(first["repeat_of"]) and first["source_line"] < r.source_line
        assert first["amount_idr"] == r.amount_idr
        got.setdefault(int(first["source_line"]), []).append(r.source_line)
    assert got == REPEATS


def test_repeats_are_the_duplicate_budget_lines_of_the_quality_check():
    findings = rbdata.quality.check(DOC, rules=["duplicate_actions"])
    budget = findings[findings["message"].str.startswith("The sub-activity")]
    groups = sorted(sorted(int(n) for n in s.split(";")) for s in budget["source_lines"])
    assert groups == sorted([first, *later] for first, later in REPEATS.items())


def test_a_different_amount_is_no_repeat():
    text = _read(DOC).split("\n")
    text[776 - 1] = text[776 - 1].replace("3.244.613.010", "3.244.613.011")
    b = rbdata.parse("\n".join(text), DOC)["budget_lines"].set_index("source_line")
    assert pd.isna(b.loc[776, "repeat_of"])
    assert b.loc[778, "repeat_of"] == ID("Lampiran II", 775)


# ------------------------------------------------------------ two sub-activities of one action
def test_lines_842_and_843(lines, links, actions):
    pkh = lines.set_index("source_line").loc[[842, 843]]
    assert pkh["sub_activity"].tolist() == [
        "Program Keluarga Harapan (APBN)",
        "Peningkatan Kemampuan Potensi Sumber",
    ]
    assert pkh["amount_idr"].tolist() == [75_951_346_645.0, 226_200_000.0]
    assert pkh.loc[842, "funding_source"] == "APBN"
    assert pkh.loc[842, "funding_level"] == "central"
    assert pkh.loc[842, "coordinator"] == "Kemensos"
    assert pd.isna(pkh.loc[843, "funding_source"]) and pd.isna(pkh.loc[843, "funding_level"])
    assert pkh.loc[843, "coordinator"] == "Bapelitbang"  # 'Bapelit bang' as printed
    assert (pkh["executor"] == "Dinsos").all()
    action = ID("Lampiran III", 842)
    mine = links[links["action_id"] == action]
    assert mine[["budget_line_id", "link", "source_line"]].values.tolist() == [
        [ID("Lampiran III", 842), "own row", 842],
        [ID("Lampiran III", 843), "second sub-activity", 843],
    ]
    # budget_idr keeps adding the two, as it always has
    assert one(actions, action_id=action)["budget_idr"] == 75_951_346_645 + 226_200_000


def test_second_sub_activities_are_the_reported_ones(links):
    report = rbdata.parse_report(DOC)
    second = report[report["reason"].str.endswith("(second sub-activity)")]
    assert set(second["source_line"]) == {732, 734, 843}
    got = links[links["link"] == "second sub-activity"]
    assert sorted(got["source_line"]) == [732, 734, 843]
    assert sorted(got["action_id"]) == [
        ID("Lampiran II", 731),
        ID("Lampiran II", 733),
        ID("Lampiran III", 842),
    ]


def test_agencies_a_line_does_not_print_are_its_actions(lines, actions):
    by_line = lines.set_index("source_line")
    # 732 and 734 print sub-activity and amount only; 736 no agencies either
    for no, action_line in ((732, 731), (734, 733), (736, 736)):
        act = one(actions, source_line=action_line, table_id="Lampiran II")
        assert (by_line.loc[no, "coordinator"], by_line.loc[no, "executor"]) == (
            act["coordinator"],
            act["executor"],
        )
    assert by_line.loc[[732, 734, 736], "coordinator"].tolist() == ["Diskominfo", "Diskominfo", "Disperpuska"]


# ------------------------------------------------------------ the link table
def test_link_kinds(lines, links, actions):
    assert links["link"].value_counts().to_dict() == {
        "own row": 78,
        "merged cell": 8,
        "second sub-activity": 3,
    }
    # every line is printed for one action: one own-row or second-sub-activity link
    printed = links[links["link"] != "merged cell"]
    assert sorted(printed["budget_line_id"]) == sorted(lines["budget_line_id"])
    own = printed[printed["link"] == "own row"]
    assert (own["action_id"].str.rsplit(":", n=1).str[1].astype(int) == own["source_line"]).all()
    # a merged cell: the rows whose budget_shared_with names the action printing the cell
    shared = actions[actions["budget_shared_with"].notna()]
    merged = links[links["link"] == "merged cell"]
    assert sorted(zip(merged["action_id"], merged["budget_line_id"])) == sorted(
        zip(shared["action_id"], shared["budget_shared_with"])
    )
    assert sorted(merged["source_line"]) == [744, 745, 759, 762, 765, 783, 785, 787]
    # every action with a budget has a line, and no action without one
    funded = set(actions.loc[actions["budget_idr"].notna(), "action_id"])
    assert funded == set(printed["action_id"]) - {ID("Lampiran II", 777)}  # 777: no amount


def test_keys(lines, links, actions):
    tables = {
        "documents": rbdata.load_documents(),
        "actions": actions,
        "budget_lines": lines,
        "action_budgets": links,
    }
    check_foreign_keys(tables)
    assert lines["budget_line_id"].is_unique
    assert not links.duplicated(["action_id", "budget_line_id"]).any()
    assert set(links["action_id"]) <= set(actions["action_id"])
    # the check is not vacuous: a link to a line that is not there is an error
    with pytest.raises(ContractError, match="budget_line_id"):
        check_foreign_keys({**tables, "budget_lines": lines[lines["source_line"] != 843]})
    with pytest.raises(ContractError, match="repeat_of"):
        check_foreign_keys({**tables, "budget_lines": lines[lines["source_line"] != 775]})


# ------------------------------------------------------------ money
def test_funding_sources(lines):
    named = lines[lines["funding_source"].notna()].set_index("source_line")
    assert named["funding_source"].to_dict() == CENTRAL
    assert (named["funding_level"] == "central").all()
    for no, r in named.iterrows():
        assert r["funding_source"] in f"{r['sub_activity']} {r['amount_text']}", no
    # no cell names APBD or a village budget: the other lines are not guessed
    assert lines["funding_level"].isna().sum() == len(lines) - len(CENTRAL)


def test_totals_count_each_line_once(lines):
    """Totals per plan, by hand from the cells found in the raw text: every
    money cell, less the repeated printings, less (second column) the cells
    naming central money."""
    money = money_cells()
    repeats = {no for later in REPEATS.values() for no in later}
    by_hand: dict[str, list[float]] = {}
    for no, (_, track, _, amount) in money.items():
        if no in repeats:
            continue
        total = by_hand.setdefault(track, [0.0, 0.0])
        total[0] += amount
        total[1] += 0.0 if no in CENTRAL else amount
    assert by_hand == {
        "General": [11_459_376_810, 11_459_376_810],
        "Tematik Kemiskinan": [281_732_440_505, 112_040_143_860],
        "Tematik Investasi": [2_376_950_000, 2_376_950_000],
    }
    # central money, all in the poverty plan: PIP, BOS, BSPS, PKH
    assert sum(money[no][3] for no in CENTRAL) == 169_692_296_645
    once = lines[lines["repeat_of"].isna()]
    regional = once[once["funding_level"] != "central"]
    got = {
        track: [
            once.loc[once["track"] == track, "amount_idr"].sum(),
            regional.loc[regional["track"] == track, "amount_idr"].sum(),
        ]
        for track in by_hand
    }
    assert got == by_hand
    assert once["amount_idr"].sum() == 295_568_767_315
    assert regional["amount_idr"].sum() == 125_876_470_670


def test_budget_idr_counts_repeated_printings_again(lines, actions):
    """actions.budget_idr adds up the same printed cells as the budget lines
    (a second sub-activity's amount added into its action, rows under a
    merged cell NaN), so over the document the two sums agree; counting each
    line once leaves out the ten repeated printings: 16.637.364.420 rupiah."""
    assert actions["budget_idr"].sum() == lines["amount_idr"].sum() == 312_206_131_735
    once = lines.loc[lines["repeat_of"].isna(), "amount_idr"].sum()
    repeated = 3 * 211_993_900 + 2 * 31_686_500 + 141_292_700 + 50_491_000 + 2 * 3_244_613_010 + 9_257_000_000
    assert repeated == 16_637_364_420
    assert actions["budget_idr"].sum() - once == repeated
    assert lines.loc[lines["repeat_of"].notna(), "amount_idr"].sum() == repeated


def test_a_cell_naming_two_levels_of_money_is_an_error():
    text = _read(DOC).split("\n")
    text[842 - 1] = text[842 - 1].replace(
        "Program Keluarga Harapan (APBN)", "Program Keluarga Harapan (APBN, APBDes)"
    )
    with pytest.raises(rbdata.ParseError) as caught:
        rbdata.parse("\n".join(text), DOC)
    assert caught.value.line == 842
    assert "money of one level" in caught.value.expected


def test_text_wrapped_after_a_second_sub_activity_goes_to_its_line():
    """The cells of an action fixed at its second sub-activity take text that
    wraps after it; the action record is extended by the parser itself."""
    from rbdata.sources.batang import budgets

    action = dict(
        action_id="a", source_line=1, sub_activity="First", coordinator_text="BKD", executor_text="BKD"
    )
    cells: list[dict] = []
    budgets.printed_cell(cells, 1, action, budgets.OWN_ROW, "1.000.000")
    assert cells[0]["fields"] is None  # read from the action when the plan is done
    second = dict(sub_activity="Second part", coordinator_text="Kemensos", executor_text="BKD")
    budgets.printed_cell(cells, 2, action, budgets.SECOND_SUB_ACTIVITY, "2.000.000", second)
    assert cells[0]["fields"] == dict(sub_activity="First", coordinator_text="BKD", executor_text="BKD")
    budgets.wrapped(cells, action, "sub_activity", "continued")
    budgets.wrapped(cells, action, "rationale", "not a budget field")
    assert [c["fields"]["sub_activity"] for c in cells] == ["First", "Second part continued"]


def test_a_wrapped_end_given_back_goes_to_the_last_line_above():
    """Line 768's sub-activity cell opens with the wrapped end of the cell
    above ('Pendapatan Daerah (BPKPAD) koordinasi ...'). With a second
    sub-activity printed between them (line 767, blank in the document), the
    cell above is that one's: the end goes to its line, not to line 766's."""
    text = _read(DOC).split("\n")
    text[767 - 1] = "\t" * 12 + "Sub Kegiatan X\t1.000.000\t\t"
    b = rbdata.parse("\n".join(text), DOC)["budget_lines"].set_index("source_line")
    assert (
        b.loc[766, "sub_activity"]
        == "Pengendalian, Pemeriksaan dan Pengawasan Pajak Daerah, Kegiatan Pengelolaan"
    )
    assert b.loc[767, "sub_activity"] == "Sub Kegiatan X Pendapatan Daerah (BPKPAD)"
    assert b.loc[768, "sub_activity"].startswith("koordinasi dan penyusunan laporan realisasi")
    # as the document prints it, the end goes back to line 766
    assert (
        load_budget_lines(DOC)
        .set_index("source_line")
        .loc[766, "sub_activity"]
        .endswith("Kegiatan Pengelolaan Pendapatan Daerah (BPKPAD)")
    )


def test_text_wrapped_onto_the_next_page_continues_the_second_sub_activity():
    """Lines 840-843 read as a fixture (tests/test_fixture_corpus.py), with a
    fragment under the sub-activity column after a page break (line 845): it
    continues the last sub-activity of action 842, that of line 843."""
    from test_fixture_corpus import read_lines

    numbered = {no: rbdata.raw_line(DOC, no) for no in (802, 805, 806, 840, 841, 842, 843)}
    column = numbered[842].split("\t").index("Program Keluarga Harapan (APBN)")
    numbered[845] = "\t" * column + "Kesejahteraan Sosial"
    got = {r["source_line"]: r["sub_activity"] for r in read_lines(numbered, DOC)["budget_lines"]}
    assert got[842] == "Program Keluarga Harapan (APBN)"
    assert got[843] == "Peningkatan Kemampuan Potensi Sumber Kesejahteraan Sosial"
