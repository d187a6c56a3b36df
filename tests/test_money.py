"""rbdata.compare.money(): budget totals from the budget lines, each line once,
central money apart. The totals were added up by hand in tests/test_budgets.py
from the raw Lampiran II-IV of batang-2023.txt."""

from __future__ import annotations

import pytest

import rbdata
from rbdata.analysis.compare import MONEY_CAVEAT, money


def test_track_totals_count_each_line_once_with_central_money_apart():
    m = money("track").set_index("track")
    assert m.loc["General", "amount_idr"] == 11_459_376_810
    assert m.loc["Tematik Investasi", "amount_idr"] == 2_376_950_000
    assert m.loc["Tematik Kemiskinan", "amount_idr"] == 281_732_440_505
    # PIP 813-815, BOS 818-819, Bantuan Pemerintah Pusat 840, APBN 842: all in the poverty plan
    assert m.loc["Tematik Kemiskinan", "central_idr"] == 169_692_296_645
    assert m.loc["Tematik Kemiskinan", "other_idr"] == 112_040_143_860
    assert m.loc["General", "central_idr"] == 0


def test_repeated_printings_are_left_out_and_reported():
    m = money("track")
    lines = rbdata.load_budget_lines("batang-2023")
    assert m["n_printed"].sum() == len(lines) == 81
    assert m["n_lines"].sum() == lines["repeat_of"].isna().sum() == 71
    # the 10 repeats (e.g. the BKD line 775 printed again on 776 and 778)
    assert m.attrs["repeats_left_out_idr"] == 16_637_364_420
    assert (
        m["amount_idr"].sum() + m.attrs["repeats_left_out_idr"]
        == rbdata.load_actions("batang-2023")["budget_idr"].sum()
    )


@pytest.mark.parametrize("by", ["track", "coordinator", "executor", "function"])
def test_every_grouping_adds_up_to_the_same_total(by):
    m = money(by)
    assert m["amount_idr"].sum() == 295_568_767_315
    assert m["central_idr"].sum() == 169_692_296_645
    assert abs(m["other_share_pct"].sum() - 100.0) < 1e-9
    assert m.attrs["caveat"] == MONEY_CAVEAT


def test_function_groups_by_the_executing_agency():
    m = money("function").set_index("function")
    # BKD executes the civil-service lines (e.g. 775, 3.244.613.010, counted once)
    assert m.loc["civil_service", "amount_idr"] >= 3_244_613_010
    # the PKH line 842 is executed by Dinsos (social affairs) and is central money
    assert m.loc["social_affairs", "central_idr"] >= 75_951_346_645


def test_blora_prints_no_budget():
    assert money(doc_id="blora-2020").empty


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="by must be one of track, coordinator, executor, function"):
        money("sub_activity")
