"""Damaged or unexpected input: the parsers keep working or fail clearly.

Mutations are applied to the real documents. Benign ones (line endings, a
byte-order mark, trailing spaces) must give identical tables. Damaging ones
(a cell lost or gained in a row, the document cut short, a row moved, two
adjacent rows swapped, the wrong document) must raise ``rbdata.ParseError``
naming the file and a line next to the damage, or leave every table
unchanged (for a swap: change no more than the parse report declares to rest
on position alone). They must never change a table silently or crash inside
pandas.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd
import pytest

import rbdata
from rbdata import ParseError
from rbdata.loaders import _read
from rbdata.sources import batang, blora, parse_with_report
from rbdata.text.lines import Line, Report, split_lines

DATA_TABLES = (
    "targets",
    "actions",
    "action_targets",
    "theme_scores",
    "areas",
    "indicator_crosswalk",
    "statements",
    "teams",
)


def tables(text, doc_id):
    return {k: v for k, v in rbdata.parse(text, doc_id).items() if k in DATA_TABLES}


@pytest.fixture(scope="module")
def base():
    return {d: tables(_read(d), d) for d in rbdata.DOC_IDS}


def assert_same(got, want):
    for name in DATA_TABLES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)


def differs(got, want):
    try:
        assert_same(got, want)
    except AssertionError:
        return True
    return False


def row_lines(doc_id):
    """Lines that are (the start of) a table row, in document order."""
    t, _ = parse_with_report(_read(doc_id), doc_id)
    lines = set()
    for name in DATA_TABLES:
        if name != "statements":
            lines |= set(t[name]["source_line"].astype(int))
    return sorted(lines)


def mutate_line(text, no, change):
    lines = text.split("\n")
    lines[no - 1] = change(lines[no - 1])
    return "\n".join(lines)


def expect_error_near_or_same(text, doc_id, no, want):
    """The outcome every damaging mutation must have."""
    try:
        got = tables(text, doc_id)
    except ParseError as err:
        assert f"{doc_id}.txt" in str(err)
        assert err.line is not None and abs(err.line - no) <= 2, f"error at line {err.line}, damage at {no}"
        assert "expected" in str(err)
        return "error"
    assert not differs(got, want), f"line {no}: tables changed without an error"
    return "same"


# --- benign changes -----------------------------------------------------------


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t.replace("\n", "\r\n"), id="windows-line-endings"),
        pytest.param(lambda t: "\ufeff" + t, id="byte-order-mark"),
        pytest.param(lambda t: "\n".join(line + "  " for line in t.split("\n")), id="trailing-spaces"),
        pytest.param(lambda t: t.replace("\n", "\r"), id="old-mac-line-endings"),
    ],
)
def test_benign_changes_give_identical_tables(doc_id, change, base):
    assert_same(tables(change(_read(doc_id)), doc_id), base[doc_id])


def test_benign_changes_through_the_loader(tmp_path, monkeypatch):
    """A CRLF copy with a BOM in RBDATA_RAW_DIR loads like the original."""
    for d in rbdata.DOC_IDS:
        (tmp_path / f"{d}.txt").write_bytes(("\ufeff" + _read(d).replace("\n", "\r\n")).encode("utf-8"))
    want = rbdata.load_targets()
    monkeypatch.setenv("RBDATA_RAW_DIR", str(tmp_path))
    rbdata.clear_cache()
    try:
        pd.testing.assert_frame_equal(rbdata.load_targets(), want)
    finally:
        monkeypatch.delenv("RBDATA_RAW_DIR")
        rbdata.clear_cache()


# --- a cell lost or gained in one row -------------------------------------------


def _cells_to_try(line):
    cells = line.split("\t")
    filled = [i for i, c in enumerate(cells) if c.strip()]
    return sorted({filled[0], filled[len(filled) // 2], filled[-1]})


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
@pytest.mark.parametrize("mode", ["drop", "add"])
def test_a_cell_lost_or_gained_is_never_silent(doc_id, mode, base):
    text = _read(doc_id)
    lines = text.split("\n")
    outcomes = []
    for no in row_lines(doc_id):
        for i in _cells_to_try(lines[no - 1]):

            def change(line, i=i):
                cells = line.split("\t")
                new = cells[:i] + cells[i + 1 :] if mode == "drop" else cells[:i] + ["x"] + cells[i:]
                return "\t".join(new)

            outcomes.append(
                expect_error_near_or_same(mutate_line(text, no, change), doc_id, no, base[doc_id])
            )
    assert outcomes.count("error") > 0.9 * len(outcomes)


# --- the document cut short, a row moved, rows lost ------------------------------


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_document_cut_inside_a_table(doc_id):
    text = _read(doc_id)
    lines = text.split("\n")
    rows = row_lines(doc_id)
    for no in rows[:: max(1, len(rows) // 25)] + [rows[-1]]:
        cut = "\n".join(lines[:no])
        with pytest.raises(ParseError, match=rf"{doc_id}\.txt, line \d+: expected"):
            tables(cut, doc_id)


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_a_row_moved_is_caught_or_loses_nothing(doc_id, base):
    """Swap a row with the row two lines further down: either an error, or the
    same rows (only their line numbers and order change)."""
    text = _read(doc_id)
    lines = text.split("\n")
    rows = row_lines(doc_id)
    keys = {"targets": ["indicator", "period", "kind", "value_text"], "actions": ["action", "output_unit"]}
    errors = 0
    for no in rows[::7]:
        if no + 2 > len(lines) or "\t" not in lines[no + 1]:
            continue
        moved = lines[:]
        moved[no - 1], moved[no + 1] = moved[no + 1], moved[no - 1]
        try:
            got = tables("\n".join(moved), doc_id)
        except ParseError as err:
            assert abs(err.line - no) <= 3
            errors += 1
            continue
        for name, cols in keys.items():
            a = got[name][cols].astype("string").fillna("").value_counts().sort_index()
            b = base[doc_id][name][cols].astype("string").fillna("").value_counts().sort_index()
            if doc_id == "blora-2020":
                continue  # numbered rows: a swap is always an error (checked below)
            assert a.sum() == b.sum(), f"rows lost after moving line {no}"
    if doc_id == "blora-2020":
        assert errors > 0


def test_a_numbered_row_lost_is_caught():
    """Blora's rows are numbered 1, 2, 3 ...: deleting one is an error."""
    text = _read("blora-2020")
    lines = text.split("\n")
    no = 557  # '2 <tab> Persentase Pejabat Struktural yang lulus Diklat PIM II, III, dan IV ...'
    assert lines[no - 1].startswith("2\t")
    with pytest.raises(ParseError, match=r"blora-2020\.txt, line 557: expected indicator number in B.1.a 2"):
        tables("\n".join(lines[: no - 1] + lines[no:]), "blora-2020")


def test_batang_numbered_row_lost_is_caught():
    text = _read("batang-2023")
    lines = text.split("\n")
    no = 301  # Tabel 2.1 '... 2. Indeks Reformasi Hukum ...'
    assert "2. Indeks Reformasi Hukum" in lines[no - 1]
    with pytest.raises(ParseError, match=r"old indicator number 2"):
        tables("\n".join(lines[: no - 1] + lines[no:]), "batang-2023")


# --- the wrong document, an unknown document, not text ---------------------------


def test_unknown_document_id():
    with pytest.raises(
        ValueError, match=r"unknown doc_id 'jepara-2022'; valid ids are 'blora-2020', 'batang-2023'"
    ):
        rbdata.parse(_read("blora-2020"), "jepara-2022")


@pytest.mark.parametrize("text_of, doc_id", [("blora-2020", "batang-2023"), ("batang-2023", "blora-2020")])
def test_wrong_document_fails_clearly(text_of, doc_id):
    with pytest.raises(ParseError, match=rf"{doc_id}\.txt"):
        rbdata.parse(_read(text_of), doc_id)


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_empty_and_binary_input(doc_id):
    with pytest.raises(ParseError):
        rbdata.parse("", doc_id)
    with pytest.raises(ParseError, match="NUL byte"):
        rbdata.parse(_read(doc_id)[:500] + "\x00\x01", doc_id)


# --- two adjacent rows swapped ---------------------------------------------------
#
# Every pair of adjacent lines that are both rows (or header, heading or
# continuation lines) of one table is swapped, in both documents. The readers
# are run on the swapped text directly (``parse_lines``), because the
# finishing that ``rbdata.parse`` adds (agency names, ids, dtypes) works row by
# row and would only slow the sweep down (about 13 ms a swap instead of 60).

READERS = {"blora-2020": blora, "batang-2023": batang}

#: Columns that only say where a row is printed, or name a row by its line
#: (``inferred`` names the lines its values were taken from; the readers keep
#: it as private ``_inferred`` notes, which row_contents leaves out as well).
POSITION = {"source_line", "parent_source_line", "action_id", "target_id", "budget_line_id", "inferred"}
#: Columns naming another action by its id: compared by that action's content.
ACTION_REFS = ("parent_action_id", "budget_shared_with")

#: The columns each assumption of the parse report declares to rest on
#: position alone (its reason starts with the key). A swap may change these
#: columns, and only these, of the rows of the lines concerned.
ASSUMED_COLUMNS = {
    "assumption: empty No and objective cells": {"objective"},
    "assumption: empty Kegiatan Utama cell": {"objective"},
    "assumption: empty Permasalahan / Kegiatan Utama / Sasaran cells": {"objective", "problem"},
    "assumption: indicators and targets paired by position": set(),
    "assumption: a second sub-activity and its budget": {
        "sub_activity",
        "budget_text",
        "budget_idr",
        "coordinator_text",
        "executor_text",
        # its budget line: the agencies it does not print are the action's, and the action it funds
        "coordinator",
        "executor",
        "funded_action",
    },
    "assumption: action of the indicator above it": {"parent_indicator", "problem"},
    "assumption: activity of the indicator row above it": {"parent_indicator"},
    "assumption: a sub-row printing no Keterkaitan": {
        "action",
        "action_no",
        "parent_action_id",
        "rationale",
        "funded_action",
    },
    "assumption: a row of outputs without an action": {
        "action",
        "action_no",
        "parent_action_id",
        "rationale",
        "funded_action",
    },
}


def read_rows(lines, doc_id):
    """(row dicts per table, skip report) as the document's reader gives them."""
    report = Report(doc_id)
    return READERS[doc_id].parse_lines(lines, doc_id, report, f"{doc_id}.txt"), report


def swapped(lines, n):
    """``lines`` (from split_lines) with lines n and n+1 swapped: what
    split_lines gives for the swapped text, as it splits line by line."""
    out = list(lines)
    out[n - 1] = Line(n, lines[n].text, lines[n].cells)
    out[n] = Line(n + 1, lines[n - 1].text, lines[n - 1].cells)
    return out


def _cell(v):
    return "NaN" if isinstance(v, float) and math.isnan(v) else v


def row_contents(out):
    """table -> list of (source_line, content): a row's content is every
    column but its position; a reference to another action is that action's
    text, sub-row and output indicator."""
    actions = {r["action_id"]: r for r in out.get("actions", []) if "action_id" in r}
    budget_lines = {r["budget_line_id"]: r for r in out.get("budget_lines", [])}

    def line_ref(line_id):
        r = budget_lines.get(line_id)
        return None if r is None else (r["sub_activity"], r["amount_text"])

    def ref(action_id):
        r = actions.get(action_id)
        return None if r is None else (r.get("action"), r.get("sub_row"), r.get("output_indicator"))

    tables = {}
    for name, rows in out.items():
        listed = []
        for r in rows:
            content = {k: _cell(v) for k, v in r.items() if k not in POSITION and not k.startswith("_")}
            for k in ACTION_REFS:
                if k in content:
                    content[k] = ref(content[k])
            if name == "action_targets":
                content["action"] = ref(r["action_id"])
            if name == "action_budgets":
                content["funded_action"] = ref(r["action_id"])
                content["budget_line"] = line_ref(r["budget_line_id"])
            if name == "budget_lines":
                # the printings of one sub-activity: which comes first is a matter of position
                content["repeat_of"] = line_ref(r["repeat_of"] or r["budget_line_id"])
            listed.append((r["source_line"], content))
        tables[name] = listed
    return tables


def _frozen(content):
    return tuple(sorted(content.items()))


def assumed_columns(report):
    """source line -> columns its assumptions declare positional."""
    out: dict[int, set] = {}
    for r in report.rows:
        for prefix, cols in ASSUMED_COLUMNS.items():
            if r["reason"].startswith(prefix):
                out.setdefault(r["source_line"], set()).update(cols)
        if r["reason"].startswith("assumption:"):
            assert any(r["reason"].startswith(p) for p in ASSUMED_COLUMNS), r["reason"]
    return out


def _projected(counts, cols):
    """Row contents (a Counter of frozen contents) without the columns ``cols``."""
    drop = frozenset(cols)
    return Counter(
        tuple(kv for kv in k if kv[0] not in drop) for k, m in (counts or {}).items() for _ in range(m)
    )


def swap_outcome(doc_id, lines, n, base, assumed, rows_between):
    """How the tables read from the text with lines n and n+1 swapped relate
    to the tables of the document: 'error', 'same', 'assumed', or a message
    saying what changed silently."""
    try:
        out, _ = read_rows(swapped(lines, n), doc_id)
    except ParseError as err:
        assert err.doc == f"{doc_id}.txt" and "expected" in str(err)
        if err.line is None:
            return f"error without a line: {err}"
        near = min(abs(err.line - n), abs(err.line - n - 1))
        between = rows_between(n + 1, err.line) if err.line > n else rows_between(err.line, n)
        if near > 2 and between > 1:
            return f"error {near} lines from the swap: {err}"
        return "error"
    got = row_contents(out)
    if all(Counter(_frozen(c) for _, c in got[t]) == Counter(_frozen(c) for _, c in base[t]) for t in base):
        return "same"
    back = {n: n + 1, n + 1: n}  # a row of the swapped text -> its line in the document
    for t in base:
        was: dict[int, Counter] = {}
        now: dict[int, Counter] = {}
        for line, c in base[t]:
            was.setdefault(line, Counter())[_frozen(c)] += 1
        for line, c in got[t]:
            now.setdefault(back.get(line, line), Counter())[_frozen(c)] += 1
        for line in sorted(set(was) | set(now)):
            if was.get(line) == now.get(line):
                continue
            cols = assumed.get(line, set()) | assumed.get(n, set()) | assumed.get(n + 1, set())
            if not cols:
                return f"{t} of line {line} changed and no assumption is reported there"
            if _projected(was.get(line), cols) != _projected(now.get(line), cols):
                return f"{t} of line {line} changed beyond the assumed columns {sorted(cols)}"
    return "assumed"


def sweep(doc_id):
    """Outcome of every adjacent swap of two table lines, keyed by (line, table)."""
    lines = split_lines(_read(doc_id), f"{doc_id}.txt")
    out, report = read_rows(lines, doc_id)
    base = row_contents(out)
    assumed = assumed_columns(report)
    table_of: dict[int, str] = {}
    for rows in out.values():
        for r in rows:
            if r.get("table_id"):
                table_of.setdefault(r["source_line"], r["table_id"])
    headers = set()
    for r in report.rows:
        if r["table_id"] is not None:
            table_of.setdefault(r["source_line"], r["table_id"])
        if r["reason"] in ("header", "page-break header repeat"):
            headers.add(r["source_line"])

    def rows_between(a, b):
        # rows strictly between two lines; the blank line and the repeated
        # header of a page break do not count
        return sum(1 for k in range(a + 1, b) if k in table_of and k not in headers)

    outcomes = {}
    for n in range(1, len(lines)):
        if n in table_of and n + 1 in table_of and lines[n - 1].has_tab and lines[n].has_tab:
            outcomes[(n, table_of[n])] = swap_outcome(doc_id, lines, n, base, assumed, rows_between)
    return outcomes


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_adjacent_rows_swapped_are_caught_or_read_faithfully(doc_id):
    """Lines n and n+1 (both lines of one table) swapped, for every n.

    The outcome must be one of:

    * ``error``: a :class:`rbdata.ParseError` naming the file, with
      'expected ...', at one of the two lines or within two lines of them
      (or, where a page break lies between, within two rows of the table:
      the blank line and the repeated header do not count);
    * ``same``: the same rows, every column but the position (line, ids)
      equal; a reference to another action compares that action's text. The
      swapped rows kept their own cells and nothing else moved;
    * ``assumed``: the rows of some lines changed, but only in columns that
      an assumption of the parse report at those lines (or at the swapped
      lines) declares to rest on position alone, such as the objective of a
      row under a merged cell. The parser says there that the text cannot
      be checked, and the change is confined to what it says.

    Anything else (a value, output, budget or sub-row moved to another
    indicator or action with no error and no declared assumption) fails.
    """
    outcomes = sweep(doc_id)
    silent = {k: v for k, v in outcomes.items() if v not in ("error", "same", "assumed")}
    assert not silent, "\n".join(f"lines {n}/{n + 1} ({t}): {v}" for (n, t), v in sorted(silent.items()))
    counts = Counter(outcomes.values())
    # the sweep covers every table row of the document: hundreds of swaps
    assert len(outcomes) > {"blora-2020": 400, "batang-2023": 250}[doc_id]
    assert counts["error"] > 0.7 * len(outcomes)


#: One real swap per check: (document, n: lines n and n+1 swapped, the line
#: named and the start of what the error says was expected there).
SWAP_ERRORS = [
    # Blora: areas are numbered 1., 2., ... (a continuation row joins the row above)
    ("blora-2020", 374, 374, "area number 7"),
    # Blora: group headings run A, B, C under I, II, ...
    ("blora-2020", 788, 788, "under priority group I the group heading D"),
    # Batang Tabel 2.2/2.3: the first row prints its number and objective
    ("batang-2023", 356, 356, "the first row of Tabel 2.3 with its number and objective"),
    # Batang Tabel 5.1/5.2: each part (TIM PENGARAH / TIM PELAKSANA) numbers afresh
    ("batang-2023", 561, 562, "member number 1"),
    # Bab V: one 'Indikator:' and one 'Target:' per Kegiatan Utama, in this order
    ("batang-2023", 648, 648, "an 'Indikator: ...' cell for Kegiatan Utama 1 (line 647) before this row"),
    ("batang-2023", 649, 649, "one 'Indikator:' cell in Kegiatan Utama 1 (line 647)"),
    (
        "batang-2023",
        652,
        652,
        "the 'Indikator: ...' cell of Kegiatan Utama 3 (line 651) before its 'Target: ...'",
    ),
    ("batang-2023", 653, 653, "a 'Target: ...' cell for Kegiatan Utama 3 (line 651) before this row"),
    # Bab V: a label printed alone is followed by its bullet list
    ("batang-2023", 675, 675, "the bullet list of the 'Indikator:' cell on line 673"),
    # Bab V: outputs are numbered 1., 2., ... under their Kegiatan Utama
    ("batang-2023", 655, 655, "Kegiatan Utama 4: output number 2"),
    # Lampiran II-IV: actions under an indicator run a., b., c., ...
    ("batang-2023", 721, 723, "action c. (actions under an indicator run a., b., c., ...)"),
    ("batang-2023", 811, 812, "action a. or b."),
    (
        "batang-2023",
        743,
        743,
        "no other action under the indicator of line 742 (its one action is unlettered)",
    ),
    # Lampiran III: a sub-row repeats its action's Keterkaitan (PAUD of BOSP under PIP)
    ("batang-2023", 816, 816, "a sub-row repeating the Keterkaitan of its action a. (line 812)"),
    # ... and stands below its action (PNF of PIP above PIP, under d.)
    ("batang-2023", 812, 812, "a sub-row repeating the Keterkaitan of its action d. (line 811)"),
    # Lampiran: a cell wraps onto the next row only at a page break
    ("batang-2023", 728, 729, "an action, sub-row or output row (text continues the row above only after"),
    # ... and only a cell the row above printed
    ("batang-2023", 833, 836, "a fragment continuing a cell printed on the row above (action)"),
    # Tabel 4.2: a theme's indicators are the outcome indicators of its plan
    (
        "batang-2023",
        520,
        521,
        "an outcome indicator of the Tematik Investasi plan under its theme in Tabel 4.2",
    ),
]


@pytest.mark.parametrize("doc_id, n, line, expected", SWAP_ERRORS)
def test_swap_is_caught_where_it_was_made(doc_id, n, line, expected):
    lines = split_lines(_read(doc_id), f"{doc_id}.txt")
    with pytest.raises(ParseError) as info:
        read_rows(swapped(lines, n), doc_id)
    assert (info.value.line, info.value.expected[: len(expected)]) == (line, expected)


@pytest.mark.parametrize(
    "doc_id, line, old, new, error_line, expected",
    [
        # Bab V: Kegiatan Utama are numbered 1, 2, ...
        ("batang-2023", 651, "3\t", "4\t", 651, "Kegiatan Utama number in Bab V SS1 3"),
        # Lampiran III: one sub-row per school level under an action
        (
            "batang-2023",
            814,
            "\tSD\t",
            "\tPNF\t",
            814,
            "one sub-row per school level under action a. (line 812)",
        ),
        # ... below an action of its indicator (here the action cell is lost)
        (
            "batang-2023",
            812,
            "a. Program Indonesia Pintar (PIP)",
            "",
            813,
            "an action (a., b., ...) under this",
        ),
        # Lampiran II: an unlettered action is the one action of its indicator, on its row
        (
            "batang-2023",
            721,
            "b. Melakukan",
            "Melakukan",
            721,
            "an indicator and its target before an unlettered",
        ),
        # values outside the range their cell or indicator implies
        (
            "batang-2023",
            653,
            "3,5 pada",
            "70,5 pada",
            653,
            "a value between 1 and 5 (the scale of Indeks SPBE)",
        ),
        ("batang-2023", 731, "\t25%\t", "\t125%\t", 731, "a percentage between 0 and 100 (2023Q1)"),
        ("batang-2023", 380, "Level 2", "Level 7", 380, "a level between 1 and 5"),
        ("blora-2020", 592, "85%", "185%", 592, "a percentage between 0 and 100"),
    ],
)
def test_checks_that_no_swap_reaches(doc_id, line, old, new, error_line, expected):
    """Checks that a swap of two rows cannot trigger (the rows keep their
    cells), shown on an edited cell."""
    text = _read(doc_id)
    assert old in text.split("\n")[line - 1]
    with pytest.raises(ParseError) as info:
        rbdata.parse(mutate_line(text, line, lambda s: s.replace(old, new, 1)), doc_id)
    assert (info.value.line, info.value.expected[: len(expected)]) == (error_line, expected)


def test_assumptions_are_listed_in_the_parse_report():
    """Where the text cannot tie a row to its indicator, action or merged
    cell, the parse report says so at the lines concerned (and the sweep
    above accepts a change there only in the columns the assumption names)."""
    got = Counter()
    for doc_id in rbdata.DOC_IDS:
        _, report = read_rows(split_lines(_read(doc_id), f"{doc_id}.txt"), doc_id)
        for r in report.rows:
            if r["reason"].startswith("assumption:"):
                got[(doc_id, next(p for p in ASSUMED_COLUMNS if r["reason"].startswith(p)))] += 1
    assert got == {
        ("blora-2020", "assumption: activity of the indicator row above it"): 5,
        ("batang-2023", "assumption: empty No and objective cells"): 6,
        ("batang-2023", "assumption: empty Kegiatan Utama cell"): 3,
        ("batang-2023", "assumption: indicators and targets paired by position"): 5,
        ("batang-2023", "assumption: empty Permasalahan / Kegiatan Utama / Sasaran cells"): 28,
        ("batang-2023", "assumption: a second sub-activity and its budget"): 3,
        ("batang-2023", "assumption: action of the indicator above it"): 2,
        ("batang-2023", "assumption: a sub-row printing no Keterkaitan"): 1,
        ("batang-2023", "assumption: a row of outputs without an action"): 1,
    }
