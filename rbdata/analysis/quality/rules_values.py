"""Rules on indicator values: copies that disagree, targets against the good
direction, values an order of magnitude off.

Planning documents repeat one indicator in several tables (Batang's chapter
II tables, Tabel 4.2, the Bab V outputs and the 2023 action plans; Blora's
section B and, row for row, section C). The copies are matched by
:func:`~rbdata.analysis.quality.wording.indicator_key` and unit class within
one document; where they disagree, an ordinary difference is a conflict
(:func:`conflicting_targets`) and a tenfold one a slip of scale
(:func:`magnitude`).
"""

from __future__ import annotations

import math
import re

from rbdata.analysis.quality.framework import (
    as_float,
    as_printed,
    finding,
    group_by,
    line_ref,
    ratio,
    records,
    same_number,
)
from rbdata.analysis.quality.wording import action_key, indicator_key, unit_class
from rbdata.loaders import derived_cache, load_action_targets, load_actions, load_targets

__all__ = [
    "GROWTH_CEILING_PCT",
    "MAGNITUDE_RATIO",
    "against_direction",
    "conflicting_targets",
    "implausible_growth",
    "magnitude",
]

#: Two non-zero values of one quantity this many times apart are an order of
#: magnitude apart (a lost decimal comma or an extra digit: 6,6 vs 66,
#: 1001 vs 100). Below it a difference is an ordinary disagreement.
MAGNITUDE_RATIO = 8.0


# --------------------------------------------------------------------------
# copies of one indicator
# --------------------------------------------------------------------------


@derived_cache
def _indicator_rows(doc_id: str) -> tuple[dict, ...]:
    """Target rows with a comparable value (as dicts, in line order), with
    their indicator key, unit class and printed value. Cached until
    ``rbdata.clear_cache()``; the dicts are shared, do not modify them."""
    t = load_targets(doc_id)
    t = t[t["value"].notna() | t["value_label"].notna()]
    t = t.sort_values(["source_line", "period", "kind"], kind="stable")
    rows = records(t)
    for r in rows:
        r["value"] = as_float(r["value"])
        r["key"] = indicator_key(r["indicator"], doc_id)
        r["uclass"] = unit_class(r["unit"])
        r["printed"] = as_printed(r["value_text"])
    return tuple(rows)


def _clusters(rows: list[dict]):
    """Rows of one indicator split by unit class; rows without a unit join
    every class (the table prints none, so nothing tells them apart)."""
    for g in group_by(rows, lambda r: r["key"]).values():
        classes = [c for c in dict.fromkeys(r["uclass"] for r in g) if c is not None]
        if not classes:
            yield g
            continue
        for c in classes:
            yield [r for r in g if r["uclass"] in (None, c)]


def _value_groups(cell: list[dict]) -> list[list[dict]]:
    """Rows of one (indicator, period, kind) grouped by equal value.

    Numbers compare as numbers ('85%' = '85', 'Level 3' = '3'); cells with
    a grade only ('WTP', 'B') compare by grade. A number and a grade are not
    comparable, so the larger of the two sets decides.
    """
    num = [r for r in cell if not math.isnan(r["value"])]
    lab = [r for r in cell if math.isnan(r["value"])]
    groups: list[list[dict]] = []
    if len(num) >= len(lab):
        for r in num:
            for g in groups:
                if same_number(g[0]["value"], r["value"]):
                    g.append(r)
                    break
            else:
                groups.append([r])
    else:
        for r in lab:
            for g in groups:
                if str(g[0]["value_label"]).casefold() == str(r["value_label"]).casefold():
                    g.append(r)
                    break
            else:
                groups.append([r])
    return groups


def _group_text(group: list[dict]) -> str:
    """'68,50 (Tabel 2.3 l.357, Tabel 2.4 l.377)'; printings of one value
    that differ ('Level 3', '3') are joined with ' / '."""
    parts: dict[str, list[str]] = {}
    for r in group:
        parts.setdefault(r["printed"], []).append(line_ref(r["table_id"], r["source_line"]))
    return " / ".join(f"{p} ({', '.join(refs)})" for p, refs in parts.items())


def _is_magnitude(groups: list[list[dict]]) -> bool:
    vals = [g[0]["value"] for g in groups if not math.isnan(g[0]["value"])]
    if len(vals) < 2 or any(v == 0 for v in vals):
        return False
    return ratio(max(vals), min(vals)) >= MAGNITUDE_RATIO


_KIND_ORDER = {"baseline": 0, "target": 1}


@derived_cache
def _disagreements(doc_id: str) -> tuple:
    """(cluster rows, [(period, kind, value groups, magnitude?)]) for every
    indicator whose copies disagree somewhere. Cached until
    ``rbdata.clear_cache()``."""
    out = []
    for cl in _clusters(_indicator_rows(doc_id)):
        if len({r["target_id"] for r in cl}) < 2:
            continue
        bad = []
        cells = group_by(cl, lambda r: (r["period"], _KIND_ORDER[r["kind"]]))
        for period, k in sorted(cells):
            cell = cells[(period, k)]
            if len({r["target_id"] for r in cell}) < 2:
                continue
            groups = _value_groups(cell)
            if len(groups) > 1:
                bad.append((period, cell[0]["kind"], groups, _is_magnitude(groups)))
        if bad:
            out.append((cl, bad))
    return tuple(out)


def _names(cl: list[dict]) -> tuple[str, str]:
    """First wording of an indicator and its other wordings, as printed."""
    names = list(
        dict.fromkeys(as_printed(r["indicator"]) for r in sorted(cl, key=lambda r: r["source_line"]))
    )
    others = names[1:]
    aka = f" (also printed {', '.join(repr(n) for n in others)})" if others else ""
    return names[0], aka


def _period_text(period, kind, groups) -> str:
    return f"{period} {kind}: " + " | ".join(_group_text(g) for g in groups)


def _units_differ(rows: list[dict]) -> list[str]:
    units = list(dict.fromkeys(as_printed(r["unit"]) for r in rows if as_printed(r["unit"])))
    return units if len(units) > 1 else []


# --------------------------------------------------------------------------
# conflicting_targets: one indicator, one period, several values
# --------------------------------------------------------------------------


def conflicting_targets(doc_id: str) -> list[dict]:
    """The same indicator with different printed values for the same period.

    Copies are matched by :func:`indicator_key` and unit class within one
    document, across every table (Batang Tabel 2.2-2.4, 4.2, Bab V and the
    2023 action plans; Blora section B and C). Disagreements of about ten
    times or more are left to :func:`magnitude`.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    out = []
    for cl, bad in _disagreements(doc_id):
        bad = [b for b in bad if not b[3]]
        if not bad:
            continue
        name, aka = _names(cl)
        rows = [r for _, _, gs, _ in bad for g in gs for r in g]
        units = _units_differ(rows)
        parts = []
        for period, kind, groups, _ in bad:
            says = " vs ".join(
                f"{g[0]['printed']} in " + ", ".join(line_ref(r["table_id"], r["source_line"]) for r in g)
                for g in groups
            )
            parts.append(f"{period} {kind} {says}")
        if units:
            severity = "warning"
            advice = (
                f"The copies print different units ({', '.join(repr(u) for u in units)}): they may express one "
                "target on two scales, but the document does not say how they relate. Cite each value with its "
                "unit and table, not as one agreed target."
            )
        else:
            severity = "error"
            advice = (
                "These cannot all be the document's target. Whoever cites one should name the table it comes "
                "from and mention the other figure (or quote the range)."
            )
        msg = (
            f"'{name}'{aka} is printed with different values for the same year: "
            + "; ".join(parts)
            + ". "
            + advice
        )
        out.append(
            finding(
                severity,
                msg,
                name,
                "; ".join(_period_text(p, k, gs) for p, k, gs, _ in bad),
                [r["source_line"] for r in rows],
                [r["table_id"] for r in sorted(rows, key=lambda r: r["source_line"])],
            )
        )
    return out


# --------------------------------------------------------------------------
# against_direction: targets that move the wrong way
# --------------------------------------------------------------------------


def _row_series(doc_id: str):
    """Yield the numeric values of every indicator row, in time order."""
    rows = [r for r in _indicator_rows(doc_id) if not math.isnan(r["value"])]
    for g in group_by(rows, lambda r: r["target_id"]).values():
        g = sorted(g, key=lambda r: (r["period"], _KIND_ORDER[r["kind"]]))
        if len(g) >= 2:
            yield g


def _label(r: dict) -> str:
    return f"{r['printed']} ({r['period']} {r['kind']})"


def _other_copies(doc_id: str) -> dict[tuple, list[str]]:
    """(target_id, period, kind) -> other printed values of the same indicator
    and period elsewhere in the document that differ from this row's."""
    out: dict[tuple, list[str]] = {}
    for _, bad in _disagreements(doc_id):
        for period, kind, groups, _ in bad:
            for g in groups:
                others = [_group_text(h) for h in groups if h is not g]
                for r in g:
                    out[(r["target_id"], period, kind)] = others
    return out


def against_direction(doc_id: str) -> list[dict]:
    """A row whose next value is worse than the one before it (a target below
    its own baseline, or a later target below an earlier one), judged by the
    indicator's ``direction``. Steps of about ten times are left to
    :func:`magnitude`.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    others = _other_copies(doc_id)
    out = []
    for rows in _row_series(doc_id):
        steps = []
        for a, b in zip(rows, rows[1:]):
            if same_number(a["value"], b["value"]) or ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO:
                continue
            worse = b["value"] < a["value"] if a["direction"] == "higher" else b["value"] > a["value"]
            if worse:
                steps.append((a, b))
        if not steps:
            continue
        first = rows[0]
        name = as_printed(first["indicator"])
        better = "higher" if first["direction"] == "higher" else "lower"
        said = []
        for a, b in steps:
            if a["kind"] == "baseline":
                what = "worse than its own baseline"
            else:
                what = "worse than the year before"
            s = f"{_label(b)} is {what}, {_label(a)}"
            extra = others.get((b["target_id"], b["period"], b["kind"]))
            if extra:
                s += f"; elsewhere the document prints {' | '.join(extra)} for {b['period']}"
            said.append(s)
        msg = (
            f"'{name}' ({first['table_id']} line {first['source_line']}) is better when {better}, yet "
            + "; and ".join(said)
            + ". Either a figure is mistyped or the plan expects the indicator to get worse; "
            "do not present this row as an improvement target without checking the other tables."
        )
        values = " → ".join(_label(r) for r in rows)
        out.append(finding("warning", msg, name, values, [first["source_line"]], [first["table_id"]]))
    return out


# --------------------------------------------------------------------------
# magnitude: an order of magnitude off
# --------------------------------------------------------------------------


def _magnitude_rows(doc_id: str) -> list[dict]:
    out = []
    for rows in _row_series(doc_id):
        jumps = [(a, b) for a, b in zip(rows, rows[1:]) if ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO]
        if not jumps:
            continue
        first = rows[0]
        name = as_printed(first["indicator"])
        said = "; ".join(
            f"{_label(a)} and {_label(b)} differ about {ratio(a['value'], b['value']):.0f} times"
            for a, b in jumps
        )
        msg = (
            f"In '{name}' ({first['table_id']} line {first['source_line']}) {said}. Neighbouring values of one "
            "indicator rarely differ tenfold; one of the cells is probably on another scale (a base of 100, a "
            "count instead of a rate) or mistyped (a lost decimal comma, an extra digit). Do not compute growth "
            "between these cells, and cite them only with this caveat."
        )
        values = " → ".join(_label(r) for r in rows)
        out.append(finding("warning", msg, name, values, [first["source_line"]], [first["table_id"]]))
    return out


def _magnitude_twins(doc_id: str) -> list[dict]:
    out = []
    for cl, bad in _disagreements(doc_id):
        bad = [b for b in bad if b[3]]
        if not bad:
            continue
        name, aka = _names(cl)
        rows = [r for _, _, gs, _ in bad for g in gs for r in g]
        said = "; ".join(
            f"{period} {kind} "
            + " vs ".join(
                f"{g[0]['printed']} in " + ", ".join(line_ref(r["table_id"], r["source_line"]) for r in g)
                for g in groups
            )
            for period, kind, groups, _ in bad
        )
        msg = (
            f"'{name}'{aka} is printed about ten times larger in one table than in another: {said}. "
            "The same quantity cannot be both; most likely a decimal comma was lost or added. "
            "Check the unit before citing either figure, and name the table you cite."
        )
        out.append(
            finding(
                "error",
                msg,
                name,
                "; ".join(_period_text(p, k, gs) for p, k, gs, _ in bad),
                [r["source_line"] for r in rows],
                [r["table_id"] for r in sorted(rows, key=lambda r: r["source_line"])],
            )
        )
    return out


def _magnitude_actions(doc_id: str) -> list[dict]:
    """Annual action targets (Blora 2020, 2021) about ten times apart; an
    action repeated with the same figures is one finding."""
    acts = load_actions(doc_id).set_index("action_id")
    at = load_action_targets(doc_id)
    at = at[at["period"].str.fullmatch(r"\d{4}") & at["value"].notna()]
    # plain records grouped once: per-group pandas calls cost more than the check
    by_action: dict[str, list[dict]] = {}
    for rec in at.sort_values(["period"], kind="stable").to_dict("records"):
        by_action.setdefault(rec["action_id"], []).append(rec)
    found: dict[tuple, dict] = {}
    for aid, vals in by_action.items():
        jumps = [(a, b) for a, b in zip(vals, vals[1:]) if ratio(a["value"], b["value"]) >= MAGNITUDE_RATIO]
        if not jumps:
            continue
        act = acts.loc[aid]
        key = (
            action_key(act["action"]),
            as_printed(act["output_unit"]),
            tuple((v["period"], v["value"]) for v in vals),
        )
        entry = found.setdefault(key, {"act": act, "vals": vals, "jumps": jumps, "lines": [], "tables": []})
        entry["lines"].append(int(act["source_line"]))
        entry["tables"].append(act["table_id"])
    out = []
    for e in sorted(found.values(), key=lambda e: min(e["lines"])):
        name = as_printed(e["act"]["action"])
        unit = as_printed(e["act"]["output_unit"])
        said = "; ".join(
            f"{as_printed(a['value_text'])} ({a['period']}) vs {as_printed(b['value_text'])} ({b['period']}), "
            f"about {ratio(a['value'], b['value']):.0f} times"
            for a, b in e["jumps"]
        )
        where = ", ".join(line_ref(t, n) for t, n in zip(e["tables"], e["lines"]))
        msg = (
            f"The action '{name}' (unit '{unit}'; {where}) has targets {said}. A tenfold change between two "
            "years of one activity is most likely a typing slip (an extra digit); cite the figure with "
            "this caveat."
        )
        values = ", ".join(f"{v['period']}: {as_printed(v['value_text'])}" for v in e["vals"]) + f" ({where})"
        out.append(finding("warning", msg, name, values, e["lines"], e["tables"]))
    return out


def magnitude(doc_id: str) -> list[dict]:
    """A value about ten times (>= MAGNITUDE_RATIO) its neighbour year in the
    same row, or its twin in another table, or an annual action target ten
    times the other year's.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per finding with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and
        ``table_ids``; :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    return _magnitude_twins(doc_id) + _magnitude_rows(doc_id) + _magnitude_actions(doc_id)


# --------------------------------------------------------------------------
# implausible growth: a 'growth rate' no regional economy grows at
# --------------------------------------------------------------------------

#: An annual growth rate of a regional economy (PDRB, economic growth) above
#: this many percent is taken as not a growth rate as printed: regional
#: economies grow at a few percent a year, and a series so named and this
#: high is more likely a share or a level mislabelled.
GROWTH_CEILING_PCT = 15.0

_ECONOMY_GROWTH = re.compile(r"\b(laju\s+)?pertumbuhan\s+(pdrb|ekonomi)\b", re.I)


def implausible_growth(doc_id: str) -> list[dict]:
    """An indicator named as growth of the regional economy ('Laju Pertumbuhan
    PDRB', 'Pertumbuhan Ekonomi') with a value above :data:`GROWTH_CEILING_PCT`,
    set beside the document's own growth figures at or below it.

    Parameters
    ----------
    doc_id : {'blora-2020', 'batang-2023'}
        Document to check.

    Returns
    -------
    list of dict
        One dict per indicator row with keys ``severity``, ``message``,
        ``indicator``, ``values``, ``lines`` (list of int) and ``table_ids``;
        :func:`rbdata.quality.check` numbers them and makes them rows.
    """
    rows = [
        r
        for r in _indicator_rows(doc_id)
        if _ECONOMY_GROWTH.search(r["indicator"]) and not math.isnan(r["value"])
    ]
    plausible = [r for r in rows if r["value"] <= GROWTH_CEILING_PCT]
    beside = "; ".join(
        f"'{as_printed(r['indicator'])}' {_label(r)}, {r['table_id']} line {r['source_line']}"
        for r in plausible
    )
    out = []
    for g in group_by(
        [r for r in rows if r["value"] > GROWTH_CEILING_PCT], lambda r: r["target_id"]
    ).values():
        first = g[0]
        name = as_printed(first["indicator"])
        values = " → ".join(_label(r) for r in g)
        msg = (
            f"'{name}' ({first['table_id']} line {first['source_line']}) is printed as {values}: "
            f"an annual growth above {GROWTH_CEILING_PCT:g} % is far outside the few percent a year regional "
            "economies grow at, so the series is probably not the growth rate of the economy its name says"
            + (f"; the same document prints {beside}" if beside else "")
            + ". Do not present it as economic growth without finding out what it measures."
        )
        lines = [first["source_line"]] + [r["source_line"] for r in plausible]
        tables = [first["table_id"]] + [r["table_id"] for r in plausible]
        out.append(finding("warning", msg, name, values, lines, tables))
    return out
