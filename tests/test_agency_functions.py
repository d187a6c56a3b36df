"""Agencies gain a function (reference/agency_functions.csv), so that the
bodies of two regencies are compared by what they do, not by name."""

from __future__ import annotations

import csv

import pytest

import rbdata
from rbdata.contract.schema import AGENCY_FUNCTIONS
from rbdata.reference import read_reference


def test_every_canonical_agency_has_exactly_one_function():
    agencies = [r["agency"] for r in read_reference("agencies")]
    functions = [r["agency"] for r in read_reference("agency_functions")]
    assert sorted(set(agencies)) == sorted(functions)
    assert len(functions) == len(set(functions))


def test_functions_are_in_the_vocabulary_and_every_value_is_used():
    used = {r["function"] for r in read_reference("agency_functions")}
    assert used <= set(AGENCY_FUNCTIONS)
    assert set(AGENCY_FUNCTIONS) <= used


def test_every_function_row_gives_its_basis():
    for r in read_reference("agency_functions"):
        assert len(r["basis"]) > 20, r["agency"]
        assert r["function_en"], r["agency"]


@pytest.mark.parametrize(
    "agency, function, level",
    [
        ("BPPKAD", "finance", "regional"),  # Blora's finance body
        ("BPKPAD", "finance", "regional"),  # Batang's: another body, the same job
        ("Bapelitbang", "planning", "regional"),
        ("Inspektorat", "inspectorate", "regional"),
        ("Diskominfo", "communication_it", "regional"),
        ("Kemensos", "social_affairs", "central"),  # the ministry coordinating PKH (line 842)
        ("RSUD", "health", "regional"),
    ],
)
def test_loaded_agencies_carry_function_and_level(agency, function, level):
    a = rbdata.load_agencies()
    rows = a[a["agency"] == agency]
    assert len(rows) > 0
    assert set(rows["function"].astype(str)) == {function}
    assert set(rows["government_level"].astype(str)) == {level}


def test_the_two_finance_bodies_stay_two_agencies_of_one_function():
    a = rbdata.load_agencies()
    finance = a[a["function"] == "finance"]
    by_agency = finance.groupby("agency", observed=True)["doc_ids"].agg(lambda s: ";".join(s.dropna()))
    assert "blora-2020" in by_agency["BPPKAD"] and "batang-2023" not in by_agency["BPPKAD"]
    assert "batang-2023" in by_agency["BPKPAD"] and "blora-2020" not in by_agency["BPKPAD"]


def test_the_reference_file_is_plain_csv_with_its_columns():
    from rbdata._paths import REFERENCE_DIR

    with open(REFERENCE_DIR / "agency_functions.csv", newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == ["agency", "function", "function_en", "government_level", "basis"]
