"""Rules on wording: units that contradict what the indicator names, and
misspelt region and agency names."""

from __future__ import annotations

import re

import pandas as pd

from rbdata.analysis.quality.framework import (
    as_float,
    as_printed,
    finding,
    fmt_number,
    group_by,
    line_ref,
    records,
    same_number,
)
from rbdata.analysis.quality.wording import indicator_key, indicator_words, unit_class
from rbdata.loaders import (
    load_action_targets,
    load_actions,
    load_agencies,
    load_areas,
    load_documents,
    load_indicator_crosswalk,
    load_targets,
    load_teams,
    load_theme_scores,
    parse_report,
    raw_lines,
)
from rbdata.text.normalise import squash

__all__ = ["REGION_MIN_SIMILARITY", "unit_mismatch", "misspelt_names"]

#: Minimum rapidfuzz ``ratio`` of a word of the text to a word of the
#: document's own region name ('Bora' vs 'Blora' scores 89, 'Batag' vs
#: 'Batang' 91, 'Kapaten' vs 'Kabupaten' 88) for the word to count as a
#: misspelling of it. 'Barang' vs 'Batang' scores 83 and is not one.
REGION_MIN_SIMILARITY = 85.0


# --------------------------------------------------------------------------
# unit_mismatch: units that contradict the indicator
# --------------------------------------------------------------------------


def _starts(text, word: str) -> bool:
    """Whether the wording of ``text``, as one key, starts with ``word``."""
    return "".join(indicator_words(text or "")).startswith(word)


def _unit_problem(indicator, unit) -> str | None:
    """'percent-count' for a 'Persentase ...' indicator with a count unit,
    'count-percent' for a 'Jumlah ...' indicator with unit '%' / 'Persen(tase)'."""
    uc = unit_class(unit)
    if uc is None:
        return None
    if _starts(indicator, "persentase") and uc not in ("%", "score", "rasio"):
        return "percent-count"
    if _starts(indicator, "jumlah") and uc == "%":
        return "count-percent"
    return None


def _unit_message(kind, name, unit, where, vals: list[tuple], total=None) -> tuple[str, str]:
    """(severity, message) for a unit mismatch."""
    printed = ", ".join(p for _, p in vals)
    numbers = [v for v, _ in vals if not pd.isna(v)]
    if kind == "percent-count":
        if all("%" in p for _, p in vals):
            return "info", (
                f"'{name}' ({where}) is a percentage and its values are printed with '%' ({printed}), but the "
                f"unit column says '{unit}'. The values are percentages and the unit column is wrong: cite them as "
                "percentages of the indicator's base, not as numbers of " + f"'{unit}'."
            )
        over = [v for v in numbers if v > 100]
        note = (
            f" {fmt_number(over[0])} cannot be a percentage, so the value is most likely the number of {unit.lower()}, "
            "not the share the indicator names."
            if over
            else ""
        )
        return "warning", (
            f"'{name}' ({where}) names a percentage, but its unit is '{unit}' and its values are {printed}.{note} "
            "Do not cite the figure as a percentage; cite it with the printed unit and this caveat."
        )
    shares = ""
    if (
        total is not None
        and len(numbers) >= 2
        and same_number(sum(numbers[:-1]), 100)
        and same_number(numbers[-1], 100)
    ):
        shares = (
            " The quarters add up to 100, so the figures read as shares (percent of the year's total per "
            "quarter), not as counts."
        )
    if not shares and numbers and all(float(v).is_integer() for v in numbers) and max(numbers) < 100:
        return "warning", (
            f"'{name}' ({where}) counts things ('Jumlah ...'), but its unit is '{unit}' and its values are "
            f"{printed}. Whole numbers this small read naturally as counts of what the indicator names, so the "
            "unit is most likely wrong; cite the figures as counts and mention the printed unit."
        )
    return "warning", (
        f"'{name}' ({where}) counts things ('Jumlah ...'), but its unit is '{unit}' and its values are "
        f"{printed}.{shares} Say which reading you use when citing the figure."
    )


def unit_mismatch(doc_id: str) -> list[dict]:
    """A unit that contradicts the indicator: a 'Persentase ...' indicator with
    a count unit, or a 'Jumlah ...' indicator with unit '%' / 'Persen(tase)'.
    Conservative: only the wording's first word and the printed unit decide;
    a row repeated with the same figures (Blora B and C) is one finding.

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
    found: dict[tuple, dict] = {}
    for g in group_by(records(load_targets(doc_id)), lambda r: r["target_id"]).values():
        r = g[0]
        kind = _unit_problem(r["indicator"], r["unit"])
        if kind is None:
            continue
        vals = [(as_float(x["value"]), as_printed(x["value_text"])) for x in g if as_printed(x["value_text"])]
        key = (indicator_key(r["indicator"]), squash(r["unit"]), tuple(p for _, p in vals))
        e = found.setdefault(
            key,
            {
                "name": as_printed(r["indicator"]),
                "unit": as_printed(r["unit"]),
                "kind": kind,
                "vals": vals,
                "lines": [],
                "tables": [],
                "labels": [p for _, p in vals],
            },
        )
        e["lines"].append(int(r["source_line"]))
        e["tables"].append(r["table_id"])
    vecs = group_by(records(load_action_targets(doc_id)), lambda r: r["action_id"])
    for a in records(load_actions(doc_id)):
        # Blora's action plans have no output-indicator column: the action
        # text itself is what the unit measures there
        text = a["output_indicator"] if a["output_indicator"] is not None else a["action"]
        if text is None:
            continue
        kind = _unit_problem(text, a["output_unit"])
        if kind is None:
            continue
        g = [x for x in vecs.get(a["action_id"], []) if as_printed(x["value_text"]) not in ("", "-")]
        vals = [(as_float(x["value"]), as_printed(x["value_text"])) for x in g]
        labels = [f"{x['period']}: {as_printed(x['value_text'])}" for x in g]
        key = (indicator_key(text), squash(a["output_unit"]), tuple(labels))
        e = found.setdefault(
            key,
            {
                "name": as_printed(text),
                "unit": as_printed(a["output_unit"]),
                "kind": kind,
                "vals": vals,
                "lines": [],
                "tables": [],
                "labels": labels,
                "total": True,
            },
        )
        e["lines"].append(int(a["source_line"]))
        e["tables"].append(a["table_id"])
    out = []
    for e in sorted(found.values(), key=lambda e: min(e["lines"])):
        where = ", ".join(line_ref(t, n) for t, n in zip(e["tables"], e["lines"]))
        severity, msg = _unit_message(e["kind"], e["name"], e["unit"], where, e["vals"], e.get("total"))
        values = f"unit '{e['unit']}': " + ", ".join(e["labels"])
        out.append(finding(severity, msg, e["name"], values, e["lines"], e["tables"]))
    return out


# --------------------------------------------------------------------------
# misspelt_names: region and agency names
# --------------------------------------------------------------------------


def _line_tables(doc_id: str) -> dict[int, str]:
    """source_line -> table_id for every line that belongs to a table."""
    out: dict[int, str] = {}
    frames = [
        load_targets(doc_id),
        load_actions(doc_id),
        load_theme_scores(doc_id),
        load_areas(doc_id),
        load_indicator_crosswalk(doc_id),
        load_teams(doc_id),
        parse_report(doc_id),
    ]
    for f in frames:
        if f.empty:
            continue
        for line, table in zip(f["source_line"], f["table_id"]):
            if not pd.isna(table):
                out.setdefault(int(line), str(table))
    return out


_TOKEN = re.compile(r"[A-Za-z]+")


def _region_words(doc_id: str) -> list[str]:
    docs = load_documents(doc_id)
    region = re.sub(r"\([^)]*\)", " ", str(docs["region"].iloc[0]))
    return _TOKEN.findall(region)


def _region_misspellings(doc_id: str) -> list[dict]:
    from rapidfuzz import fuzz

    words = _region_words(doc_id)
    lines = raw_lines(doc_id)
    # each distinct word of the text is compared once with the region's words
    distinct = {t.casefold() for line in lines for t in _TOKEN.findall(line) if len(t) >= 4}
    close = {
        (t, w)
        for t in distinct
        for w in words
        if t != w.casefold() and fuzz.ratio(t, w.casefold()) >= REGION_MIN_SIMILARITY
    }
    close_tokens = {t for t, _ in close}
    hits: dict[tuple[str, str], dict] = {}
    for n, line in enumerate(lines, 1):
        toks = list(_TOKEN.finditer(line))
        for i, m in enumerate(toks):
            tok = m.group(0)
            if tok.casefold() not in close_tokens:
                continue
            for w in words:
                if (tok.casefold(), w) not in close:
                    continue
                # show the word with its neighbour as printed: 'Kab.Batag',
                # 'Kapaten Batang'
                if i > 0 and w == words[-1]:
                    snippet = line[toks[i - 1].start() : m.end()]
                elif i + 1 < len(toks):
                    snippet = line[m.start() : toks[i + 1].end()]
                else:
                    snippet = tok
                e = hits.setdefault((tok, w), {"lines": [], "snippets": []})
                if n not in e["lines"]:
                    e["lines"].append(n)
                if snippet not in e["snippets"]:
                    e["snippets"].append(snippet)
    region = " ".join(words)
    tables = _line_tables(doc_id)
    out = []
    for (tok, w), e in sorted(hits.items(), key=lambda kv: kv[1]["lines"][0]):
        lines = e["lines"]
        msg = (
            f"'{tok}' is a misspelling of '{w}' (the document's own region is '{region}'), printed as "
            f"{', '.join(repr(s) for s in e['snippets'])} on line{'s' if len(lines) > 1 else ''} "
            f"{', '.join(map(str, lines))}. It changes no value, but a text search for '{w}' misses these "
            f"lines; search for '{tok}' too, and quote the name as '{w}'."
        )
        out.append(
            finding(
                "info",
                msg,
                tok,
                " | ".join(e["snippets"]) + f" (for '{w}')",
                lines,
                [tables.get(n) for n in lines],
            )
        )
    return out


def _agency_misspellings(doc_id: str) -> list[dict]:
    ag = load_agencies()
    ag = ag[ag["alias_kind"] == "misspelling"]
    tables = _line_tables(doc_id)
    out = []
    for r in ag.itertuples(index=False):
        pat = re.compile(r"(?<![A-Za-z])" + re.escape(r.alias) + r"(?![A-Za-z])")
        lines = [n for n, text in enumerate(raw_lines(doc_id), 1) if pat.search(text)]
        if not lines:
            continue
        msg = (
            f"'{r.alias}' is a misspelling of the agency '{r.agency}' ({r.agency_en}), printed on "
            f"{len(lines)} line{'s' if len(lines) > 1 else ''}. The agency columns resolve it to "
            f"'{r.agency}' (see load_agencies()); when searching the raw text or quoting, use '{r.agency}'."
        )
        out.append(
            finding(
                "info", msg, r.alias, f"{r.alias} (for {r.agency})", lines, [tables.get(n) for n in lines]
            )
        )
    return out


def misspelt_names(doc_id: str) -> list[dict]:
    """Misspelt region names (words at least REGION_MIN_SIMILARITY similar to a
    word of the document's own region name, but not equal to it) and agency
    names spelt as an alias of kind 'misspelling' in the agency table.

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
    return _region_misspellings(doc_id) + _agency_misspellings(doc_id)
