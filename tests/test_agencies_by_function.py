"""Agencies of both documents compared by function (compare.agencies_by_function)."""

from __future__ import annotations

from rbdata import compare


def test_bodies_with_different_names_meet_on_their_function():
    df = compare.agencies_by_function().set_index("function")
    # Blora's BPPKAD and Batang's BPKPAD: different names, both the finance agency
    assert df.at["finance", "blora_agencies"] == "BPPKAD"
    assert df.at["finance", "batang_agencies"] == "BPKPAD"
    assert df.at["finance", "in_both"]
    # Dinas Pendidikan (Blora) and Disdikbud (Batang): both education
    assert df.at["education", "blora_agencies"] == "Dinas Pendidikan"
    assert df.at["education", "batang_agencies"] == "Disdikbud"
    # Batang's planning agency has no counterpart named in Blora's plan
    assert df.at["planning", "batang_agencies"] == "Bapelitbang"
    assert not df.at["planning", "in_both"]


def test_no_agency_and_no_count_is_lost():
    load = compare.agency_load()
    df = compare.agencies_by_function()
    for doc, prefix in (("blora-2020", "blora"), ("batang-2023", "batang")):
        mine = load[load["doc_id"] == doc]
        assert df[f"{prefix}_indicators"].sum() == mine["n_indicators"].sum()
        assert df[f"{prefix}_actions"].sum() == mine["n_actions"].sum()
        named = {a for cell in df[f"{prefix}_agencies"].dropna() for a in cell.split("; ")}
        assert named == set(mine["agency"])
    assert df["function"].is_unique


def test_in_both_means_each_document_names_an_agency_of_the_function():
    df = compare.agencies_by_function()
    assert (df["in_both"] == (df["blora_agencies"].notna() & df["batang_agencies"].notna())).all()
    assert str(df["in_both"].dtype) == "bool"
    assert str(df["blora_actions"].dtype) == "int64"
