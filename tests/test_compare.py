"""Tests of rbdata.compare against values counted by hand in data/raw/.

Counts in comments refer to lines of data/raw/blora-2020.txt and
data/raw/batang-2023.txt (view them with ``rbdata.compare.source_lines``).
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

import rbdata
from rbdata import compare
from rbdata.analysis.compare.areas import _classified

AREA_KEYS = {
    "change_management",
    "deregulation",
    "organisation",
    "business_process",
    "hr_management",
    "accountability",
    "supervision",
    "public_service",
}


@pytest.fixture(scope="module")
def areas():
    return compare.classify_areas()


@pytest.fixture(scope="module")
def shared():
    return compare.shared_indicators()


@pytest.fixture(scope="module")
def amb():
    return compare.ambition()


def _row(df, doc, line):
    sub = df[(df["doc_id"] == doc) & (df["source_line"] == line)]
    assert len(sub) == 1, f"expected one row at {doc}:{line}, got {len(sub)}"
    return sub.iloc[0]


# --------------------------------------------------------------- areas ----

# Blora sections B.1 and C.I print the area in their headings. Indicator rows
# counted by hand: B.1.a lines 556-566 (8), B.1.b 572-576 (5), B.1.c 582 (1);
# C.I.A lines 734, 738, 742, 749, 751, 753, 755, 762 (8), C.I.B 767, 771,
# 773, 775, 780 (5), C.I.C 784 (1).
BLORA_EXPLICIT = {
    "B.1.a": (8, "hr_management"),
    "B.1.b": (5, "supervision"),
    "B.1.c": (1, "public_service"),
    "C.I.A": (8, "hr_management"),
    "C.I.B": (5, "supervision"),
    "C.I.C": (1, "public_service"),
}


@pytest.mark.parametrize("table_id", sorted(BLORA_EXPLICIT))
def test_blora_area_headings_are_explicit(areas, table_id):
    n, key = BLORA_EXPLICIT[table_id]
    sub = areas[(areas["doc_id"] == "blora-2020") & (areas["table_id"] == table_id)]
    assert len(sub) == n
    assert (sub["basis"] == "explicit").all()
    assert set(sub["area_key"]) == {key}
    assert sub["rule"].str.contains("Area").all()


def test_blora_counts(areas):
    # section B: 14 + 13 + 47 + 30 = 104 indicator rows; section C repeats
    # the same structure: 14 + 13 + 47 + 30 = 104 (counted line by line).
    b = areas[areas["doc_id"] == "blora-2020"]
    assert len(b) == 208
    summary = compare.classification_summary()
    assert summary.loc["blora-2020"].to_dict() == {
        "explicit": 28,
        "assigned": 180,
        "unassigned": 0,
        "total": 208,
    }
    pd.testing.assert_frame_equal(compare.classification_summary("blora-2020"), summary.loc[["blora-2020"]])
    other = b[~b["table_id"].isin(list(BLORA_EXPLICIT))]
    assert not (other["basis"] == "explicit").any()


# Batang Tabel 2.4 (lines 374-398, 24 Kegiatan Utama indicators): those that
# are old indicators of Tabel 2.1 (lines 300-322) are explicit.
BATANG_24_EXPLICIT = {
    376: "business_process",  # Indeks SPBE = #5, Penataan Tatalaksana
    377: "accountability",  # Nilai SAKIP = #13
    378: "public_service",  # Indeks Pelayanan Publik (IPP) = #20
    380: "supervision",  # Maturitas SPIP = #15 'Maturitas SPI'
    382: "supervision",  # Indeks Persepsi Anti Korupsi = #19
    383: "supervision",  # Opini BPK = #17
    384: "supervision",  # Kapabilitas APIP = #16
    385: "deregulation",  # Indeks Kualitas Kebijakan = #3
    387: "deregulation",  # Indeks Reformasi Hukum = #2
    388: "business_process",  # Indeks Pengawasan Kearsipan = #6
    390: "supervision",  # Indeks Tata Kelola PBJ = #18
    391: "business_process",  # Indeks Pengelolaan Keuangan = #7
    392: "business_process",  # Indeks Pengelolaan Aset = #8
    395: "hr_management",  # Indeks Profesionalitas ASN = #10
    396: "hr_management",  # Indeks Sistem Merit = #11
    398: "public_service",  # Indeks Pelayanan Publik = #20
}
BATANG_24_ASSIGNED = {
    374: "organisation",  # Tingkat Implementasi Penyederhanaan Birokrasi
    375: "business_process",  # Sistem Kerja Baru
    379: "supervision",  # Zona Integritas
    381: "supervision",  # aduan ditindaklanjuti
    389: "business_process",  # Data Statistik Sektoral
    393: "hr_management",  # Ketersediaan JF
    394: "hr_management",  # NSPK Manajemen ASN
    397: "change_management",  # Indeks BerAKHLAK
}


def test_batang_tabel_24(areas):
    sub = areas[(areas["doc_id"] == "batang-2023") & (areas["table_id"] == "Tabel 2.4")]
    assert len(sub) == 24
    got = {int(r.source_line): (r.basis, r.area_key) for r in sub.itertuples()}
    want = {k: ("explicit", v) for k, v in BATANG_24_EXPLICIT.items()}
    want.update({k: ("assigned", v) for k, v in BATANG_24_ASSIGNED.items()})
    assert got == want


def test_batang_explicit_rule_names_tabel_21_row(areas):
    r = _row(areas[areas["table_id"] == "Tabel 2.4"], "batang-2023", 380)
    assert "15. Maturitas SPI" in r["rule"] and "line 314" in r["rule"]


def test_every_indicator_classified(areas):
    # the only indicator left without an area on purpose: the overall
    # reform index (Tabel 2.2, batang-2023 line 346), see area_rules.csv
    un = areas[areas["basis"] == "unassigned"]
    assert set(un["indicator"]) == {"Indeks Reformasi Birokrasi"}
    assert un["rule"].notna().all()
    assigned = areas[areas["basis"] != "unassigned"]
    assert set(assigned["area_key"]) <= AREA_KEYS | {compare.OUTCOME}
    assert assigned["area_en"].notna().all()


def test_development_outcomes(areas):
    # Tabel 4.2 (lines 518-521): growth, IPM, poverty, investment
    t42 = areas[(areas["doc_id"] == "batang-2023") & (areas["table_id"] == "Tabel 4.2")]
    assert len(t42) == 4 and (t42["area_key"] == compare.OUTCOME).all()
    akb = areas[(areas["doc_id"] == "blora-2020") & (areas["indicator"] == "Angka Kematian Bayi (AKB)")]
    # lines 659 (B.3.b), 718 (B.4), 921 (C.III.B), 1064 (C.IV)
    assert len(akb) == 4 and (akb["area_key"] == compare.OUTCOME).all()
    # coverage of a health service is service delivery, not an outcome
    r = areas[areas["indicator"] == "Persentase balita gizi buruk yang mendapat perawatan"]
    assert set(r["area_key"]) == {"public_service"}


def test_rules_are_valid_and_ordered():
    rules = compare.area_rules()
    assert list(rules.columns) == ["pattern", "area_key", "note"]
    for p in rules["pattern"]:
        re.compile(p)
    assert set(rules["area_key"].replace("", pd.NA).dropna()) <= AREA_KEYS | {compare.OUTCOME}
    assert rules["note"].str.len().gt(20).all()
    assert (
        compare.classify_indicator("Persentase balita gizi buruk yang mendapat perawatan")[0]
        == "public_service"
    )
    assert compare.classify_indicator("Prevalensi Gizi Kurang")[0] == compare.OUTCOME
    assert compare.classify_indicator("Rasio penduduk berKTP")[0] == "public_service"
    assert compare.classify_indicator("zzz") == (None, None)


def test_action_areas_inherit_parent():
    a = compare.action_areas("blora-2020")
    # line 768 '1) Penyelenggaraan Tata Kelola Pemerintahan yang bersih' under
    # indicator line 767 in Area Penguatan Pengawasan
    r = _row(a, "blora-2020", 768)
    assert r["parent_source_line"] == 767
    assert r["area_key"] == "supervision" and r["basis"] == "explicit"


# -------------------------------------------------------------- shared ----


def test_curated_matches(shared):
    cur = shared[shared["match"] == "curated"]
    pairs = set(zip(cur["blora_indicator"], cur["batang_indicator"]))
    assert ("Opini BPK terhadap laporan keuangan", "Opini BPK") in pairs
    for concept, blora_word, batang_word in [
        ("SAKIP", "Sistem Akuntabilitas Kinerja", "SAKIP"),
        ("Maturitas SPIP", "SPIP", "SPIP"),
        ("Kapabilitas APIP", "APIP", "APIP"),
        ("IKM / SKM", "Kepuasan Masyarakat", "Kepuasan Masyarakat"),
    ]:
        sub = cur[cur["concept"] == concept]
        assert len(sub), concept
        assert sub["blora_indicator"].str.contains(blora_word).all()
        assert sub["batang_indicator"].str.contains(batang_word).all()
    assert cur["blora_target_id"].str.startswith("blora-2020:").all()
    assert cur["batang_target_id"].str.startswith("batang-2023:").all()


def test_suggestions_scored_and_new(shared):
    sug = shared[shared["match"] == "suggested"]
    assert (sug["score"] >= compare.SUGGEST_MIN_SCORE).all()
    assert sug["concept"].isna().all()
    cur = shared[shared["match"] == "curated"]
    assert not set(zip(sug["blora_target_id"], sug["batang_target_id"])) & set(
        zip(cur["blora_target_id"], cur["batang_target_id"])
    )
    assert list(sug["score"]) == sorted(sug["score"], reverse=True)


def test_shared_targets_side_by_side():
    st = compare.shared_targets()
    wtp = st[
        (st["concept"] == "Opini BPK (WTP)")
        & (st["doc_id"] == "batang-2023")
        & (st["indicator"] == "Opini BPK")
    ]
    assert len(wtp) == 1
    assert "WTP" in wtp.iloc[0]["values"]
    spip = st[(st["concept"] == "Maturitas SPIP") & (st["doc_id"] == "blora-2020")]
    assert set(spip["indicator"]) >= {"Nilai Maturitas SPIP", "Tingkat maturitas SPIP"}


# ------------------------------------------------------------- ambition ---


def test_ambition_akb(amb):
    # blora-2020 line 659: Angka Kematian Bayi (AKB) 11 (2020) -> 10,9 (2021);
    # lower is better: change = -(10.9 - 11) / 1 = +0.1 per year,
    # relative = 0.1 / 11 * 100 = 0.909 % per year
    r = _row(amb, "blora-2020", 659)
    assert (r["from_period"], r["to_period"]) == ("2020", "2021")
    assert r["change_per_year"] == pytest.approx(0.1)
    assert r["relative_change_per_year_pct"] == pytest.approx(100 * 0.1 / 11)
    assert round(r["relative_change_per_year_pct"], 3) == 0.909


def test_ambition_batang_steps(amb):
    # batang-2023 line 376: Indeks SPBE baseline (2022) 2,85 -> 3,4 (2023) -> 3,5 (2024)
    sub = amb[(amb["doc_id"] == "batang-2023") & (amb["source_line"] == 376)].sort_values("from_period")
    assert list(zip(sub["from_period"], sub["to_period"])) == [("2022", "2023"), ("2023", "2024")]
    assert sub["from_kind"].tolist() == ["baseline", "target"]
    assert sub["change_per_year"].tolist() == pytest.approx([0.55, 0.1])
    assert sub["relative_change_per_year_pct"].tolist() == pytest.approx([100 * 0.55 / 2.85, 100 * 0.1 / 3.4])


def test_ambition_lower_is_better_and_worse(amb):
    # Tabel 4.2 line 520: Persentase Penduduk Miskin 8,56 (2022) -> 8,34 -> 8,90
    sub = amb[(amb["doc_id"] == "batang-2023") & (amb["source_line"] == 520)].sort_values("from_period")
    assert sub["direction"].unique().tolist() == ["lower"]
    assert sub["change_per_year"].tolist() == pytest.approx([0.22, -0.56])
    assert "target gets worse" in sub.iloc[1]["note"]


def test_ambition_labels_levels_zero(amb):
    # Tabel 2.4 line 383: Opini BPK WTP -> WTP -> WTP
    wtp = amb[(amb["doc_id"] == "batang-2023") & (amb["source_line"] == 383)].iloc[0]
    assert math.isnan(wtp["change_per_year"]) and "WTP" in wtp["note"]
    spip = (
        amb[(amb["doc_id"] == "batang-2023") & (amb["source_line"] == 380)].sort_values("from_period").iloc[0]
    )
    # Level 2 -> Level 3: +1 level per year, no relative change
    assert spip["change_per_year"] == pytest.approx(1.0)
    assert math.isnan(spip["relative_change_per_year_pct"]) and "ordinal" in spip["note"]
    zi = amb[(amb["doc_id"] == "batang-2023") & (amb["source_line"] == 379)].sort_values("from_period")
    # 0% -> 0% -> 5%: zero bases
    assert zi["change_per_year"].tolist() == pytest.approx([0.0, 5.0])
    assert zi["relative_change_per_year_pct"].isna().all()
    assert zi["note"].str.contains("zero base").all()


# --------------------------------------------------- glossary and labels ---


def test_glossary():
    g = compare.load_glossary()
    assert list(g.columns) == ["term", "expansion", "english", "category", "doc_ids", "source"]
    assert not g["term"].duplicated().any()
    assert g["term"].notna().all() and g["english"].notna().all()
    assert str(g["term"].dtype) == "string"


@pytest.mark.parametrize("kind", ["area", "track", "theme", "criterion", "agency"])
def test_english_labels(kind):
    labels = compare.english_labels(kind)
    assert labels and all(isinstance(v, str) and v for v in labels.values())


def test_english_labels_cover_data():
    area = compare.english_labels("area")
    assert AREA_KEYS | {compare.OUTCOME} <= set(area)
    track = compare.english_labels("track")
    assert set(rbdata.load_targets()["track"].dropna()) <= set(track)
    agency = compare.english_labels("agency")
    assert set(rbdata.load_agencies()["agency"]) <= set(agency)
    with pytest.raises(ValueError, match="unknown kind"):
        compare.english_labels("colour")


# ------------------------------------------------------ tracing a value ---


def test_source_text_traces_a_value():
    t = rbdata.load_targets("blora-2020")
    r = t[(t["indicator"] == "Prevalensi Gizi Kurang") & (t["period"] == "2020")].iloc[0]
    line = compare.source_text("blora-2020", int(r["source_line"]))
    assert r["value_text"] in line.split("\t")[3]
    assert compare.source_lines("blora-2020", 666).startswith("666: 23 ⇥ ")
    # every cell shown, the empty ones at the end of a line too
    assert compare.source_lines("blora-2020", 657, 658).splitlines() == [
        "657: NO ⇥ INDIKATOR KEBERHASILAN ⇥ SATUAN ⇥ TARGET ⇥ ",
        "658:  ⇥  ⇥  ⇥ TAHUN 2020 ⇥ TAHUN 2021",
    ]
    with pytest.raises(ValueError, match="lines 1-"):
        compare.source_text("blora-2020", 10**6)
    with pytest.raises(ValueError, match="unknown doc_id"):
        compare.source_text("blora", 1)


# ------------------------------------------- agencies, budgets, schedule ---


def test_agency_load_blora_bkd():
    # BKD in section C: indicators 734, 738, 742, 749, 751, 753, 755, 762
    # (C.I.A) and 982, 986 (C.IV) = 10; activities 735-765 (18) and
    # 983-992 (6) = 24
    a = compare.agency_load("blora-2020").set_index("agency")
    assert a.loc["BKD", "n_indicators"] == 10
    assert a.loc["BKD", "n_actions"] == 24


def test_budget_summary_adds_up():
    acts = rbdata.load_actions("batang-2023")
    # the three 2023 action plans print budgets; the Bab V output tables do not
    acts = acts[acts["table_id"].isin(["Lampiran II", "Lampiran III", "Lampiran IV"])]
    b = compare.budget_summary("track")
    assert b["n_actions"].sum() == len(acts)
    assert b["budget_idr"].sum() == pytest.approx(acts["budget_idr"].sum())
    assert b["budget_share_pct"].sum() == pytest.approx(100.0)
    assert (b["n_no_budget"] == b["n_actions"] - b["n_budget"]).all()
    with pytest.raises(ValueError, match="no column"):
        compare.budget_summary("colour")


def test_quarterly_schedule():
    s = compare.quarterly_schedule()
    assert list(s.columns) == ["2023Q1", "2023Q2", "2023Q3", "2023Q4", "n_actions"]
    assert set(s.index) == {"General", "Tematik Kemiskinan", "Tematik Investasi"}
    assert (s[["2023Q1", "2023Q2", "2023Q3", "2023Q4"]].le(s["n_actions"], axis=0)).all().all()
    acts = rbdata.load_actions("batang-2023")
    plans = acts[acts["table_id"].str.startswith("Lampiran")]
    assert s["n_actions"].to_dict() == plans.groupby("track").size().to_dict()


def test_area_label():
    assert compare.area_label("supervision").startswith("Penguatan Pengawasan (")
    assert compare.area_label(compare.OUTCOME) == "Hasil Pembangunan (Development outcome)"
    with pytest.raises(ValueError, match="unknown area key"):
        compare.area_label("colour")


def test_classify_areas_hands_out_a_copy_of_the_cached_result():
    first = compare.classify_areas("blora-2020")
    first.loc[0, "area_key"] = "edited"  # a user editing the returned frame in place
    again = compare.classify_areas("blora-2020")
    assert again.loc[0, "area_key"] != "edited"
    assert again.equals(_classified("blora-2020"))


# --- concept suggestions -------------------------------------------------------
@pytest.fixture(scope="module")
def concept_suggestions():
    return compare.concept_suggestions()


def test_concept_suggestions_pair_printed_wordings_of_different_concepts(concept_suggestions):
    s = concept_suggestions
    assert list(s.columns) == [
        "doc_id_a",
        "indicator_a",
        "concept_id_a",
        "first_line_a",
        "doc_id_b",
        "indicator_b",
        "concept_id_b",
        "first_line_b",
        "score",
    ]
    assert len(s) == 26  # at the default score, 85
    assert (s["concept_id_a"] != s["concept_id_b"]).all()
    assert (s["score"] >= compare.CONCEPT_SUGGEST_MIN_SCORE).all()
    assert s["score"].is_monotonic_decreasing
    t = rbdata.load_targets()
    printed = set(zip(t["doc_id"].astype(str), t["indicator"], t["concept_id"], t["source_line"]))
    for side in ("a", "b"):
        cols = [f"doc_id_{side}", f"indicator_{side}", f"concept_id_{side}", f"first_line_{side}"]
        assert set(s[cols].itertuples(index=False, name=None)) <= printed


def _suggested_pair(s: pd.DataFrame, concept_a: str, concept_b: str) -> pd.Series:
    rows = s[(s["concept_id_a"] == concept_a) & (s["concept_id_b"] == concept_b)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_concept_suggestions_find_the_look_alikes(concept_suggestions):
    # blora-2020:627-628 'APK SMP / MTs' and 'APM SMP / MTs': gross vs net enrolment; ratio of
    # 'apk smp mts' and 'apm smp mts': 2 x 10 matching characters of 22
    apk = _suggested_pair(concept_suggestions, "apk_smp", "apm_smp")
    assert (apk["first_line_a"], apk["first_line_b"]) == (627, 628)
    assert apk["score"] == pytest.approx(100 * 20 / 22)
    # blora-2020:665 'Persentase Gizi Buruk' is contained in 667 'Persentase balita gizi buruk yang
    # mendapat perawatan': prevalence vs share of cases treated
    gizi = _suggested_pair(concept_suggestions, "severe_malnutrition", "severe_malnutrition_care")
    assert (gizi["first_line_a"], gizi["first_line_b"], gizi["score"]) == (665, 667, 100.0)


def test_concept_suggestions_leave_out_wordings_of_one_concept():
    # 'Indeks Pelayanan Publik (IPP)' and 'Indeks Pelayanan Publik' (batang-2023:378, 398) score
    # 100 too, but are one concept: only the two pairs of different concepts are listed
    top = compare.concept_suggestions(100)
    assert list(zip(top["concept_id_a"], top["concept_id_b"])) == [
        ("puskesmas_built", "inpatient_puskesmas_built"),  # blora-2020:653-654
        ("severe_malnutrition", "severe_malnutrition_care"),
    ]


def test_concept_suggestions_threshold(concept_suggestions):
    high = compare.concept_suggestions(90)
    assert (high["score"] >= 90).all()
    assert len(high) == 10
    key = ["doc_id_a", "indicator_a", "doc_id_b", "indicator_b"]
    assert set(high[key].itertuples(index=False)) <= set(concept_suggestions[key].itertuples(index=False))
