"""Tests of rbdata.quality: every rule on a real instance from the documents
(exact lines and printed values, checked against data/raw/), and the values
that agree must stay silent."""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata import quality
from rbdata.analysis.quality import check, raw_line, rules_totals, summary
from rbdata.analysis.quality.wording import plain_key
from rbdata.loaders import raw_lines


@pytest.fixture(scope="module")
def findings() -> pd.DataFrame:
    return check()


def _lines(row: pd.Series) -> list[int]:
    return [int(x) for x in row["source_lines"].split(";")]


def _involving(f: pd.DataFrame, doc: str, line: int, rules=None) -> pd.DataFrame:
    sub = f[f["doc_id"] == doc]
    if rules is not None:
        sub = sub[sub["rule"].isin(rules)]
    return sub[sub["source_lines"].str.split(";").apply(lambda xs: str(line) in xs)]


# ------------------------------------------------------------ the frame


def test_columns_and_plain_dtypes(findings):
    assert list(findings.columns) == [c.name for c in quality.FINDINGS_TABLE.columns]
    for col in ("finding_id", "message", "indicator", "values", "source_lines", "table_ids"):
        assert findings[col].dtype == "string", col
    for col, cats in (
        ("doc_id", list(rbdata.DOC_IDS)),
        ("rule", list(quality.RULES)),
        ("severity", list(quality.SEVERITIES)),
    ):
        assert isinstance(findings[col].dtype, pd.CategoricalDtype)
        assert list(findings[col].cat.categories) == cats
    assert (
        findings[["finding_id", "doc_id", "rule", "severity", "message", "values", "source_lines"]]
        .notna()
        .all()
        .all()
    )


def test_ids_unique_stable_and_ordered(findings):
    assert findings["finding_id"].is_unique
    again = check()
    pd.testing.assert_frame_equal(findings, again)
    # selecting rules or a document keeps every id
    part = check("batang-2023", rules=["totals", "conflicting_targets"])
    assert set(part["finding_id"]) <= set(findings["finding_id"])
    merged = findings.merge(part, on="finding_id", suffixes=("", "_part"))
    assert (merged["message"] == merged["message_part"]).all()
    # order: document, then rule in RULES order, then n
    order = findings.assign(
        d=findings["doc_id"].cat.codes,
        r=findings["rule"].cat.codes,
        n=findings["finding_id"].str.rsplit(":", n=1).str[1].astype(int),
    )
    assert order[["d", "r", "n"]].apply(tuple, axis=1).is_monotonic_increasing
    for fid, doc, rule in zip(findings["finding_id"], findings["doc_id"], findings["rule"]):
        assert fid.startswith(f"{doc}:{rule}:")


def test_every_source_line_exists_and_lines_sorted(findings):
    for doc, lines in zip(findings["doc_id"], findings["source_lines"]):
        ns = [int(x) for x in lines.split(";")]
        assert ns == sorted(set(ns))
        for n in ns:
            raw_line(doc, n)  # raises if the line does not exist


def test_unknown_doc_and_rule_raise():
    with pytest.raises(ValueError, match="valid ids"):
        check("kendal-2021")
    with pytest.raises(ValueError, match="valid rules"):
        check(rules=["no_such_rule"])


def test_rules_listed_with_descriptions():
    t = quality.rules_table()
    assert t["rule"].tolist() == [
        "conflicting_targets",
        "duplicate_actions",
        "against_direction",
        "magnitude",
        "implausible_growth",
        "totals",
        "unit_mismatch",
        "misspelt_names",
        "numbering_gaps",
    ]
    assert t["description"].str.len().gt(20).all()


# ------------------------------------------------------------ raw lines


def test_raw_line_and_quote():
    assert raw_line("batang-2023", 377).split("\t")[1:5] == ["Nilai SAKIP", "67,27", "68,00", "68,50"]
    q = quality.quote_lines("batang-2023", "357;655")
    assert q.splitlines()[0].startswith("357:  ⇥  ⇥ Nilai SAKIP ⇥ 66,30")
    assert "70,5 pada Tahun 2024" in q.splitlines()[1]
    with pytest.raises(ValueError, match="does not exist"):
        raw_line("blora-2020", 99999)


# ------------------------------------------------------------ rule 1


def test_indicator_key_normalisation():
    k = quality.indicator_key
    assert k("Nilai Survei Kepuasan Masyarakat (IKM Kabupaten)") == k("Survey Kepuasan Masyarakat")
    assert k("Indeks Pelayanan Publik (IPP)") == k("Indeks Pelayanan Publik")
    assert k("Nilai Survei Penilaian Integritas (Sumber: KPK)") == k("Survei Penilaian Integritas")
    assert k("Tingkat Maturitas SPIP") == k("Maturitas SPIP")
    assert k("APtS SD / MI") == k("APT _s SD / MI")
    # a qualifier in brackets is kept
    assert k("Persentase keterisian jabatan (non komulatif)") != k("Persentase keterisian jabatan")
    # curated synonyms apply only in their document
    assert k("Pertumbuhan Investasi", "batang-2023") == k(
        "Persentase Peningkatan Investasi di Kabupaten Batang"
    )
    assert k("Pertumbuhan Investasi", "blora-2020") == k("Pertumbuhan Investasi")


def test_sakip_2024(findings):
    r = quality.finding_at(findings, "conflicting_targets", "batang-2023", 655)
    assert r["severity"] == "error"
    assert _lines(r) == [357, 377, 655]
    assert r["values"] == "2024 target: 68,50 (Tabel 2.3 l.357, Tabel 2.4 l.377) | 70,5 (Bab V SS1 l.655)"
    assert r["table_ids"] == "Tabel 2.3;Tabel 2.4;Bab V SS1"
    assert "'Nilai SAKIP'" in r["message"]


@pytest.mark.parametrize(
    "line, other, values",
    [
        (385, 667, "2024 target: 46,00 (Tabel 2.4 l.385) | 55 (Bab V SS1 l.667)"),
        (379, 663, "2024 target: 5% (Tabel 2.4 l.379) | 7% (Bab V SS1 l.663)"),
        (374, 648, "2024 target: 91% (Tabel 2.4 l.374) | 90% (Bab V SS1 l.648)"),
        (348, 520, "2024 target: 7,90 (Tabel 2.2 l.348) | 8,90 (Tabel 4.2 l.520)"),
        (361, 782, "2023 target: 85,3 (Tabel 2.3 l.361) | 86,0 (Lampiran II l.782)"),
        (360, 754, "2023 target: 87 (Tabel 2.3 l.360) | 75 (Lampiran II l.754)"),
        (387, 756, "2023 target: 40,00 (Tabel 2.4 l.387) | 37,6 (Lampiran II l.756)"),
    ],
)
def test_batang_two_copies_disagree(findings, line, other, values):
    r = quality.finding_at(findings, "conflicting_targets", "batang-2023", line)
    assert _lines(r) == sorted([line, other])
    assert r["values"] == values
    assert r["severity"] == "error"


def test_berakhlak_three_values(findings):
    r = quality.finding_at(findings, "conflicting_targets", "batang-2023", 359)
    assert _lines(r) == [359, 397, 692, 780]
    assert r["values"].startswith(
        "2023 target: 62,8 (Tabel 2.3 l.359) | 62,6 (Tabel 2.4 l.397) | 61,6 (Lampiran II l.780)"
    )
    assert "2024 target: 63,5 (Tabel 2.3 l.359) | 63,4 (Tabel 2.4 l.397, Bab V SS2 l.692)" in r["values"]


def test_ipp_listed_twice_in_tabel_2_4(findings):
    r = quality.finding_at(findings, "conflicting_targets", "batang-2023", 398)
    assert 378 in _lines(r)
    assert "2022 baseline: 4,24 (Tabel 2.4 l.378) | 4,23 (Tabel 2.4 l.398)" in r["values"]
    assert (
        "2024 target: 4,5 (Tabel 2.4 l.378, Bab V SS1 l.658) | 4,8 (Tabel 2.4 l.398, Bab V SS2 l.695)"
        in r["values"]
    )


def test_blora_spip_and_apip_score_vs_level(findings):
    spip = quality.finding_at(findings, "conflicting_targets", "blora-2020", 574)
    assert _lines(spip) == [574, 699, 773, 1017]
    assert spip["severity"] == "warning"  # 'Nilai' and 'Level': two scales
    assert spip["values"].startswith(
        "2020 target: 3,5 (B.1.b l.574, C.I.B l.773) | Level 3 (B.4 l.699) / 3 (C.IV l.1017)"
    )
    assert "'Nilai', 'Level'" in spip["message"]
    apip = quality.finding_at(findings, "conflicting_targets", "blora-2020", 575)
    assert _lines(apip) == [575, 700, 775, 1019]


def test_agreeing_copies_are_silent(findings):
    ct = findings[findings["rule"] == "conflicting_targets"]
    # '85%' (B.2.a l.592) vs '85' (C.II.A l.799) and 'Level 3' (B.4) vs '3'
    # (C.IV) agree: no value group of a finding puts them on both sides
    assert _involving(ct, "blora-2020", 592).empty and _involving(ct, "blora-2020", 799).empty
    assert (
        "Level 3 (B.4 l.699) / 3 (C.IV l.1017)"
        in quality.finding_at(ct, "conflicting_targets", "blora-2020", 699)["values"]
    )
    # Indeks SPBE 3,4 / 3,5 in Tabel 2.3, 2.4, Bab V and Lampiran II agree
    for line in (356, 376, 653, 724):
        assert _involving(ct, "batang-2023", line).empty
    # 'Nilai SAKIP 68,0' in Lampiran II agrees with 68,00 for 2023
    assert _involving(ct, "batang-2023", 743).empty
    # Blora section C repeats section B: apart from SPIP and APIP every copy agrees
    blora = ct[ct["doc_id"] == "blora-2020"]
    assert blora["indicator"].tolist() == ["Nilai Maturitas SPIP", "Nilai Kapabilitas APIP"]


def test_every_blora_b_row_has_its_c_twin():
    t = rbdata.load_targets("blora-2020").drop_duplicates("target_id")
    keys = t.assign(key=[quality.indicator_key(x, "blora-2020") for x in t["indicator"]])
    b = keys[keys["table_id"].str.startswith("B")]
    c = keys[keys["table_id"].str.startswith("C")]
    assert set(b["key"]) == set(c["key"])


def test_alias_table_cites_lines_that_print_both_wordings():
    """Every synonym pair is printed where its note says: some cited line
    prints the alias, some the canonical wording (compared as keys)."""
    import re

    rows = rbdata.reference.read_reference("indicator_aliases")
    assert rows and list(rows[0]) == ["doc_id", "alias", "canonical", "note"]
    for r in rows:
        assert r["doc_id"] in rbdata.DOC_IDS
        cited = [
            int(n) for d, n in re.findall(r"(blora-2020|batang-2023):(\d+)", r["note"]) if d == r["doc_id"]
        ]
        assert cited, r
        keys = [plain_key(raw_line(r["doc_id"], n)) for n in cited]
        for wording in (r["alias"], r["canonical"]):
            assert any(plain_key(wording) in k for k in keys), (wording, cited)
        assert quality.indicator_key(r["alias"], r["doc_id"]) == quality.indicator_key(
            r["canonical"], r["doc_id"]
        )


# ------------------------------------------------------------ rule 2


def test_duplicate_action_with_other_targets(findings):
    r = quality.finding_at(findings, "duplicate_actions", "blora-2020", 834)
    assert _lines(r) == [834, 976]
    assert r["severity"] == "error"
    assert r["values"] == "2020: 0, 2021: 0 (C.II.C l.834) | 2020: 100, 2021: 100 (C.III.C l.976)"
    assert raw_line("blora-2020", 834).split("\t")[2:5] == ["%", "0", "0"]
    assert raw_line("blora-2020", 976).split("\t")[2:5] == ["%", "100", "100"]


def test_duplicate_bpk_follow_up(findings):
    r = quality.finding_at(findings, "duplicate_actions", "batang-2023", 771)
    assert _lines(r) == [771, 772]
    assert "2023: 95%" in r["values"] and "2023: 96,40%" in r["values"]


@pytest.mark.parametrize(
    "lines, amount",
    [
        ([807, 830], "9.257.000.000"),
        ([775, 776, 778], "3.244.613.010"),
        ([723, 782, 784, 786], "211.993.900"),
        ([736, 738, 741], "31.686.500"),
    ],
)
def test_budget_line_counted_under_several_actions(findings, lines, amount):
    r = quality.finding_at(findings, "duplicate_actions", "batang-2023", lines[0])
    assert _lines(r) == lines
    assert r["severity"] == "warning"
    assert r["values"].split(" | ")[0] == f"{amount} ({r['table_ids'].split(';')[0]} l.{lines[0]})"
    for n in lines:
        assert amount in raw_line("batang-2023", n)
    # the rows are not already marked as sharing one merged cell
    a = rbdata.load_actions("batang-2023")
    assert a.loc[a["source_line"].isin(lines), "budget_shared_with"].isna().all()
    assert f"counts it {len(lines)} times" in r["message"]


def test_same_action_same_targets_is_silent(findings):
    # 'Pengadaan obat dan perbekalan kesehatan' (C.III.B l.900 and l.915)
    # and C.IV repeating C.III: same targets, no finding
    d = findings[findings["rule"] == "duplicate_actions"]
    assert _involving(d, "blora-2020", 900).empty and _involving(d, "blora-2020", 915).empty
    # 'Monitoring, evaluasi dan pelaporan' in '%' (l.928) and in 'Laporan'
    # (l.961) are two activities of the same generic name
    assert _involving(d, "blora-2020", 961).empty


# ------------------------------------------------------------ rule 3


def test_poverty_rises(findings):
    r = quality.finding_at(findings, "against_direction", "batang-2023", 520)
    assert _lines(r) == [520]
    assert r["values"] == "8,56 (2022 baseline) → 8,34 (2023 target) → 8,90 (2024 target)"
    assert "better when lower" in r["message"] and "7,90 (Tabel 2.2 l.348)" in r["message"]


def test_merit_target_below_baseline(findings):
    r = quality.finding_at(findings, "against_direction", "batang-2023", 396)
    assert r["values"] == "207,5 (2022 baseline) → 175 (2023 target) → 200 (2024 target)"
    assert "worse than its own baseline" in r["message"]


def test_direction_respected(findings):
    d = findings[findings["rule"] == "against_direction"]
    # Tabel 2.2 poverty 9,68 -> 8,34 -> 7,90 falls, as it should
    assert _involving(d, "batang-2023", 348).empty
    # Blora's death rates fall (AKB 11 -> 10,9): better when lower, no finding
    assert _involving(d, "blora-2020", 659).empty
    assert set(d["doc_id"].astype(str)) == {"batang-2023"}


# ------------------------------------------------------------ rule 4


def test_investment_growth_tenfold_twin(findings):
    r = quality.finding_at(findings, "magnitude", "batang-2023", 521)
    assert _lines(r) == [349, 521, 856]
    assert r["severity"] == "error"
    assert r["values"] == (
        "2023 target: 6,6 (Tabel 2.2 l.349, Lampiran IV l.856) | 66 (Tabel 4.2 l.521); "
        "2024 target: 7,5 (Tabel 2.2 l.349) | 75 (Tabel 4.2 l.521)"
    )
    # the same disagreement is not reported again as an ordinary conflict
    ct = findings[findings["rule"] == "conflicting_targets"]
    assert _involving(ct, "batang-2023", 521).empty


def test_action_target_tenfold_between_years(findings):
    r = quality.finding_at(findings, "magnitude", "blora-2020", 878)
    assert _lines(r) == [878, 1058]
    assert r["values"] == "2020: 1001, 2021: 100 (C.III.A l.878, C.IV l.1058)"
    for n in (878, 1058):
        assert raw_line("blora-2020", n).split("\t")[3:5] == ["1001", "100"]


def test_magnitude_ignores_ordinary_steps(findings):
    m = findings[findings["rule"] == "magnitude"]
    # quarterly figures are not neighbour years (PKH 38.184 then 359 new families)
    assert _involving(m, "batang-2023", 842).empty
    # zero is no order of magnitude (ZI 0% -> 5%)
    assert _involving(m, "batang-2023", 379).empty


def test_pdrb_growth_rate_of_21_percent_is_flagged_beside_economic_growth(findings):
    # Tabel 4.2 line 518 prints 'Laju Pertumbuhan PDRB' 21,1 / 21,7 / 22,3; Lampiran III line 807
    # prints it (21,7) next to 'Pertumbuhan Ekonomi' 4,97 for the same year
    assert raw_line("batang-2023", 518).split("\t")[2:6] == ["Laju Pertumbuhan PDRB", "21,1", "21,7", "22,3"]
    r = quality.finding_at(findings, "implausible_growth", "batang-2023", 518)
    assert r["severity"] == "warning"
    assert r["values"] == "21,1 (2022 baseline) → 21,7 (2023 target) → 22,3 (2024 target)"
    assert _lines(r) == [518, 807]
    assert "'Pertumbuhan Ekonomi' 4,97 (2023 target), Lampiran III line 807" in r["message"]
    g = findings[findings["rule"] == "implausible_growth"]
    assert set(g["doc_id"]) == {"batang-2023"}
    assert len(g) == 2  # the Tabel 4.2 row and the Lampiran III copy


def test_plausible_growth_is_silent(findings):
    # Blora prints no growth of the economy; Batang's economic growth 4,97 and investment growth stay silent
    g = findings[findings["rule"] == "implausible_growth"]
    assert not g["message"].str.startswith("'Pertumbuhan Ekonomi'").any()
    assert not g["indicator"].str.contains("Investasi").any()


# ------------------------------------------------------------ rule 5


def test_quarters_without_total(findings):
    t = findings[findings["rule"] == "totals"]
    # 818, 819: TW III and TW IV printed, Total empty. (837-839 print TW IV
    # and Total on a page whose rows put an empty cell before the link cell.)
    assert t["source_lines"].tolist() == ["818", "819"]
    assert (t["severity"] == "warning").all()
    r = quality.finding_at(findings, "totals", "batang-2023", 818)
    assert r["values"] == "Q3 58.249, Q4 58.249; Total: (empty)"
    at = rbdata.load_action_targets("batang-2023")
    tot = at[(at["source_line"] == 818) & (at["period"] == "2023")].iloc[0]
    assert pd.isna(tot["total_kind"]) and (pd.isna(tot["value_text"]) or tot["value_text"].strip() == "")


def test_tabel_4_1_totals_match_and_stay_silent(findings):
    s = rbdata.load_theme_scores()
    sums = s.groupby("source_line")["score"].sum()
    printed = s.groupby("source_line")["printed_total"].first()
    assert (sums == printed).all()
    assert rules_totals._theme_totals("batang-2023") == []
    assert _involving(findings, "batang-2023", 505).empty


def test_printed_totals_that_match_are_silent(findings):
    t = findings[findings["rule"] == "totals"]
    # 5,5 + 4,5 + 2,1 + 2,9 = 15 (sum); 1618 / 1650 / 1700 -> 1700 (level)
    assert _involving(t, "batang-2023", 808).empty
    assert _involving(t, "batang-2023", 762).empty


# ------------------------------------------------------------ rule 6


def test_percentage_indicator_with_count_unit(findings):
    r = quality.finding_at(findings, "unit_mismatch", "blora-2020", 664)
    assert _lines(r) == [664, 933]
    assert r["values"] == "unit 'Desa / kelurahan': 295, 295"
    assert r["severity"] == "warning"
    assert "295 cannot be a percentage" in r["message"]


@pytest.mark.parametrize("line, unit", [(858, "%"), (764, "Persentase")])
def test_count_indicator_with_percent_unit(findings, line, unit):
    doc = "batang-2023"
    r = quality.finding_at(findings, "unit_mismatch", doc, line)
    assert r["values"].startswith(f"unit '{unit}': ")
    assert r["indicator"].startswith("Jumlah")
    assert f"\t{unit}\t" in raw_line(doc, line)


def test_unit_mismatch_is_conservative(findings):
    u = findings[findings["rule"] == "unit_mismatch"]
    assert len(u) <= 8
    # 'Persentase ...' with unit '%' and 'Jumlah ...' with a count unit are fine
    assert _involving(u, "blora-2020", 556).empty  # Persentase keterisian formasi CPNS, %
    assert _involving(u, "batang-2023", 722).empty  # Jumlah SK yang disusun, SK


# ------------------------------------------------------------ rule 7


def test_region_misspellings(findings):
    blora = quality.finding_at(findings, "misspelt_names", "blora-2020", 380)
    assert _lines(blora) == [380, 382, 384, 390, 391, 392]
    assert blora["indicator"] == "Bora" and "Kabupaten Bora" in blora["values"]
    batag = quality.finding_at(findings, "misspelt_names", "batang-2023", 724)
    assert _lines(batag) == [724, 725]
    assert batag["values"].startswith("Kab.Batag | Kabupaten Batag")
    kapaten = quality.finding_at(findings, "misspelt_names", "batang-2023", 511)
    assert kapaten["indicator"] == "Kapaten" and "Kapaten Batang" in kapaten["values"]
    for doc, row in (("blora-2020", blora), ("batang-2023", batag), ("batang-2023", kapaten)):
        for n in _lines(row):
            assert row["indicator"] in raw_line(doc, n)


def test_agency_misspellings(findings):
    r = quality.finding_at(findings, "misspelt_names", "blora-2020", 834)
    assert r["indicator"] == "DPMPPTSP"
    assert _lines(r) == [833, 834, 835, 836]
    s = quality.finding_at(findings, "misspelt_names", "batang-2023", 657)
    assert s["indicator"] == "DPMPSTP" and _lines(s) == [234, 657]


def test_region_names_spelt_right_are_silent(findings):
    m = findings[findings["rule"] == "misspelt_names"]
    words = set(m["indicator"])
    assert not words & {"Blora", "Batang", "Barang", "bang", "Kabupaten"}


# ------------------------------------------------------------ summary


def test_summary_counts(findings):
    s = summary(findings)
    assert list(s.by_rule.columns) == ["doc_id", "rule", "error", "warning", "info", "total"]
    assert len(s.by_rule) == len(rbdata.DOC_IDS) * len(quality.RULES)
    assert s.by_rule["total"].sum() == len(findings)
    assert (s.by_rule[["error", "warning", "info"]].sum(axis=1) == s.by_rule["total"]).all()
    row = s.by_rule[(s.by_rule["doc_id"] == "batang-2023") & (s.by_rule["rule"] == "totals")].iloc[0]
    assert (row["warning"], row["total"]) == (2, 2)
    n_tables = findings["table_ids"].fillna("").apply(lambda x: len(x.split(";")) if x else 1).sum()
    assert s.by_table["total"].sum() == n_tables
    assert s.by_table["total"].is_monotonic_decreasing
    assert "(running text)" in set(s.by_table["table_id"])
    lamp = s.by_table[
        (s.by_table["doc_id"] == "batang-2023") & (s.by_table["table_id"] == "Lampiran II")
    ].iloc[0]
    assert lamp["total"] == findings["table_ids"].str.split(";").apply(lambda xs: "Lampiran II" in xs).sum()


# ------------------------------------------------------------ code paths the documents do not reach


def test_total_neither_sum_nor_level_is_an_error(monkeypatch):
    """A Total that is neither the sum nor a level (none is printed; the
    check is shown on line 808 with its Total altered from 15 to 16)."""
    at = rbdata.load_action_targets("batang-2023")
    hit = (at["source_line"] == 808) & (at["period"] == "2023")
    at.loc[hit, ["value", "value_text"]] = [16.0, "16"]
    at.loc[hit, "total_kind"] = pd.NA
    # the rule reads the table through the name its module imported
    monkeypatch.setattr(rules_totals, "load_action_targets", lambda doc_id=None: at)
    found = rules_totals._quarter_totals("batang-2023")
    assert [f["lines"] for f in found if f["severity"] == "error"] == [[808]]
    err = next(f for f in found if f["severity"] == "error")
    assert err["values"] == "Q1 5,5, Q2 4,5, Q3 2,1, Q4 2,9; Total: 16"
    assert "sum 15" in err["message"]


def test_theme_total_that_is_not_the_sum_is_an_error(monkeypatch):
    s = rbdata.load_theme_scores("batang-2023")
    s.loc[s["source_line"] == 505, "printed_total"] = 45
    monkeypatch.setattr(rules_totals, "load_theme_scores", lambda doc_id=None: s)
    found = rules_totals._theme_totals("batang-2023")
    assert len(found) == 1 and found[0]["lines"] == [505]
    assert found[0]["values"] == "10 + 8 + 9 + 9 + 8 = 44 | printed 45"


def test_numbering_gaps_finds_the_missing_actions_of_lampiran_iii():
    # batang-2023 line 826 is action 'b.' and line 828 action 'k.' under the same
    # indicator (Tingkat Pengeluaran per Kapita): c. to j. are not in the text
    from rbdata import quality

    f = quality.check(rules=["numbering_gaps"])
    assert f["source_lines"].tolist() == ["826;828"]
    assert f["doc_id"].astype(str).tolist() == ["batang-2023"]
    assert "8 action(s)" in f["message"].iloc[0]


def test_findings_follow_the_raw_text_after_clear_cache(tmp_path, monkeypatch):
    """The rules cache what they compute from the tables; rbdata.clear_cache()
    forgets it with the tables, so an edited file gives fresh findings."""
    raw = {d: raw_lines(d) for d in rbdata.DOC_IDS}
    before = quality.conflicting_targets("batang-2023")
    assert any(655 in f["lines"] for f in before)
    lines = list(raw["batang-2023"])
    assert "Target: 70,5 pada Tahun 2024" in lines[654]
    lines[654] = lines[654].replace("Target: 70,5 pada", "Target: 68,50 pada")
    (tmp_path / "batang-2023.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "blora-2020.txt").write_text("\n".join(raw["blora-2020"]), encoding="utf-8")
    monkeypatch.setenv("RBDATA_RAW_DIR", str(tmp_path))
    rbdata.clear_cache()
    try:
        after = quality.conflicting_targets("batang-2023")
        assert not any(655 in f["lines"] for f in after)
        assert len(after) == len(before) - 1
    finally:
        monkeypatch.delenv("RBDATA_RAW_DIR")
        rbdata.clear_cache()
    assert any(655 in f["lines"] for f in quality.conflicting_targets("batang-2023"))


def test_findings_for_reading_lists_one_document_as_printed(findings):
    listing = quality.findings_for_reading(findings, "batang-2023")
    batang = findings[findings["doc_id"] == "batang-2023"].reset_index(drop=True)
    assert len(listing) == len(batang)
    assert listing["finding"].tolist() == [i.split(":", 1)[1] for i in batang["finding_id"]]
    assert listing["values as printed (l. = line)"].tolist() == batang["values"].tolist()
    assert listing["lines"].tolist() == [s.replace(";", ", ") for s in batang["source_lines"]]
    # a finding on running text names no table
    running = batang["table_ids"].isna() | (batang["table_ids"] == "")
    assert (listing.loc[running.to_numpy(), "tables"] == "running text").all()
    assert not (listing.loc[~running.to_numpy(), "tables"] == "running text").any()
    with pytest.raises(ValueError, match="unknown doc_id"):
        quality.findings_for_reading(findings, "batang")


def test_finding_at_picks_the_one_finding_of_a_line(findings):
    poverty = quality.finding_at(findings, "conflicting_targets", "batang-2023", 520)
    assert "520" in poverty["source_lines"].split(";")
    assert poverty["indicator"] == "Persentase Penduduk Miskin"
    # line 520 is in one conflicting_targets finding; line 1 is in none
    with pytest.raises(LookupError, match="0 findings of conflicting_targets in batang-2023 involve line 1 "):
        quality.finding_at(findings, "conflicting_targets", "batang-2023", 1)
    with pytest.raises(ValueError, match="unknown rule"):
        quality.finding_at(findings, "conflicts", "batang-2023", 520)


def test_finding_at_refuses_a_line_of_two_findings(findings):
    twice = pd.concat([findings.iloc[[0]], findings.iloc[[0]]], ignore_index=True)
    first = findings.iloc[0]
    line = int(first["source_lines"].split(";")[0])
    with pytest.raises(LookupError, match="^2 findings"):
        quality.finding_at(twice, str(first["rule"]), str(first["doc_id"]), line)
