"""Names in words: English labels from the reference tables, the glossary, and
the label of an area of change."""

from __future__ import annotations

import pandas as pd

from rbdata.analysis.compare.common import reference_frame
from rbdata.contract import conform
from rbdata.reference import read_reference

__all__ = ["OUTCOME", "OUTCOME_EN", "OUTCOME_ID", "load_glossary", "english_labels", "area_label"]

#: Area key of indicators that measure development results rather than the
#: bureaucracy itself (poverty, growth, investment, health and schooling).
OUTCOME = "development_outcome"
#: English label of :data:`OUTCOME`.
OUTCOME_EN = "Development outcome"
#: Indonesian label of :data:`OUTCOME` (the documents' "hasil pembangunan").
OUTCOME_ID = "Hasil Pembangunan"


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
    return conform(reference_frame("glossary").replace({"": pd.NA}), "glossary")


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
