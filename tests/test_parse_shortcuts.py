"""The short cuts of the parse (cached text clean-up, one pattern for all
Batang captions, the documents row built from its values, a table of one
document handed out as the parsed frame) change nothing that is read."""

from __future__ import annotations

import hashlib
import html
import random
import re

import pandas as pd
import pytest

import rbdata
from rbdata import sources
from rbdata.contract import TABLES, ContractError, conform
from rbdata.contract.validate import conform_records
from rbdata.loaders import _read
from rbdata.sources.batang import document
from rbdata.text import lines
from rbdata.text.lines import Line, clean, split_lines
from rbdata.text.numbers import parse_cell

_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(i|b|em|strong|u|span)\b[^>]*>", re.I)


def _clean_in_full(text: str) -> str:
    """What :func:`clean` does, every step on every text."""
    s = _INLINE_TAG.sub("", text)
    s = _TAG.sub(" ", s)
    s = html.unescape(s)
    s = s.replace("\u00a0", " ")
    return " ".join(s.split())


def _texts() -> list[str]:
    """Every line and cell of both documents, and random strings of markup."""
    out = []
    for doc_id in rbdata.DOC_IDS:
        text = _read(doc_id)
        out += text.split("\n")
        out += text.replace("\n", "\t").split("\t")
    rng = random.Random(20)
    alphabet = list("&#;ax19 <>/i-é") + ["\u00a0", "amp;", "lt;", "<i>", "</i>", "<br>", "&nbsp;", "&#39;"]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    return out


def test_clean_gives_what_every_step_gives():
    for text in _texts():
        assert clean(text) == _clean_in_full(text), text


def test_a_text_that_html_unescape_changes_has_an_entity_reference():
    for text in _texts():
        if html.unescape(text) != text:
            assert lines._ENTITY.search(text), text


@pytest.mark.parametrize(
    "text, want",
    [
        ("Barang &amp; Jasa", "Barang & Jasa"),
        ("Barang & Jasa", "Barang & Jasa"),
        ("x&#39;y&nbsp;z", "x'y z"),
        ("<i>e-office</i>&lt;", "e-office<"),
    ],
)
def test_clean_reads_character_references(text, want):
    assert clean(text) == want


def test_lines_and_cells_cannot_be_changed():
    line = split_lines("a\tb\nc", "x.txt")[0]
    assert line == Line(1, "a\tb", ("a", "b")) and line.has_tab and line.cell(5) == ""
    with pytest.raises(AttributeError):
        line.text = "changed"  # type: ignore[misc]
    cell = parse_cell("80 (Memuaskan)")
    assert (cell.value, cell.label) == (80.0, "Memuaskan")
    with pytest.raises(AttributeError):
        cell.value = 1.0  # type: ignore[misc]
    assert parse_cell("80 (Memuaskan)") is cell  # the one Cell is shared


def test_captions_are_found_as_by_each_pattern_in_turn():
    patterns = {table_id: re.compile(p) for table_id, p in document.TABLE_CAPTIONS.items()}
    # the one pattern numbers its alternatives by their groups
    assert all(p.groups == 0 for p in patterns.values())
    doc_lines = split_lines(_read("batang-2023"), "batang-2023.txt")
    found: dict[str, Line] = {}
    for line in doc_lines:
        if line.has_tab:
            continue
        matching = [t for t, p in patterns.items() if p.match(line.text.strip())]
        assert len(matching) <= 1, (line.no, matching)
        for t in matching:
            found.setdefault(t, line)
    ctx = document.Document(doc_lines, "batang-2023", lines.Report("batang-2023"), "batang-2023.txt")
    blocks = document.table_blocks(ctx)
    assert {t: caption.no for t, (caption, _) in blocks.items()} == {t: ln.no for t, ln in found.items()}


def _outcome(func, *args, **kwargs):
    """The frame ``func`` returns, or the ContractError it raises."""
    try:
        return func(*args, **kwargs)
    except ContractError as err:
        return err


@pytest.mark.filterwarnings("ignore:Parsing dates in %d/%m/%Y format")
@pytest.mark.parametrize(
    "edit",
    [
        lambda r: None,
        lambda r: r.update(period_start="20x0"),
        lambda r: r.update(period_end=" 2021 "),
        lambda r: r.update(enacted="22/11/2023"),
        lambda r: r.update(framework="eight areas"),
        lambda r: r.pop("region"),
    ],
)
def test_documents_row_is_what_the_frame_of_its_values_gives(monkeypatch, edit):
    doc_id = "blora-2020"
    meta = {r["doc_id"]: dict(r) for r in sources.read_reference("sources")}
    edit(meta[doc_id])
    real = sources.read_reference
    monkeypatch.setattr(
        sources, "read_reference", lambda name: tuple(meta.values()) if name == "sources" else real(name)
    )
    text = _read(doc_id)
    n_lines = len(text.split("\n"))
    # the reference's text and the counts as one frame, which conform reads as the contract says
    row = {k: meta[doc_id][k] for k in TABLES["documents"].names if k in meta[doc_id]}
    row.update(
        doc_id=doc_id,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        n_lines=n_lines - 1 if text.endswith("\n") else n_lines,
    )
    want = _outcome(conform, pd.DataFrame([row]), "documents", doc=doc_id)
    # the row as the parse makes it, conformed as tables_of does
    got = _outcome(
        lambda: conform_records([sources._documents_row(text, doc_id, n_lines)], "documents", doc=doc_id)
    )
    if isinstance(want, ContractError):
        assert isinstance(got, ContractError) and str(got) == str(want)
    else:
        pd.testing.assert_frame_equal(got, want, check_exact=True)


def test_a_table_of_one_document_is_handed_out_as_copies():
    areas = rbdata.load_areas()
    assert len(rbdata.load_areas("batang-2023")) == 0
    areas.loc[0, "area_key"] = "changed"
    assert "changed" not in set(rbdata.load_areas()["area_key"])
    assert "changed" not in set(rbdata.load_areas("blora-2020")["area_key"])
    pd.testing.assert_frame_equal(rbdata.load_areas(), rbdata.load_areas("blora-2020"))
