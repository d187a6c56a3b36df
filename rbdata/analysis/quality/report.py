"""The data-quality report: the rules in report order, :func:`check` (one
row per finding) and :func:`summary` (counts per rule and per table)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from rbdata.analysis.quality.framework import SEVERITIES, Rule
from rbdata.analysis.quality.rules_actions import duplicate_actions, numbering_gaps
from rbdata.analysis.quality.rules_text import misspelt_names, unit_mismatch
from rbdata.analysis.quality.rules_totals import totals
from rbdata.analysis.quality.rules_values import (
    against_direction,
    conflicting_targets,
    implausible_growth,
    magnitude,
)
from rbdata.contract import CONTRACT, DOC_IDS, conform
from rbdata.sources import check_doc_id

__all__ = [
    "RULES",
    "FINDINGS_TABLE",
    "Summary",
    "check",
    "summary",
    "rules_table",
    "findings_for_reading",
    "finding_at",
]

#: The rules of :func:`check`, in report order: name -> :class:`Rule`.
RULES: dict[str, Rule] = {
    r.name: r
    for r in (
        Rule(
            "conflicting_targets",
            "The same indicator printed with different values for the same year in one document.",
            conflicting_targets,
        ),
        Rule(
            "duplicate_actions",
            "The same action listed twice with different targets, or one budget line printed under several actions.",
            duplicate_actions,
        ),
        Rule(
            "against_direction",
            "A target moving against its indicator's good direction, or worse than its own baseline.",
            against_direction,
        ),
        Rule(
            "magnitude", "A value about ten times its neighbour year or its twin in another table.", magnitude
        ),
        Rule(
            "implausible_growth",
            "A growth rate of the regional economy printed far above what regional economies grow at.",
            implausible_growth,
        ),
        Rule(
            "totals",
            "A printed total that does not follow from its parts (empty, or neither sum nor level).",
            totals,
        ),
        Rule(
            "unit_mismatch",
            "A unit that contradicts the indicator ('Persentase' with a count unit, 'Jumlah' with '%').",
            unit_mismatch,
        ),
        Rule("misspelt_names", "Misspelt region or agency names.", misspelt_names),
        Rule(
            "numbering_gaps",
            "Lettered or numbered actions under one indicator that skip items.",
            numbering_gaps,
        ),
    )
}


#: Column contract of the findings table (declared in rbdata/contract/schema.py).
FINDINGS_TABLE = CONTRACT["quality_findings"]

_COLUMNS = [c.name for c in FINDINGS_TABLE.columns]


def rules_table() -> pd.DataFrame:
    """The rules of :func:`check` as a table.

    Returns
    -------
    pandas.DataFrame
        One row per rule, in report order: ``rule`` (string, the name to pass
        to ``check(rules=...)``) and ``description`` (string, one line).
    """
    return pd.DataFrame(
        {"rule": list(RULES), "description": [r.description for r in RULES.values()]}, dtype="string"
    )


def check(doc_id: str | None = None, rules: Iterable[str] | None = None) -> pd.DataFrame:
    """Run the data-quality rules and return one row per finding.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}, default None
        One document, or both. Findings always compare rows of one document
        with each other.
    rules : list of str, optional
        Names of :data:`RULES` to run (default: all, in report order).

    Returns
    -------
    pandas.DataFrame
        Ordered by document, rule (in :data:`RULES` order) and first line.
        Columns (plain dtypes only):

        - ``finding_id`` (string): ``'<doc_id>:<rule>:<n>'``, n counting from
          1 within document and rule; stable whichever rules or documents are
          selected.
        - ``doc_id`` (category): ``'blora-2020'`` or ``'batang-2023'``.
        - ``rule`` (category): rule that found it.
        - ``severity`` (category): ``'error'`` (two printed numbers cannot
          both be right), ``'warning'`` (probably wrong or misleading) or
          ``'info'``.
        - ``message`` (string): what is wrong, in plain words, Indonesian
          terms quoted as printed, and what a reader citing the value should
          do.
        - ``indicator`` (string): indicator, action or name concerned, as
          printed (first occurrence).
        - ``values`` (string): the conflicting values as printed, with table
          and line (``l.``) of each, e.g. ``'2024 target: 68,50 (Tabel 2.3
          l.357, Tabel 2.4 l.377) | 70,5 (Bab V SS1 l.655)'``; ``' | '``
          separates the copies compared, ``'; '`` periods.
        - ``source_lines`` (string): every line of ``data/raw/<doc_id>.txt``
          involved, ascending, ``';'``-joined.
        - ``table_ids`` (string): tables involved, in line order,
          ``';'``-joined; empty for running text.

    Raises
    ------
    ValueError
        For an unknown ``doc_id`` or rule name (the message lists the valid
        ones).

    Examples
    --------
    >>> f = check("batang-2023", rules=["totals"])
    >>> f["source_lines"].tolist()
    ['818', '819']
    """
    docs = DOC_IDS if doc_id is None else (check_doc_id(doc_id),)
    names = list(RULES) if rules is None else list(rules)
    unknown = [r for r in names if r not in RULES]
    if unknown:
        raise ValueError(f"unknown rule(s) {unknown}; valid rules are {', '.join(RULES)}")
    names = [r for r in RULES if r in names]
    records = []
    for d in docs:
        for name in names:
            found = sorted(RULES[name].func(d), key=lambda f: (f["lines"][0], f["lines"], f["message"]))
            for n, f in enumerate(found, 1):
                records.append(
                    {
                        "finding_id": f"{d}:{name}:{n}",
                        "doc_id": d,
                        "rule": name,
                        "severity": f["severity"],
                        "message": f["message"],
                        "indicator": f["indicator"],
                        "values": f["values"],
                        "source_lines": ";".join(map(str, f["lines"])),
                        "table_ids": f["table_ids"],
                    }
                )
    return conform(pd.DataFrame(records, columns=_COLUMNS), "quality_findings")


class Summary(NamedTuple):
    """What :func:`summary` returns."""

    #: doc_id x rule: columns ``doc_id``, ``rule``, ``error``, ``warning``,
    #: ``info``, ``total`` (int counts; every rule listed, zeros included).
    by_rule: pd.DataFrame
    #: doc_id x table: columns ``doc_id``, ``table_id`` (``'(running text)'``
    #: for findings on lines outside tables), ``error``, ``warning``,
    #: ``info``, ``total``; a finding touching three tables counts once in
    #: each. Sorted by total, descending.
    by_table: pd.DataFrame


def summary(findings: pd.DataFrame) -> Summary:
    """Count findings by document, rule and severity, and per table.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`check`.

    Returns
    -------
    Summary
        ``by_rule``: one row per document x rule (all rules, zeros
        included) with int columns ``error``, ``warning``, ``info`` and
        ``total``. ``by_table``: one row per document x table with the same
        count columns; a finding involving several tables counts once for
        each; findings on running text are counted under
        ``'(running text)'``. Sorted by ``total`` descending, then document
        and table.

    Examples
    --------
    >>> s = summary(check("batang-2023", rules=["totals"]))
    >>> s.by_rule.loc[s.by_rule["rule"] == "totals", ["warning", "total"]].values.tolist()
    [[2, 2]]
    """
    docs = [d for d in DOC_IDS if d in set(findings["doc_id"].astype(str))] or list(DOC_IDS)
    f = findings.assign(
        doc_id=findings["doc_id"].astype(str),
        rule=findings["rule"].astype(str),
        severity=findings["severity"].astype(str),
    )
    rows = []
    for d in docs:
        for r in RULES:
            sub = f[(f["doc_id"] == d) & (f["rule"] == r)]
            counts = {s: int((sub["severity"] == s).sum()) for s in SEVERITIES}
            rows.append({"doc_id": d, "rule": r, **counts, "total": int(len(sub))})
    by_rule = pd.DataFrame(rows, columns=["doc_id", "rule", *SEVERITIES, "total"])
    by_rule[["doc_id", "rule"]] = by_rule[["doc_id", "rule"]].astype("string")
    t = f.assign(
        table_id=[
            (x.split(";") if isinstance(x, str) and x else ["(running text)"])
            for x in f["table_ids"].fillna("")
        ]
    )
    t = t.explode("table_id")
    trows = []
    for (d, tab), sub in t.groupby(["doc_id", "table_id"], sort=True):
        counts = {s: int((sub["severity"] == s).sum()) for s in SEVERITIES}
        trows.append({"doc_id": d, "table_id": tab, **counts, "total": int(len(sub))})
    by_table = pd.DataFrame(trows, columns=["doc_id", "table_id", *SEVERITIES, "total"])
    order = {d: i for i, d in enumerate(DOC_IDS)}
    by_table = (
        by_table.assign(_d=by_table["doc_id"].map(order))
        .sort_values(["total", "_d", "table_id"], ascending=[False, True, True], kind="stable")
        .drop(columns="_d")
        .reset_index(drop=True)
    )
    by_table[["doc_id", "table_id"]] = by_table[["doc_id", "table_id"]].astype("string")
    for c in (*SEVERITIES, "total"):
        by_table[c] = by_table[c].astype("int64")
        by_rule[c] = by_rule[c].astype("int64")
    return Summary(by_rule, by_table)


def findings_for_reading(findings: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    """The findings of one document, with the columns a reader checks against the raw text.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`check`.
    doc_id : {'blora-2020', 'batang-2023'}
        Document whose findings to list.

    Returns
    -------
    pandas.DataFrame
        One row per finding of ``doc_id``, in the order of ``findings``. Columns
        (string, except ``severity``, category):

        - ``finding``: ``'<rule>:<n>'`` (``finding_id`` without the document);
        - ``severity``;
        - ``indicator, action or name``: as printed;
        - ``values as printed (l. = line)``: the copies compared, with table and line;
        - ``lines``: every line involved, ``', '``-joined;
        - ``tables``: the tables involved, ``', '``-joined, or ``'running text'``.

        The messages are left out; they are in ``findings['message']``.

    Examples
    --------
    >>> f = findings_for_reading(check("batang-2023", rules=["totals"]), "batang-2023")
    >>> f["finding"].tolist()
    ['totals:1', 'totals:2']
    """
    sub = findings[findings["doc_id"] == check_doc_id(doc_id)]
    tables = sub["table_ids"].fillna("").str.replace(";", ", ")
    out = pd.DataFrame(
        {
            "finding": sub["finding_id"].str.split(":", n=1).str[1],
            "severity": sub["severity"],
            "indicator, action or name": sub["indicator"],
            "values as printed (l. = line)": sub["values"],
            "lines": sub["source_lines"].str.replace(";", ", "),
            "tables": tables.where(tables != "", "running text"),
        }
    )
    return out.reset_index(drop=True)


def finding_at(findings: pd.DataFrame, rule: str, doc_id: str, line: int) -> pd.Series:
    """The one finding of ``rule`` in ``doc_id`` that involves line ``line``.

    Parameters
    ----------
    findings : pandas.DataFrame
        Output of :func:`check`.
    rule : str
        Name of a rule of :data:`RULES`.
    doc_id : {'blora-2020', 'batang-2023'}
    line : int
        A line of ``data/raw/<doc_id>.txt`` among the finding's ``source_lines``.

    Returns
    -------
    pandas.Series
        The finding's row of ``findings``.

    Raises
    ------
    LookupError
        If no finding, or more than one, of that rule and document involves the line.

    Examples
    --------
    >>> f = finding_at(check("batang-2023", rules=["conflicting_targets"]), "conflicting_targets", "batang-2023", 520)
    >>> f["indicator"]
    'Persentase Penduduk Miskin'
    """
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; valid rules are {', '.join(RULES)}")
    sub = findings[(findings["rule"] == rule) & (findings["doc_id"] == check_doc_id(doc_id))]
    hits = sub[[str(line) in lines.split(";") for lines in sub["source_lines"]]]
    if len(hits) != 1:
        ids = ", ".join(hits["finding_id"]) or "none"
        raise LookupError(
            f"{len(hits)} findings of {rule} in {doc_id} involve line {line} (one expected): {ids}"
        )
    return hits.iloc[0]
