"""Every list of both documents is in load_statements() or in an explicit exclusion.

The list-marker rule
--------------------
A list-marker line is a line without a tab (tab-separated lines are table
rows, accounted for by tests/test_coverage.py) whose text, after leading
spaces, starts with

* a bullet: '-' followed by a space (the extraction's rendering of a list
  bullet, also before a number: '- 1) ...', '- a) ...'), '•' or '<li>';
* a number closed by ')' , ').' or '.': '1)', '1).', '1.'; a number followed
  by a full stop and a digit ('1.1', '1.3.1.') is a section number, not a
  list marker;
* a lower-case letter closed by ')' or '.': 'a)', 'a.';
* a number or letter in brackets: '(1)', the clauses of an article;
* a roman numeral closed by a full stop: 'IV.'.

Left out are the outline headings, which the rule would otherwise take for
list items: a capital letter with a full stop opens a part of a chapter
('A. Latar Belakang', 'B. Tim Pengelola RB Tematik': neither document letters
a list in capitals), a number with sub-numbers a section ('1.3.1. Isu
Strategis ...', '2.1 Birokrasi ...'). One heading of Blora's section B prints
its number without the full stop ('3 Prioritas ...'). The test
:func:`test_what_the_rule_leaves_out_are_outline_headings` checks that these
are all the marker-like lines the rule leaves out.

A numbered enumeration run into a sentence (': 1). ... 2). ...') is no
list-marker line; such lines are checked as well.

Each list-marker line must be a statements row (its ``source_line``), a line
of a row's span (``source_line`` to ``end_line``: its paragraph, wrapped
lines) or a line of an exclusion range (rbdata/reference/statement_exclusions.csv).
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

import rbdata
from rbdata import ParseError
from rbdata._paths import REFERENCE_DIR
from rbdata.contract import CONTRACT
from rbdata.loaders import raw_lines

LIST_MARKER = re.compile(
    r"""^\s*(?:
        (?:-(?=\s|$)|•|<li>)             # a bullet
      | \d+(?:\)\.?|\.(?!\d))(?=\s|$)    # '1)', '1).', '1.' (not '1.1')
      | [a-z][.)](?=\s)                  # 'a)', 'a.'
      | \((?:\d+|[a-z])\)(?=\s)          # '(1)', '(a)'
      | [IVX]+\.(?=\s)                   # 'IV.'
    )""",
    re.X,
)
#: Anything that might open a list item: a digit, a letter with ')' or '.',
#: a bracket, a bullet.
MARKER_LIKE = re.compile(r"^\s*(?:\d|[A-Za-z][.)]\s|\(|•|<li|-)")
#: Outline headings: part 'A.', section '1.3.1.' / '2.1', and Blora's '3 Prioritas ...'.
OUTLINE = re.compile(r"^\s*(?:[A-Z]\.|\d+(?:\.\d+)+\.?|\d+)\s+\S")
#: A numbered enumeration inside a sentence: '... untuk: 1). Memantau ...; 2). Menilai ...'.
INLINE = re.compile(r"(?:^|\s)1(?:\)\.?|\.)\s+\S.*\s2(?:\)\.?|\.)\s+\S")


def exclusions() -> list[dict]:
    with open(REFERENCE_DIR / "statement_exclusions.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def text_lines(doc_id: str) -> list[tuple[int, str]]:
    """(line number, text) of every line without a tab."""
    return [(no, t) for no, t in enumerate(raw_lines(doc_id), start=1) if "\t" not in t]


def marker_lines(doc_id: str) -> set[int]:
    return {no for no, t in text_lines(doc_id) if LIST_MARKER.match(t)}


def inline_lines(doc_id: str) -> set[int]:
    return {no for no, t in text_lines(doc_id) if not LIST_MARKER.match(t) and INLINE.search(t)}


def spans(statements: pd.DataFrame) -> set[int]:
    return {
        no
        for first, last in zip(statements["source_line"], statements["end_line"])
        for no in range(int(first), int(last) + 1)
    }


def excluded(doc_id: str) -> set[int]:
    return {
        no
        for r in exclusions()
        if r["doc_id"] == doc_id
        for no in range(int(r["first_line"]), int(r["last_line"]) + 1)
    }


def uncovered(doc_id: str, statements: pd.DataFrame) -> set[int]:
    """List-marker lines and enumeration lines that neither a statements row nor an exclusion covers."""
    return (marker_lines(doc_id) | inline_lines(doc_id)) - spans(statements) - excluded(doc_id)


@pytest.fixture(scope="module")
def st() -> pd.DataFrame:
    return rbdata.load_statements()


def rows_of(st, doc_id):
    return st[st["doc_id"] == doc_id]


def row(st, doc_id, line):
    sel = st[(st["doc_id"] == doc_id) & (st["source_line"] == line)]
    assert len(sel) == 1, f"{len(sel)} rows at {doc_id}:{line}"
    return sel.iloc[0]


def plain(text: str) -> str:
    return " ".join(text.replace("*", "").split())


# ------------------------------------------------------------------ coverage


# list-marker lines per document: (all, statement rows, other lines of a row's span, excluded)
MARKER_COUNTS = {"blora-2020": (310, 261, 0, 49), "batang-2023": (78, 55, 0, 23)}


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_every_list_marker_line_is_a_statement_or_excluded(st, doc_id):
    s = rows_of(st, doc_id)
    assert uncovered(doc_id, s) == set()
    markers = marker_lines(doc_id)
    starts = set(s["source_line"])
    counts = (
        len(markers),
        len(markers & starts),
        len(markers & (spans(s) - starts)),
        len(markers & excluded(doc_id)),
    )
    assert counts == MARKER_COUNTS[doc_id]


def test_the_coverage_check_finds_a_lost_list(st):
    """Without the rows of one list, its lines are reported (the check can fail)."""
    s = rows_of(st, "batang-2023")
    assert uncovered("batang-2023", s[s["category"] != "theme"]) == {486, 487, 491, 492}
    b = rows_of(st, "blora-2020")
    assert uncovered("blora-2020", b[b["category"] != "monitoring_output"]) == set(range(1100, 1107)) - {1102}


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_what_the_rule_leaves_out_are_outline_headings(doc_id):
    left_out = [(no, t) for no, t in text_lines(doc_id) if MARKER_LIKE.match(t) and not LIST_MARKER.match(t)]
    assert left_out, "the documents have outline headings"
    for no, t in left_out:
        assert OUTLINE.match(t), f"{doc_id}:{no} looks like a list item the rule misses: {t[:80]!r}"
        assert len(t.split()) <= 16 and not t.rstrip().endswith((";", ",")), f"{doc_id}:{no}: {t[:80]!r}"


def test_enumerations_inside_sentences_are_found():
    assert inline_lines("batang-2023") == {455, 511}
    assert inline_lines("blora-2020") == set()


# ------------------------------------------------------------------ exclusions


def test_exclusion_ranges_print_their_first_text_and_hold_a_list():
    rows = exclusions()
    assert list(rows[0]) == ["doc_id", "first_line", "last_line", "first_text", "reason"]
    keys = [(r["doc_id"], r["first_line"]) for r in rows]
    assert len(keys) == len(set(keys))
    for r in rows:
        doc_id, first, last = r["doc_id"], int(r["first_line"]), int(r["last_line"])
        assert doc_id in rbdata.DOC_IDS and first <= last
        assert raw_lines(doc_id)[first - 1].startswith(r["first_text"]), r
        listed = (marker_lines(doc_id) | inline_lines(doc_id)) & set(range(first, last + 1))
        assert first in listed and last in listed, (
            f"{doc_id}:{first}-{last} does not start and end on a list line"
        )
        assert len(r["reason"]) > 40


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_no_statement_is_also_excluded(st, doc_id):
    assert spans(rows_of(st, doc_id)) & excluded(doc_id) == set()


def test_regulation_bodies_are_excluded_up_to_the_annex(st):
    """Before the annex every list is the regulation's legal form: excluded, no statement."""
    annex = {"blora-2020": 156, "batang-2023": 93}
    for doc_id, line in annex.items():
        assert raw_lines(doc_id)[line - 1].startswith("LAMPIRAN")
        body = {no for no in marker_lines(doc_id) if no < line}
        assert body and body <= excluded(doc_id)
        assert rows_of(st, doc_id)["source_line"].min() > line


# ------------------------------------------------------------------ structure


def test_spans_parents_and_lists(st):
    assert (st["end_line"] >= st["source_line"]).all()
    by_key = {(d, int(n)): r for d, n, r in zip(st["doc_id"], st["source_line"], st.itertuples())}
    for r in st.itertuples():
        if pd.isna(r.parent_line):
            assert r.item_level == 1, r
            continue
        parent = by_key[(r.doc_id, int(r.parent_line))]
        assert parent.item_level == r.item_level - 1
        assert parent.source_line < r.source_line
    for list_id, members in st.groupby("list_id"):
        doc_id, first = list_id.rsplit(":", 1)
        assert set(members["doc_id"]) == {doc_id} and members["source_line"].min() == int(first)
        assert members["item_level"].nunique() == 1 and members["parent_line"].nunique(dropna=False) == 1
        assert members["category"].nunique() == 1 and members["lead_in"].nunique(dropna=False) == 1


def test_every_category_is_documented():
    col = CONTRACT["statements"].column("category")
    assert col.categories and len(set(col.categories)) == len(col.categories)
    for value in col.categories:
        assert f"'{value}': " in col.description


def test_counts_per_document_and_category(st):
    got = st.groupby(["doc_id", "category"], observed=True).size().to_dict()
    assert got == {
        ("blora-2020", "legal_basis"): 12,  # 7 (Bab I D, lines 194-201) + 5 (Bab IV A, 1090-1094)
        ("blora-2020", "goal_heading"): 9,  # three goals in each of Bab II A, B, C
        ("blora-2020", "achievement"): 30,
        ("blora-2020", "expectation"): 35,
        ("blora-2020", "expectation_external"): 2,
        ("blora-2020", "problem"): 51,
        ("blora-2020", "priority_group"): 5,  # lines 382, 411, 454, 523, 529
        ("blora-2020", "priority_area"): 15,
        ("blora-2020", "maintain"): 29,
        ("blora-2020", "strategic_sector"): 3,  # lines 462, 480, 491
        ("blora-2020", "sector_priority"): 25,
        ("blora-2020", "quick_win_criterion"): 2,
        ("blora-2020", "quick_win"): 6,
        ("blora-2020", "agency_priority"): 12,
        ("blora-2020", "monitoring_output"): 6,  # lines 1100-1106
        ("blora-2020", "monitoring_activity"): 10,  # 5 at agency level (1112-1116), 5 at regency level
        ("blora-2020", "monitoring_mechanism"): 9,  # 5 (1130-1134) + 4 (1138-1141)
        ("batang-2023", "sharpening_aspect"): 4,  # lines 121-124
        ("batang-2023", "sharpening_purpose"): 3,  # lines 130, 132, 138
        ("batang-2023", "upstream_issue"): 5,
        ("batang-2023", "downstream_issue"): 4,
        ("batang-2023", "achievement"): 8,  # 6 numbered, 2 lettered under the first
        ("batang-2023", "strategic_goal"): 2,  # lines 276-277
        ("batang-2023", "implementation_stage"): 5,  # lines 429-433
        ("batang-2023", "roadmap_content"): 5,  # lines 437-441
        ("batang-2023", "action_plan_content"): 5,  # lines 445-449
        ("batang-2023", "theme"): 4,  # lines 486-492
        ("batang-2023", "theme_criterion"): 5,  # lines 496-500
        ("batang-2023", "team_task"): 5,  # lines 537-541
    }


# ------------------------------------------------------------------ item numbers


def test_item_numbers_are_printed_at_the_start_of_their_line(st):
    for r in st.itertuples():
        printed = re.sub(r"^\s*-?\s*", "", raw_lines(r.doc_id)[r.source_line - 1])
        if pd.isna(r.item_no):
            assert raw_lines(r.doc_id)[r.source_line - 1].startswith("- "), r
            continue
        assert printed.startswith(r.item_no + " ") or printed.startswith(r.item_no + "*"), (r, printed[:20])


@pytest.mark.parametrize(
    "doc_id, line, item_no, raw_start",
    [
        ("batang-2023", 150, "1)", "- 1) Birokrasi yang belum kolaboratif"),
        ("batang-2023", 175, "1).", "1). Hasil Pelaksanaan Program-Program"),
        ("batang-2023", 199, "1)", "1) Penyederhanaan Birokrasi 2 (dua) level"),
        ("batang-2023", 206, "b.", "- b. Melakukan pelantikan jabatan"),
        ("batang-2023", 277, "2).", "- 2). Terciptanya budaya birokrasi BerAKHLAK"),
        ("batang-2023", 486, "1.", "1. Pengentasan Kemiskinan. RB Tematik"),
        ("blora-2020", 212, "a)", " - a) Mendapat Opini Wajar Tanpa Pengecualian"),
        ("blora-2020", 466, "1)", "- 1) Peningkatan sarana prasarana kesehatan"),
        ("blora-2020", 462, "a)", "a) Sektor Kesehatan"),
        ("blora-2020", 1100, "1.", "1. Diketuainya tingkat kemajuan kegiatan"),
    ],
)
def test_item_numbers_as_printed(st, doc_id, line, item_no, raw_start):
    assert raw_lines(doc_id)[line - 1].startswith(raw_start)
    assert row(st, doc_id, line)["item_no"] == item_no


def test_bullets_without_number_have_none(st):
    assert raw_lines("blora-2020")[510].startswith("- Dapat dilakukan perubahan-perubahan cepat")
    assert pd.isna(row(st, "blora-2020", 511)["item_no"])


# ------------------------------------------------------------------ paragraphs


def test_paragraph_of_an_issue_is_the_text_under_its_heading(st):
    lines = raw_lines("batang-2023")
    assert lines[153] == "- 2) Transformasi Digital yang Belum Optimal"
    issue = row(st, "batang-2023", 154)
    assert issue["text"] == "Transformasi Digital yang Belum Optimal"
    assert issue["paragraph"] == plain(lines[155])
    assert issue["paragraph"].startswith("Transformasi digital yang mendukung kinerja birokrasi berdasarkan")
    assert issue["end_line"] == 156
    # issue 3 explains itself in three paragraphs (lines 160, 162, 164)
    issue = row(st, "batang-2023", 158)
    assert issue["text"] == "Penyederhanaan Struktur dan Mekanisme Kerja Baru yang Belum Tuntas"
    assert issue["paragraph"] == " ".join(plain(lines[no - 1]) for no in (160, 162, 164))
    assert "flexible, changeable dan moveable" in issue["paragraph"]
    assert issue["end_line"] == 164


def test_paragraph_printed_on_the_heading_line(st):
    issue = row(st, "batang-2023", 166)
    assert issue["text"] == "Integritas Penyelenggaraan Pemerintahan yang Masih Menghadapi Kendala"
    assert issue["paragraph"].startswith("Integritas dalam penyelenggaraan pemerintahan masih menghadapi")
    assert issue["paragraph"].endswith("penguatan sistem pengawasan dan penyelenggaraan pemerintahan.")
    assert issue["end_line"] == 166


def test_downstream_issue_paragraph_spans_two_lines(st):
    lines = raw_lines("batang-2023")
    issue = row(st, "batang-2023", 179)
    assert issue["text"] == "Tantangan Resesi Global dan Pentingnya Investasi"
    assert issue["paragraph"] == f"{plain(lines[180])} {plain(lines[182])}"
    assert issue["paragraph"].endswith("maupun luar negeri (PMA).")


def test_achievement_paragraph_goes_on_after_its_steps(st):
    """Achievement 1) explains itself, lists its steps a., b., then goes on (line 208)."""
    a = row(st, "batang-2023", 199)
    assert a["paragraph"].startswith("Penyederhanaan struktur Organisasi, penyetaraan jabatan")
    assert "Berdasarkan permodelan struktur dari Kementerian" in a["paragraph"]
    assert "Menetapkan Peraturan Bupati" not in a["paragraph"]
    assert a["end_line"] == 208
    step = row(st, "batang-2023", 205)
    assert (step["item_level"], step["parent_line"], step["goal"]) == (2, 199, a["text"])
    assert step["lead_in"].startswith("Dalam rangka menindaklanjuti program presiden")
    assert pd.isna(step["paragraph"])


def test_items_without_paragraph(st):
    b = rows_of(st, "batang-2023")
    one_line = b[b["category"].isin(["implementation_stage", "roadmap_content", "team_task"])]
    assert one_line["paragraph"].isna().all() and (one_line["end_line"] == one_line["source_line"]).all()


# ------------------------------------------------------------------ the new lists, checked by hand


def test_batang_new_lists(st):
    lines = raw_lines("batang-2023")
    # 1.1: '- 3) Pengelolaan RB yang fokus untuk percepatan pencapaian tujuan ...'
    r = row(st, "batang-2023", 123)
    assert (r["category"], r["section"]) == ("sharpening_aspect", "BAB I > 1.1. Latar Belakang")
    assert r["text"] == plain(lines[122][len("- 3) ") :])
    assert r["lead_in"].startswith("Secara khusus, aspek utama yang perlu ditajamkan")
    # 1.2: '- 2) Mendapatkan *Road Map* RB yang lebih komprehensif ...', explained at 134 and 136
    r = row(st, "batang-2023", 132)
    assert r["category"] == "sharpening_purpose"
    assert r["text"] == "Mendapatkan Road Map RB yang lebih komprehensif dan sesuai dengan kebutuhan"
    assert r["paragraph"] == f"{plain(lines[133])} {plain(lines[135])}"
    # 2.1.2: '- 1). Terciptanya tata kelola pemerintahan digital ... aspek *hard element*. Sasaran ini ...'
    r = row(st, "batang-2023", 276)
    assert (r["category"], r["section"]) == ("strategic_goal", "BAB II > 2.1.2. Sasaran RB")
    assert r["text"] == (
        "Terciptanya tata kelola pemerintahan digital yang efektif, lincah, dan kolaboratif "
        "sebagai aspek hard element."
    )
    assert r["paragraph"].startswith("Sasaran ini berkaitan dengan tata kelola pemerintahan (governance)")
    # 3.1: three lists under one heading, told apart by their lead-in
    assert lines[431] == "- 4) Monitoring dan Evaluasi RB; serta"
    r = row(st, "batang-2023", 432)
    assert (r["category"], r["text"]) == ("implementation_stage", "Monitoring dan Evaluasi RB; serta")
    assert r["section"] == "BAB III > 3.1. Strategi Level Mikro"
    assert r["lead_in"] == "Terdapat lima tahapan dalam pelaksanaan RB pada level mikro yaitu:"
    assert lines[437] == "- 2) Capaian RB Instansional;"
    assert row(st, "batang-2023", 438)["category"] == "roadmap_content"
    assert lines[446] == "- 3) Target;"
    r = row(st, "batang-2023", 447)
    assert (r["category"], r["text"], r["list_id"]) == ("action_plan_content", "Target;", "batang-2023:445")
    assert r["lead_in"].endswith("Rencana aksi minimal berisi:")
    # Bab IV: '2. Peningkatan Investasi. RB Tematik peningkatan investasi ...', which a page
    # break cuts: line 489 ('meningkatkan indeks daya saing ...') goes on with it
    r = row(st, "batang-2023", 487)
    assert (r["category"], r["text"]) == ("theme", "Peningkatan Investasi.")
    assert r["section"] == "BAB IV > STRATEGI PELAKSANAAN REFORMASI BIROKRASI TEMATIK TAHUN 2022-2024"
    assert r["paragraph"].startswith("RB Tematik peningkatan investasi ditujukan")
    assert "omnibus law dan meningkatkan indeks daya saing (competitiveness index)" in r["paragraph"]
    assert r["end_line"] == 489
    assert lines[496] == "2. Faktor keparahan masalah;"
    r = row(st, "batang-2023", 497)
    assert (r["category"], r["text"]) == ("theme_criterion", "Faktor keparahan masalah;")
    # 5.1: '3. Menjaga kesinambungan program-program yang telah berjalan dengan baik;'
    r = row(st, "batang-2023", 539)
    assert (r["category"], r["text"]) == (
        "team_task",
        "Menjaga kesinambungan program-program yang telah berjalan dengan baik;",
    )
    assert r["section"] == "BAB V > 5.1. Pelaksana Level Mikro"


def test_blora_new_lists(st):
    lines = raw_lines("blora-2020")
    # Bab I D: '3. Peraturan Presiden Republik Indonesia Nomor 81 Tahun 2010 tentang *Grand Design* ...'
    r = row(st, "blora-2020", 196)
    assert (r["category"], r["section"], r["item_no"]) == ("legal_basis", "Bab I > D. Dasar Hukum", "3.")
    assert r["text"] == (
        "Peraturan Presiden Republik Indonesia Nomor 81 Tahun 2010 tentang Grand Design "
        "Reformasi Birokrasi 2010-2025;"
    )
    assert row(st, "blora-2020", 1094)["section"] == "Bab IV > A. Dasar Hukum"
    # Bab II: '2. Sasaran Birokrasi yang Efektif dan Efisien, antara lain :' heads items a)-e)
    assert lines[225] == "2. Sasaran Birokrasi yang Efektif dan Efisien, antara lain :"
    r = row(st, "blora-2020", 226)
    assert (r["category"], r["goal"], r["item_level"]) == (
        "goal_heading",
        "Birokrasi yang Efektif dan Efisien",
        1,
    )
    item = row(st, "blora-2020", 228)
    assert (item["category"], item["parent_line"], item["goal"]) == ("achievement", 226, r["goal"])
    # Bab III A: '4. Prioritas Zona Integritas', a priority group with no items, only its explanation
    assert lines[522] == "4. Prioritas Zona Integritas"
    r = row(st, "blora-2020", 523)
    assert (r["category"], r["text"], r["list_id"]) == (
        "priority_group",
        "Prioritas Zona Integritas",
        "blora-2020:382",
    )
    assert r["paragraph"] == f"{plain(lines[524])} {plain(lines[526])}"
    assert r["end_line"] == 527
    # group 5 explains itself before its items and after them (line 546)
    r = row(st, "blora-2020", 529)
    assert r["paragraph"].endswith(plain(lines[545]))
    assert row(st, "blora-2020", 533)["parent_line"] == 529
    # 'c) Sektor Administrasi Kependudukan dan Perizinan', explained at 493 and 495 (a page break)
    r = row(st, "blora-2020", 491)
    assert (r["category"], r["goal"], r["parent_line"], r["item_level"]) == (
        "strategic_sector",
        "Sektor Administrasi Kependudukan dan Perizinan",
        454,
        2,
    )
    assert r["paragraph"] == f"{plain(lines[492])} {plain(lines[494])}"
    assert row(st, "blora-2020", 497)[["parent_line", "item_level"]].tolist() == [491, 3]
    # Bab IV B: '5. Tersedianya laporan berkala;'
    r = row(st, "blora-2020", 1105)
    assert (r["category"], r["text"]) == ("monitoring_output", "Tersedianya laporan berkala;")
    # Bab IV C: 'Pengelolaan pengaduan;' at agency level (1114) and at regency level (1122)
    agency, regency = row(st, "blora-2020", 1114), row(st, "blora-2020", 1122)
    assert agency["text"] == regency["text"] == "Pengelolaan pengaduan;"
    assert (agency["list_id"], regency["list_id"]) == ("blora-2020:1112", "blora-2020:1120")
    assert "Pada tingkat Perangkat Daerah" in agency["lead_in"]
    assert regency["lead_in"].startswith("Pada tingkat Pemerintah Kabupaten Blora")
    # Bab IV D: '4. Hasil monitoring dan evaluasi serta upaya-upaya perbaikan ...'
    r = row(st, "blora-2020", 1141)
    assert (r["category"], r["item_no"]) == ("monitoring_mechanism", "4.")
    assert r["text"].startswith("Hasil monitoring dan evaluasi serta upaya-upaya perbaikan")


# ------------------------------------------------------------------ damaged lists


def edited(doc_id: str, line: int, new: str | None) -> str:
    """The document with line ``line`` replaced by ``new`` (deleted for None)."""
    lines = list(raw_lines(doc_id))
    if new is None:
        del lines[line - 1]
    else:
        lines[line - 1] = new
    return "\n".join(lines)


def test_a_lost_item_breaks_the_numbering():
    assert raw_lines("batang-2023")[429] == "- 2) Menyusun rencana aksi pelaksanaan RB;"
    with pytest.raises(
        ParseError,
        match=r"batang-2023\.txt, line 430: expected item of the implementation_stage list numbered 2; found '3'",
    ):
        rbdata.parse(edited("batang-2023", 430, None), "batang-2023")
    assert raw_lines("blora-2020")[1113] == "3. Pengelolaan pengaduan;"
    with pytest.raises(
        ParseError, match=r"blora-2020\.txt, line 1114: expected list item numbered 3; found '4'"
    ):
        rbdata.parse(edited("blora-2020", 1114, None), "blora-2020")


def test_a_lost_heading_is_named():
    assert raw_lines("batang-2023")[415] == "3.1. Strategi Level Mikro"
    with pytest.raises(
        ParseError,
        match=r"batang-2023\.txt, line 400: expected the heading '3\.1\. Strategi Level Mikro \.\.\.' of the "
        r"implementation_stage list in BAB III",
    ):
        rbdata.parse(edited("batang-2023", 416, "Strategi Level Mikro"), "batang-2023")
    assert raw_lines("blora-2020")[1125] == "D. Mekanisme Monitoring dan Evaluasi"
    with pytest.raises(
        ParseError, match=r"line 1080: expected a part headed 'D\. \.\.\.' \(the monitoring_mechanism"
    ):
        rbdata.parse(edited("blora-2020", 1126, "Mekanisme Monitoring dan Evaluasi"), "blora-2020")


def test_a_text_without_a_chapter_reads_the_lists_it_has():
    """A partial text (as the fixture corpus copies) gives the lists whose headings it holds."""
    from rbdata.sources.batang.document import Document
    from rbdata.sources.batang.narrative import statements
    from rbdata.text.lines import Report, split_lines

    # headings 1.3.1 (with its first two issues), 1.3.2 and 1.4, the three lists any text must have,
    # and BAB II: no chapter is whole, so no other list is looked for and none is numbered from 1
    keep = {146, 154, 156, 158, 171, 193, 248}
    text = "\n".join(t if no in keep else "" for no, t in enumerate(raw_lines("batang-2023")[:248], start=1))
    ctx = Document(
        split_lines(text, "batang-2023.txt"), "batang-2023", Report("batang-2023"), "batang-2023.txt"
    )
    rows = statements(ctx)
    assert [(r["source_line"], r["item_no"], r["category"]) for r in rows] == [
        (154, "2)", "upstream_issue"),
        (158, "3)", "upstream_issue"),
    ]
    assert rows[0]["paragraph"].startswith("Transformasi digital yang mendukung")
    assert rows[0]["end_line"] == 156 and rows[1]["paragraph"] is None
