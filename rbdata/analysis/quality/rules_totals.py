"""Rule on printed totals: a 2023 action Total that is empty although its
quarters have values, or is neither their sum nor one quarter's level; a
Tabel 4.1 theme total that is not the sum of its criterion scores."""

from __future__ import annotations

from rbdata.analysis.quality.framework import as_printed, finding, fmt_number, group_by, line_ref, records
from rbdata.loaders import load_action_targets, load_actions, load_theme_scores

__all__ = ["totals"]


def _quarter_totals(doc_id: str) -> list[dict]:
    at = load_action_targets(doc_id)
    if not at["period"].str.fullmatch(r"\d{4}Q[1-4]").any():
        return []
    acts = {r["action_id"]: r for r in records(load_actions(doc_id))}
    out = []
    for aid, g in group_by(records(at), lambda r: r["action_id"]).items():
        tot = [r for r in g if "Q" not in r["period"]]
        qs = sorted((r for r in g if "Q" in r["period"]), key=lambda r: r["period"])
        given = [r for r in qs if r["value"] is not None]
        if not tot or not given:
            continue
        t = tot[0]
        if t["total_kind"] is not None:
            continue
        act = acts[aid]
        name = as_printed(act["action"])
        unit = as_printed(act["output_unit"])
        qtext = ", ".join(f"{r['period'][-2:]} {as_printed(r['value_text'])}" for r in given)
        total_printed = as_printed(t["value_text"])
        qsum = float(sum(r["value"] for r in given))
        if not total_printed or total_printed == "-":
            severity = "warning"
            levels = list(dict.fromkeys(r["value"] for r in given))
            if len(levels) == 1:
                reading = (
                    f"Every quarter that has a value prints {fmt_number(levels[0])}, so the {t['period']} target is "
                    f"either that level held through the year or the sum {fmt_number(qsum)}; the document does not "
                    f"say which. Most likely it is a level (the same {unit or 'units'} counted in each quarter): "
                    f"cite {fmt_number(levels[0])}, say that the Total is blank, and do not add the quarters up."
                )
            else:
                reading = (
                    f"The quarters add up to {fmt_number(qsum)}; cite that sum only as a derived figure and say "
                    "that the Total is blank."
                )
            msg = f"The action '{name}' ({line_ref(act['table_id'], act['source_line'])}) has quarterly targets ({qtext}) but its Total column is empty. {reading}"
            values = f"{qtext}; Total: (empty)"
        else:
            severity = "error"
            msg = (
                f"The action '{name}' ({line_ref(act['table_id'], act['source_line'])}) prints Total {total_printed}, "
                f"which is neither the sum of its quarters ({qtext}; sum {fmt_number(qsum)}) nor one quarter's level. "
                "Either the Total or a quarter is wrong; cite the quarters and the Total separately."
            )
            values = f"{qtext}; Total: {total_printed}"
        out.append(finding(severity, msg, name, values, [act["source_line"]], [act["table_id"]]))
    return out


def _theme_totals(doc_id: str) -> list[dict]:
    s = load_theme_scores(doc_id)
    out = []
    for (line, theme), g in s.groupby(["source_line", "theme"], sort=True):
        printed = int(g["printed_total"].iloc[0])
        total = int(g["score"].sum())
        if printed == total:
            continue
        scores = " + ".join(str(int(x)) for x in g["score"])
        msg = (
            f"The theme '{theme}' ({g['table_id'].iloc[0]} line {line}) prints Nilai Total {printed}, but its "
            f"criterion scores add up to {total} ({scores}). The ranking of themes may rest on the wrong "
            "total; cite the scores and recompute the total."
        )
        out.append(
            finding(
                "error",
                msg,
                theme,
                f"{scores} = {total} | printed {printed}",
                [line],
                [g["table_id"].iloc[0]],
            )
        )
    return out


def totals(doc_id: str) -> list[dict]:
    """Printed totals that do not follow from their parts: 2023 action Totals
    that are empty although quarters have values, or are neither the sum nor
    a quarter's level; Tabel 4.1 theme totals that are not the sum of the
    criterion scores.

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
    return _quarter_totals(doc_id) + _theme_totals(doc_id)
