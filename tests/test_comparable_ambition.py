"""Ambition per concept: one line of values, start, end, points and gap share per year."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from rbdata.analysis.compare.ambition_per_year import comparable_ambition, comparable_ambition_from


@pytest.fixture(scope="module")
def both() -> pd.DataFrame:
    return comparable_ambition()


def _row(frame: pd.DataFrame, doc_id: str, concept_id: str) -> pd.Series:
    hit = frame[(frame["doc_id"] == doc_id) & (frame["concept_id"] == concept_id)]
    assert len(hit) == 1
    return hit.iloc[0]


def _targets(rows: list[tuple[str, int, str, str, float]], unit: str = "%") -> pd.DataFrame:
    """(table_id, source_line, kind, period, value) rows of one concept 'c' of document 'd'."""
    return pd.DataFrame(
        {
            "doc_id": "d",
            "concept_id": "c",
            "table_id": [r[0] for r in rows],
            "source_line": [r[1] for r in rows],
            "kind": [r[2] for r in rows],
            "period": [r[3] for r in rows],
            "value": [r[4] for r in rows],
            "unit": unit,
        }
    )


def _concepts(scale: str, direction: str = "higher", measure: str = "percentage") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "concept_id": ["c"],
            "name_en": ["x"],
            "measure": [measure],
            "scale": [scale],
            "direction": [direction],
        }
    )


_NO_FINDINGS = pd.DataFrame({"finding_id": [], "doc_id": [], "source_lines": []})


def test_one_row_per_document_and_concept(both: pd.DataFrame) -> None:
    assert not both.duplicated(["doc_id", "concept_id"]).any()
    assert (both["years"] >= 1).all()
    assert set(both["start_kind"]) <= {"baseline", "target"}


def test_batang_poverty_runs_from_the_baseline_and_closes_a_share_of_the_gap(both: pd.DataFrame) -> None:
    # batang-2023 l.348: '\t\tPersentase Penduduk Miskin\tPersentase Penduduk Miskin: 9,68\t8,34\t7,90\t'
    # (Tabel 2.2: baseline 2021, targets 2023 and 2024); lower is better, scale 0-100 %
    r = _row(both, "batang-2023", "poverty_rate")
    assert (r.table_id, r.source_line, r.start_kind) == ("Tabel 2.2", 348, "baseline")
    assert (r.start_period, r.start_value, r.end_period, r.end_value, r.years) == (
        "2021",
        9.68,
        "2024",
        7.9,
        3,
    )
    assert r.change_per_year == pytest.approx((9.68 - 7.90) / 3)
    assert r.better_bound == 0.0
    assert r.gap_share_per_year == pytest.approx((9.68 - 7.90) / 3 / 9.68)
    # Tabel 4.2 l.520 prints another baseline (8,56 for 2022) and 8,90 for 2024: a quality finding
    assert r.contested
    assert "batang-2023:conflicting_targets:1" in r.finding_ids.split(";")


def test_blora_has_no_baseline_so_its_rows_run_target_to_target(both: pd.DataFrame) -> None:
    blora = both[both["doc_id"] == "blora-2020"]
    assert len(blora) > 0
    assert (blora["start_kind"] == "target").all()
    # blora-2020 l.665: '22\tPersentase Gizi Buruk\t%\t0,1\t0,09' (lower is better, 0-100 %)
    r = _row(both, "blora-2020", "severe_malnutrition")
    assert (r.start_value, r.end_value, r.years) == (0.1, 0.09, 1)
    assert r.change_per_year == pytest.approx(0.01)
    assert r.gap_share_per_year == pytest.approx(0.1)


def test_unbounded_and_unstated_scales_have_no_gap_share(both: pd.DataFrame) -> None:
    # blora-2020 l.661: '18\tKasus Kematian Ibu\tKasus\t13\t12': a count, scale 'unbounded'
    r = _row(both, "blora-2020", "maternal_deaths")
    assert r.change_per_year == pytest.approx(1.0)
    assert math.isnan(r.better_bound) and math.isnan(r.gap_share_per_year)
    unbounded = both["scale"].str.startswith("not stated") | (both["scale"] == "unbounded")
    assert both.loc[unbounded, "gap_share_per_year"].isna().all()


def test_spip_maturity_is_contested_in_blora(both: pd.DataFrame) -> None:
    # blora-2020 l.574: '3\tNilai Maturitas SPIP\tNilai\t3,5\t3,8'; B.4 l.699 prints 'Level 3' for the same years
    r = _row(both, "blora-2020", "spip_maturity")
    assert (r.unit, r.source_line, r.start_value, r.end_value) == ("Nilai", 574, 3.5, 3.8)
    assert r.comparable_group == "level | 1-5"
    assert r.gap_share_per_year == pytest.approx(0.3 / 1.5)
    assert r.contested and r.finding_ids == "blora-2020:conflicting_targets:1"


def test_one_document_only() -> None:
    batang = comparable_ambition("batang-2023")
    assert set(batang["doc_id"]) == {"batang-2023"}
    assert (batang["start_kind"] == "baseline").any()


def test_the_line_with_most_periods_wins_and_the_first_printed_on_a_tie() -> None:
    t = _targets(
        [
            ("A", 10, "target", "2023", 50.0),
            ("A", 10, "target", "2024", 60.0),
            ("B", 20, "baseline", "2022", 40.0),
            ("B", 20, "target", "2023", 45.0),
            ("B", 20, "target", "2024", 70.0),
            ("C", 30, "baseline", "2022", 1.0),
            ("C", 30, "target", "2023", 2.0),
            ("C", 30, "target", "2024", 3.0),
        ]
    )
    r = comparable_ambition_from(t, _concepts("0-100 %"), _NO_FINDINGS).iloc[0]
    assert (r.table_id, r.source_line, r.n_periods) == ("B", 20, 3)
    assert (r.start_kind, r.start_value, r.end_value, r.years) == ("baseline", 40.0, 70.0, 2)
    assert r.change_per_year == pytest.approx(15.0)
    assert r.gap_share_per_year == pytest.approx(15.0 / 60.0)


def test_without_a_baseline_the_first_target_starts() -> None:
    t = _targets([("A", 10, "target", "2020", 2.0), ("A", 10, "target", "2021", 2.5)])
    r = comparable_ambition_from(t, _concepts("1-5", measure="index"), _NO_FINDINGS).iloc[0]
    assert (r.start_kind, r.start_period, r.years) == ("target", "2020", 1)
    assert r.better_bound == 5.0
    assert r.gap_share_per_year == pytest.approx(0.5 / 3.0)
    assert r.comparable_group == "index | 1-5"


def test_lower_is_better_measures_the_gap_to_the_lower_bound() -> None:
    t = _targets([("A", 10, "baseline", "2022", 20.0), ("A", 10, "target", "2024", 10.0)])
    r = comparable_ambition_from(t, _concepts("0-100 %", direction="lower"), _NO_FINDINGS).iloc[0]
    assert r.change_per_year == pytest.approx(5.0)
    assert r.better_bound == 0.0
    assert r.gap_share_per_year == pytest.approx(0.25)


@pytest.mark.parametrize(
    "scale", ["not stated (printed 45-55)", "unbounded", "% (may exceed 100)", "% a year"]
)
def test_no_bound_is_guessed(scale: str) -> None:
    t = _targets([("A", 10, "baseline", "2022", 20.0), ("A", 10, "target", "2024", 30.0)])
    r = comparable_ambition_from(t, _concepts(scale), _NO_FINDINGS).iloc[0]
    assert r.change_per_year == pytest.approx(5.0)
    assert math.isnan(r.better_bound) and math.isnan(r.gap_share_per_year)


def test_labels_quarters_and_lone_values_give_no_row() -> None:
    t = _targets(
        [
            ("A", 10, "target", "2023", float("nan")),
            ("A", 10, "target", "2024", 3.0),
            ("A", 10, "target", "2023Q1", 1.0),
        ]
    )
    assert comparable_ambition_from(t, _concepts("1-5"), _NO_FINDINGS).empty


def test_contested_when_a_finding_cites_any_line_of_the_concept() -> None:
    t = _targets(
        [
            ("A", 10, "baseline", "2022", 20.0),
            ("A", 10, "target", "2024", 30.0),
            ("B", 44, "target", "2024", 35.0),
        ]
    )
    findings = pd.DataFrame(
        {
            "finding_id": ["d:x:1", "d:x:2", "e:x:1"],
            "doc_id": ["d", "d", "e"],
            "source_lines": ["44;90", "91", "10"],
        }
    )
    r = comparable_ambition_from(t, _concepts("0-100 %"), findings).iloc[0]
    # the chosen line is 10, but line 44 of the same concept is cited; 'e' is another document
    assert r.source_line == 10
    assert r.contested and r.finding_ids == "d:x:1"
    quiet = comparable_ambition_from(t, _concepts("0-100 %"), findings.iloc[1:]).iloc[0]
    assert not quiet.contested and quiet.finding_ids == ""


def test_a_start_on_the_better_bound_has_no_gap_to_close() -> None:
    t = _targets([("A", 10, "baseline", "2022", 100.0), ("A", 10, "target", "2024", 100.0)])
    r = comparable_ambition_from(t, _concepts("0-100 %"), _NO_FINDINGS).iloc[0]
    assert r.change_per_year == 0.0
    assert math.isnan(r.gap_share_per_year)
