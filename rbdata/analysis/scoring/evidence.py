"""Do the theme scores of Tabel 4.1 agree with the evidence the table prints?

The theme menu and the five criteria of Tabel 4.1 are the national frame
(PermenPANRB 3/2023); the scores are Batang's own judgement. Next to the
scores the table prints one Kondisi Eksisting (existing condition) and one
Target per theme, and nothing else. Two criteria can be set against those
numbers: Keparahan Masalah (severity of the problem) against the existing
condition, and Percepatan Kinerja (acceleration of performance) against the
planned step from existing condition to target. The other three (fit with
the RPD, impact on welfare, potential) have no printed evidence in the table.

The numbers of different themes measure different things (a poverty rate,
an investment growth percentage, an index, ...) and Tabel 4.1 names none of
them, so they are compared only between themes whose values are declared to
be the same measure; everywhere else the verdict is 'no evidence', never a
comparison across scales.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from rbdata.loaders import load_theme_scores

__all__ = ["BATANG_MEASURES", "evidence_check"]

#: Measure and direction of the Tabel 4.1 numbers where the document names them: Tabel 4.2 prints
#: the same values under a named indicator (batang-2023 line 520: 'Persentase Penduduk Miskin
#: 8,56 8,34'; line 521: 'Persentase Peningkatan Investasi - 66 75'). The other three themes'
#: numbers are printed without a name or unit anywhere the table points to.
BATANG_MEASURES: dict[str, tuple[str, str]] = {
    "Kemiskinan": ("Persentase Penduduk Miskin (%)", "lower"),
    "Investasi": ("Persentase Peningkatan Investasi (%)", "higher"),
}

_SEVERITY = "Keparahan Masalah"
_ACCELERATION = "Percepatan Kinerja"


def _evidence_value(row: pd.Series, criterion: str, direction: str | None) -> float:
    """The evidence number of one theme for one criterion, oriented so that larger = higher score due."""
    if direction not in ("lower", "higher"):
        return float("nan")
    sign = 1.0 if direction == "higher" else -1.0
    existing, target = row["existing_value"], row["target_value"]
    if criterion == _SEVERITY:
        # a worse existing condition is a more severe problem
        return -sign * existing
    if criterion == _ACCELERATION:
        # the planned improvement, in the measure's own unit
        return sign * (target - existing)
    return float("nan")


def _cell(value: object) -> str:
    """A printed cell as text, '(empty)' where the cell is empty."""
    if value is None or pd.isna(value) or str(value).strip() == "":
        return "(empty)"
    return str(value)


def _evidence_text(row: pd.Series, criterion: str) -> str:
    """The printed cells that bear on ``criterion``."""
    if criterion == _SEVERITY:
        return f"Kondisi Eksisting {_cell(row['existing_text'])}"
    if criterion == _ACCELERATION:
        return f"Kondisi Eksisting {_cell(row['existing_text'])} -> Target {_cell(row['target_text'])}"
    return "none printed in the table"


def evidence_check(
    doc_id: str = "batang-2023",
    theme_scores: pd.DataFrame | None = None,
    measures: Mapping[str, tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Set each theme x criterion score of Tabel 4.1 against the evidence the table prints.

    Evidence per criterion (the only numbers Tabel 4.1 prints are one
    Kondisi Eksisting and one Target per theme):

    - Keparahan Masalah: the existing condition, oriented so that a worse
      condition (higher poverty rate, lower index) counts as more severe;
    - Percepatan Kinerja: the planned improvement, target minus existing
      condition, sign turned for measures where lower is better;
    - Kesesuaian Prioritas RPD, Dampak Terhadap Kesejahteraan Masyarakat,
      Potensi yang dimiliki: none; always 'no evidence'.

    Rule. Themes are compared only with themes whose numbers are the same
    measure (``measures``) and which have an evidence value. Two themes are
    *reversed* when one has strictly more evidence and a strictly lower
    score. A theme is in 'tension' on a criterion when it is reversed with at
    least one comparable theme, in 'agreement' when it has at least one
    comparable theme and no reversal (ties in score or in evidence are not
    reversals: a tie says nothing against the other's order), and 'no
    evidence' when the criterion has no printed evidence, the theme's measure
    is not named or its direction not known, a value is missing, or no other
    theme shares its measure. Scores of different criteria are never added.

    Parameters
    ----------
    doc_id : str, default 'batang-2023'
        Document (only Batang prints a theme-scoring table).
    theme_scores : pandas.DataFrame, optional
        Rows shaped like :func:`rbdata.load_theme_scores` (needs doc_id,
        source_line, theme_no, theme, criterion, criterion_en, score,
        existing_text, existing_value, target_text, target_value); default
        that loader's rows of ``doc_id``.
    measures : mapping of str to (str, str), optional
        theme -> (measure name, 'lower' or 'higher' is better). Themes absent
        are unnamed measures, each comparable with nothing. Default
        :data:`BATANG_MEASURES` (what the document itself names).

    Returns
    -------
    pandas.DataFrame
        One row per theme x criterion, in table order:

        - ``doc_id`` (string), ``source_line`` (int64): the table row;
        - ``theme_no`` (int64), ``theme`` (string), ``criterion``, ``criterion_en`` (string);
        - ``score`` (int64): Batang's score;
        - ``evidence`` (string): the printed cells the verdict rests on, or 'none printed in the table';
        - ``measure`` (string): the measure of the theme's numbers, <NA> where not named;
        - ``evidence_value`` (float64): oriented evidence (larger = a higher score due), NaN where none;
        - ``n_comparable`` (int64): other themes with the same measure and an evidence value;
        - ``reversed_with`` (string): '; '-joined themes reversed with this one, <NA> if none;
        - ``verdict`` (string): 'agreement', 'tension' or 'no evidence'.

    Examples
    --------
    >>> from rbdata.analysis.scoring.evidence import evidence_check
    >>> e = evidence_check()
    >>> e["verdict"].value_counts().to_dict()
    {'no evidence': 25}
    >>> e.loc[(e.theme == "Kemiskinan") & (e.criterion == "Percepatan Kinerja"), "evidence"].item()
    'Kondisi Eksisting 8,56 -> Target 8,34'
    """
    rows = load_theme_scores() if theme_scores is None else theme_scores
    rows = rows[rows["doc_id"].astype(str) == doc_id].reset_index(drop=True)
    declared = BATANG_MEASURES if measures is None else measures
    measure = rows["theme"].astype(str).map(lambda t: declared[t][0] if t in declared else None)
    direction = rows["theme"].astype(str).map(lambda t: declared[t][1] if t in declared else None)

    out = pd.DataFrame(
        {
            "doc_id": rows["doc_id"].astype("string"),
            "source_line": rows["source_line"].astype("int64"),
            "theme_no": rows["theme_no"].astype("int64"),
            "theme": rows["theme"].astype("string"),
            "criterion": rows["criterion"].astype("string"),
            "criterion_en": rows["criterion_en"].astype("string"),
            "score": rows["score"].astype("int64"),
            "evidence": pd.array(
                [_evidence_text(r, str(r["criterion"])) for _, r in rows.iterrows()], dtype="string"
            ),
            "measure": pd.array(measure.tolist(), dtype="string"),
            "evidence_value": pd.array(
                [_evidence_value(r, str(r["criterion"]), d) for (_, r), d in zip(rows.iterrows(), direction)],
                dtype="float64",
            ),
        }
    )

    n_comparable: list[int] = []
    reversed_with: list[object] = []
    verdict: list[str] = []
    for i, row in out.iterrows():
        if pd.isna(row["measure"]) or pd.isna(row["evidence_value"]):
            n_comparable.append(0)
            reversed_with.append(pd.NA)
            verdict.append("no evidence")
            continue
        peers = out[
            (out["criterion"] == row["criterion"])
            & (out["measure"] == row["measure"])
            & out["evidence_value"].notna()
            & (out.index != i)
        ]
        more_evidence_less_score = (peers["evidence_value"] > row["evidence_value"]) & (
            peers["score"] < row["score"]
        )
        less_evidence_more_score = (peers["evidence_value"] < row["evidence_value"]) & (
            peers["score"] > row["score"]
        )
        reversed_peers = peers.loc[more_evidence_less_score | less_evidence_more_score, "theme"]
        n_comparable.append(len(peers))
        reversed_with.append("; ".join(reversed_peers.astype(str)) if len(reversed_peers) else pd.NA)
        if len(peers) == 0:
            verdict.append("no evidence")
        else:
            verdict.append("tension" if len(reversed_peers) else "agreement")

    out["n_comparable"] = pd.array(n_comparable, dtype="int64")
    out["reversed_with"] = pd.array(reversed_with, dtype="string")
    out["verdict"] = pd.array(verdict, dtype="string")
    return out
