"""The fixture corpus: one small table shape per repair rule (``tests/fixtures/README.md``).

A fixture is a few lines copied from ``data/raw/<doc_id>.txt`` with their
real line numbers. The lines are read with the same mechanics as a whole
document (:func:`rbdata.text.lines.split_lines`) and handed to the one reader
of their table. Valid fixtures must give the rows of their ``.json`` file;
damaged ones must raise :class:`rbdata.ParseError` at the line their
``.json`` file names. Two more checks keep the corpus honest: its lines are
the document's lines (only a damaged fixture may differ, and only where it
says so), and its expected rows are also what the whole-document parse gives
for those lines.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import rbdata
from rbdata import ParseError
from rbdata.sources import blora
from rbdata.sources.batang import READERS
from rbdata.sources.batang.document import TABLE_CAPTIONS, Document
from rbdata.sources.batang.narrative import statements
from rbdata.text.lines import Line, Report, split_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = sorted((FIXTURES / "valid").glob("*/*.txt"))
INVALID = sorted((FIXTURES / "invalid").glob("*/*.txt"))

# '@@ 842': the next line of the fixture is line 842 of the document
_HUNK = re.compile(r"^@@ (\d+)$")
# the tables a fixture's .json may list, and where the whole-document parse keeps them
WHOLE_DOCUMENT = {
    "targets": rbdata.load_targets,
    "actions": rbdata.load_actions,
    "action_targets": rbdata.load_action_targets,
    "theme_scores": rbdata.load_theme_scores,
    "areas": rbdata.load_areas,
    "report": rbdata.parse_report,
}
BATANG_TABLES = ("targets", "actions", "action_targets", "theme_scores", "indicator_crosswalk", "teams")


def fixture_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def read_numbered(path: Path) -> dict[int, str]:
    """Line number -> text of the lines a fixture copies, exactly as stored."""
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    if not text.endswith("\n"):
        raise ValueError(f"{path.name}: the file must end with a newline")
    numbered: dict[int, str] = {}
    no = None
    for raw in text.split("\n")[:-1]:
        m = _HUNK.match(raw)
        if m:
            start = int(m.group(1))
            if numbered and start <= max(numbered):
                raise ValueError(f"{path.name}: '@@ {start}' does not come after line {max(numbered)}")
            no = start
            continue
        if no is None:
            raise ValueError(f"{path.name}: the first line must be '@@ <line number>'")
        numbered[no] = raw
        no += 1
    return numbered


def fixture_lines(numbered: dict[int, str], doc_id: str) -> list[Line]:
    """The document as far as the fixture copies it: every line from 1 to the
    last copied one, blank where the fixture copies nothing, so that a line's
    number is its real one and ``lines[no - 1]`` is line ``no`` (as in a
    whole document)."""
    last = max(numbered)
    text = "\n".join(numbered.get(no, "") for no in range(1, last + 1))
    return split_lines(text, f"{doc_id}.txt")


def read_batang(lines: list[Line], doc_id: str):
    """Call the reader of the one table whose caption the fixture copies."""
    report = Report(doc_id)
    ctx = Document(lines, doc_id, report, f"{doc_id}.txt")
    captions = [
        (line, table_id)
        for line in lines
        if not line.has_tab
        for table_id, pattern in TABLE_CAPTIONS.items()
        if re.match(pattern, line.text.strip())
    ]
    assert len(captions) == 1, f"a Batang fixture copies one table caption, not {len(captions)}"
    caption, table_id = captions[0]
    rows = [line for line in lines[caption.no :] if line.has_tab]
    if any(line.text.startswith("1.3.1. Isu Strategis") for line in lines):
        # the General plan joins a Permasalahan cell split by a page break
        # when the two parts give one of Bab I's strategic issues
        ctx.statements = statements(ctx)
    out: dict[str, list[dict]] = {table: [] for table in BATANG_TABLES}
    READERS[table_id](ctx, table_id, caption, rows, out)
    return out, report.rows


def read_blora(lines: list[Line], doc_id: str):
    """Call the reader of the one part of Bab III whose heading the fixture copies."""
    name = f"{doc_id}.txt"
    report = Report(doc_id)
    headings = {
        heading: i
        for heading in (blora.A3_HEADING, blora.B_HEADING, blora.C_HEADING)
        if (i := blora._find(lines, 0, len(lines), heading)) is not None
    }
    assert len(headings) == 1, f"a Blora fixture copies one heading of Bab III, not {list(headings)}"
    (heading, i), end = next(iter(headings.items())), len(lines)
    tracks = blora._track_names(lines, 0, end)
    if heading == blora.A3_HEADING:
        span = blora._areas_block(lines, i + 1, end, name)
        return {"areas": blora._areas(lines, span, report, name)}, report.rows
    if heading == blora.B_HEADING:
        return {"targets": blora._section_b(lines, i, end, tracks, report, name)}, report.rows
    targets, actions, action_targets = blora._section_c(lines, i, end, tracks, report, doc_id, name)
    return {"targets": targets, "actions": actions, "action_targets": action_targets}, report.rows


def read_lines(numbered: dict[int, str], doc_id: str) -> dict[str, list[dict]]:
    """Tables (and the skip report, as ``report``) the reader gives for some
    numbered lines of a document."""
    lines = fixture_lines(numbered, doc_id)
    reader = {"batang-2023": read_batang, "blora-2020": read_blora}[doc_id]
    tables, report = reader(lines, doc_id)
    return {**tables, "report": report}


def read_fixture(path: Path) -> dict[str, list[dict]]:
    return read_lines(read_numbered(path), path.parent.name)


def draft(path: Path) -> str:
    """What the reader gives now for a fixture, as a draft of its .json (one
    row a line): keep the fields the rule decides and check every value
    against the text."""
    tables = {table: rows for table, rows in read_fixture(path).items() if rows}
    out = ["{", '  "rule": "...",']
    for k, (table, rows) in enumerate(tables.items()):
        out.append(f'  "{table}": [')
        for i, row in enumerate(rows):
            fields = {key: plain(v) for key, v in row.items() if not key.startswith("_")}
            out.append("    " + json.dumps(fields, ensure_ascii=False) + ("," if i < len(rows) - 1 else ""))
        out.append("  ]" + ("," if k < len(tables) - 1 else ""))
    return "\n".join([*out, "}"])


def expected_of(path: Path) -> dict:
    json_path = path.with_suffix(".json")
    if not json_path.exists():
        pytest.fail(
            f"{json_path.name} is missing: write the rows this fixture must give. What the reader "
            f"gives now (check every value against the text):\n{draft(path)}"
        )
    with open(json_path, encoding="utf-8") as fh:
        return json.load(fh)


def context_lines(expected: dict) -> set[int]:
    """Lines a fixture copies only because the reader needs them (numbering,
    lettering, groups that must run from the start): their rows are left to
    other fixtures and not compared. Given as ``"context": [[first, last], ...]``."""
    return {no for first, last in expected.get("context", []) for no in range(first, last + 1)}


def expected_tables(expected: dict) -> dict[str, list[dict]]:
    tables = {k: v for k, v in expected.items() if k not in ("rule", "context")}
    unknown = sorted(set(tables) - set(WHOLE_DOCUMENT))
    assert not unknown, f"unknown tables {unknown}; a fixture lists some of {sorted(WHOLE_DOCUMENT)}"
    assert expected.get("rule"), "say in 'rule' which repair rule the fixture shows"
    assert tables and all(tables.values()), "a fixture lists at least one table, each with its rows"
    context = context_lines(expected)
    for rows in tables.values():
        assert all("source_line" in row for row in rows), "every expected row names its source_line"
        assert not any(row["source_line"] in context for row in rows), "context lines give no expected rows"
    return tables


def damage_of(path: Path) -> dict:
    expected = expected_of(path)
    assert expected.get("rule") and expected.get("damage"), "say which rule the damage breaks, and how"
    assert expected.get("damaged_lines") or expected.get("dropped_lines"), "name the damaged or dropped lines"
    assert set(expected["error"]) == {"line", "expected"}
    return expected


def plain(value):
    """A cell as the .json file writes it: None for NaN and NA, Python scalars."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def projected(rows, expected_rows: list[dict]) -> list[dict]:
    """Each row cut down to the fields its expected row lists (missing fields
    are None, as the whole-document parse fills them)."""
    return [{k: plain(row.get(k)) for k in want} for row, want in zip(rows, expected_rows)]


def by_line(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: row["source_line"])


def describe(path: Path) -> str:
    return f"{fixture_id(path)}: {expected_of(path)['rule']}"


@pytest.mark.parametrize("path", VALID, ids=fixture_id)
def test_fixture_gives_its_rows(path):
    expected = expected_of(path)
    context = context_lines(expected)
    got = read_fixture(path)
    for table, want in expected_tables(expected).items():
        rows = [row for row in got[table] if row["source_line"] not in context]
        assert len(rows) == len(want), (
            f"{describe(path)}\n{table}: {len(rows)} rows, expected {len(want)}: "
            + json.dumps([plain(r.get("source_line")) for r in rows])
        )
        assert projected(rows, want) == want, f"{describe(path)}\n{table} differs"


@pytest.mark.parametrize("path", VALID, ids=fixture_id)
def test_fixture_agrees_with_the_whole_document(path):
    doc_id = path.parent.name
    for table, want in expected_tables(expected_of(path)).items():
        frame = WHOLE_DOCUMENT[table](doc_id)
        lines = {row["source_line"] for row in want}
        records = frame[frame["source_line"].isin(lines)].to_dict("records")
        assert len(records) == len(want), (
            f"{describe(path)}\n{table}: the whole document has {len(records)} rows on lines "
            f"{sorted(lines)}, the fixture expects {len(want)}"
        )
        want = by_line(want)
        assert projected(by_line(records), want) == want, f"{describe(path)}\n{table} differs"


@pytest.mark.parametrize("path", INVALID, ids=fixture_id)
def test_damaged_fixture_raises_at_its_line(path):
    expected = damage_of(path)
    with pytest.raises(ParseError) as caught:
        read_fixture(path)
    err = caught.value
    assert err.doc == f"{path.parent.name}.txt"
    assert err.line == expected["error"]["line"], str(err)
    assert expected["error"]["expected"] in err.expected, str(err)


@pytest.mark.parametrize("path", INVALID, ids=fixture_id)
def test_damaged_fixture_reads_once_repaired(path):
    """The error comes from the damage: with the document's own lines put
    back, the same fixture reads without error."""
    expected = damage_of(path)
    doc_id = path.parent.name
    numbered = read_numbered(path)
    for no in expected.get("damaged_lines", []) + expected.get("dropped_lines", []):
        numbered[no] = rbdata.raw_line(doc_id, no)
    read_lines(dict(sorted(numbered.items())), doc_id)


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.parent.name}/{fixture_id(p)}")
def test_fixture_lines_are_the_documents(path):
    doc_id = path.parent.name
    expected = expected_of(path)
    damaged = set(expected.get("damaged_lines", []))
    numbered = read_numbered(path)
    for no, text in numbered.items():
        if no in damaged:
            assert text != rbdata.raw_line(doc_id, no), f"line {no} is said to be damaged but is not"
        else:
            assert text == rbdata.raw_line(doc_id, no), f"line {no} is not the document's line {no}"
    assert damaged <= set(numbered), "every damaged line is in the fixture"
    assert not set(expected.get("dropped_lines", [])) & set(numbered), "a dropped line is not in the fixture"


def test_every_fixture_has_its_expected_rows():
    for path in VALID + INVALID:
        assert path.with_suffix(".json").exists(), f"{fixture_id(path)} has no .json"
    orphans = [p for p in FIXTURES.glob("*/*/*.json") if not p.with_suffix(".txt").exists()]
    assert not orphans, f"expected rows without their fixture: {orphans}"
    assert len(VALID) >= 1 and len(INVALID) >= 2
