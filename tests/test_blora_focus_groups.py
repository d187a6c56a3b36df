"""compare.blora_focus_groups: Blora's five focus groups (Bab III) against its four table groups.

Hand-checked in data/raw/blora-2020.txt: '5 (lima) fokus perubahan' (line 380); focus 4
'Prioritas Zona Integritas' (line 523) has no group in sections B and C; section C prints 104
indicator rows (14 of them in group I, the one with 'Area ...' headings) and repeats section B row
for row.
"""

from __future__ import annotations

import rbdata
from rbdata import compare


def test_five_focus_groups_as_printed():
    df = compare.blora_focus_groups()
    assert df["focus_no"].tolist() == [1, 2, 3, 4, 5]
    assert df["focus_line"].tolist() == [382, 411, 454, 523, 529]
    zi = df.set_index("focus_no").loc[4]
    assert zi["focus"] == "Prioritas Zona Integritas"
    assert zi["track"] is None or str(zi["track"]) == "<NA>"
    assert (zi["n_concepts"], zi["n_rows_b"], zi["n_rows_c"], zi["n_actions"]) == (0, 0, 0, 0)


def test_section_c_repeats_section_b_row_for_row():
    df = compare.blora_focus_groups()
    assert (df["n_rows_b"] == df["n_rows_c"]).all()
    assert df["n_rows_c"].sum() == 104
    assert df.set_index("focus_no").at[1, "n_rows_c"] == 14


def test_counts_add_up_to_the_tables():
    df = compare.blora_focus_groups()
    assert df["n_actions"].sum() == len(rbdata.load_actions("blora-2020"))
    # a concept can sit in two groups (group IV repeats sector indicators), never in none
    total = rbdata.load_targets("blora-2020")["concept_id"].nunique()
    assert df["n_concepts"].sum() >= total
    assert df["n_concepts"].max() < total
