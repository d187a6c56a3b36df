"""compare.national_and_local: what is the national template and what is the regency's choice."""

from __future__ import annotations

import rbdata
from rbdata import compare


def _row(df, authority, element_start, doc):
    hit = df[
        (df["authority"] == authority) & df["element"].str.startswith(element_start) & (df["doc_id"] == doc)
    ]
    assert len(hit) == 1, (authority, element_start, doc)
    return hit.iloc[0]


def test_national_elements_as_printed():
    df = compare.national_and_local()
    # Tabel 2.1: the 22 outcome indices, 'Sumber: Kementerian PANRB' (batang-2023:300-322)
    row = _row(df, "national", "outcome indices", "batang-2023")
    assert (row["n"], row["lines"]) == (22, "300-322")
    # the five criteria for choosing a theme (batang-2023:496-500)
    row = _row(df, "national", "criteria", "batang-2023")
    assert (row["n"], row["lines"]) == (5, "496-500")
    # Blora reproduces the eight areas (blora-2020:368-378) and prints no theme menu
    assert _row(df, "national", "areas of change", "blora-2020")["n"] == 8
    assert _row(df, "national", "Tematik themes", "blora-2020")["n"] == 0


def test_regency_counts_come_from_the_regency_tables():
    df = compare.national_and_local()
    lines = rbdata.load_budget_lines("batang-2023")
    assert _row(df, "regency", "budget lines", "batang-2023")["n"] == lines["repeat_of"].isna().sum()
    assert _row(df, "regency", "budget lines", "blora-2020")["n"] == 0  # Blora prints no budgets
    targets = rbdata.load_targets("blora-2020")
    assert _row(df, "regency", "indicator concepts", "blora-2020")["n"] == targets["concept_id"].nunique()
    assert _row(df, "regency", "theme scores", "batang-2023")["tables"] == "Tabel 4.1"


def test_national_rows_come_first_and_every_frame_kind_is_there():
    df = compare.national_and_local()
    assert list(df["authority"].drop_duplicates()) == ["national", "regency"]
    national = df[df["authority"] == "national"]
    assert set(national["kind"]) == set(rbdata.load_national_frame()["kind"].astype(str))
    assert national["n"].sum() == len(rbdata.load_national_frame())
