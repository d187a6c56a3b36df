"""Damaged or unexpected input: the parsers keep working or fail clearly.

Mutations are applied to the real documents. Benign ones (line endings, a
byte-order mark, trailing spaces) must give identical tables. Damaging ones
(a cell lost or gained in a row, the document cut short, a row moved, the
wrong document) must raise ``rbdata.ParseError`` naming the file and a line
next to the damage, or leave every table unchanged. They must never change a
table silently or crash inside pandas.
"""

from __future__ import annotations

import pandas as pd
import pytest

import rbdata
from rbdata import ParseError
from rbdata.loaders import _read
from rbdata.sources import parse_with_report

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
