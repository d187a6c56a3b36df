"""Continuity: what each road map does with the national outcome indices.

Batang's Tabel 2.1 reproduces the national crosswalk of the 22 outcome
indices of the eight-area model and what happens to each after the 2023
sharpening ("Sumber: Kementerian PANRB", batang-2023:324). It is the
ministry's decision, not Batang's. Whether the road maps' own tables target
an index is a separate, empirical question: this module answers it from the
targets (through their concepts), so that the declared fate and the actual
targets can be put side by side.
"""

from __future__ import annotations

import pandas as pd

from rbdata.loaders import load_concepts, load_indicator_crosswalk, load_national_frame, load_targets
from rbdata.reference import read_reference

__all__ = ["continuity"]

_COLUMNS = [
    "national_no",
    "national_name",
    "name_en",
    "concept_id",
    "fate",
    "fate_text",
    "crosswalk_line",
    "blora_targets",
    "batang_targets",
    "blora_lines",
    "batang_lines",
    "declared_vs_actual",
]


def _lines(targets: pd.DataFrame, doc_id: str, concept: object) -> str | None:
    if concept is None or pd.isna(concept):
        return None
    rows = targets[(targets["doc_id"] == doc_id) & (targets["concept_id"] == concept)]
    lines = sorted({int(n) for n in rows["source_line"]})
    return ";".join(map(str, lines)) or None


def _departure(
    fate: str,
    targeted: bool,
    successor_targeted: bool | None,
    successor: str | None,
    partners_targeted: list[int],
) -> str | None:
    """How Batang's own targets depart from the fate the crosswalk prints; None where they agree."""
    if fate == "continued" and not targeted:
        note = "the crosswalk continues it, but Batang's tables set no target for it"
        if partners_targeted:
            joined = ", ".join(map(str, partners_targeted))
            note += f" (they do target index {joined}, which the crosswalk synergises it with)"
        return note
    if fate == "dropped" and targeted:
        return "the crosswalk drops it, but Batang's tables still target it"
    if fate == "replaced":
        notes = []
        if targeted:
            notes.append("the crosswalk replaces it, but Batang's tables still target it")
        if successor_targeted is False:
            notes.append(f"Batang's tables set no target for its replacement ({successor})")
        return "; ".join(notes) or None
    if fate == "merged":
        notes = []
        if targeted:
            notes.append(
                f"the crosswalk merges it into {successor}, but Batang's tables still target it on its own"
            )
        if successor_targeted is False:
            notes.append(f"Batang's tables set no target for {successor}, which it is merged into")
        return "; ".join(notes) or None
    return None


def continuity() -> pd.DataFrame:
    """The national outcome indices, their declared fate, and whether each road map targets them.

    One row per outcome index of Batang Tabel 2.1 (the 22 indices of the
    eight-area model, in printed order), then one row per other national
    index that a document targets (``reference/other_national_indices.csv``:
    Indeks RB, BerAKHLAK, SPI). Whether a document targets an index is read
    from its target rows through their concept (``targets.concept_id``);
    Tabel 2.1's own rows are not target rows, so they never count.

    Returns
    -------
    pandas.DataFrame
        - ``national_no`` (Int64): number in Tabel 2.1; NA for the other national indices.
        - ``national_name`` (string): name as Tabel 2.1 (or the reference table) prints it.
        - ``name_en`` (string): English name (``load_national_frame().name_en`` of the index;
          for another national index, ``load_concepts().name_en`` of its concept).
        - ``concept_id`` (string): the concept the targets share (``load_concepts()``); NA where
          no target of either document measures the index.
        - ``fate`` (string): ``continued`` / ``merged`` / ``dropped`` / ``replaced`` as the
          crosswalk prints it; ``not in Tabel 2.1`` for the other national indices.
        - ``fate_text`` (string): the crosswalk's words (the evidence for another national index).
        - ``crosswalk_line`` (Int64): the line of batang-2023.txt the fate is read from (for another
          national index, the line that shows it is national).
        - ``blora_targets``, ``batang_targets`` (bool): the document sets its own target for the
          index (a target row of its concept).
        - ``blora_lines``, ``batang_lines`` (string): those rows' source lines, ';'-joined; NA where none.
        - ``declared_vs_actual`` (string): where Batang's own tables depart from the crosswalk's fate
          (an index continued but not targeted; dropped, replaced or merged but still targeted; a
          replacement or merge target not targeted); NA where they agree. Blora (2020) predates the
          crosswalk (2023) and is never judged against it.

    Examples
    --------
    >>> from rbdata.analysis.compare import continuity
    >>> c = continuity().set_index("national_no")
    >>> row = c.loc[19]
    >>> row["fate"], bool(row["batang_targets"])
    ('replaced', True)
    >>> row["declared_vs_actual"]
    "the crosswalk replaces it, but Batang's tables still target it"
    """
    crosswalk = load_indicator_crosswalk("batang-2023")
    concepts = load_concepts()
    targets = load_targets()
    concept_of_index = {
        int(n): str(c)
        for n, c in zip(concepts["national_index_no"], concepts["concept_id"])
        if not pd.isna(n)
    }
    targeted = {(str(d), str(c)) for d, c in zip(targets["doc_id"], targets["concept_id"]) if not pd.isna(c)}
    others = list(read_reference("other_national_indices"))
    replacement_of = {int(r["replaces_index_no"]): r for r in others if r["replaces_index_no"]}
    name_of = dict(zip(crosswalk["indicator_no"].astype(int), crosswalk["indicator"].astype(str)))
    frame = load_national_frame()
    frame = frame[frame["kind"] == "outcome_index"]
    # the frame's keys are index_01 .. index_22, numbered as Tabel 2.1
    english_of_index = {int(str(k).rsplit("_", 1)[1]): str(e) for k, e in zip(frame["key"], frame["name_en"])}
    english_of_concept = dict(zip(concepts["concept_id"].astype(str), concepts["name_en"].astype(str)))

    rows = []
    for r in crosswalk.to_dict("records"):
        no = int(r["indicator_no"])
        concept = concept_of_index.get(no)
        batang = concept is not None and ("batang-2023", concept) in targeted
        successor, successor_targeted = None, None
        if r["fate"] == "merged" and not pd.isna(r["merged_into"]):
            into = int(r["merged_into"])
            successor = f"index {into} ({name_of[into]})"
            into_concept = concept_of_index.get(into)
            successor_targeted = into_concept is not None and ("batang-2023", into_concept) in targeted
        if r["fate"] == "replaced" and no in replacement_of:
            rep = replacement_of[no]
            successor = rep["name"]
            successor_targeted = ("batang-2023", rep["concept_id"]) in targeted
        partners = (
            [] if pd.isna(r["synergised_with"]) else [int(x) for x in str(r["synergised_with"]).split(";")]
        )
        partners_targeted = [
            p
            for p in partners
            if concept_of_index.get(p) and ("batang-2023", concept_of_index[p]) in targeted
        ]
        rows.append(
            {
                "national_no": no,
                "national_name": r["indicator"],
                "name_en": english_of_index[no],
                "concept_id": concept,
                "fate": r["fate"],
                "fate_text": r["fate_text"],
                "crosswalk_line": int(r["source_line"]),
                "blora_targets": concept is not None and ("blora-2020", concept) in targeted,
                "batang_targets": batang,
                "blora_lines": _lines(targets, "blora-2020", concept),
                "batang_lines": _lines(targets, "batang-2023", concept),
                "declared_vs_actual": _departure(
                    str(r["fate"]), batang, successor_targeted, successor, partners_targeted
                ),
            }
        )
    for r in others:
        concept = r["concept_id"]
        rows.append(
            {
                "national_no": None,
                "national_name": r["name"],
                "name_en": english_of_concept[concept],
                "concept_id": concept,
                "fate": "not in Tabel 2.1",
                "fate_text": r["evidence"],
                "crosswalk_line": int(r["source_line"]),
                "blora_targets": ("blora-2020", concept) in targeted,
                "batang_targets": ("batang-2023", concept) in targeted,
                "blora_lines": _lines(targets, "blora-2020", concept),
                "batang_lines": _lines(targets, "batang-2023", concept),
                "declared_vs_actual": None,
            }
        )
    out = pd.DataFrame(rows, columns=_COLUMNS)
    return out.astype(
        {
            "national_no": "Int64",
            "national_name": "string",
            "name_en": "string",
            "concept_id": "string",
            "fate": "string",
            "fate_text": "string",
            "crosswalk_line": "Int64",
            "blora_targets": bool,
            "batang_targets": bool,
            "blora_lines": "string",
            "batang_lines": "string",
            "declared_vs_actual": "string",
        }
    )
