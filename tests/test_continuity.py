"""rbdata.compare.continuity(): the national crosswalk's declared fate of each
outcome index against the targets the road maps actually set.

Hand-checked in data/raw/batang-2023.txt (Tabel 2.1 is lines 299-324, closing
with 'Sumber: Kementerian PANRB') and data/raw/blora-2020.txt.
"""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata.analysis.compare import continuity


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return continuity()


@pytest.fixture(scope="module")
def by_no(table) -> pd.DataFrame:
    return table[table["national_no"].notna()].set_index("national_no")


def test_one_row_per_crosswalk_index_then_the_other_national_indices(table):
    assert table["national_no"].head(22).tolist() == list(range(1, 23))
    others = table[table["national_no"].isna()]
    assert others["concept_id"].tolist() == ["indeks_rb", "berakhlak_index", "spi"]
    assert set(others["fate"]) == {"not in Tabel 2.1"}


def test_audit_opinion_is_continued_and_targeted_by_both(by_no):
    # 17. Opini BPK (line 316); Batang Tabel 2.3 line 358 'Capaian Akuntabilitas Keuangan (WTP)',
    # Tabel 2.4 line 383 'Opini BPK'; Blora section B targets the BPK opinion (WTP)
    row = by_no.loc[17]
    assert row["fate"] == "continued" and row["concept_id"] == "bpk_opinion"
    assert row["blora_targets"] and row["batang_targets"]
    assert {"358", "383"} <= set(row["batang_lines"].split(";"))
    assert pd.isna(row["declared_vs_actual"])


def test_sakip_is_continued_and_targeted_by_both(by_no):
    # 13. Nilai SAKIP (line 312); Batang Tabel 2.3 line 357 'Nilai SAKIP 66,30 68,00 68,50'
    row = by_no.loc[13]
    assert row["fate"] == "continued" and row["concept_id"] == "sakip"
    assert row["blora_targets"] and row["batang_targets"]
    assert "357" in row["batang_lines"].split(";")


def test_spip_maturity_continued_and_apip_merged_into_it_but_still_targeted(by_no):
    # 15. Maturitas SPI continues (line 314); 16. Kapabilitas APIP (IACM) 'diintegrasikan dengan
    # Indikator 15' (line 315), yet Tabel 2.4 line 384 targets 'Kapabilitas APIP Level 3'
    assert by_no.loc[15, "fate"] == "continued" and by_no.loc[15, "batang_targets"]
    assert pd.isna(by_no.loc[15, "declared_vs_actual"])
    apip = by_no.loc[16]
    assert apip["fate"] == "merged" and apip["concept_id"] == "apip_capability"
    assert apip["batang_targets"] and "384" in apip["batang_lines"].split(";")
    assert "merges it into index 15" in apip["declared_vs_actual"]
    assert "still target it on its own" in apip["declared_vs_actual"]


def test_ikm_continued_and_targeted_by_both(by_no):
    # 22. Survei Kepuasan Masyarakat (line 322); Tabel 2.3 line 361 'Nilai Survei Kepuasan Masyarakat'
    row = by_no.loc[22]
    assert row["concept_id"] == "ikm" and row["blora_targets"] and row["batang_targets"]
    assert "361" in row["batang_lines"].split(";")


def test_ipak_replaced_by_spi_yet_both_targeted(by_no, table):
    # 19. 'Indikator 19 digantikan dengan Nilai hasil Survei Penilaian Integritas' (line 318), yet
    # Tabel 2.4 line 382 targets 'Indeks Persepsi Anti Korupsi 86,34 87 87'; SPI is targeted on line 360
    ipak = by_no.loc[19]
    assert ipak["fate"] == "replaced" and ipak["batang_targets"]
    assert "382" in ipak["batang_lines"].split(";")
    assert ipak["declared_vs_actual"] == "the crosswalk replaces it, but Batang's tables still target it"
    spi = table[table["concept_id"] == "spi"].iloc[0]
    assert spi["batang_targets"] and "360" in spi["batang_lines"].split(";")


def test_dropped_indices_are_not_targeted_and_agree(by_no):
    # 1. and 9. 'tidak dilanjutkan' (lines 300, 308): no target measures them
    for no in (1, 9):
        row = by_no.loc[no]
        assert row["fate"] == "dropped"
        assert not row["blora_targets"] and not row["batang_targets"]
        assert pd.isna(row["declared_vs_actual"])


def test_continued_but_untargeted_index_names_its_targeted_partner(by_no):
    # 4. Indeks Kelembagaan 'Dilanjutkan dan disinergikan dengan Indikator 5' (line 303): no table
    # targets it, while 5. Indeks SPBE is targeted (Tabel 2.3 line 356)
    row = by_no.loc[4]
    assert not row["batang_targets"]
    assert row["declared_vs_actual"].startswith(
        "the crosswalk continues it, but Batang's tables set no target"
    )
    assert "index 5" in row["declared_vs_actual"]


def test_merged_index_whose_successor_is_targeted_agrees(by_no):
    # 12. Indeks Tata Kelola Manajemen ASN is integrated into 11 (line 311); 11 is targeted (line 396)
    assert by_no.loc[12, "fate"] == "merged" and not by_no.loc[12, "batang_targets"]
    assert by_no.loc[11, "batang_targets"]
    assert pd.isna(by_no.loc[12, "declared_vs_actual"])


def test_the_crosswalk_rows_themselves_never_count_as_targets(table):
    # Tabel 2.1 is lines 299-324: none of its lines is a target line
    for lines in table["batang_lines"].dropna():
        assert all(not 299 <= int(n) <= 324 for n in lines.split(";"))


def test_blora_never_judged_against_a_later_crosswalk(table):
    # the departure notes speak of Batang's tables only
    notes = table["declared_vs_actual"].dropna()
    assert len(notes) > 0 and all("Batang" in n for n in notes)


def test_targeted_flags_agree_with_the_targets_table(table):
    t = rbdata.load_targets()
    for r in table.dropna(subset=["concept_id"]).to_dict("records"):
        for doc, col in (("blora-2020", "blora_targets"), ("batang-2023", "batang_targets")):
            has = bool(((t["doc_id"] == doc) & (t["concept_id"] == r["concept_id"])).any())
            assert has == r[col], (r["national_name"], doc)


def test_every_index_has_an_english_name(table, by_no):
    assert table["name_en"].notna().all()
    assert by_no.loc[17, "name_en"] == "Audit opinion of the Supreme Audit Board (BPK)"
    assert table.set_index("concept_id").loc["indeks_rb", "name_en"] == "Bureaucratic-reform index"
