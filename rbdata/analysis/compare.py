"""Comparing the two road maps: areas of change, shared indicators, ambition.

Blora's road map (2020-2021) is built on the eight areas of change; Batang's
(2020-2024, sharpened in 2023) on the General / Tematik double track. The
functions here put both on common ground so that the notebooks only show
tables and figures:

* :func:`classify_areas` assigns every indicator of both documents to one of
  the eight areas (``reference/areas.csv``) or to ``development_outcome``,
  using what the documents say where they say it (Blora's "Area ..."
  headings, Batang Tabel 2.1) and the reviewable rules of
  ``reference/area_rules.csv`` elsewhere;
* :func:`shared_indicators` pairs indicators both documents track under
  different wording (curated in ``reference/indicator_matches.csv``, plus
  fuzzy suggestions);
* :func:`ambition` turns every pair of consecutive targets into a change per
  year in the indicator's good direction;
* small helpers: English labels, the glossary, the raw line behind a value,
  agency and budget summaries.

Every row keeps ``doc_id`` and ``source_line`` so that a figure can be traced
to the line of ``data/raw/<doc_id>.txt`` it comes from. Nothing here imports
matplotlib; ``rapidfuzz`` is imported only inside the functions that use it.
"""

from __future__ import annotations

import functools
import math
import re

import pandas as pd

from rbdata.contract.schema import DOC_IDS
from rbdata.loaders import (
    derived_cache,
    load_action_targets,
    load_actions,
    load_indicator_crosswalk,
    load_targets,
    raw_line,
    raw_lines,
)
from rbdata.reference import _area_patterns, read_reference
from rbdata.sources import check_doc_id

__all__ = [
    "OUTCOME",
    "EXPLICIT_MIN_SCORE",
    "SUGGEST_MIN_SCORE",
    "load_glossary",
    "english_labels",
    "source_text",
    "source_lines",
    "area_rules",
    "area_label",
    "classify_indicator",
    "classify_areas",
    "classification_summary",
    "action_areas",
    "indicator_matches",
    "shared_indicators",
    "shared_targets",
    "ambition",
    "agency_load",
    "budget_summary",
    "quarterly_schedule",
]

#: Area key of indicators that measure development results rather than the
#: bureaucracy itself (poverty, growth, investment, health and schooling).
OUTCOME = "development_outcome"
#: English label of :data:`OUTCOME`.
OUTCOME_EN = "Development outcome"
#: Indonesian label of :data:`OUTCOME` (the documents' "hasil pembangunan").
OUTCOME_ID = "Hasil Pembangunan"

#: Minimum rapidfuzz score (max of ``token_set_ratio`` and ``partial_ratio``
#: on normalised names) for a Batang indicator to count as one of the old
#: Tabel 2.1 indicators. Chosen so that 'Maturitas SPIP' matches the printed
#: 'Maturitas SPI' (96) while 'Indeks BerAKHLAK' does not match 'Indeks SPBE'
#: (90); every match is listed in the ``rule`` column for review.
EXPLICIT_MIN_SCORE = 95.0
#: Minimum ``token_set_ratio`` for a fuzzy shared-indicator suggestion.
SUGGEST_MIN_SCORE = 80.0

_AREA_WORD = re.compile(r"\bArea\b", re.I)


# --------------------------------------------------------------------------
# reference tables, labels, raw lines
# --------------------------------------------------------------------------


def _reference_frame(name: str) -> pd.DataFrame:
    rows = read_reference(name)
    if not rows:
        raise ValueError(f"reference table rbdata/reference/{name}.csv is empty")
    return pd.DataFrame(list(rows)).astype("string")


def load_glossary() -> pd.DataFrame:
    """Load the glossary of acronyms and terms of both documents.

    Returns
    -------
    pandas.DataFrame
        One row per term, in the order of ``reference/glossary.csv``:

        - ``term`` (string): acronym or term as the documents print it.
        - ``expansion`` (string): Indonesian expansion; NA where the term is
          not an acronym.
        - ``english`` (string): English rendering.
        - ``category`` (category): acronym, term, agency or programme.
        - ``doc_ids`` (string): documents the term occurs in, ';'-joined.
        - ``source`` (string): where the expansion comes from ('DOMAIN.md' or
          '<doc_id>:<line>' where the document expands it).

    Examples
    --------
    >>> from rbdata.analysis.compare import load_glossary
    >>> g = load_glossary()
    >>> bool(g["term"].is_unique)
    True
    """
    df = _reference_frame("glossary")
    df = df.replace({"": pd.NA})
    df["category"] = df["category"].astype("category")
    return df.reset_index(drop=True)


_LABEL_FILES = {
    "area": ("areas", "area", "area_en"),
    "track": ("tracks", "track", "track_en"),
    "theme": ("themes", "theme", "theme_en"),
    "criterion": ("criteria", "criterion", "criterion_en"),
    "agency": ("agencies", "agency", "agency_en"),
}


def english_labels(kind: str) -> dict[str, str]:
    """Map Indonesian names to English labels from the reference tables.

    Parameters
    ----------
    kind : {'area', 'track', 'theme', 'criterion', 'agency'}
        Which names: areas of change (``areas.csv``; the area keys and
        ``development_outcome`` are included too), tracks and priority groups
        (``tracks.csv``), Tematik themes (``themes.csv``), theme-selection
        criteria (``criteria.csv``) or agencies (``agencies.csv``: canonical
        names and every alias).

    Returns
    -------
    dict of str to str
        Indonesian name (as printed / canonical) -> English label.

    Examples
    --------
    >>> from rbdata.analysis.compare import english_labels
    >>> english_labels("track")["General"]
    'RB General (upstream governance)'
    """
    if kind not in _LABEL_FILES:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(map(repr, _LABEL_FILES))}")
    name, key, en = _LABEL_FILES[kind]
    out: dict[str, str] = {}
    for r in read_reference(name):
        out.setdefault(r[key], r[en])
        if kind == "agency" and r.get("alias"):
            out.setdefault(r["alias"], r[en])
        if kind == "area":
            out.setdefault(r["area_key"], r[en])
    if kind == "area":
        out.setdefault(OUTCOME, OUTCOME_EN)
    return out


# the way back from a value to its line: one implementation, in rbdata._load
source_text = raw_line
_raw_lines = raw_lines


def source_lines(doc_id: str, start: int, end: int | None = None) -> str:
    """Lines ``start``..``end`` (inclusive) of a raw document, for reading.

    Each line is prefixed with its number; tabs are shown as ``' ⇥ '`` so
    that empty cells stay visible.
    """
    end = start if end is None else end
    return "\n".join(
        f"{n}: {source_text(doc_id, n).replace(chr(9), ' ⇥ ')}" for n in range(int(start), int(end) + 1)
    )


# --------------------------------------------------------------------------
# areas of change
# --------------------------------------------------------------------------


@functools.cache
def _compiled_rules() -> tuple[tuple[re.Pattern, str, str], ...]:
    out = []
    for i, r in enumerate(read_reference("area_rules"), start=2):
        try:
            pat = re.compile(r["pattern"], re.I)
        except re.error as exc:
            raise ValueError(
                f"rbdata/reference/area_rules.csv line {i}: bad regular expression "
                f"{r['pattern']!r} ({exc}); fix the pattern"
            ) from None
        out.append((pat, r["area_key"], r["pattern"]))
    return tuple(out)


def area_rules() -> pd.DataFrame:
    """The assignment rules of ``reference/area_rules.csv``, in order.

    Returns
    -------
    pandas.DataFrame
        ``pattern`` (string, case-insensitive regular expression searched in
        the indicator text), ``area_key`` (string; empty means "deliberately
        left unassigned"), ``note`` (string: why). The first matching rule
        wins.
    """
    return _reference_frame("area_rules")


def area_label(area_key: str) -> str:
    """Readable label of an area key: Indonesian name with English gloss.

    >>> area_label("supervision")
    'Penguatan Pengawasan (Supervision (internal control and integrity))'
    >>> area_label("development_outcome")
    'Hasil Pembangunan (Development outcome)'
    """
    if area_key == OUTCOME:
        return f"{OUTCOME_ID} ({OUTCOME_EN})"
    for r in read_reference("areas"):
        if r["area_key"] == area_key:
            return f"{r['area']} ({r['area_en']})"
    raise ValueError(f"unknown area key {area_key!r}; see rbdata/reference/areas.csv")


def classify_indicator(text: str) -> tuple[str | None, str | None]:
    """Area key and rule pattern for an indicator text by the rules.

    Returns ``(area_key, pattern)`` of the first rule of
    ``reference/area_rules.csv`` whose pattern occurs in ``text``;
    ``(None, pattern)`` when that rule deliberately assigns no area;
    ``(None, None)`` when no rule matches.

    >>> classify_indicator("Angka Kematian Bayi (AKB)")
    ('development_outcome', 'kematian|gizi (buruk|kurang)|harapan hidup')
    """
    for pat, key, raw in _compiled_rules():
        if pat.search(text or ""):
            return (key or None), raw
    return None, None


def _area_of_heading(heading: str) -> str | None:
    """Area key named by a heading such as 'b) Area Penguatan Pengawasan'."""
    if not _AREA_WORD.search(heading):
        return None
    keys = {key for pat, key, _ in _area_patterns() if pat.search(heading)}
    return keys.pop() if len(keys) == 1 else None


def _norm_name(text: str) -> str:
    s = re.sub(r"\([^)]*\)", " ", str(text).lower()).replace("&", " dan ")
    return " ".join(re.findall(r"[0-9a-z]+", s))


def _crosswalk_names() -> list[tuple[str, str, str]]:
    """(normalised name, area_key, rule text) for Batang Tabel 2.1.

    Each old indicator counts under its own name; an indicator the table says
    is replaced ('digantikan dengan ...') also lends its area to the
    replacement it names.
    """
    cw = load_indicator_crosswalk("batang-2023")
    out = []
    for r in cw.itertuples(index=False):
        rule = f"{r.table_id} line {r.source_line}: {r.indicator_no}. {r.indicator} ({r.area})"
        out.append((_norm_name(r.indicator), r.area_key, rule))
        m = re.search(r"digantikan dengan (.+)", str(r.fate_text or ""), re.I)
        if m:
            out.append((_norm_name(m.group(1)), r.area_key, f"{rule}, replaced by {m.group(1).strip()}"))
    return out


def _crosswalk_match(indicator: str, names) -> tuple[str, str] | None:
    from rapidfuzz import fuzz

    target = _norm_name(indicator)
    best = None
    for name, key, rule in names:
        score = max(fuzz.token_set_ratio(name, target), fuzz.partial_ratio(name, target))
        if score >= EXPLICIT_MIN_SCORE and (best is None or score > best[0]):
            best = (score, key, rule)
    return None if best is None else (best[1], best[2])


def _indicators(doc_id=None) -> pd.DataFrame:
    """One row per target_id (the first row of each indicator)."""
    t = load_targets(doc_id)
    return t.drop_duplicates("target_id", keep="first").reset_index(drop=True)


def classify_areas(doc_id=None) -> pd.DataFrame:
    """Assign every indicator to an area of change or to development outcomes.

    Order of evidence, per indicator (one row per ``target_id`` of
    :func:`rbdata.load_targets`):

    1. **explicit** — the document says it: a Blora indicator under a heading
       naming an area ("a) Area Penataan Sistem Manajemen Sumber Daya Manusia
       Aparatur" in sections B.1 and C.I; the area is recognised with the
       patterns of ``reference/areas.csv``), or a Batang indicator that is one
       of the old outcome indicators of Tabel 2.1 (or the replacement Tabel
       2.1 names), matched by name with rapidfuzz at score
       >= :data:`EXPLICIT_MIN_SCORE`;
    2. **assigned** — the first rule of ``reference/area_rules.csv`` whose
       pattern occurs in the indicator text;
    3. **unassigned** — no rule, or a rule that deliberately assigns none
       (the overall Indeks Reformasi Birokrasi, which spans all areas).

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        One row per indicator, in loader order:

        - ``doc_id`` (string): source document.
        - ``target_id`` (string): id of the indicator in ``load_targets``.
        - ``source_line`` (int64): line of the indicator in ``data/raw``.
        - ``table_id`` (string): table it sits in.
        - ``track`` (string): Blora priority group or Batang track.
        - ``indicator`` (string): indicator as printed.
        - ``area_key`` (string): key of ``reference/areas.csv``, or
          ``'development_outcome'``; NA when unassigned.
        - ``area_en`` (string): English name of the area.
        - ``basis`` (category: explicit / assigned / unassigned).
        - ``rule`` (string): the heading, Tabel 2.1 row or rule pattern used.
    """
    if doc_id is not None:
        check_doc_id(doc_id)  # a clear error before the cache sees the argument
    # computed once per parse (several comparisons start from it); a copy goes out
    return _classified(doc_id).copy()


@derived_cache
def _classified(doc_id) -> pd.DataFrame:
    ind = _indicators(doc_id)
    en = english_labels("area")
    names = _crosswalk_names() if (ind["doc_id"] == "batang-2023").any() else []
    rows = []
    for r in ind.itertuples(index=False):
        key, basis, rule = None, "unassigned", None
        if r.doc_id == "blora-2020" and not pd.isna(r.section):
            heading = str(r.section).split(" > ")[-1]
            key = _area_of_heading(heading)
            if key:
                basis, rule = "explicit", heading
        elif r.doc_id == "batang-2023":
            hit = _crosswalk_match(r.indicator, names)
            if hit:
                key, rule = hit
                basis = "explicit"
        if key is None:
            key, rule = classify_indicator(r.indicator)
            basis = "assigned" if key else "unassigned"
        rows.append(
            {
                "doc_id": r.doc_id,
                "target_id": r.target_id,
                "source_line": r.source_line,
                "table_id": r.table_id,
                "track": r.track,
                "indicator": r.indicator,
                "area_key": key,
                "area_en": en.get(key) if key else None,
                "basis": basis,
                "rule": rule,
            }
        )
    df = pd.DataFrame(rows, columns=_CLASS_COLUMNS)
    return _typed(df, {"source_line": "int64", "basis": pd.CategoricalDtype(_BASES)})


_CLASS_COLUMNS = [
    "doc_id",
    "target_id",
    "source_line",
    "table_id",
    "track",
    "indicator",
    "area_key",
    "area_en",
    "basis",
    "rule",
]
_BASES = ["explicit", "assigned", "unassigned"]


def _typed(df: pd.DataFrame, special: dict) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if c in special:
            out[c] = out[c].astype(special[c])
        elif out[c].dtype == object:
            out[c] = out[c].astype("string")
    return out.reset_index(drop=True)


def classification_summary(doc_id=None) -> pd.DataFrame:
    """Count indicators per document by basis of their area.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}, default None
        One document, or both.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id``; columns ``explicit``, ``assigned``, ``unassigned``
        and ``total`` (int64: numbers of indicators).
    """
    c = classify_areas(doc_id)
    out = pd.crosstab(c["doc_id"], c["basis"], dropna=False).reindex(columns=_BASES, fill_value=0)
    docs = list(DOC_IDS) if doc_id is None else [doc_id]
    out = out.reindex(docs).fillna(0).astype("int64")
    out["total"] = out.sum(axis=1)
    out.columns.name = None
    return out


def action_areas(doc_id=None) -> pd.DataFrame:
    """Every action with the area of the indicator it serves.

    An action inherits the classification of its parent indicator (same
    document, ``parent_source_line`` = the indicator's ``source_line``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``action_id``, ``source_line`` (int64), ``table_id``,
        ``track``, ``action``, ``parent_source_line`` (Int64),
        ``area_key``, ``area_en``, ``basis`` (of the parent; NA where the
        action has no parent indicator row in ``load_targets``).
    """
    a = load_actions(doc_id)
    c = classify_areas(doc_id)[["doc_id", "source_line", "area_key", "area_en", "basis"]]
    c = c.drop_duplicates(["doc_id", "source_line"]).rename(columns={"source_line": "parent_source_line"})
    c["parent_source_line"] = c["parent_source_line"].astype("Int64")
    cols = ["doc_id", "action_id", "source_line", "table_id", "track", "action", "parent_source_line"]
    out = a[cols].merge(c, on=["doc_id", "parent_source_line"], how="left")
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------
# shared indicators
# --------------------------------------------------------------------------


def indicator_matches() -> pd.DataFrame:
    """The curated table ``reference/indicator_matches.csv``.

    Returns
    -------
    pandas.DataFrame
        ``concept`` (string), ``concept_en`` (string), ``blora_pattern`` and
        ``batang_pattern`` (string: case-insensitive regular expressions
        searched in the indicator texts), ``note`` (string: why the two are
        the same or related measures, with lines).
    """
    return _reference_frame("indicator_matches")


def _score(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.token_set_ratio(_norm_name(a), _norm_name(b)))


def shared_indicators(min_score: float = SUGGEST_MIN_SCORE) -> pd.DataFrame:
    """Indicators both road maps track, curated and suggested.

    Curated pairs come from ``reference/indicator_matches.csv``: every Blora
    indicator matching ``blora_pattern`` is paired with every Batang
    indicator matching ``batang_pattern``. Suggested pairs are the remaining
    (Blora, Batang) pairs whose normalised names score at least
    ``min_score`` with rapidfuzz ``token_set_ratio`` (computed for all pairs
    at once with ``rapidfuzz.process.cdist``); they are candidates for the
    curated table, to be reviewed.

    Parameters
    ----------
    min_score : float, default :data:`SUGGEST_MIN_SCORE`
        Threshold (0-100) for suggestions.

    Returns
    -------
    pandas.DataFrame
        - ``concept`` (string): curated concept; NA for suggestions.
        - ``concept_en`` (string): English label of the concept.
        - ``blora_target_id``, ``blora_indicator`` (string).
        - ``batang_target_id``, ``batang_indicator`` (string).
        - ``match`` (category: curated / suggested).
        - ``score`` (float64): ``token_set_ratio`` of the two names, 0-100
          (also given for curated pairs, which may score low because the
          wording differs).

        Curated pairs first, in the order of the reference table, then
        suggestions by decreasing score.
    """
    from rapidfuzz import fuzz, process

    ind = _indicators()
    bl = ind[ind["doc_id"] == "blora-2020"][["target_id", "indicator"]].reset_index(drop=True)
    ba = ind[ind["doc_id"] == "batang-2023"][["target_id", "indicator"]].reset_index(drop=True)
    # rows as tuples once, not once per concept and pair
    bl_rows, ba_rows = list(bl.itertuples(index=False)), list(ba.itertuples(index=False))
    rows, seen = [], set()
    for m in indicator_matches().itertuples(index=False):
        bpat, tpat = re.compile(m.blora_pattern, re.I), re.compile(m.batang_pattern, re.I)
        for b in bl_rows:
            if not bpat.search(b.indicator):
                continue
            for t in ba_rows:
                if tpat.search(t.indicator) and (b.target_id, t.target_id) not in seen:
                    seen.add((b.target_id, t.target_id))
                    score = _score(b.indicator, t.indicator)
                    rows.append(
                        (
                            m.concept,
                            m.concept_en,
                            b.target_id,
                            b.indicator,
                            t.target_id,
                            t.indicator,
                            "curated",
                            score,
                        )
                    )
    scores = process.cdist(
        [_norm_name(s) for s in bl["indicator"]],
        [_norm_name(s) for s in ba["indicator"]],
        scorer=fuzz.token_set_ratio,
    )
    sugg = []
    for i, j in zip(*(scores >= min_score).nonzero()):
        b, t = bl_rows[i], ba_rows[j]
        if (b.target_id, t.target_id) not in seen:
            score = float(scores[i, j])
            sugg.append((None, None, b.target_id, b.indicator, t.target_id, t.indicator, "suggested", score))
    sugg.sort(key=lambda r: (-r[7], r[2], r[4]))
    cols = [
        "concept",
        "concept_en",
        "blora_target_id",
        "blora_indicator",
        "batang_target_id",
        "batang_indicator",
        "match",
        "score",
    ]
    df = pd.DataFrame(rows + sugg, columns=cols)
    return _typed(df, {"match": pd.CategoricalDtype(["curated", "suggested"]), "score": "float64"})


def _values_text(rows: list[dict]) -> str:
    """'period: value' pairs of one target's rows, as printed, baselines marked."""
    parts = []
    for r in rows:
        text = r["value_text"]
        if pd.isna(text) or not str(text).strip():
            continue
        parts.append(f"{r['period']}{' (baseline)' if r['kind'] == 'baseline' else ''}: {text}")
    return "; ".join(parts)


def shared_targets() -> pd.DataFrame:
    """Targets of each curated shared concept, side by side.

    For every concept of ``reference/indicator_matches.csv`` and each
    document: the indicators matched (distinct wordings), and every value
    as printed with its period, so that the two documents' ambitions can be
    read next to each other.

    Returns
    -------
    pandas.DataFrame
        One row per (concept, doc_id, indicator wording):
        ``concept``, ``concept_en``, ``doc_id``, ``indicator`` (string),
        ``n_rows`` (int64: how many indicator rows use that wording),
        ``first_line`` (int64: first source line), ``tables`` (string:
        table ids, ';'-joined), ``values`` (string: 'period: value' pairs of
        the first such row, as printed, baselines marked), ``unit`` (string).
    """
    sh = shared_indicators()
    cur = sh[sh["match"] == "curated"]
    # plain records, grouped once by target (a pandas selection per concept
    # and wording cost more than everything else here)
    cols_t = ["target_id", "indicator", "source_line", "table_id", "unit", "period", "kind", "value_text"]
    rows_of: dict[str, list[dict]] = {}  # target_id -> its rows, in table order
    for r in load_targets()[cols_t].to_dict("records"):
        rows_of.setdefault(r["target_id"], []).append(r)
    order = {tid: k for k, tid in enumerate(rows_of)}  # position of a target's first row
    out = []
    for concept, grp in cur.groupby("concept", sort=False):
        concept_en = grp["concept_en"].iloc[0]
        for doc, col_id in (("blora-2020", "blora_target_id"), ("batang-2023", "batang_target_id")):
            ids = [i for i in dict.fromkeys(grp[col_id]) if isinstance(i, str) and i in rows_of]
            by_wording: dict[str, list[dict]] = {}  # in order of first appearance in the table
            for tid in sorted(ids, key=order.__getitem__):
                first = rows_of[tid][0]
                if not pd.isna(first["indicator"]):
                    by_wording.setdefault(first["indicator"], []).append(first)
            for wording, firsts in by_wording.items():
                firsts = sorted(firsts, key=lambda r: r["source_line"])
                r0 = firsts[0]
                out.append(
                    {
                        "concept": concept,
                        "concept_en": concept_en,
                        "doc_id": doc,
                        "indicator": wording,
                        "n_rows": len(firsts),
                        "first_line": int(r0["source_line"]),
                        "tables": ";".join(dict.fromkeys(r["table_id"] for r in firsts)),
                        "values": _values_text(rows_of[r0["target_id"]]),
                        "unit": r0["unit"],
                    }
                )
    cols = [
        "concept",
        "concept_en",
        "doc_id",
        "indicator",
        "n_rows",
        "first_line",
        "tables",
        "values",
        "unit",
    ]
    df = pd.DataFrame(out, columns=cols)
    return _typed(df, {"n_rows": "int64", "first_line": "int64"})


# --------------------------------------------------------------------------
# ambition
# --------------------------------------------------------------------------

# Value labels that name an ordinal grade: a relative change of a grade is
# not meaningful.
_ORDINAL_LABELS = {"level"}


def ambition(doc_id=None) -> pd.DataFrame:
    """Change per year between consecutive targets, in the good direction.

    For every indicator with at least two dated values (Blora: the 2020 and
    2021 targets; Batang: the baseline of 2021 or 2022, then the 2023 and
    2024 targets) one row per consecutive pair of years. With ``d`` = +1 if
    higher is better and -1 if lower is better (``direction``),

    * ``change_per_year = d * (to_value - from_value) / (to_year - from_year)``
      in the indicator's unit: positive means the plan aims to get better;
    * ``relative_change_per_year_pct = 100 * change_per_year / |from_value|``
      only where that means something: not for labels without a number
      (WTP, B, Paripurna), not for ordinal levels ('Level 3'), not for a zero
      base.

    The ``note`` column says why a value is missing and flags a plan that
    gets worse.

    Parameters
    ----------
    doc_id : {None, 'blora-2020', 'batang-2023'}
        One document or both (default).

    Returns
    -------
    pandas.DataFrame
        - ``doc_id``, ``target_id``, ``indicator``, ``unit`` (string).
        - ``direction`` (string: higher / lower).
        - ``from_period``, ``to_period`` (string: years; the baseline year is
          the period the document gives it).
        - ``from_kind`` (string: baseline / target).
        - ``from_value``, ``to_value`` (float64: parsed values, unit column).
        - ``from_text``, ``to_text`` (string: cells as printed).
        - ``change_per_year`` (float64: unit per year, positive = better).
        - ``relative_change_per_year_pct`` (float64: % of the starting
          value per year, positive = better).
        - ``note`` (string): why a change is missing, or '' .
        - ``source_line`` (int64): line of the indicator.

    Examples
    --------
    >>> from rbdata.analysis.compare import ambition
    >>> a = ambition("blora-2020")
    >>> r = a[a["indicator"] == "Angka Kematian Bayi (AKB)"].iloc[0]
    >>> round(float(r.change_per_year), 3), round(float(r.relative_change_per_year_pct), 3)
    (0.1, 0.909)
    """
    t = load_targets(doc_id)
    text = t["value_text"].fillna("").str.strip()
    dated = t["period"].fillna("").str.fullmatch(r"\d{4}")
    d = t[dated & ~text.isin(["", "-"])].copy()
    d["_year"] = d["period"].astype(int)
    d["_target"] = (d["kind"] == "target").astype(int)
    order = {tid: i for i, tid in enumerate(pd.unique(t["target_id"]))}
    d["_order"] = d["target_id"].map(order)
    d = d.sort_values(["_order", "_year", "_target"], kind="stable")
    # one value per year: a baseline and a target of the same year keep the target
    d = d.drop_duplicates(["target_id", "_year"], keep="last")
    recs = d.to_dict("records")
    rows = [
        _ambition_row(r0, r1, r1["_year"] - r0["_year"])
        for r0, r1 in zip(recs, recs[1:])
        if r0["target_id"] == r1["target_id"]
    ]
    cols = [
        "doc_id",
        "target_id",
        "indicator",
        "unit",
        "direction",
        "from_period",
        "to_period",
        "from_kind",
        "from_value",
        "to_value",
        "from_text",
        "to_text",
        "change_per_year",
        "relative_change_per_year_pct",
        "note",
        "source_line",
    ]
    df = pd.DataFrame(rows, columns=cols)
    return _typed(
        df,
        {
            "from_value": "float64",
            "to_value": "float64",
            "change_per_year": "float64",
            "relative_change_per_year_pct": "float64",
            "source_line": "int64",
        },
    )


def _ambition_row(a: dict, b: dict, years: int) -> dict:
    sign = -1.0 if str(a["direction"]) == "lower" else 1.0
    v0, v1 = float(a["value"]), float(b["value"])
    l0, l1 = a["value_label"], b["value_label"]
    note = []
    change = rel = math.nan
    if math.isnan(v0) or math.isnan(v1):
        if math.isnan(v0) and math.isnan(v1) and not pd.isna(l0) and not pd.isna(l1) and str(l0) == str(l1):
            note.append(f"label '{l0}' kept: no numeric change")
        else:
            note.append("no number in one of the cells")
    else:
        change = sign * (v1 - v0) / years
        labels = {str(x).lower() for x in (l0, l1) if not pd.isna(x)}
        if labels & _ORDINAL_LABELS:
            note.append("ordinal level: relative change not meaningful")
        elif v0 == 0:
            note.append("zero base: relative change undefined")
        else:
            rel = 100.0 * change / abs(v0)
        if change < 0:
            note.append("target gets worse")
        elif change == 0:
            note.append("unchanged")
    return {
        "doc_id": a["doc_id"],
        "target_id": a["target_id"],
        "indicator": a["indicator"],
        "unit": a["unit"],
        "direction": str(a["direction"]),
        "from_period": a["period"],
        "to_period": b["period"],
        "from_kind": str(a["kind"]),
        "from_value": v0,
        "to_value": v1,
        "from_text": a["value_text"],
        "to_text": b["value_text"],
        "change_per_year": change,
        "relative_change_per_year_pct": rel,
        "note": "; ".join(note),
        "source_line": a["source_line"],
    }


# --------------------------------------------------------------------------
# agencies, budgets, schedule
# --------------------------------------------------------------------------


def _explode_agencies(s: pd.Series) -> pd.Series:
    return s.dropna().astype(str).str.split("; ").explode()


def agency_load(doc_id=None) -> pd.DataFrame:
    """How many indicators and actions each agency is responsible for.

    Indicators count their ``agency`` (Blora section C's PERANGKAT DAERAH
    TERKAIT; Batang's Koordinator of Tabel 2.4); actions count their
    ``executor`` (the executing unit(s)). A cell naming several agencies
    counts once for each.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``agency`` (canonical), ``agency_en``, ``n_indicators``,
        ``n_actions`` (int64) and ``total``; sorted by document, then by
        decreasing total, then name.
    """
    en = english_labels("agency")
    out = []
    for d in [doc_id] if doc_id else list(DOC_IDS):
        ind = _indicators(d)
        act = load_actions(d)
        ni = _explode_agencies(ind["agency"]).value_counts()
        na = _explode_agencies(act["executor"]).value_counts()
        names = sorted(set(ni.index) | set(na.index))
        for n in names:
            out.append(
                {
                    "doc_id": d,
                    "agency": n,
                    "agency_en": en.get(n),
                    "n_indicators": int(ni.get(n, 0)),
                    "n_actions": int(na.get(n, 0)),
                }
            )
    df = pd.DataFrame(out, columns=["doc_id", "agency", "agency_en", "n_indicators", "n_actions"])
    df["total"] = df["n_indicators"] + df["n_actions"]
    df = df.sort_values(["doc_id", "total", "agency"], ascending=[True, False, True], key=_doc_order)
    return _typed(df, {"n_indicators": "int64", "n_actions": "int64", "total": "int64"})


def _doc_order(s: pd.Series) -> pd.Series:
    if s.name == "doc_id":
        return s.map({d: i for i, d in enumerate(DOC_IDS)})
    return s


def _plan_tables(actions: pd.DataFrame, column: str) -> list[str]:
    """Tables of ``actions`` in which at least one row fills ``column``."""
    return sorted(actions.loc[actions[column].notna(), "table_id"].unique())


def budget_summary(by: str = "track", doc_id: str = "batang-2023") -> pd.DataFrame:
    """Actions and their budgets (Jumlah Anggaran) grouped by a column.

    Only the action plans that print a budget column are counted (for
    Batang: Lampiran II-IV, the 2023 plans; the Bab V output tables list
    outputs without budgets and are left out).

    Parameters
    ----------
    by : str, default 'track'
        Column of :func:`rbdata.load_actions` to group by ('track',
        'executor', 'coordinator', 'link_type', ...). For 'executor' and
        'coordinator' a row naming several agencies counts for each of them
        (its budget too, so the group totals can exceed the grand total).
    doc_id : str, default 'batang-2023'
        Document (Blora prints no budgets: the result is empty).

    Returns
    -------
    pandas.DataFrame
        One row per group (NA groups shown as '(none)'): ``n_actions``,
        ``n_budget`` (actions with a budget), ``n_no_budget`` (NaN budget:
        none printed or shared with the row above), ``budget_idr`` (float64,
        rupiah, sum of the known budgets) and ``budget_share_pct`` (share of
        the document's total known budget, %). Sorted by decreasing budget.
    """
    a = load_actions(doc_id)
    if by not in a.columns:
        raise ValueError(f"load_actions has no column {by!r}; choose one of {', '.join(a.columns)}")
    a = a[a["table_id"].isin(_plan_tables(a, "budget_text"))]
    total = a["budget_idr"].sum()
    a = a.assign(_key=a[by].astype("string").fillna("(none)"))
    if by in ("executor", "coordinator"):
        a = a.assign(_key=a["_key"].str.split("; ")).explode("_key")
    g = a.groupby("_key", sort=True)
    df = pd.DataFrame(
        {
            "n_actions": g.size(),
            "n_budget": g["budget_idr"].count(),
            "budget_idr": g["budget_idr"].sum(min_count=0),
        }
    )
    df["n_no_budget"] = df["n_actions"] - df["n_budget"]
    df["budget_share_pct"] = 100.0 * df["budget_idr"] / total if total else math.nan
    df = df[["n_actions", "n_budget", "n_no_budget", "budget_idr", "budget_share_pct"]]
    df.index.name = by
    return df.sort_values(["budget_idr", "n_actions"], ascending=False, kind="stable").astype(
        {"n_actions": "int64", "n_budget": "int64", "n_no_budget": "int64"}
    )


def quarterly_schedule(doc_id: str = "batang-2023") -> pd.DataFrame:
    """Actions with a non-zero output target per quarter, by track.

    Only the action plans that have quarterly targets are counted (for
    Batang: Lampiran II-IV, the 2023 plans with TW I-IV columns).

    Returns
    -------
    pandas.DataFrame
        Index ``track``; one column per quarter (``2023Q1`` ... ``2023Q4``;
        int64: number of actions of the track whose target for that quarter
        is a number other than zero) and ``n_actions`` (actions of the track
        in those plans).
    """
    at = load_action_targets(doc_id)
    at = at[at["period"].str.fullmatch(r"\d{4}Q[1-4]")]
    a = load_actions(doc_id)
    a = a[a["table_id"].isin(sorted(a.loc[a["action_id"].isin(at["action_id"]), "table_id"].unique()))]
    a = a[["action_id", "track"]]
    q = at[at["value"].notna() & (at["value"] != 0)].merge(a, on="action_id")
    quarters = sorted(at["period"].unique())
    tab = pd.crosstab(q["track"], q["period"]).reindex(columns=quarters, fill_value=0)
    n = a.groupby("track").size()
    tab = tab.reindex(n.index, fill_value=0)
    tab["n_actions"] = n
    tab.columns.name = None
    return tab.astype("int64")
