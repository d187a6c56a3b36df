"""The notebooks as products: their shape, read from the committed files.

nbval (``make test``) re-runs every notebook and compares its outputs; these
tests check what a reader relies on: numbered in reading order, a question
first, outputs committed, every figure titled and labelled with its takeaway
right under it and nothing of it cut off at its edges, and no path that
depends on where the notebook is opened.
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
    # The figures have fixed margins (subplots_adjust) and are saved without a
    # 'tight' crop, so a label longer than its margin would be clipped at the
    # figure's edge. Every committed PNG keeps a frame of background instead.
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
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "code":
            continue
        src = _source(cell)
        assert "../" not in src and "data/raw" not in src and "data/processed" not in src, f"cell {i}"
        assert not re.search(r"""["'](/|[A-Za-z]:\\)""", src), f"cell {i}: absolute path"
