"""The notebooks as products: their shape, read from the committed files.

nbval (``make test``) re-runs every notebook and compares its outputs; these
tests check what a reader relies on: numbered in reading order, a question
first, outputs committed, every figure titled and labelled with its takeaway
right under it and nothing of it cut off at its edges, tables shown as
DataFrames rather than printed text, figures laid out by a layout engine with
no text below 9 points, and no path that depends on where the notebook is
opened.
"""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _code_sources(path: Path) -> list[tuple[int, str]]:
    """(cell number, source) of every code cell."""
    return [(i, _source(c)) for i, c in enumerate(_cells(path)) if c["cell_type"] == "code"]


def _has_figure(cell: dict) -> bool:
    return any("image/png" in out.get("data", {}) for out in cell.get("outputs", []))


def test_notebooks_are_numbered_in_reading_order():
    assert len(NOTEBOOKS) >= 4
    names = [p.name for p in NOTEBOOKS]
    assert all(re.fullmatch(r"\d+\.\d+-[a-z0-9-]+\.ipynb", n) for n in names), names
    numbers = [tuple(int(x) for x in n.split("-")[0].split(".")) for n in names]
    assert len(set(numbers)) == len(numbers), "two notebooks share a number"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_with_its_question(path):
    first = _cells(path)[0]
    assert first["cell_type"] == "markdown"
    text = _source(first)
    assert text.startswith("# "), "the first cell is the notebook's title"
    assert "**Question" in text, "the first cell states the question the notebook answers"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_committed(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert code
    unexecuted = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    assert not unexecuted, f"code cells {unexecuted} have no committed output; run `make notebooks`"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), "cells were not run top to bottom in one kernel"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_is_titled_labelled_and_followed_by_its_takeaway(path):
    cells = _cells(path)
    figures = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and _has_figure(c)]
    for i in figures:
        src = _source(cells[i])
        assert "set_title(" in src or "suptitle(" in src, f"cell {i}: figure without a title"
        assert "set_xlabel(" in src and "set_ylabel(" in src, f"cell {i}: figure without axis labels"
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        assert (
            nxt is not None and nxt["cell_type"] == "markdown" and _source(nxt).startswith("*Takeaway:*")
        ), f"cell {i}: the figure's takeaway must be the markdown cell right under it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_figure_is_cut_off_at_its_edges(path):
    # The figures are laid out by matplotlib's constrained layout engine
    # (layout="constrained"), and the inline backend saves them cropped to a
    # 'tight' bounding box with a small pad. A label or legend cut off at an
    # edge of the image leaves no background there, so every committed PNG
    # must keep a frame of background on all four sides.
    frame = 4  # pixels
    for i, cell in enumerate(_cells(path)):
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            if png is None:
                continue
            img = np.asarray(Image.open(io.BytesIO(base64.b64decode(png))).convert("RGBA"))
            background = img[0, 0]
            edges = {
                "top": img[:frame],
                "bottom": img[-frame:],
                "left": img[:, :frame],
                "right": img[:, -frame:],
            }
            cut = [side for side, px in edges.items() if not (px == background).all()]
            assert not cut, f"cell {i}: the figure touches its {' and '.join(cut)} edge; widen that margin"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_path_depends_on_the_working_directory(path):
    # data are found through the package (rbdata._paths), never relative to
    # the notebook's folder or to one machine's checkout
    for i, src in _code_sources(path):
        assert "../" not in src and "data/raw" not in src and "data/processed" not in src, f"cell {i}"
        assert not re.search(r"""["'](/|[A-Za-z]:\\)""", src), f"cell {i}: absolute path"


def _code(path: Path) -> list[tuple[int, str]]:
    return [(i, _source(c)) for i, c in enumerate(_cells(path)) if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tables_are_dataframes_not_printed_text(path):
    # a table is shown as the DataFrame itself (or its Styler): the last
    # expression of a cell or display(df), never df.to_string() printed
    for i, src in _code(path):
        assert "to_string(" not in src, f"cell {i}: show the DataFrame (or display it) instead of to_string()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_are_laid_out_by_an_engine_not_by_hand_set_margins(path):
    for i, src in _code(path):
        assert "subplots_adjust(" not in src, f'cell {i}: use plt.subplots(..., layout="constrained")'


MIN_FONT_POINTS = 9
# a size given as fontsize= / labelsize= / title_fontsize= or as rcParams "font.size"
FONT_SIZE = re.compile(
    r"""\b(?:fontsize|labelsize|title_fontsize)\s*=\s*(?P<kw>[^,)\s]+)"""
    r"""|["']font\.size["']\s*(?::|\]\s*=)\s*(?P<rc>[^,}\s]+)"""
)
# named sizes below the base size: 'small' is 0.833 of it, so 7.5 points at a base of 9
SMALLER_THAN_BASE = {"xx-small", "x-small", "small", "smaller"}


def _font_sizes(src: str) -> list[tuple[str, float | str]]:
    sizes: list[tuple[str, float | str]] = []
    for m in FONT_SIZE.finditer(src):
        value = (m.group("kw") or m.group("rc")).strip("'\"")
        try:
            sizes.append((m.group(0), float(value)))
        except ValueError:  # a name ('small') or a variable
            sizes.append((m.group(0), value))
    return sizes


def test_font_sizes_are_read_from_the_code():
    # the reader the test below relies on
    src = 'ax.text(0, 1, "a", fontsize=7)\nax.tick_params(labelsize = 8.5)\nplt.rcParams.update({"font.size": 9})'
    assert [v for _, v in _font_sizes(src)] == [7.0, 8.5, 9.0]
    named = 'ax.legend(title_fontsize="small")\nplt.rcParams["font.size"] = 8'
    assert [v for _, v in _font_sizes(named)] == ["small", 8.0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_text_is_set_below_9_points(path):
    for i, src in _code(path):
        for text, value in _font_sizes(src):
            if isinstance(value, float):
                assert value >= MIN_FONT_POINTS, f"cell {i}: {text} is below {MIN_FONT_POINTS} pt"
            else:
                assert value not in SMALLER_THAN_BASE, f"cell {i}: {text} is below the base size"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_only_the_public_api(path):
    # a notebook shows what a user can do: no private module or name of rbdata
    for i, src in _code_sources(path):
        private = re.findall(r"\brbdata(?:\.\w+)*\._\w+|from rbdata(?:\.\w+)* import [^\n]*\b_\w+", src)
        assert not private, f"cell {i}: private rbdata names {private}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_performance_tuning_and_figures_at_100_dpi_or_more(path):
    # speed is the library's business; a reader should not wade through (or break) tuning code
    tuning = re.compile(r"\bimport gc\b|\bgc\.\w+\(|compress_level|pil_kwargs|savefig\.|bbox_inches")
    for i, src in _code_sources(path):
        assert not tuning.search(src), f"cell {i}: performance tuning in a notebook cell"
        for dpi in re.findall(r"""["']figure\.dpi["']\s*[:\]]\s*=?\s*(\d+)|dpi\s*=\s*(\d+)""", src):
            value = int(next(v for v in dpi if v))
            assert value >= 100, f"cell {i}: a figure at {value} dpi"
