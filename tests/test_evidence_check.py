"""Theme scores of Tabel 4.1 against the table's own evidence (rbdata.analysis.scoring.evidence)."""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata.analysis.scoring.evidence import BATANG_MEASURES, evidence_check

SEVERITY = "Keparahan Masalah"
ACCELERATION = "Percepatan Kinerja"
POTENTIAL = "Potensi yang dimiliki"


def _scores(themes: list[tuple[str, float, float, dict[str, int]]]) -> pd.DataFrame:
    """Hand-made rows shaped like load_theme_scores: (theme, existing, target, {criterion: score})."""
    rows = []
    for no, (theme, existing, target, scores) in enumerate(themes, start=1):
        for criterion, score in scores.items():
            rows.append(
                {
                    "doc_id": "toy",
                    "source_line": 100 + no,
                    "theme_no": no,
                    "theme": theme,
                    "criterion": criterion,
                    "criterion_en": criterion,
                    "score": score,
                    "existing_text": str(existing),
                    "existing_value": existing,
                    "target_text": str(target),
                    "target_value": target,
                }
            )
    return pd.DataFrame(rows)


def _verdicts(result: pd.DataFrame, criterion: str) -> dict[str, str]:
    part = result[result["criterion"] == criterion]
    return dict(zip(part["theme"], part["verdict"]))


def test_severity_agrees_when_the_worse_condition_scores_higher() -> None:
    # lower is better: A (rate 10) is worse off than B (rate 5) and scores higher
    toy = _scores([("A", 10.0, 9.0, {SEVERITY: 8}), ("B", 5.0, 4.0, {SEVERITY: 6})])
    shared = {"A": ("rate", "lower"), "B": ("rate", "lower")}
    result = evidence_check("toy", toy, shared)
    assert _verdicts(result, SEVERITY) == {"A": "agreement", "B": "agreement"}
    assert result["n_comparable"].tolist() == [1, 1]


def test_severity_orientation_follows_the_direction_of_the_measure() -> None:
    # same numbers, but higher is better: A (10) is now the better-off theme and still scores higher
    toy = _scores([("A", 10.0, 9.0, {SEVERITY: 8}), ("B", 5.0, 4.0, {SEVERITY: 6})])
    shared = {"A": ("index", "higher"), "B": ("index", "higher")}
    result = evidence_check("toy", toy, shared)
    assert _verdicts(result, SEVERITY) == {"A": "tension", "B": "tension"}
    assert result.set_index("theme")["reversed_with"].to_dict() == {"A": "B", "B": "A"}


def test_acceleration_is_the_planned_improvement() -> None:
    # higher is better: A plans +1 (2 -> 3), B plans +3 (1 -> 4); A scores higher: reversed
    toy = _scores([("A", 2.0, 3.0, {ACCELERATION: 9}), ("B", 1.0, 4.0, {ACCELERATION: 5})])
    shared = {"A": ("index", "higher"), "B": ("index", "higher")}
    result = evidence_check("toy", toy, shared)
    assert result["evidence_value"].tolist() == pytest.approx([1.0, 3.0])
    assert _verdicts(result, ACCELERATION) == {"A": "tension", "B": "tension"}
    # lower is better: the same cells are a worsening of 1 and of 3; A worsens less and scores higher
    lower = evidence_check("toy", toy, {"A": ("rate", "lower"), "B": ("rate", "lower")})
    assert lower["evidence_value"].tolist() == pytest.approx([-1.0, -3.0])
    assert _verdicts(lower, ACCELERATION) == {"A": "agreement", "B": "agreement"}


def test_ties_are_not_reversals() -> None:
    # equal scores with different evidence, and equal evidence with different scores
    toy = _scores(
        [
            ("A", 10.0, 9.0, {SEVERITY: 7}),
            ("B", 5.0, 4.0, {SEVERITY: 7}),
            ("C", 5.0, 4.0, {SEVERITY: 3}),
        ]
    )
    shared = {t: ("rate", "lower") for t in "ABC"}
    result = evidence_check("toy", toy, shared)
    assert _verdicts(result, SEVERITY) == {"A": "agreement", "B": "agreement", "C": "agreement"}
    assert result["reversed_with"].isna().all()


def test_values_of_different_measures_are_never_compared() -> None:
    # the same numbers as the tension case above, but on two different measures
    toy = _scores([("A", 10.0, 9.0, {SEVERITY: 8}), ("B", 5.0, 4.0, {SEVERITY: 6})])
    result = evidence_check("toy", toy, {"A": ("index", "higher"), "B": ("other index", "higher")})
    assert _verdicts(result, SEVERITY) == {"A": "no evidence", "B": "no evidence"}
    assert result["n_comparable"].tolist() == [0, 0]
    # a theme without a declared measure compares with nothing
    unnamed = evidence_check("toy", toy, {"A": ("index", "higher")})
    assert _verdicts(unnamed, SEVERITY) == {"A": "no evidence", "B": "no evidence"}


def test_criteria_without_printed_evidence_get_no_verdict() -> None:
    toy = _scores([("A", 10.0, 9.0, {POTENTIAL: 9}), ("B", 5.0, 4.0, {POTENTIAL: 1})])
    result = evidence_check("toy", toy, {"A": ("rate", "lower"), "B": ("rate", "lower")})
    assert _verdicts(result, POTENTIAL) == {"A": "no evidence", "B": "no evidence"}
    assert set(result["evidence"]) == {"none printed in the table"}


def test_a_missing_value_is_no_evidence() -> None:
    # Batang's investment row prints '-' as its existing condition (batang-2023 line 506)
    toy = _scores([("A", float("nan"), 75.0, {SEVERITY: 9}), ("B", 5.0, 4.0, {SEVERITY: 6})])
    result = evidence_check("toy", toy, {"A": ("pct", "higher"), "B": ("pct", "higher")})
    assert _verdicts(result, SEVERITY) == {"A": "no evidence", "B": "no evidence"}


def test_batang_measures_are_the_ones_tabel_4_2_names() -> None:
    # 'Persentase Penduduk Miskin\t8,56\t8,34\t8,90' and 'Persentase Peningkatan Investasi ...\t-\t66\t75'
    assert "Persentase Penduduk Miskin\t8,56\t8,34" in rbdata.raw_line("batang-2023", 520)
    assert "Persentase Peningkatan Investasi" in rbdata.raw_line("batang-2023", 521)
    assert rbdata.raw_line("batang-2023", 521).endswith("\t-\t66\t75")
    assert BATANG_MEASURES["Kemiskinan"] == ("Persentase Penduduk Miskin (%)", "lower")
    assert BATANG_MEASURES["Investasi"] == ("Persentase Peningkatan Investasi (%)", "higher")


def test_batang_prints_no_evidence_comparable_across_themes() -> None:
    result = evidence_check()
    assert len(result) == 25  # 5 themes x 5 criteria, lines 505-509
    assert result["verdict"].eq("no evidence").all()
    by_cell = result.set_index(["theme", "criterion"])
    # line 505: '1\tKemiskinan\t8,56\t8,34\t10\t8\t9\t9\t8\t44'
    assert rbdata.raw_line("batang-2023", 505).startswith("1\tKemiskinan\t8,56\t8,34\t10\t8\t9\t9\t8")
    assert by_cell.loc[("Kemiskinan", SEVERITY), "evidence"] == "Kondisi Eksisting 8,56"
    assert by_cell.loc[("Kemiskinan", SEVERITY), "score"] == 8
    assert by_cell.loc[("Kemiskinan", ACCELERATION), "evidence_value"] == pytest.approx(8.56 - 8.34)
    # line 509: '5\tInflasi\t1,85\t\t7\t7\t9\t8\t8\t39' (no target printed)
    assert rbdata.raw_line("batang-2023", 509).startswith("5\tInflasi\t1,85\t\t7")
    assert by_cell.loc[("Inflasi", ACCELERATION), "evidence"] == "Kondisi Eksisting 1,85 -> Target (empty)"
    # line 507: '3\tDigitalisasi Pemerintahan\t2,85\t3,5\t...': no measure named, so no value
    assert pd.isna(by_cell.loc[("Digitalisasi Pemerintahan", SEVERITY), "measure"])
    assert result.dtypes["score"] == "int64" and result.dtypes["evidence_value"] == "float64"
