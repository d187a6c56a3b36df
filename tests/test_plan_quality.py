"""rbdata.compare.plan_quality(): the definitions on small hand-made frames,
then the two documents."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from rbdata.analysis.compare import plan_quality, plan_quality_of

NA = pd.NA


def _targets(rows):
    cols = [
        "concept_id",
        "kind",
        "value",
        "value_label",
        "unit",
        "agency",
        "objective",
        "table_id",
        "source_line",
    ]
    return pd.DataFrame(rows, columns=cols)


def _actions(rows):
    cols = [
        "action_id",
        "sub_row",
        "table_id",
        "parent_source_line",
        "output_indicator",
        "executor",
        "coordinator",
    ]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture()
def frames():
    targets = _targets(
        [
            # concept a: baseline + numeric target, one unit written two ways, agency, objective
            ("a", "baseline", 1.0, NA, "Persen", "BKD", "KU 1", "T", 10),
            ("a", "target", 2.0, NA, " persen ", NA, NA, "T", 10),
            ("a", "target", 3.0, NA, NA, NA, NA, "U", 20),  # the same concept printed in another table
            # concept b: a label target only, two different units, no agency, nothing above it
            ("b", "target", math.nan, "WTP", "Opini", NA, NA, "T", 11),
            ("b", "target", 5.0, NA, "Nilai", NA, NA, "T", 12),
            # concept c: a baseline printed as '-' (no value, no label), no unit
            ("c", "baseline", math.nan, NA, NA, NA, NA, "T", 13),
            ("c", "target", math.nan, NA, NA, "Dinkes", "Goal", "T", 13),
        ]
    )
    actions = _actions(
        [
            ("x", NA, "T", 10, "Jumlah dokumen", "BKD", NA),  # under concept a's row (T, 10)
            ("y", NA, "T", 11, NA, NA, NA),  # under b: nothing printed
            ("y-SD", "SD", "T", 11, "Siswa", NA, NA),  # a sub-row: not counted as an action
        ]
    )
    action_targets = pd.DataFrame(
        [
            ("x", "2023Q1", 1.0, NA),
            ("x", "2023", 4.0, NA),
            ("y", "2023Q2", math.nan, NA),  # an empty quarter is no timing and no target
        ],
        columns=["action_id", "period", "value", "value_label"],
    )
    action_budgets = pd.DataFrame({"action_id": ["x"]})
    return targets, actions, action_targets, action_budgets


def _by_criterion(q):
    return q.set_index("criterion")


def test_target_concepts_counted_once_however_many_tables_print_them(frames):
    q = _by_criterion(plan_quality_of(*frames))
    assert set(q.loc[q["unit"] == "target concept", "n_total"]) == {3}


@pytest.mark.parametrize(
    "criterion, n_with",
    [
        ("baseline", 1),  # a only: c's baseline cell prints neither value nor label
        ("numeric target", 2),  # a and b (b's second row is 5,0); c prints none
        ("coherent unit", 1),  # a ('Persen' = ' persen '); b prints two units; c none
        ("responsible agency", 2),  # a, c
        ("quarterly timing", 1),  # a: action x has 2023Q1 = 1; y's only quarter is empty
        ("linked upwards", 2),  # a, c
    ],
)
def test_target_concept_criteria(frames, criterion, n_with):
    row = _by_criterion(plan_quality_of(*frames)).loc[criterion]
    assert row["unit"] == "target concept"
    assert row["n_with"] == n_with


@pytest.mark.parametrize(
    "criterion, n_with",
    [("output indicator", 1), ("output target", 1), ("budget line", 1), ("owner", 1)],
)
def test_action_criteria_leave_sub_rows_out(frames, criterion, n_with):
    row = _by_criterion(plan_quality_of(*frames)).loc[criterion]
    assert row["unit"] == "action" and row["n_total"] == 2
    assert row["n_with"] == n_with
    assert row["share_pct"] == 50.0


def test_the_documents():
    q = plan_quality().set_index(["doc_id", "criterion"])
    # Blora prints no baseline column, no quarters and no budget column
    for criterion in ("baseline", "quarterly timing", "budget line"):
        assert q.loc[("blora-2020", criterion), "n_with"] == 0
    # Batang's targets: 41 concepts (see tests/test_concepts.py)
    assert q.loc[("batang-2023", "baseline"), "n_total"] == 41
    assert (
        0 < q.loc[("batang-2023", "budget line"), "n_with"] < q.loc[("batang-2023", "budget line"), "n_total"]
    )
    assert q["definition"].str.len().gt(20).all()
