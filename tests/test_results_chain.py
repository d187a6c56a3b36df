"""Results chain: actions under indicator rows, indicators under what they serve."""

from __future__ import annotations

import pandas as pd
import pytest

from rbdata.analysis.compare.chain_of_results import (
    RESULTS_LEVELS,
    results_chain,
    results_chain_of,
    results_chain_summary,
    results_chain_summary_of,
)


def _targets(rows: list[tuple[str, str, int, object, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["concept_id", "table_id", "source_line", "objective", "level"])


def _actions(rows: list[tuple[str, str, int, object, object]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["action_id", "table_id", "parent_source_line", "parent_indicator", "sub_row"]
    )


CONCEPTS = pd.DataFrame(
    {
        "concept_id": ["goal", "mid", "low"],
        "name_en": ["Goal", "Mid", "Low"],
        "results_level": ["impact", "outcome", "output"],
        "results_level_basis": [
            "quote: 'Sasaran' (doc:5)",
            "rule: listed under 'Area' (doc:7) -> outcome; quote: (other:3)",
            "quote: (other:9)",
        ],
    }
)


@pytest.fixture
def small_plan() -> tuple[pd.DataFrame, pd.DataFrame]:
    targets = _targets(
        [
            # line 10 carries two concepts (an outcome and the intermediate indicator below it)
            ("goal", "T1", 10, "Serve people", "outcome"),
            ("mid", "T1", 10, "Serve people faster", "intermediate"),
            ("mid", "T1", 10, "Serve people faster", "intermediate"),  # second period
            ("mid", "T2", 20, "Serve people", pd.NA),
            ("low", "T2", 30, pd.NA, pd.NA),
        ]
    )
    actions = _actions(
        [
            ("a1", "T1", 10, "x", pd.NA),
            ("a1s", "T1", 10, "x", "SD"),  # sub-row: part of a1
            ("a2", "T2", 30, "y", pd.NA),
            ("a3", "T1", 30, "y", pd.NA),  # line 30 of another table: not under 'low'
            ("a4", "T2", 20, "Serve people", pd.NA),  # also printed under the heading 'Serve people' of T2
            ("a5", "T3", 5, "Serve people", pd.NA),  # a heading of another table: not counted
        ]
    )
    return targets, actions


def test_small_plan_chain_by_definition(small_plan: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    targets, actions = small_plan
    chain = results_chain_of("doc", targets, actions, CONCEPTS).set_index("concept_id")
    # highest level first
    assert chain.index.tolist() == ["goal", "mid", "low"]
    assert chain["n_target_rows"].tolist() == [1, 3, 1]
    # a1 under line 10 counts for both concepts of that line; its sub-row does not count
    assert chain.loc["goal", "n_actions"] == 1
    # mid: a1 (T1 line 10) and a4 (T2 line 20)
    assert chain.loc["mid", "n_actions"] == 2
    # low: only a2, not a3 printed at line 30 of another table
    assert chain.loc["low", "n_actions"] == 1
    # under the heading 'Serve people' of T2: a4 only (a5 is in T3)
    assert chain.loc["mid", "n_actions_under_objective"] == 1
    assert chain.loc["goal", "n_actions_under_objective"] == 0
    assert chain["linked_up"].tolist() == [True, True, False]
    assert chain.loc["mid", "objectives"] == "Serve people faster; Serve people"
    assert pd.isna(chain.loc["low", "objectives"])
    assert chain.loc["mid", "printed_levels"] == "intermediate"
    assert chain.loc["mid", "table_ids"] == "T1; T2"
    # quoted from this document / a rule / quoted from another document
    assert chain["level_quoted_here"].tolist() == [True, False, False]


def test_small_plan_summary_counts_an_action_once_per_level(
    small_plan: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    targets, actions = small_plan
    chain = results_chain_of("doc", targets, actions, CONCEPTS)
    summary = results_chain_summary_of("doc", chain, targets, actions).set_index("results_level")
    assert summary.index.tolist() == list(RESULTS_LEVELS)
    assert summary["n_concepts"].tolist() == [1, 1, 1, 0]
    # a1 sits under concepts of two levels and counts at both
    assert summary["n_actions"].tolist() == [1, 2, 1, 0]
    # a4 is under the heading 'Serve people' of T2, which only 'mid' serves there
    assert summary["n_actions_under_objective"].tolist() == [0, 1, 0, 0]
    # a1, a2, a3, a4, a5 (the sub-row is part of a1)
    assert set(summary["n_actions_in_document"]) == {5}


def test_two_concepts_of_one_level_on_one_line_count_the_action_once() -> None:
    targets = _targets([("mid", "T", 1, pd.NA, pd.NA), ("mid2", "T", 1, pd.NA, pd.NA)])
    actions = _actions([("a", "T", 1, pd.NA, pd.NA)])
    concepts = pd.concat(
        [CONCEPTS, CONCEPTS.iloc[[1]].assign(concept_id="mid2")],
        ignore_index=True,
    )
    chain = results_chain_of("doc", targets, actions, concepts)
    summary = results_chain_summary_of("doc", chain, targets, actions).set_index("results_level")
    assert chain["n_actions"].sum() == 2
    assert summary.loc["outcome", "n_actions"] == 1
    assert summary.loc["outcome", "n_concepts_with_actions"] == 2


def test_blora_bpk_opinion_actions_and_objectives() -> None:
    chain = results_chain("blora-2020").set_index("concept_id")
    row = chain.loc["bpk_opinion"]
    # 767 '1.\tStatus opini Laporan Keuangan Daerah\tStatus\tWTP\tWTP\tInspektorat/ BPPKAD' + 768, 769, 770
    # 790 '1.\tOpini BPK terhadap laporan keuangan\tStatus\tWTP\tWTP\t...' + 791, 792, 796
    # 821 '3.\tOpini pemeriksa atas LKPD (Laporan Keuangan Perangkat Daerah)\tStatus\tWTP\tWTP' + 822, 826, 827
    assert row["n_actions"] == 9
    # six printed lines (572, 590, 603, 767, 790, 821), each with a 2020 and a 2021 target
    assert row["n_target_rows"] == 12
    assert row["objectives"] == (
        "Area Penguatan Pengawasan; Birokrasi yang Bersih dan Akuntabel; Birokrasi yang Efektif dan Efisien"
    )
    assert row["results_level"] == "outcome"
    # section B (572 '1\tStatus opini Laporan Keuangan Daerah\tStatus\tWTP\tWTP') prints no heading it
    # serves; section C does, and one row naming its objective is enough
    assert bool(row["linked_up"])


def test_batang_levels_as_printed() -> None:
    chain = results_chain("batang-2023").set_index("concept_id")
    # 807 'Hasil pelaksanaan program-program pengentasan kemiskinan ...\tMenurunnya Angka Kemiskinan
    # Penduduk Batang\tLaju Pertumbuhan PDRB\t21,7\t...\tMeningkatkan Laju Pertumbuhan PDRB Kab. Batang'
    assert chain.loc["economic_growth", "printed_levels"] == "intermediate"
    assert chain.loc["economic_growth", "objectives"] == "Meningkatkan Laju Pertumbuhan PDRB Kab. Batang"
    # poverty_rate is printed on line 840 both as the outcome and as the intermediate indicator
    assert chain.loc["poverty_rate", "printed_levels"] == "outcome; intermediate"
    assert chain.loc["investment_realisation_value", "printed_levels"] == "intermediate"


def test_batang_bureaucracy_simplification_both_links() -> None:
    row = results_chain("batang-2023").set_index("concept_id").loc["bureaucracy_simplification"]
    # 720 'Birokrasi yang belum kolaboratif\tPenyederhanaan Birokrasi ...\tTingkat Implementasi
    #      Penyederhanaan Birokrasi\t91%\ta. Menetapkan Perbup SOTK ...'
    # 721 '\t\t\t\tb. Melakukan pelantikan jabatan administrasi ke jabatan fungsional\t...'
    assert row["n_actions"] == 2
    # 647 '1\tTerimplementasikannya Kebijakan Penyederhanaan Birokrasi\t...\t1. Tersedianya kebijakan ...'
    # 648 '\tIndikator: Tingkat Implementasi Penyederhanaan Birokrasi Target: 90% ...\t\t2. Terlaksananya ...'
    assert row["n_actions_under_objective"] == 2
    assert bool(row["level_quoted_here"])


def test_summary_accounts_for_every_action() -> None:
    summary = results_chain_summary().set_index(["doc_id", "results_level"])
    blora = summary.loc["blora-2020"]
    # every Blora activity is printed under an indicator row of section C, one concept per line
    assert blora["n_actions"].sum() == blora["n_actions_in_document"].iloc[0] == 167
    batang = summary.loc["batang-2023"]
    # 135 action rows, 9 of them sub-rows (PIP and BOSP per school level, Lampiran III)
    assert batang["n_actions_in_document"].iloc[0] == 126
    # the 40 Output Utama of Bab V sit on the line of a Kegiatan Utama, not under an indicator row
    assert batang["n_actions_under_objective"].sum() == 40
    assert batang.loc["output", "n_concepts"] == 0


def test_dtypes() -> None:
    chain = results_chain()
    assert chain["n_actions"].dtype == "int64"
    assert chain["linked_up"].dtype == "bool"
    assert chain["objectives"].dtype == "string"
    assert set(chain["results_level"].dropna()) <= set(RESULTS_LEVELS)
    assert not chain.duplicated(["doc_id", "concept_id"]).any()
