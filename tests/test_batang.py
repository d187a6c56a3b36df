"""Batang's road map (batang-2023): row counts and real values read from the
document, the repairs of shifted rows, and errors on damaged text.

Expected values are read off data/raw/batang-2023.txt at the line cited."""

import math

import pandas as pd
import pytest

import rbdata
from rbdata import ParseError

DOC = "batang-2023"


@pytest.fixture(scope="module")
def raw():
    from rbdata.loaders import _read

    return _read(DOC)


@pytest.fixture(scope="module")
def t():
    return rbdata.load_targets(DOC)


@pytest.fixture(scope="module")
def a():
    return rbdata.load_actions(DOC)


@pytest.fixture(scope="module")
def at():
    return rbdata.load_action_targets(DOC)


def one(df, **where):
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{len(sel)} rows for {where}"
    return sel.iloc[0]


def test_row_counts_per_table(t, a):
    counts = t.groupby("table_id").size().to_dict()
    # indicator rows x value columns, counted in the text
    assert counts["Tabel 2.2"] == 3 * 3  # lines 346, 348, 349 (347 is a group heading)
    assert counts["Tabel 2.3"] == 6 * 3  # lines 356-361
    assert counts["Tabel 2.4"] == 24 * 3  # lines 374-385 and 387-398
    assert counts["Tabel 4.2"] == 4 * 3  # lines 518-521
    assert counts["Bab V SS1"] == 18  # 1+1+1+1+1+6+2+2+3 indicators (one printed without target)
    assert counts["Bab V SS2"] == 6  # 1+1+1+2+1
    assert counts["Lampiran II"] == 30  # Indikator KU rows with their 2023 target
    assert counts["Lampiran III"] == 8  # outcome 807, 811, 840; intermediate 807, 811, 812, 825, 840
    assert counts["Lampiran IV"] == 2
    acts = a.groupby("table_id").size().to_dict()
    assert acts == {"Bab V SS1": 27, "Bab V SS2": 13, "Lampiran II": 57, "Lampiran III": 31, "Lampiran IV": 7}


def test_baselines_carry_their_real_year(t):
    r = one(t, table_id="Tabel 2.2", indicator="Indeks Reformasi Birokrasi", kind="baseline")
    assert (r.period, r.value, r.value_text) == ("2021", 64.03, "64,03")
    r = one(t, table_id="Tabel 2.3", kind="baseline", source_line=359)
    assert (r.period, r.value, r.value_text) == ("2022", 61.6, "61,6 (2022)")  # the cell names 2022
    r = one(t, table_id="Tabel 2.4", indicator="Indeks Sistem Merit", kind="baseline")
    assert (r.period, r.value) == ("2022", 207.5)
    r = one(t, table_id="Tabel 4.2", indicator="Indeks Pembangunan Manusia (IPM)", kind="baseline")
    assert (r.period, r.value) == ("2022", 69.32)


def test_hard_cells(t):
    r = one(t, table_id="Tabel 2.2", indicator="Persentase Penduduk Miskin", kind="baseline")
    assert r.value == 9.68 and r.value_text == "Persentase Penduduk Miskin: 9,68"
    r = one(t, table_id="Tabel 2.4", indicator="Indeks Pengawasan Kearsipan", period="2023")
    assert (r.value, r.value_label, r.value_text) == (80.0, "Memuaskan", "80(Memuaskan)")
    r = one(t, table_id="Tabel 2.4", indicator="Indeks Pengawasan Kearsipan", period="2022")
    assert (r.value, r.value_label) == (60.09, "Baik")
    r = one(t, table_id="Tabel 2.4", indicator="Maturitas SPIP", period="2022")
    assert (r.value, r.value_label) == (2.0, "Level")
    r = one(t, table_id="Tabel 2.4", indicator="Opini BPK", period="2024")
    assert math.isnan(r.value) and r.value_label == "WTP"
    # merged Kegiatan Utama cell carried down (line 383 has an empty first cell)
    assert r.objective == "Penguatan Upaya Pencegahan Korupsi"
    r = one(t, table_id="Tabel 4.2", indicator="Persentase Penduduk Miskin", period="2024")
    assert r.value == 8.90 and r.direction == "lower"


def test_bab_v_targets(t):
    # line 648: 'Indikator: ... Target: 90% pada Tahun 2024' in one cell
    r = one(t, table_id="Bab V SS1", source_line=648)
    assert (r.indicator, r.period, r.value) == ("Tingkat Implementasi Penyederhanaan Birokrasi", "2024", 90.0)
    # line 662-663: six indicators and six targets as bullet lists, paired by position
    six = t[(t.table_id == "Bab V SS1") & (t.source_line == 663)]
    assert six["indicator"].tolist() == [
        "Persentase Perangkat Daerah yang melaksanakan pembangunan Zona Integritas",
        "Maturitas SPIP",
        "Persentase jumlah aduan yang telah ditindaklanjuti",
        "Indeks Persepsi Anti Korupsi",
        "Opini BPK",
        "Kapabilitas APIP",
    ]
    assert six["value_text"].tolist() == ["7%", "Level 3", "100%", "87", "WTP", "Level 3"]
    assert six["target_id"].is_unique
    # lines 673-676: three indicators, two targets; the asset index has none
    r = one(t, table_id="Bab V SS1", indicator="Indeks Pengelolaan Aset")
    assert math.isnan(r.value) and r.value_text == ""
    assert one(t, table_id="Bab V SS1", indicator="Indeks Pengelolaan Keuangan").value == 79.0


def test_tematik_plans_have_both_target_levels(t):
    sel = t[(t.table_id == "Lampiran III") & (t.source_line == 807)]
    assert sel.set_index("level")["value"].to_dict() == {"outcome": 21.7, "intermediate": 4.97}
    assert sel.set_index("level")["indicator"].to_dict() == {
        "outcome": "Laju Pertumbuhan PDRB",
        "intermediate": "Pertumbuhan Ekonomi",
    }
    r = one(
        t, table_id="Lampiran III", indicator="Tingkat Pengeluaran per Kapita disesuaikan (Rp.000/ tahun)"
    )
    assert r.value == 9710.0 and r.level == "intermediate"
    r = one(t, table_id="Lampiran IV", level="intermediate")
    assert r.value == 1.5 and r.track == "Tematik Investasi"
    # each level keeps its own Permasalahan (line 807 cells 0 and 4; line 856 cells 0 and 4)
    assert sel.set_index("level")["problem"].to_dict() == {
        "outcome": "Hasil pelaksanaan program-program pengentasan kemiskinan belum sebanding dengan sumber daya "
        "yang dikeluarkan",
        "intermediate": "Lambatnya Laju Pertumbuhan PDRB Kab. Batang",
    }
    lamp4 = t[t.table_id == "Lampiran IV"].set_index("level")["problem"].to_dict()
    assert lamp4 == {
        "outcome": "Tantangan resesi global dan pentingnya investasi",
        "intermediate": "jumlah investasi yang masuk ke Kab. Batang masih perlu ditingkatkan",
    }
    # outside the action plans no table prints a Permasalahan beside an indicator
    assert t.loc[~t.table_id.str.startswith("Lampiran"), "problem"].isna().all()


def test_lampiran_ii_shifted_rows(a, at, t):
    # line 729 lost its empty Permasalahan cell: Kegiatan Utama in the first cell
    r = one(t, table_id="Lampiran II", source_line=729)
    assert (r.objective, r.indicator, r.value) == (
        "Pelaksanaan Pelayanan Publik Digital",
        "Indeks Pelayanan Publik (IPP)",
        4.4,
    )
    act = one(a, source_line=729)
    assert (act.output_unit, act.coordinator, act.executor) == ("ijin", "Bagian Organisasi Setda", "DPMPTSP")
    q = at[at.action_id == act.action_id].set_index("period")["value"]
    assert q.to_dict() == {"2023Q1": 6893.0, "2023Q2": 4124.0, "2023Q3": 0.0, "2023Q4": 0.0, "2023": 11017.0}
    # line 746 has an extra empty cell before the action
    act = one(a, source_line=746)
    assert act.action.startswith("Mendorong SPIP level 3") and act.budget_idr == 141292700.0
    # unlettered action (line 742)
    assert one(a, source_line=742).action.startswith("Meningatnya kesesuaian muatan")
    # indicator row without an action keeps its own sub-activity and budget (726, wrapped on 728)
    r = one(a, source_line=726)
    assert pd.isna(r.action) and r.budget_idr == 660000000.0
    assert (
        r.sub_activity
        == "Sub kegiatan Pengembangan dan pengelolaan ekosistem Kab/Kota cerdas dan kota cerdas"
    )
    # a Permasalahan split over a page break (773 + 775) is joined
    assert (
        one(a, source_line=775).problem == "Budaya Birokrasi BerAKHLAK yang Belum Terimplementasi dengan Baik"
    )
    assert (
        one(a, source_line=773).problem == "Budaya Birokrasi BerAKHLAK yang Belum Terimplementasi dengan Baik"
    )
    assert one(t, table_id="Lampiran II", source_line=773).problem == one(a, source_line=775).problem


def test_fragment_that_continues_no_row_is_reported_not_joined(a):
    # line 860 (top of a Lampiran IV page) holds spatial-planning fragments; line 858 above it is the
    # investment regulation: its cells stay exactly as printed on 858
    r = one(a, source_line=858)
    assert r.action == "Penetapan Peraturan Daerah tentang Penanaman Modal" and r.action_no == "c."
    assert r.output_indicator == "Jumlah Peraturan Bupati yang disused dan direvisi"
    assert r.rationale.endswith("sehingga para investor tertarik untuk menanamkan")
    rep = rbdata.parse_report("batang-2023")
    assert rep.loc[rep.source_line == 860, "reason"].str.startswith("fragment of a row").all()
    # the end of 766's sub-activity cell was extracted at the top of 768's: it goes back up
    assert one(a, source_line=766).sub_activity == (
        "Pengendalian, Pemeriksaan dan Pengawasan Pajak Daerah, Kegiatan Pengelolaan Pendapatan Daerah (BPKPAD)"
    )
    r = one(a, source_line=768)
    assert r.sub_activity.startswith(
        "koordinasi dan penyusunan laporan realisasi penerimaan dan pengeluaran kas"
    )
    assert r.sub_activity.endswith("kegiatan koordinasi dan pengelolaan perbendaharaan daerah (BPKPAD)")


def test_budgets(a):
    assert one(a, source_line=758).budget_idr == 117592200 + 32500000 + 67500000
    assert one(a, source_line=768).budget_idr == 109387600 + 163589750
    assert one(a, source_line=752).budget_idr == 250502500  # comma thousands
    r = one(a, source_line=731)  # second sub-activity on line 732
    assert r.budget_idr == 329244000 + 65000000
    assert (
        r.sub_activity
        == "Sub kegiatan Pengelolaan Media Komunikasi Publik; Sub kegiatan Pelayanan Informasi Publik"
    )
    assert one(a, source_line=763).budget_idr == 0.0
    # merged budget cell: printed once on 743, shared by 744 and 745 (not counted twice)
    for line in (744, 745):
        r = one(a, source_line=line)
        assert math.isnan(r.budget_idr) and r.budget_shared_with == "batang-2023:Lampiran II:743"
        assert r.coordinator == "Bagian Organisasi Setda"
    # an empty sub-activity beside a budget of its own is not a merged cell (line 839)
    r = one(a, source_line=839)
    assert pd.isna(r.sub_activity) and r.budget_idr == 7560360000.0 and pd.isna(r.budget_shared_with)
    assert pd.isna(one(a, source_line=751).sub_activity) and one(a, source_line=751).budget_text == "-"
    # a budget cell holding text has no amount but keeps the text
    r = one(a, source_line=777)
    assert math.isnan(r.budget_idr) and r.budget_text.startswith("1. Penyelenggaraan")


def test_sub_rows_and_totals(a, at):
    subs = a[a.parent_action_id == "batang-2023:Lampiran III:812"]
    assert subs["sub_row"].tolist() == ["PNF", "SD", "SMP"]
    assert set(subs["action"]) == {"Program Indonesia Pintar (PIP)"}
    assert a[a.parent_action_id == "batang-2023:Lampiran III:816"]["sub_row"].tolist() == [
        "PAUD",
        "SD",
        "SMP",
    ]
    assert a[a.parent_action_id == "batang-2023:Lampiran III:820"]["sub_row"].tolist() == ["SD", "SMP"]
    assert one(a, source_line=833).sub_row == "second output"
    tot = at[at.period == "2023"].set_index("source_line")
    assert tot.loc[815, "total_kind"] == "level"  # 7.215 in three quarters, Total 7.215
    assert tot.loc[815, "value"] == 7215.0
    assert tot.loc[808, "total_kind"] == "sum"  # 5,5 + 4,5 + 2,1 + 2,9 = 15
    assert tot.loc[811, "value"] == 61938.0  # 52.559 + 5.427 + 3.952 + 0
    assert tot.loc[826, "value"] == 253.0  # labelled counts summed
    # lines 837-839: on their page every row has an empty cell before the link
    # cell; here it stands where Total would be, so '72 | 72' is TW IV and Total
    q = at[at.source_line == 837].set_index("period")["value_text"]
    assert q.to_dict() == {"2023Q1": "", "2023Q2": "", "2023Q3": "", "2023Q4": "72", "2023": "72"}


def test_agencies_resolved(a):
    r = one(a, source_line=822)
    assert (r.coordinator_text, r.coordinator) == ("Bapelit bang", "Bapelitbang")
    assert one(a, source_line=825).executor == "Disnaker"
    assert one(a, source_line=809).executor == "DPMD"  # printed 'Disperimades'


def test_theme_scores():
    s = rbdata.load_theme_scores()
    totals = s.groupby("theme", sort=False).agg(score=("score", "sum"), printed=("printed_total", "first"))
    assert totals["score"].tolist() == [44, 41, 33, 32, 39]
    assert (totals["score"] == totals["printed"]).all()
    assert sorted(s.loc[s.selected, "theme"].unique()) == ["Investasi", "Kemiskinan"]
    assert s["criterion"].unique().tolist()[0] == "Kesesuaian Prioritas RPD"
    assert s.dtypes["score"] == "int64"


def test_crosswalk():
    c = rbdata.load_indicator_crosswalk().set_index("indicator_no")
    assert len(c) == 22
    assert c.loc[1, "fate"] == "dropped" and c.loc[19, "fate"] == "replaced"
    assert c.loc[10, "fate"] == "merged" and c.loc[10, "merged_into"] == 11
    assert c.loc[16, "merged_into"] == 15 and c.loc[11, "fate"] == "continued"
    assert c.loc[12, "indicator"] == "Indeks Tata Kelola Manajemen ASN"  # row shifted left (line 311)
    assert c.loc[12, "area"] == "Sistem Manajemen Sumber Daya Manusia"
    assert c.loc[15, "synergised_with"] == "13;14"
    assert c.loc[6, "synergised_with"] == "5" and c.loc[18, "synergised_with"] == "5"
    # 'Indikator 2 dan 3 / 13 dan 14 / 20 dan 21 dilanjutkan, disinergikan' (lines 301, 312, 320): each other
    assert [c.loc[n, "synergised_with"] for n in (2, 3, 13, 14, 20, 21)] == ["3", "2", "14", "13", "21", "20"]
    # '... Indikator 22 dilanjutkan, disempurnakan' (line 320) is a clause of its own: no synergy
    assert pd.isna(c.loc[22, "synergised_with"]) and pd.isna(c.loc[5, "synergised_with"])
    assert not c.loc[9, "available_2021"] and c.loc[10, "available_2021"]


def test_teams():
    tm = rbdata.load_teams()
    assert tm.groupby("team").size().to_dict() == {"General": 39, "Tematik": 31}
    r = one(tm, source_line=583)
    assert (r.role, r.member_no, r.part) == ("Anggota", 18, "executing")
    assert r.position.startswith("3 (tiga) Analisis Kebijakan Ahli Muda")


def test_statements():
    s = rbdata.load_statements(DOC)
    counts = s.category.value_counts()
    assert counts[counts > 0].to_dict() == {
        "achievement": 8,
        "upstream_issue": 5,
        "team_task": 5,
        "theme_criterion": 5,
        "action_plan_content": 5,
        "roadmap_content": 5,
        "implementation_stage": 5,
        "downstream_issue": 4,
        "theme": 4,
        "sharpening_aspect": 4,
        "sharpening_purpose": 3,
        "strategic_goal": 2,
    }
    # numbers as printed: '- 1) Birokrasi ...', '1). Hasil ...', '- a. Menetapkan ...'
    assert [one(s, source_line=n).item_no for n in (150, 175, 205)] == ["1)", "1).", "a."]
    assert one(s, source_line=179).text == "Tantangan Resesi Global dan Pentingnya Investasi"
    # line 166 prints the heading and its explanation on one line: the heading is the item
    assert rbdata.raw_line(DOC, 166).startswith(
        "- 4) Integritas Penyelenggaraan Pemerintahan yang Masih Menghadapi Kendala Integritas dalam"
    )
    assert (
        one(s, source_line=166).text
        == "Integritas Penyelenggaraan Pemerintahan yang Masih Menghadapi Kendala"
    )
    up = s[s.category == "upstream_issue"]["text"].tolist()
    assert up[0] == "Birokrasi yang belum kolaboratif" and max(len(t) for t in up) < 80


# --- damaged input ------------------------------------------------------------


def _damage(raw, old, new, count=1):
    assert old in raw
    return raw.replace(old, new, count)


def test_missing_caption_is_reported(raw):
    bad = _damage(raw, "Tabel 2.4. Penetapan Target Kegiatan Utama", "Tabel dua empat")
    with pytest.raises(ParseError, match=r"batang-2023.txt.*Tabel 2\.4"):
        rbdata.parse(bad, DOC)


def test_text_in_value_cell_names_line(raw):
    bad = _damage(raw, "Indeks Sistem Merit\t207,5", "Indeks Sistem Merit\ttinggi sekali")
    with pytest.raises(ParseError, match=r"batang-2023\.txt, line 396: expected a value"):
        rbdata.parse(bad, DOC)


def test_tabel_2_4_pelaksana_other_than_every_agency_is_not_dropped(raw):
    bad = _damage(
        raw,
        "Indeks Sistem Merit\t207,5\t175\t200\tBKD\tPerangkat Daerah",
        "Indeks Sistem Merit\t207,5\t175\t200\tBKD\tBKD",
    )
    with pytest.raises(ParseError, match=r"line 396: expected 'Perangkat Daerah' in the Pelaksana column"):
        rbdata.parse(bad, DOC)


def test_fractional_score_names_line(raw):
    bad = _damage(raw, "Inflasi\t1,85\t\t7\t7", "Inflasi\t1,85\t\t7,5\t7")
    with pytest.raises(ParseError, match=r"line 509: expected a whole-number score"):
        rbdata.parse(bad, DOC)


def test_unknown_doc_id():
    with pytest.raises(ValueError, match="valid ids are 'blora-2020', 'batang-2023'"):
        rbdata.load_targets("blora-2021")


def test_readings_that_rest_on_position_are_listed_as_assumptions():
    """Rows the text ties to their indicator, action or merged cell by
    position alone are in the parse report, at the rows concerned, with the
    reason why nothing could be checked there."""
    rep = rbdata.parse_report(DOC)
    rows = rep[rep["reason"].str.startswith("assumption:")]
    lines = {}
    for r in rows.itertuples():
        lines.setdefault(r.reason.split(":")[1].split("(")[0].strip(), []).append(r.source_line)
    # Lampiran II-IV: indicator rows printing no Permasalahan / Kegiatan Utama (or Sasaran)
    # fmt: off
    merged = [726, 729, 731, 735, 743, 746, 748, 751, 753, 754, 755, 756, 758, 763, 766, 769, 771, 772,
              776, 778, 780, 782, 784, 786, 811, 812, 825, 840]
    # fmt: on
    assert lines == {
        # Tabel 2.2 / 2.3 and 2.4: rows under a merged objective or Kegiatan Utama cell
        "empty No and objective cells": [348, 349, 357, 358, 360, 361],
        "empty Kegiatan Utama cell": [383, 384, 392],
        # Bab V: Kegiatan Utama listing several indicators and targets
        "indicators and targets paired by position in their bullet lists": [663, 667, 670, 676, 692],
        "empty Permasalahan / Kegiatan Utama / Sasaran cells": merged,
        "a second sub-activity and its budget belong to the action above it": [732, 734, 843],
        "action of the indicator above it": [777, 781],
        "a sub-row printing no Keterkaitan of its own belongs to the action above it": [823],
        "a row of outputs without an action belongs to the action above it": [833],
    }
