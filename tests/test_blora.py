"""The Blora parser against values read from data/raw/blora-2020.txt.

Expected counts were counted in the text by hand (indicator rows per
sub-table of section B, indicator and activity rows per group of section C,
list items per chapter part), not taken from the parser's output.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from rbdata import ParseError
from rbdata.sources import parse_with_report

DOC = "blora-2020"
NAME = "blora-2020.txt"


@pytest.fixture(scope="module")
def text(raw_dir) -> str:
    with open(raw_dir / NAME, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.fixture(scope="module")
def parsed(text):
    return parse_with_report(text, DOC)


@pytest.fixture(scope="module")
def tables(parsed):
    return parsed[0]


@pytest.fixture(scope="module")
def report(parsed):
    return parsed[1]


def _rows(df, line, **where):
    out = df[df["source_line"] == line]
    for col, val in where.items():
        out = out[out[col] == val]
    return out


def _one(df, line, **where):
    out = _rows(df, line, **where)
    assert len(out) == 1, f"expected one row at line {line} {where}, found {len(out)}"
    return out.iloc[0]


def _edit(text: str, line: int, new: str) -> str:
    """The document with line ``line`` (1-based) replaced; numbering kept."""
    lines = text.split("\n")
    lines[line - 1] = new
    return "\n".join(lines)


# ------------------------------------------------------------ section B

B_INDICATORS = {
    "B.1.a": 8,
    "B.1.b": 5,
    "B.1.c": 1,
    "B.2.a": 6,
    "B.2.b": 4,
    "B.2.c": 3,
    "B.3.a": 13,
    "B.3.b": 24,
    "B.3.c": 10,
    "B.4": 30,
}


def test_section_b_indicator_rows_per_sub_table(tables):
    t = tables["targets"]
    b = t[t["table_id"].str.startswith("B.")]
    assert b.groupby("table_id")["source_line"].nunique().to_dict() == B_INDICATORS
    # two periods per indicator row, all of kind 'target'
    assert len(b) == 2 * sum(B_INDICATORS.values())
    assert set(b["period"]) == {"2020", "2021"}
    assert set(b["kind"].astype(str)) == {"target"}
    assert b["agency_text"].isna().all()


def test_section_b_continues_across_page_breaks(tables, report):
    t = tables["targets"]
    # B.1.a rows 5-8 follow the header repeated at lines 561-562
    assert _one(t, 563, period="2020")["table_id"] == "B.1.a"
    assert _one(t, 563, period="2020")["indicator_no"] == "5"
    assert _one(t, 614, period="2020")["table_id"] == "B.2.c"
    assert _one(t, 659, period="2020")["table_id"] == "B.3.b"
    reasons = dict(zip(report["source_line"], report["reason"]))
    for line in (561, 562, 612, 613, 657, 658):
        assert reasons[line] == "page-break header repeat"
    assert reasons[554] == reasons[555] == "header"


def test_section_b_sections_and_tracks(tables):
    t = tables["targets"]
    row = _one(t, 556, period="2020")
    assert row["section"] == (
        "B. Target Indikator Kinerja > 1. Prioritas Pembenahan Manajemen Pemerintah Daerah"
        " > a) Area Penataan Sistem Manajemen Sumber Daya Manusia Aparatur"
    )
    assert row["track"] == "I. Prioritas Pembenahan Manajemen Pemerintah Daerah"
    assert _one(t, 590, period="2020")["track"] == "II. Prioritas yang Harus Terus Dipelihara"
    assert _one(t, 641, period="2020")["track"] == "III. Prioritas Sektor"
    assert _one(t, 691, period="2020")["track"] == "IV. Prioritas Perangkat Daerah"
    assert (
        _one(t, 691, period="2020")["section"]
        == "B. Target Indikator Kinerja > 4. Prioritas Perangkat Daerah"
    )


def test_section_b_hard_cells(tables):
    t = tables["targets"]
    gizi = _one(t, 666, period="2020")  # B.3.b 23 Prevalensi Gizi Kurang: '2.2' typed with a dot
    assert gizi["table_id"] == "B.3.b"
    assert gizi["indicator"] == "Prevalensi Gizi Kurang"
    assert gizi["value"] == pytest.approx(2.2)
    assert gizi["value_text"] == "2.2"
    assert _one(t, 666, period="2021")["value"] == 2.0

    bpjs = _one(t, 649, period="2020")
    assert bpjs["indicator"] == "Jumlah masyarakat yang dijamin kesehatannya melalui BPJS"
    assert bpjs["unit"] == "Jiwa"
    assert bpjs["value"] == 45000.0 and bpjs["value_text"] == "45.000"

    lhkasn_20, lhkasn_21 = _one(t, 592, period="2020"), _one(t, 592, period="2021")
    assert lhkasn_20["table_id"] == "B.2.a" and lhkasn_20["indicator"] == "Laporan LHKASN"
    assert (lhkasn_20["value"], lhkasn_20["value_text"]) == (85.0, "85%")
    assert (lhkasn_21["value"], lhkasn_21["value_text"]) == (100.0, "100 %")

    first = _one(t, 691, period="2021")  # B.4 row 1
    assert first["indicator_no"] == "1"
    assert first["value"] == pytest.approx(57.6) and first["value_text"] == "57,6%"
    assert _one(t, 691, period="2020")["value"] == pytest.approx(55.48)

    spip = _one(t, 699, period="2020")
    assert spip["indicator"] == "Tingkat maturitas SPIP"
    assert (spip["value"], spip["value_text"], spip["value_label"]) == (3.0, "Level 3", "Level")

    wtp = _one(t, 572, period="2020")
    assert wtp["value_label"] == "WTP" and wtp["value_text"] == "WTP" and math.isnan(wtp["value"])

    kars = _one(t, 722, period="2021")
    assert kars["value_label"] == "Paripurna" and math.isnan(kars["value"])
    assert kars["unit"] == "Akreditasi"


# ------------------------------------------------------------ section C

# (indicator rows, activity rows) per group, counted in lines 728-1078
C_GROUPS = {
    "C.I.A": (8, 18),
    "C.I.B": (5, 8),
    "C.I.C": (1, 3),
    "C.II.A": (6, 10),
    "C.II.B": (4, 12),
    "C.II.C": (3, 7),
    "C.III.A": (13, 18),
    "C.III.B": (24, 20),
    "C.III.C": (10, 22),
    "C.IV": (30, 49),
}


def test_section_c_rows_per_group(tables):
    t, a = tables["targets"], tables["actions"]
    c = t[t["table_id"].str.startswith("C.")]
    indicators = c.groupby("table_id")["source_line"].nunique().to_dict()
    activities = a.groupby("table_id").size().to_dict()
    assert indicators == {k: v[0] for k, v in C_GROUPS.items()}
    assert activities == {k: v[1] for k, v in C_GROUPS.items()}
    assert len(c) == 2 * sum(v[0] for v in C_GROUPS.values())


def test_section_c_sections_tracks_agencies(tables):
    t, a = tables["targets"], tables["actions"]
    row = _one(t, 734, period="2020")
    assert row["section"] == (
        "C. Rencana Aksi Reformasi Birokrasi > I PRIORITAS PEMBENAHAN MANAJEMEN PEMERINTAH DAERAH"
        " > A Area Penataan Sistem Manajemen Sumber Daya Manusia Aparatur"
    )
    assert row["track"] == "I. Prioritas Pembenahan Manajemen Pemerintah Daerah"
    assert row["agency_text"] == "BKD"
    assert _one(t, 767, period="2020")["agency_text"] == "Inspektorat/ BPPKAD"
    assert _one(t, 790, period="2020")["agency_text"] == "Inspektorat/B PPKAD"
    assert _one(t, 801, period="2020")["agency_text"] == "Bag. Organisasi/Sel uruh OPD"
    assert _one(t, 790, period="2020")["table_id"] == "C.II.A"  # printed 'A.'
    assert _one(t, 982, period="2020")["table_id"] == "C.IV"  # printed 'IV.'
    assert _one(t, 982, period="2020")["track"] == "IV. Prioritas Perangkat Daerah"
    assert _one(t, 943, period="2020")["table_id"] == "C.III.C"  # heading after a header repeat
    act = _one(a, 768)
    assert (act["action_no"], act["action"], act["output_unit"], act["executor_text"]) == (
        "1)",
        "Penyelenggaraan Tata Kelola Pemerintahan yang bersih",
        "%",
        "Inspektorat",
    )
    assert (act["parent_indicator"], act["parent_source_line"]) == (
        "Status opini Laporan Keuangan Daerah",
        767,
    )
    assert act["track"] == "I. Prioritas Pembenahan Manajemen Pemerintah Daerah"
    assert act["action_id"] == "blora-2020:C.I.B:768"


def test_activity_continues_its_indicator_across_a_page_break(tables):
    act = _one(tables["actions"], 747)  # after the header repeated at 745-746
    assert (act["action_no"], act["parent_source_line"]) == ("2)", 742)


def test_section_c_value_cells(tables):
    at = tables["action_targets"]
    paud = _one(at, 850, period="2020")  # '2 kegiatan'
    assert (paud["value"], paud["value_text"], paud["value_label"]) == (2.0, "2 kegiatan", "kegiatan")
    odd = _one(at, 878, period="2020")  # 1001 kept as printed
    assert (odd["value"], odd["value_text"]) == (1001.0, "1001")
    assert _one(at, 878, period="2021")["value"] == 100.0
    dash = _one(at, 735, period="2020")
    assert dash["value_text"] == "-" and math.isnan(dash["value"])
    zero = _one(at, 834, period="2021")
    assert (zero["value"], zero["value_text"]) == (0.0, "0")
    pct = _one(tables["targets"], 982, period="2021")
    assert pct["value"] == pytest.approx(57.6)
    # every action has one target per period under the same id
    a = tables["actions"]
    assert len(at) == 2 * len(a)
    assert set(at["action_id"]) == set(a["action_id"])


@pytest.mark.parametrize("line, parent_line, table_id", [(874, 867, "C.III.A"), (1054, 1047, "C.IV")])
def test_shifted_activity_rows_are_repaired(tables, line, parent_line, table_id):
    act = _one(tables["actions"], line)
    assert act["table_id"] == table_id
    assert act["action_no"] == "7)"
    assert act["action"] == "Pembinaan minat bakat dan kreativitas siswa"
    assert act["output_unit"] == "Lomba"
    assert act["executor_text"] == "Dinas Pendidikan"
    assert act["parent_indicator"] == "Rata – Rata Nilai UN SMP/ MTs"
    assert act["parent_source_line"] == parent_line
    at = _rows(tables["action_targets"], line)
    assert at.set_index("period")["value"].to_dict() == {"2020": 20.0, "2021": 20.0}


@pytest.mark.parametrize(
    "line, direction",
    [
        (921, "lower"),  # Angka Kematian Bayi (AKB)
        (629, "lower"),  # APtS SD / MI
        (1042, "lower"),  # APT _s SD / MI
        (667, "higher"),  # Persentase balita gizi buruk yang mendapat perawatan
        (666, "lower"),  # Prevalensi Gizi Kurang
        (556, "higher"),
    ],
)
def test_directions(tables, line, direction):
    assert (_rows(tables["targets"], line)["direction"].astype(str) == direction).all()


# ------------------------------------------------------------ areas


def test_areas(tables, report):
    areas = tables["areas"]
    assert areas["area_no"].tolist() == list(range(1, 9))
    assert set(areas["table_id"]) == {"Bab III.A"}
    assert areas["source_line"].tolist() == list(range(368, 376))
    row8 = areas.iloc[7]
    assert row8["area"] == "Penataan dan Penguatan Kelembagaan"
    assert row8["expected_result"] == "Organisasi yang tepat fungsi dan tepat ukuran (right sizing)"
    assert areas.iloc[0]["area"] == "Penataan Sistem Manajemen Sumber daya Manusia Aparatur"
    assert "<i>" not in areas.iloc[0]["expected_result"]
    assert "kompeten, capable, profesional" in areas.iloc[0]["expected_result"]
    reasons = dict(zip(report["source_line"], report["reason"]))
    assert reasons[367] == "header"
    assert reasons[377] == "page-break header repeat"
    assert reasons[378] == "continuation of line 375"


# ------------------------------------------------------------ statements

STATEMENTS = {
    "legal_basis": 12,  # lines 194-201 (Bab I D) and 1090-1094 (Bab IV A)
    "goal_heading": 9,  # '1.'-'3.' in each of Bab II A, B and C
    "achievement": 30,  # 13 + 5 + 12, lines 211-244
    "expectation": 35,  # 15 + 7 + 13, lines 250-289
    "expectation_external": 2,  # lines 293-294
    "problem": 51,  # 16 + 12 + 23, lines 300-355
    "priority_group": 5,  # '1.'-'5.', lines 382-529
    "priority_area": 15,  # 9 + 2 + 4, lines 386-409
    "maintain": 29,  # 13 + 7 + 9, lines 415-452
    "strategic_sector": 3,  # 'a)'-'c)', lines 462, 480, 491
    "sector_priority": 25,  # 12 + 6 + 7, lines 462-503
    "quick_win_criterion": 2,  # lines 511-512
    "quick_win": 6,  # lines 516-521
    "agency_priority": 12,  # lines 533-544
    "monitoring_output": 6,  # lines 1100-1106
    "monitoring_activity": 10,  # lines 1112-1116 and 1120-1124
    "monitoring_mechanism": 9,  # lines 1130-1134 and 1138-1141
}
GOALS = (
    "Birokrasi yang Bersih dan Akuntabel",
    "Birokrasi yang Efektif dan Efisien",
    "Birokrasi yang Memiliki Pelayanan Publik Berkualitas",
)


def test_statement_counts(tables):
    s = tables["statements"]
    assert s.groupby("category", observed=True).size().to_dict() == STATEMENTS
    by_goal = s.groupby(["category", "goal"], observed=True).size()
    assert [by_goal["achievement", g] for g in GOALS] == [13, 5, 12]
    assert [by_goal["expectation", g] for g in GOALS] == [15, 7, 13]
    assert [by_goal["problem", g] for g in GOALS] == [16, 12, 23]
    assert [by_goal["maintain", g] for g in GOALS] == [13, 7, 9]
    assert by_goal["sector_priority", "Sektor Kesehatan"] == 12
    assert by_goal["sector_priority", "Sektor Pendidikan"] == 6
    assert by_goal["sector_priority", "Sektor Administrasi Kependudukan dan Perizinan"] == 7
    assert by_goal["priority_area", "Area Penguatan Pengawasan"] == 2
    assert s.loc[s["category"] == "expectation_external", "goal"].isna().all()
    assert [by_goal["goal_heading", g] for g in GOALS] == [3, 3, 3]


def test_statement_rows(tables):
    s = tables["statements"]
    cat = _one(s, 222)
    assert cat["section"] == "Bab II > A. Gambaran Umum Birokrasi Pemerintah Kabupaten Blora"
    assert (cat["category"], cat["goal"], cat["item_no"]) == ("achievement", GOALS[0], "k)")
    assert (
        cat["text"]
        == "Proses rekrutmen CPNS secara transparan dengan menggunakan sistem Computer Assisted Test (CAT);"
    )
    last = _one(s, 225)  # after the blank line of a page break
    assert (last["item_no"], last["goal"]) == ("m)", GOALS[0])
    qw = _one(s, 519)
    assert (qw["category"], qw["item_no"], qw["text"]) == (
        "quick_win",
        "d)",
        "Pelayanan administrasi kependudukan online;",
    )
    assert qw["section"].endswith("> 3.2 Quick Wins")
    crit = _one(s, 511)
    assert crit["category"] == "quick_win_criterion"
    assert pd.isna(crit["item_no"])
    assert crit["text"].startswith("Dapat dilakukan perubahan-perubahan cepat")
    sector = _one(s, 484)
    assert (sector["goal"], sector["item_no"]) == ("Sektor Pendidikan", "1)")


# ------------------------------------------------------------ coverage


def test_every_tab_line_is_a_row_or_reported(text, tables, report):
    lines = text.replace("\r\n", "\n").split("\n")
    tab_lines = {no for no, line in enumerate(lines, start=1) if "\t" in line}
    used = set(report["source_line"])
    for df in tables.values():
        if "source_line" in df.columns:
            used |= set(df["source_line"])
    missing = sorted(tab_lines - used)
    assert not missing, f"tab lines neither parsed nor reported: {missing[:20]}"
    assert not (report["reason"] == "outside the tables of the road map").any()
    assert len(tab_lines) == 475  # awk -F"\t" "NF>1" data/raw/blora-2020.txt | wc -l
    # nothing reported as skipped is also a row; an assumption is reported
    # at the row it concerns
    rows = set()
    for df in tables.values():
        if "source_line" in df.columns:
            rows |= set(df["source_line"])
    assumed = report["reason"].str.startswith("assumption:")
    assert not rows & set(report.loc[~assumed, "source_line"])
    assert set(report.loc[assumed, "source_line"]) <= rows


def test_activities_next_to_an_indicator_without_activities_are_assumptions(report):
    """An indicator with one activity next to one with none: moving the
    activity across keeps both numberings, so its indicator rests on position
    alone and the report says so."""
    rows = report[report["reason"].str.startswith("assumption:")]
    assert rows["source_line"].tolist() == [890, 919, 934, 938, 1073]
    assert rows["reason"].str.startswith("assumption: activity of the indicator row above it").all()


# ------------------------------------------------------------ errors


def _error(text) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_with_report(text, DOC)
    return info.value


def test_missing_rencana_aksi_heading(text):
    assert text.split("\n")[727] == "C. Rencana Aksi Reformasi Birokrasi"
    err = _error(_edit(text, 728, ""))
    assert err.line == 730  # where the action-plan table starts without its heading
    assert NAME in str(err) and "line 730" in str(err)
    assert "C. Rencana Aksi Reformasi Birokrasi" in str(err)


def test_missing_target_heading(text):
    err = _error(_edit(text, 548, ""))
    # its first heading '1. Prioritas Pembenahan ...' cannot follow the priority groups 1.-5.
    assert err.line == 550
    assert "B. Target Indikator Kinerja" in str(err)


@pytest.mark.parametrize("line, old, new", [(666, "2.2", "dua koma dua"), (878, "1001", "seribu")])
def test_text_in_a_value_cell(text, line, old, new):
    err = _error(_edit(text, line, text.split("\n")[line - 1].replace(old, new)))
    assert err.line == line
    assert f"{NAME}, line {line}" in str(err)
    assert "target value" in str(err) and new in str(err)


def test_activity_before_any_indicator(text):
    # line 734 (the first indicator of C.I.A) turned into an activity row
    err = _error(_edit(text, 734, "\t1) Persentase keterisian formasi\t%\t100\t100\tBKD"))
    assert err.line == 734
    assert f"{NAME}, line 734" in str(err) and "C.I.A" in str(err)


def test_row_with_too_few_cells(text):
    err = _error(_edit(text, 735, "\t1) Penyusunan Formasi PNS\tFormasi"))
    assert err.line == 735
    assert "6 cells" in str(err)


def test_missing_bab_ii_part(text):
    err = _error(_edit(text, 207, ""))
    assert err.line == 203  # the BAB II heading of the annex
    assert "'A. ...'" in str(err)


def test_wrapped_item_joins_the_item_above(text):
    # line 224 is the blank line of a page break inside the achievement list;
    # a line starting in lower case there continues item l) of line 223
    tables, _ = parse_with_report(_edit(text, 224, "dan pejabat fungsional;"), DOC)
    s = tables["statements"]
    assert len(s) == sum(STATEMENTS.values())
    assert (
        _one(s, 223)["text"]
        == "Rekrutmen Jabatan Pimpinan Tinggi sudah melalui seleksi terbuka; dan pejabat fungsional;"
    )


def test_emphasis_removed_from_statements(tables):
    s = tables["statements"]
    row = _one(s, 437)
    assert "*" not in row["text"]
    assert row["text"].startswith("Penerapan e-government meliputi: e-audit, e-planing, e-budgetting,")
    assert not s["text"].str.contains("*", regex=False).any()


def test_area_keys_from_reference(tables):
    areas = tables["areas"].set_index("area_no")
    assert areas.loc[1, "area_key"] == "hr_management"
    assert areas.loc[4, "area_key"] == "change_management"
    assert areas.loc[8, "area_key"] == "organisation"
    assert areas["area_key"].notna().all() and areas["area_en"].notna().all()
    assert areas["area_key"].is_unique
