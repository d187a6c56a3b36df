"""Provenance of values: the ``inferred`` column of targets, actions,
action_targets, budget_lines, indicator_crosswalk, theme_scores, areas, teams
and statements names every value that was not printed on the row's own line,
with the rule that supplied it.

Each rule is shown on one row checked by hand against the raw line it is
read from (quoted below, cells separated by ' | '); rows printed whole have
NA.
"""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata.contract import TABLES
from rbdata.loaders import _read

B = "batang-2023"
BL = "blora-2020"


def cells(doc_id: str, line: int) -> list[str]:
    """The cells of a raw line, stripped."""
    return [c.strip() for c in rbdata.raw_line(doc_id, line).split("\t")]


def one(frame: pd.DataFrame, **where) -> pd.Series:
    """The one row of ``frame`` matching ``where`` (several rows of a long
    table repeat the same inferred values: the first is returned)."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    rows = frame[mask]
    assert len(rows), f"no row with {where}"
    assert rows["inferred"].nunique(dropna=False) == 1, rows["inferred"].unique()
    return rows.iloc[0]


def inferred(frame: pd.DataFrame, **where) -> str | None:
    value = one(frame, **where)["inferred"]
    return None if pd.isna(value) else value


@pytest.fixture(scope="module")
def targets():
    return rbdata.load_targets()


@pytest.fixture(scope="module")
def actions():
    return rbdata.load_actions()


@pytest.fixture(scope="module")
def action_targets():
    return rbdata.load_action_targets()


@pytest.fixture(scope="module")
def budget_lines():
    return rbdata.load_budget_lines()


def test_the_contract_declares_the_columns():
    for table in (
        "targets",
        "actions",
        "action_targets",
        "budget_lines",
        "indicator_crosswalk",
        "theme_scores",
        "areas",
        "teams",
        "statements",
    ):
        assert "inferred" in TABLES[table].names, table
    assert "executor_text" in TABLES["targets"].names


# --- rows printed whole --------------------------------------------------------


def test_rows_printed_whole_have_na(targets, actions, action_targets, budget_lines):
    # Blora section B prints every row whole: 'NO | INDIKATOR | SATUAN | 2020 | 2021'
    section_b = targets[(targets["doc_id"] == BL) & targets["table_id"].str.startswith("B.")]
    assert len(section_b) and section_b["inferred"].isna().all()
    # 'Penguatan Upaya Pencegahan Korupsi | Indeks Persepsi Anti Korupsi | 86,34 | 87 | 87 |
    #  Inspektorat Daerah | Perangkat Daerah': the first row of a merged Kegiatan Utama cell
    assert cells(B, 382)[0] == "Penguatan Upaya Pencegahan Korupsi"
    assert inferred(targets, doc_id=B, source_line=382) is None
    # 'Birokrasi yang belum kolaboratif | Penyederhanaan Birokrasi ... | ... | 91% | a. Menetapkan
    #  Perbup SOTK ...': problem, Kegiatan Utama and action all on line 720
    assert cells(B, 720)[0] == "Birokrasi yang belum kolaboratif"
    assert inferred(actions, doc_id=B, source_line=720) is None
    assert action_targets[action_targets["source_line"].eq(720)]["inferred"].isna().all()
    # '... | Sub kegiatan Pengelolaan Media Komunikasi Publik | 329.244.000 | Diskominfo | Diskominfo'
    assert inferred(budget_lines, source_line=731) is None


def test_most_rows_are_printed_whole(targets, actions, action_targets):
    """The rules flag the rows they repair, not every row."""
    assert targets["inferred"].isna().mean() > 0.5
    assert actions["inferred"].isna().mean() > 0.5
    assert action_targets["inferred"].isna().mean() > 0.9


# --- merged cells ----------------------------------------------------------------


def test_merged_objective_cell_of_a_goal_table(targets):
    # Tabel 2.2 line 348: ' |  | Persentase Penduduk Miskin | ...': No and objective of line 346
    assert cells(B, 348)[:2] == ["", ""]
    assert inferred(targets, doc_id=B, source_line=348) == "objective: merged cell of line 346"


def test_merged_kegiatan_utama_cell_and_executor_of_tabel_2_4(targets):
    # Tabel 2.4 line 383: ' | Opini BPK | WTP | WTP | WTP | Inspektorat Daerah | Perangkat Daerah'
    assert cells(B, 383)[0] == "" and cells(B, 383)[-1] == "Perangkat Daerah"
    row = one(targets, doc_id=B, source_line=383)
    assert row["inferred"] == "objective: merged cell of line 382"
    assert row["agency_text"] == "Inspektorat Daerah"  # the Koordinator, printed on the row
    assert row["executor_text"] == "Perangkat Daerah"  # the Pelaksana, printed on the row


def test_executor_text_only_where_printed(targets):
    tabel_2_4 = targets["table_id"] == "Tabel 2.4"
    assert tabel_2_4.sum() and (targets.loc[tabel_2_4, "executor_text"] == "Perangkat Daerah").all()
    assert targets.loc[~tabel_2_4, "executor_text"].isna().all()


def test_executor_of_every_agency_cites_no_agency_row(targets):
    """Tabel 2.4's Pelaksana names every agency at once: it does not add to the
    agencies' row counts, which count the agencies that answer for a row."""
    agencies = rbdata.load_agencies()
    alias = agencies[agencies["alias"] == "Perangkat Daerah"]
    tabel_2_4 = (targets["table_id"] == "Tabel 2.4").sum()
    assert alias.empty or int(alias["n_rows"].iloc[0]) < tabel_2_4


def test_merged_goal_cell_of_tabel_4_2(targets):
    # ' |  | Indeks Pembangunan Manusia (IPM) | 69,32 | 69,66 | 70': theme and goal of line 518
    assert cells(B, 519)[:2] == ["", ""]
    assert inferred(targets, doc_id=B, source_line=519) == "objective: merged cell of line 518"


def test_merged_problem_and_kegiatan_utama_of_lampiran_ii(targets, actions):
    # ' |  |  |  | b. Memperbarui IKU sesuai dengan RPD 2023-2026 | Dokumen | ...': the
    # Permasalahan printed on line 742
    assert cells(B, 744)[:4] == ["", "", "", ""]
    assert inferred(actions, doc_id=B, source_line=744).startswith("problem: merged cell of line 742")
    # ' |  | Nilai SAKIP | 68,0 | a. Integrasi SAKIP | ...': Permasalahan and Kegiatan Utama of line 742
    assert cells(B, 743)[:2] == ["", ""] and cells(B, 743)[2] == "Nilai SAKIP"
    assert inferred(targets, doc_id=B, source_line=743) == (
        "objective: merged cell of line 742; problem: merged cell of line 742; "
        "agency_text: coordinator of action on line 743"
    )


def test_bab_v_rows_take_kegiatan_utama_and_leading_institution(targets, actions):
    # ' | Indikator: Tingkat Implementasi Sistem Kerja Baru ... Target: 100% pada Tahun 2024 |  |
    #  2. Terlaksananya monitoring ... | 2024 | ': Kegiatan Utama, leading institution and
    #  responsible unit printed on line 649
    assert cells(B, 650)[0] == "" and cells(B, 650)[2] == "" and cells(B, 650)[-1] == ""
    assert inferred(targets, doc_id=B, source_line=650) == (
        "objective: merged cell of line 649; agency_text: merged cell of line 649"
    )
    assert inferred(actions, doc_id=B, source_line=650) == (
        "coordinator_text: merged cell of line 649; executor_text: carried from line 649 (merged cell)"
    )
    # ' | Target: 3,5 pada Tahun 2024 |  | 3. ...': the indicator is on line 652 ('Indikator: Indeks SPBE')
    assert cells(B, 652)[1] == "Indikator: Indeks SPBE"
    assert inferred(targets, doc_id=B, source_line=653).endswith(
        "indicator: paired by position with line 652"
    )
    # line 675 lists three indicators, line 676 two targets: the third has the year of their targets
    assert "• Indeks Pengelolaan Aset" in rbdata.raw_line(B, 675)
    aset = one(targets, doc_id=B, source_line=675, indicator="Indeks Pengelolaan Aset")
    assert aset["inferred"].endswith("period: year of the target on line 676")


# --- action plans ------------------------------------------------------------------


def test_indicator_agency_is_the_coordinator_of_its_first_action(targets):
    # line 720 prints the indicator and its action a., whose Koordinator is the indicator's agency
    row = one(targets, doc_id=B, source_line=720)
    assert row["inferred"] == "agency_text: coordinator of action on line 720"
    lampiran = targets[targets["table_id"].str.startswith("Lampiran")]
    assert lampiran["agency_text"].notna().all()
    assert lampiran["inferred"].str.contains("agency_text: coordinator of action on line", regex=False).all()


def test_agencies_and_sub_activity_carried_down(actions, budget_lines):
    # line 744 prints no sub-activity, budget or agencies: those of line 743
    row = one(actions, doc_id=B, source_line=744)
    assert row["inferred"] == (
        "problem: merged cell of line 742; sub_activity: carried from line 743 (merged cell); "
        "coordinator_text: carried from line 743 (merged cell); executor_text: carried from line 743 (merged cell)"
    )
    # ' |  |  | b. Pendampingan ... | Pengawasan Arsip Dinamis Kewenangan Kabupaten/Kota | 31.686.500 |  | '
    # prints its own sub-activity and budget but no agencies: those of line 735, also on its budget line
    assert cells(B, 736)[-2:] == ["", ""]
    assert inferred(actions, doc_id=B, source_line=736) == (
        "problem: merged cell of line 724; coordinator_text: carried from line 735 (merged cell); "
        "executor_text: carried from line 735 (merged cell)"
    )
    assert inferred(budget_lines, source_line=736) == (
        "coordinator: carried from line 735 (merged cell); executor: carried from line 735 (merged cell)"
    )


def test_second_sub_activity(actions, budget_lines):
    # ' |  | ... | Sub kegiatan Pelayanan Informasi Publik | 65.000.000 |  | ': a second
    # sub-activity of the action of line 731, printing no agencies
    assert [c for c in cells(B, 732) if c] == ["Sub kegiatan Pelayanan Informasi Publik", "65.000.000"]
    assert inferred(actions, doc_id=B, source_line=731) == (
        "problem: merged cell of line 724; sub_activity: second sub-activity on line 732; "
        "budget_text: second sub-activity on line 732"
    )
    assert inferred(budget_lines, source_line=732) == (
        "coordinator: action on line 731; executor: action on line 731"
    )


def test_text_wrapped_onto_the_next_line(actions, targets):
    # the Permasalahan cell of line 773 ('Budaya Birokrasi BerAKHLAK yang Belum') ends on line 775
    # ('Terimplementasi dengan Baik')
    assert cells(B, 773)[0] == "Budaya Birokrasi BerAKHLAK yang Belum"
    assert cells(B, 775)[0] == "Terimplementasi dengan Baik"
    assert inferred(actions, doc_id=B, source_line=773) == "problem: continued on line 775"
    # a sub-activity cell wrapped over a page break (line 726 -> 728)
    assert inferred(actions, doc_id=B, source_line=726).endswith("sub_activity: continued on line 728")
    # the wrapped end given back by the cell below (lines 766/768)
    assert inferred(actions, doc_id=B, source_line=766).endswith("sub_activity: continued on line 768")


def test_sub_rows_and_second_outputs_repeat_their_action(actions):
    # ' | ... | PNF | program PIP membantu anak2 ... | Siswa | ...': its Keterkaitan repeats only the
    # end of the one of action a. (line 812); the row's rationale is the action's whole cell
    assert cells(B, 813)[8] == "PNF" and cells(B, 813)[9].startswith("program PIP membantu")
    assert inferred(actions, doc_id=B, source_line=813).endswith("rationale: action on line 812")
    # ' | ... | PAUD | Bantuan BOSP membantu ...': prints the whole Keterkaitan of action b. (line 816)
    assert cells(B, 817)[9] == cells(B, 816)[9]
    assert inferred(actions, doc_id=B, source_line=817) == (
        "problem: merged cell of line 811; action_no: action on line 816; action: action on line 816"
    )
    # ' |  |  | SMP |  | Siswa | ...': a school-level sub-row printing no Keterkaitan of its own
    assert cells(B, 823)[3:5] == ["SMP", ""]
    assert inferred(actions, doc_id=B, source_line=823) == (
        "problem: merged cell of line 811; action_no: action on line 820; action: action on line 820; "
        "rationale: action on line 820"
    )
    # ' | ... | Kelompok |  |  | jumlah kelompok yg mendapat bantuan prasarana | ... | Terkait langsung
    #  | ...': a second output of action o. (line 832), no action cell
    assert not any(c.startswith("o.") for c in cells(B, 833))
    assert inferred(actions, doc_id=B, source_line=833) == (
        "problem: merged cell of line 811; action_no: action on line 832; action: action on line 832; "
        "rationale: action on line 832"
    )


def test_quarters_realigned_on_a_shifted_row(action_targets):
    # line 837 (action q.) lost one quarter cell: TW IV and Total are the two values before the link
    assert any(c.startswith("q. Meningkatkan Peran Serta") for c in cells(B, 837))
    rows = action_targets[action_targets["source_line"] == 837].set_index("period")
    assert rows.loc["2023Q1", "inferred"] == "value: cell lost in a shifted row"
    assert (
        rows.loc[["2023Q2", "2023Q3", "2023Q4", "2023"], "inferred"] == "value: realigned shifted row"
    ).all()
    assert rows.loc["2023Q4", "value_text"] == "72" and rows.loc["2023", "value_text"] == "72"


def test_intermediate_row_without_its_own_problem_takes_the_outcome_level():
    """Tematik rows print two Permasalahan cells, one per indicator level; an
    action under an intermediate indicator printing none takes the outcome
    level's. Every row of the document prints both, so the rule is shown on a
    copy of line 807 without its second Permasalahan."""
    text = _read(B)
    lines = text.split("\n")
    line_807 = lines[806].split("\t")
    assert line_807[4] == "Lambatnya Laju Pertumbuhan PDRB Kab. Batang"
    line_807[4] = ""
    lines[806] = "\t".join(line_807)
    actions = rbdata.parse("\n".join(lines), B)["actions"]
    # line 808 (b.) prints no Permasalahan: the outcome level's of line 807
    assert inferred(actions, source_line=808) == "problem: outcome level of line 807"
    assert inferred(actions, source_line=807) is None


# --- Blora section C --------------------------------------------------------------


def test_blora_goal_of_the_group_heading(targets, actions):
    # 'A | Area Penataan Sistem Manajemen Sumber Daya Manusia Aparatur |  | ...' (line 733) heads the
    # indicators below it; their objective is that heading's
    assert cells(BL, 733)[0] == "A"
    c = targets[(targets["doc_id"] == BL) & targets["table_id"].str.startswith("C")]
    with_objective = c["objective"].notna()
    assert with_objective.any()
    assert c.loc[with_objective, "inferred"].str.fullmatch(r"objective: group heading of line \d+").all()
    assert c.loc[~with_objective, "inferred"].isna().all()
    assert "objective: group heading of line 733" in set(c["inferred"])
    # activities print their own cells
    assert (
        actions[
            (actions["doc_id"] == BL) & (actions["source_line"] != 874) & (actions["source_line"] != 1054)
        ]["inferred"]
        .isna()
        .all()
    )


def test_blora_shifted_activity_row(actions, action_targets):
    # '7) Pembinaan minat bakat dan kreativitas siswa | Lomba | 20 | 20 | Dinas Pendidikan | ':
    # the empty number cell was lost, every cell put back one to the right
    assert cells(BL, 874) == [
        "7) Pembinaan minat bakat dan kreativitas siswa",
        "Lomba",
        "20",
        "20",
        "Dinas Pendidikan",
        "",
    ]
    assert inferred(actions, doc_id=BL, source_line=874) == (
        "action_no: realigned shifted row; action: realigned shifted row; output_unit: realigned shifted row; "
        "executor_text: realigned shifted row"
    )
    rows = action_targets[(action_targets["doc_id"] == BL) & (action_targets["source_line"] == 874)]
    assert len(rows) == 2 and (rows["inferred"] == "value: realigned shifted row").all()


# --- Tabel 2.1, Tabel 4.1, Tabel 5.1/5.2 ------------------------------------------


@pytest.fixture(scope="module")
def crosswalk():
    return rbdata.load_indicator_crosswalk()


def test_crosswalk_merged_cells(crosswalk):
    # 'Penataan Tatalaksana | 5. Indeks SPBE | indikator 5 s.d 8 sudah tersedia | Indikator 5 dilanjutkan':
    # printed whole
    assert cells(B, 304)[:3] == ["Penataan Tatalaksana", "5. Indeks SPBE", "indikator 5 s.d 8 sudah tersedia"]
    assert inferred(crosswalk, source_line=304) is None
    # ' | 6. Indeks Pengawasan Kearsipan |  | Indikator 6 s.d 8 dilanjutkan, ...': area and availability
    # ('Kondisi sampai 2021') of line 304, its own fate
    assert (
        cells(B, 305)[0] == "" and cells(B, 305)[2] == "" and cells(B, 305)[3].startswith("Indikator 6 s.d 8")
    )
    assert inferred(crosswalk, source_line=305) == (
        "area: merged cell of line 304; availability_text: merged cell of line 304"
    )
    row = one(crosswalk, source_line=305)
    assert row["availability_text"] == "indikator 5 s.d 8 sudah tersedia"
    # ' | 14. Indeks Perencanaan Pembangunan | indikator 14 sudah tersedia | ': the fate shared by the
    # group, 'Indikator 13 dan 14 dilanjutkan, disinergikan, disederhanakan' (line 312)
    assert cells(B, 313)[2] == "indikator 14 sudah tersedia" and cells(B, 313)[3] == ""
    assert cells(B, 312)[3].startswith("Indikator 13 dan 14 dilanjutkan, disinergikan")
    assert (
        inferred(crosswalk, source_line=313)
        == "area: merged cell of line 312; fate_text: merged cell of line 312"
    )


def test_crosswalk_shifted_row(crosswalk):
    # '12. Indeks Tata Kelola Manajemen ASN |  |  | ': the indicator printed in the area's column
    assert cells(B, 311)[0] == "12. Indeks Tata Kelola Manajemen ASN"
    assert inferred(crosswalk, source_line=311) == (
        "indicator_no: realigned shifted row; indicator: realigned shifted row; area: merged cell of line 308; "
        "availability_text: merged cell of line 309; fate_text: merged cell of line 309"
    )


def test_theme_selected_from_the_sentence_under_tabel_4_1():
    scores = rbdata.load_theme_scores()
    # '1 | Kemiskinan | 8,56 | 8,34 | 10 | 8 | 9 | 9 | 8 | 44': scores, existing, target and total printed on
    # the theme's line; the choice in 'Berdasarkan tabel ... adalah: 1. Pengentasan Kemiskinan dan 2. ...'
    assert cells(B, 505) == ["1", "Kemiskinan", "8,56", "8,34", "10", "8", "9", "9", "8", "44"]
    assert "tema yang dipilih" in rbdata.raw_line(B, 511)
    assert set(scores["inferred"].fillna("NA")) == {"selected: sentence on line 511"}
    assert scores["selected"].any() and not scores["selected"].all()


def test_team_part_and_role_from_rows_above():
    teams = rbdata.load_teams()
    # '2 | Ketua | Sekretaris Daerah': role and position on the row, the part in 'TIM PENGARAH' (line 551)
    assert cells(B, 551)[0] == "TIM PENGARAH" and cells(B, 554) == ["2", "Ketua", "Sekretaris Daerah"]
    assert inferred(teams, source_line=554) == "part: group heading of line 551"
    # ' |  | 2 | Kepala Bagian Hukum Sekretariat Daerah Kab. Batang': the role 'Anggota' of line 566 and
    # the part 'B | TIM PELAKSANA' of line 562
    assert cells(B, 566)[1] == "Anggota" and cells(B, 567)[:3] == ["", "", "2"]
    assert cells(B, 562)[1] == "TIM PELAKSANA"
    assert inferred(teams, source_line=567) == (
        "part: group heading of line 562; role: merged cell of line 566"
    )
    # the first member prints the role itself
    assert inferred(teams, source_line=566) == "part: group heading of line 562"
    # Tabel 5.2: 'A |  | TIM PENGARAH | '
    assert cells(B, 604)[2] == "TIM PENGARAH"
    assert (
        inferred(teams, source_line=610) == "part: group heading of line 604; role: merged cell of line 609"
    )
    # no team row prints its part: none is NA
    assert teams["inferred"].notna().all()


# --- Blora areas and the narrative lists ---------------------------------------------


def test_blora_area_wrapped_over_a_page_break():
    areas = rbdata.load_areas()
    # '8. | Penataan dan | Organisasi yang tepat fungsi dan tepat', after the repeated header
    # ' | Penguatan Kelembagaan | ukuran (<i>right sizing</i>)' (line 378)
    assert cells(BL, 375) == ["8.", "Penataan dan", "Organisasi yang tepat fungsi dan tepat"]
    assert cells(BL, 378)[:2] == ["", "Penguatan Kelembagaan"]
    row = one(areas, source_line=375)
    assert row["area"] == "Penataan dan Penguatan Kelembagaan"
    assert row["inferred"] == "area: continued on line 378; expected_result: continued on line 378"
    # '7. | Penguatan Akuntabilitas | Meningkatnya kapasitas ...': printed whole
    assert inferred(areas, source_line=374) is None
    assert areas["inferred"].notna().sum() == 1


def _split_line(doc_id: str, line: int, before: str) -> str:
    """The document's text with ``line`` broken in two before the words ``before``
    (a lower-case word), as a page break wraps an item."""
    lines = _read(doc_id).split("\n")
    text = lines[line - 1]
    at = text.index(" " + before)
    lines[line - 1 : line] = [text[:at], text[at + 1 :]]
    return "\n".join(lines)


def test_statement_goal_from_the_heading_above():
    statements = rbdata.load_statements()
    # '1. Sasaran Birokrasi yang bersih dan akuntabel, antara lain :' (line 211) heads the items below it
    assert rbdata.raw_line(BL, 211).startswith("1. Sasaran Birokrasi yang bersih dan akuntabel")
    assert rbdata.raw_line(BL, 212).startswith(" - a) Mendapat Opini Wajar Tanpa Pengecualian")
    row = one(statements, doc_id=BL, source_line=212)
    assert row["goal"] == "Birokrasi yang Bersih dan Akuntabel"
    assert row["inferred"] == "goal: group heading of line 211"
    # the heading is an item itself and names its goal on its own line
    assert inferred(statements, doc_id=BL, source_line=211) is None
    # Batang: '- a. Menetapkan Peraturan Bupati ...' a step of the achievement '1) Penyederhanaan
    # Birokrasi 2 (dua) level' (line 199)
    assert rbdata.raw_line(B, 199) == "1) Penyederhanaan Birokrasi 2 (dua) level"
    assert inferred(statements, doc_id=B, source_line=205) == "goal: group heading of line 199"
    # a numbered item of a list grouped under no goal: '1. Undang-Undang Nomor 17 Tahun 2007 ...'
    assert rbdata.raw_line(BL, 194).startswith("1. Undang-Undang Nomor 17 Tahun 2007")
    assert inferred(statements, doc_id=BL, source_line=194) is None


def test_statement_paragraph_is_not_listed():
    """A heading item's explanation is read from the lines under it by definition (end_line
    gives its span): such an item printed whole on its line has NA."""
    statements = rbdata.load_statements()
    # '1) Penyederhanaan Birokrasi 2 (dua) level', explained on lines 201-208
    row = one(statements, doc_id=B, source_line=199)
    assert row["paragraph"].startswith("Penyederhanaan struktur Organisasi") and row["end_line"] == 208
    assert pd.isna(row["inferred"])


def test_statement_text_wrapped_onto_the_next_line():
    """No item of the documents is wrapped onto a line of its own (only paragraphs span lines):
    the rule is shown on copies with an item broken in two."""
    # ' - a) Mendapat Opini ... (BPK) 5 (lima) kali, yakni dari tahun 2015 s/d tahun 2019;'
    text = _split_line(BL, 212, "yakni dari tahun")
    statements = rbdata.parse(text, BL)["statements"]
    row = one(statements, source_line=212)
    assert row["text"].endswith("5 (lima) kali, yakni dari tahun 2015 s/d tahun 2019;")
    assert row["inferred"] == "goal: group heading of line 211; text: continued on line 213"
    # '1. Undang-Undang Nomor 17 Tahun 2007 ... , yang menyebutkan bahwa ...' (a numbered list)
    statements = rbdata.parse(_split_line(BL, 194, "yang menyebutkan"), BL)["statements"]
    assert inferred(statements, source_line=194) == "text: continued on line 195"
    # Batang: '- a. Menetapkan Peraturan Bupati ... Perangkat Daerah berdasarkan struktur yang baru ...'
    statements = rbdata.parse(_split_line(B, 205, "berdasarkan struktur"), B)["statements"]
    assert inferred(statements, source_line=205) == (
        "goal: group heading of line 199; text: continued on line 206"
    )
