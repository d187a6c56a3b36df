"""The Excel template a regional team fills in to score its candidate themes.

:func:`write_template` writes the form: instructions in Indonesian and
English, one row per theme and one column per criterion with validated,
unlocked score cells, and a hidden settings sheet; :func:`read_scores` reads
a filled-in form back as a score matrix, naming the sheet and cell of every
problem. The form's parts (styles, validation, protection, settings, the
list of problems) are those of :mod:`rbdata.export.forms`.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from rbdata.analysis.scoring.matrix import _default_criteria
from rbdata.analysis.scoring.mcda import _check_scale
from rbdata.export.forms import (
    Problems,
    add_cell_style,
    add_header_style,
    add_settings_sheet,
    add_validation,
    protect_sheet,
    read_settings,
    style_block,
    write_cell,
    write_sheet,
)

SCORE_SHEET = "Skor"
GUIDE_SHEET = "Petunjuk"
META_SHEET = "Meta"
_TEMPLATE_FORMAT = "rbdata theme-scoring template"
_HEADER_FILL = "DDEBF7"  # light blue, dark text


def _labels(values, what: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, (Sequence, pd.Index, np.ndarray, Mapping)):
        raise ValueError(f"{what} must be a list of names, got {values!r}")
    out = [str(v).strip() if v is not None else "" for v in values]
    if not out:
        raise ValueError(f"give at least one {what[:-1] if what.endswith('s') else what}")
    empty = [i for i, v in enumerate(out) if not v]
    if empty:
        raise ValueError(f"{what} must be non-empty names; positions {empty} are empty")
    dup = sorted({v for v in out if out.count(v) > 1})
    if dup:
        raise ValueError(f"{what} must be unique; repeated: {dup}")
    return out


def _instructions(lo: int, hi: int, criteria: dict[str, str]) -> list[tuple[str, str]]:
    rows = [
        ("Petunjuk pengisian", "Instructions"),
        (
            "Lembar ini dipakai untuk menilai calon tema RB Tematik, seperti Tabel 4.1 Road Map RB "
            "Kabupaten Batang (Perbup Batang 53/2023).",
            "This workbook scores candidate RB Tematik (thematic bureaucratic-reform) themes, as in "
            "Tabel 4.1 of Batang's road map (Perbup Batang 53/2023).",
        ),
        (
            f"Isi setiap sel skor di lembar '{SCORE_SHEET}' dengan bilangan bulat {lo} sampai {hi}. "
            "Skor lebih tinggi berarti tema lebih layak dipilih.",
            f"Fill every score cell of sheet '{SCORE_SHEET}' with a whole number from {lo} to {hi}. "
            "A higher score means the theme is a stronger candidate.",
        ),
        (
            "Satu baris per tema, satu kolom per kriteria. Jangan mengubah nama tema dan kriteria "
            "(baris dan kolom judul dikunci); jangan mengetik rumus, teks, atau angka desimal.",
            "One row per theme, one column per criterion. Do not change theme or criterion names "
            "(header row and theme column are locked); do not type formulas, text or decimals.",
        ),
        (
            "Lembar dilindungi tanpa kata sandi (Review > Unprotect Sheet) hanya agar judul tidak "
            "terubah tanpa sengaja.",
            "The sheet is protected without a password (Review > Unprotect Sheet) only to prevent "
            "accidental edits of the headers.",
        ),
        (
            "Tema dengan nilai total tertinggi dipilih. Baca kembali dengan "
            "rbdata.scoring.read_scores(path) lalu rbdata.scoring.rank_themes(matrix).",
            "The themes with the highest totals are chosen. Read the workbook back with "
            "rbdata.scoring.read_scores(path), then rank with rbdata.scoring.rank_themes(matrix).",
        ),
        ("Kriteria", "Criteria"),
    ]
    rows += [(c, e) for c, e in criteria.items()]
    return rows


def write_template(
    path: str | Path,
    themes: Sequence[str],
    criteria: Sequence[str] | Mapping[str, str | None] | None = None,
    scale: tuple[int, int] = (1, 10),
) -> Path:
    """Write an Excel workbook in which a regional team scores candidate themes.

    The workbook has three sheets: ``Petunjuk`` (instructions in Indonesian
    and English, and the list of criteria with English labels), ``Skor``
    (themes as rows, criteria as columns, empty score cells to fill in) and a
    hidden ``Meta`` sheet recording the criteria and scale for
    :func:`read_scores`. Score cells carry Excel data validation (whole
    numbers within ``scale`` only); the header row and the theme column are
    locked and the sheet is protected without a password. Every text is
    written as text, never as a formula.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write the ``.xlsx`` file (overwritten if it exists).
    themes : list of str
        Candidate themes, one row each (unique, non-empty).
    criteria : list of str or dict, optional
        Criteria, one column each; a dict maps each criterion to an English
        label shown in the instructions. Default: the five criteria of
        Batang's Tabel 4.1 as printed, with their English labels.
    scale : (int, int), default (1, 10)
        Lowest and highest admissible score.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    lo, hi = _check_scale(scale)
    theme_list = _labels(themes, "themes")
    if criteria is None:
        crit = _default_criteria()
    elif isinstance(criteria, Mapping):
        names = _labels(list(criteria.keys()), "criteria")
        crit = {n: ("" if criteria[k] is None else str(criteria[k])) for n, k in zip(names, criteria.keys())}
    else:
        crit = {c: "" for c in _labels(criteria, "criteria")}
    crit_list = list(crit)

    wb = Workbook()
    header_style = add_header_style(wb, _HEADER_FILL)
    score_style = add_cell_style(wb, "rbdata input", locked=False)
    guide = wb.active
    guide.title = GUIDE_SHEET
    for r, (idn, eng) in enumerate(_instructions(lo, hi, crit), start=1):
        write_cell(guide, r, 1, idn)
        write_cell(guide, r, 2, eng)
        for c in (1, 2):
            guide.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
    for r in (1, 7):
        for c in (1, 2):
            guide.cell(r, c).font = Font(bold=True)
    guide.column_dimensions["A"].width = 70
    guide.column_dimensions["B"].width = 70

    ws = wb.create_sheet(SCORE_SHEET)
    table = pd.DataFrame({"Tema": theme_list, **{c: [None] * len(theme_list) for c in crit_list}})
    last_row = write_sheet(ws, table, fit_widths=False)  # widths set below
    last_col = len(crit_list) + 1
    style_block(ws, header_style, 1, 1, 1, last_col)
    for c in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(c)].width = 40 if c == 1 else 18
    for c, name in enumerate(crit_list, start=2):
        if crit[name]:
            ws.cell(1, c).comment = Comment(crit[name], "rbdata")
    style_block(ws, score_style, 2, last_row, 2, last_col)
    whole = f"Bilangan bulat {lo}-{hi} / whole number {lo}-{hi}"
    add_validation(
        ws,
        f"B2:{get_column_letter(last_col)}{last_row}",
        "whole",
        low=lo,
        high=hi,
        prompt=("Skor / score", whole),
        error=("Skor tidak sah / invalid score", whole),
    )
    ws.freeze_panes = "B2"
    protect_sheet(ws)

    settings = [("format", _TEMPLATE_FORMAT), ("scale_min", lo), ("scale_max", hi)]
    add_settings_sheet(wb, META_SHEET, settings + [("criterion", c) for c in crit_list], hidden=True)

    wb.active = wb.sheetnames.index(SCORE_SHEET)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _read_meta(wb, where: str) -> tuple[tuple[int, int] | None, list[str] | None]:
    """Scale and criteria recorded by write_template (None where absent)."""
    if META_SHEET not in wb.sheetnames:
        return None, None
    found = read_settings(wb[META_SHEET], ("scale_min", "scale_max", "criterion"))
    # the last of a repeated bound, as a key / value list read top to bottom gives it
    lo = found["scale_min"][-1].value if found["scale_min"] else None
    hi = found["scale_max"][-1].value if found["scale_max"] else None
    crit = [str(cell.value) for cell in found["criterion"] if cell.value is not None]
    scale = None
    if lo is not None or hi is not None:
        try:
            scale = _check_scale((lo, hi))
        except ValueError:
            raise ValueError(
                f"{where}: sheet {META_SHEET!r} has an invalid scale ({lo!r}, {hi!r}); "
                "write a fresh template with write_template"
            ) from None
    return scale, (crit or None)


def _whole(cell, lo: int, hi: int) -> tuple[int | None, str | None]:
    """The whole-number score in ``cell``, or a description of what is wrong."""
    v = cell.value
    if cell.data_type == "f":
        return None, f"a formula {v!r}; type the number itself"
    if v is None or (isinstance(v, str) and not v.strip()):
        return None, "an empty cell"
    if isinstance(v, bool):
        return None, repr(v)
    if isinstance(v, str):
        s = v.strip()
        if s.isdigit():
            v = int(s)  # a number stored as text is unambiguous
        else:
            return None, repr(v)
    if isinstance(v, float):
        if not v.is_integer():
            return None, f"{v:g}"
        v = int(v)
    if not isinstance(v, numbers.Integral):
        return None, repr(v)
    if not lo <= int(v) <= hi:
        return None, f"{int(v)}"
    return int(v), None


def _read_header(ws, expected: list[str], problems: Problems) -> list[str]:
    """Criteria from column B to the last non-empty header cell, in sheet order."""
    from openpyxl.utils import get_column_letter

    header = [ws.cell(1, c) for c in range(2, ws.max_column + 1)]
    while header and header[-1].value is None:
        header.pop()
    criteria: list[str] = []
    seen: dict[str, str] = {}  # criterion -> coordinate of its header
    for cell in header:
        name = "" if cell.value is None else str(cell.value).strip()
        if not name:
            problems.add(SCORE_SHEET, cell.coordinate, f"empty criterion header; expected one of {expected}")
        elif name not in expected:
            problems.add(
                SCORE_SHEET, cell.coordinate, f"unknown criterion {name!r}; expected one of {expected}"
            )
        elif name in seen:
            problems.add(
                SCORE_SHEET, cell.coordinate, f"criterion {name!r} repeated (already in cell {seen[name]})"
            )
        else:
            seen[name] = cell.coordinate
            criteria.append(name)
    missing = [c for c in expected if c not in seen]
    if missing:
        problems.add(
            SCORE_SHEET,
            f"B1:{get_column_letter(max(len(header), 1) + 1)}1",
            f"criterion header(s) {missing} missing; restore the column(s) from a fresh template",
        )
    return criteria


def _read_rows(
    ws, n_criteria: int, lo: int, hi: int, problems: Problems
) -> tuple[list[str], list[list[int | None]]]:
    """Themes and their scores, one row each below the header; blank rows skipped."""
    themes: list[str] = []
    rows: list[list[int | None]] = []
    theme_cell: dict[str, str] = {}  # theme -> coordinate of its name
    for r in range(2, ws.max_row + 1):
        t_cell = ws.cell(r, 1)
        cells = [ws.cell(r, c) for c in range(2, n_criteria + 2)]
        if t_cell.value is None and all(c.value is None for c in cells):
            continue  # blank row
        name = "" if t_cell.value is None else str(t_cell.value).strip()
        if not name:
            problems.add(SCORE_SHEET, t_cell.coordinate, "theme name missing for a row with scores")
            continue
        if name in theme_cell:
            problems.add(
                SCORE_SHEET,
                t_cell.coordinate,
                f"duplicate theme {name!r} (already in cell {theme_cell[name]})",
            )
            continue
        theme_cell[name] = t_cell.coordinate
        values = []
        for cell in cells:
            v, found = _whole(cell, lo, hi)
            if found is not None:
                problems.add(
                    SCORE_SHEET, cell.coordinate, f"expected a whole number {lo}-{hi}, found {found}"
                )
            values.append(v)
        themes.append(name)
        rows.append(values)
    return themes, rows


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a filled-in scoring workbook written by :func:`write_template`.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.xlsx`` file.

    Returns
    -------
    pandas.DataFrame
        Themes x criteria score matrix: index ``theme`` (sheet order),
        columns named ``criterion`` (sheet order), int64 scores (points).
        ``attrs['scale']`` is the (lowest, highest) score allowed. Ready for
        :func:`rbdata.scoring.rank_themes` and the other functions of
        ``rbdata.scoring``.

    Raises
    ------
    ValueError
        When the ``Skor`` sheet is missing, or naming the sheet and cell of
        every problem found: a criterion header that is unknown, empty,
        repeated or missing, a theme name that is empty or repeated, a score
        cell that is empty, text, a formula, a decimal or outside the scale,
        e.g. ``"scores.xlsx: sheet 'Skor', cell C4: expected a whole number
        1-10, found 'tinggi'"``. The rows are read only below a sound header.
    """
    from openpyxl import load_workbook

    path = Path(path)
    where = path.name
    wb = load_workbook(path)  # data_only=False: formulas stay visible as formulas
    try:
        if SCORE_SHEET not in wb.sheetnames:
            raise ValueError(
                f"{where}: no sheet {SCORE_SHEET!r} (sheets: {wb.sheetnames}); "
                "fill in a workbook written by rbdata.scoring.write_template"
            )
        scale, expected = _read_meta(wb, where)
        lo, hi = scale or (1, 10)
        if expected is None:
            expected = list(_default_criteria())
        ws = wb[SCORE_SHEET]
        problems = Problems()
        criteria = _read_header(ws, expected, problems)
        themes: list[str] = []
        rows: list[list[int | None]] = []
        if not problems:  # a column that is not where it should be would misplace every score
            themes, rows = _read_rows(ws, len(criteria), lo, hi, problems)
        problems.raise_if_any(where)
        if not themes:
            raise ValueError(
                f"{where}: sheet {SCORE_SHEET!r}: no theme rows below the header; add one row per theme"
            )
    finally:
        wb.close()
    out = pd.DataFrame(
        rows,
        index=pd.Index(themes, name="theme"),
        columns=pd.Index(criteria, name="criterion"),
        dtype="int64",
    )
    out.attrs = {"scale": (lo, hi)}
    return out
