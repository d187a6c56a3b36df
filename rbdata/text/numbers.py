"""Reading numbers and labelled values as the two regulations print them.

Rules, in the order they are tried (each one is tested in
``tests/test_numbers.py`` on cells taken from the documents):

* ``""`` and ``"-"`` mean *no value*: value NaN, no label.
* A ``%`` sign (with or without a space) is dropped; the unit column says
  whether the indicator is a percentage.
* ``7.712.522.904``: dots between groups of exactly three digits are
  thousands separators (the Indonesian convention).
* ``45.000`` / ``6.893``: a *single* dot followed by exactly three digits is
  also read as a thousands separator. The documents print decimals with a
  comma, and every such cell is a count of people, permits or rupiah.
* ``250,502,500``: two or more commas between groups of exactly three digits
  are thousands separators (a cell typed in the English style).
* ``6,06`` / ``96,40``: otherwise a comma is the decimal separator.
* ``2.2``: a dot followed by one or two digits is a decimal point (a cell
  typed in the English style; a thousands separator always has three).
* Labels: ``WTP``, ``B``, ``Paripurna`` (the grades in ``VALUE_LABELS``)
  give no value and the label;
  ``Level 3`` gives 3 and label ``Level``; ``80 (Memuaskan)`` gives 80 and
  label ``Memuaskan``; ``61,6 (2022)`` gives 61.6 and the year ``2022``
  (the cell names its own period); ``2 kegiatan`` gives 2 and label
  ``kegiatan``; ``Persentase Penduduk Miskin: 9,68`` gives 9.68 (the prefix
  repeats the indicator name and is kept in ``prefix``).
* A cell listing several labelled amounts (``117.592.200 (Analisis Data)
  32.500.000 (Peng. Infrast)`` or ``1. PP: 115, 2. PKB: 12``) gives the sum
  of the amounts, with the parts kept in ``parts``.

Anything else is not a value: :func:`parse_cell` returns ``ok=False`` and the
caller decides whether that is an error (it names file and line) or a label.
"""

from __future__ import annotations

import functools
import math
import re
from typing import NamedTuple

__all__ = ["Cell", "parse_number", "parse_cell", "parse_amounts", "is_value", "out_of_range"]

NAN = math.nan

_INT = re.compile(r"\d+")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DEC_COMMA = re.compile(r"\d+,\d+")
_DEC_DOT = re.compile(r"\d+\.\d{1,2}")


def parse_number(text: str) -> float:
    """Return the number printed in ``text`` (no labels), or raise ValueError.

    >>> parse_number("7.712.522.904")
    7712522904.0
    >>> parse_number("6,06")
    6.06
    >>> parse_number("96,40%")
    96.4
    >>> parse_number("2.2")
    2.2
    """
    s = text.strip().replace("\u00a0", " ")
    if s.endswith("%"):
        s = s[:-1].rstrip()
    if _INT.fullmatch(s):
        return float(s)
    if _DOT_THOUSANDS.fullmatch(s):
        return float(s.replace(".", ""))
    if _COMMA_THOUSANDS.fullmatch(s):
        return float(s.replace(",", ""))
    if _DEC_COMMA.fullmatch(s):
        return float(s.replace(",", "."))
    if _DEC_DOT.fullmatch(s):
        return float(s)
    raise ValueError(f"not a number as printed in the documents: {text!r}")


class Cell(NamedTuple):
    """A parsed value cell: ``value`` (float, NaN if none), ``label``,
    ``year`` (a period the cell names itself), ``prefix`` and ``parts``.

    A named tuple (unchangeable, like a frozen dataclass, but made at import
    in about a fifth of the time)."""

    text: str
    value: float = NAN
    label: str | None = None
    year: str | None = None
    prefix: str | None = None
    parts: tuple = ()
    ok: bool = True

    @property
    def empty(self) -> bool:
        return self.text.strip() in ("", "-")


_NUM = r"\d+(?:[.,]\d+)*\s?%?"
_LEVEL = re.compile(r"(Level)\s*(\d+)", re.I)
_NUM_PAREN = re.compile(rf"({_NUM})\s*\(([^()]+)\)")
_NUM_WORD = re.compile(rf"({_NUM})\s+([A-Za-z][A-Za-z ]*)")
_PREFIXED = re.compile(rf"([^:]+):\s*({_NUM})")
# Grades that stand for a value on their own: BPK audit opinions, SAKIP
# grades, hospital accreditation levels. Other lone words are not values.
VALUE_LABELS = frozenset("WTP WDP TMP TW AA A BB B CC C D Paripurna Utama Madya Dasar".split())
_AMOUNT_PARTS = re.compile(rf"({_NUM})\s*\(([^()]+)\)")
_NUMBERED_PARTS = re.compile(r"\d+\.\s*([^:,]+?)\s*:\s*(\d+(?:[.,]\d+)*)")


def parse_amounts(text: str) -> Cell | None:
    """Parse a cell listing several labelled amounts; None if it is not one.

    >>> parse_amounts("109.387.600 (Koordinasi) 163.589.750 (Pembinaan)").value
    272977350.0
    """
    s = " ".join(text.split())
    parts = _AMOUNT_PARTS.findall(s)
    if len(parts) >= 2 and _AMOUNT_PARTS.sub("", s).strip() == "":
        pairs = tuple((lab.strip(), parse_number(num)) for num, lab in parts)
        return Cell(text, sum(v for _, v in pairs), None, parts=pairs)
    parts = _NUMBERED_PARTS.findall(s)
    if len(parts) >= 2 and re.sub(r"[\s,]", "", _NUMBERED_PARTS.sub("", s)) == "":
        pairs = tuple((lab.strip(), parse_number(num)) for lab, num in parts)
        return Cell(text, sum(v for _, v in pairs), None, parts=pairs)
    return None


# Parsing both documents reads some 1,800 cells, a quarter of them distinct
# ('100' alone 191 times, '-' 184 times); a Cell cannot be changed, so one
# can be shared.
@functools.lru_cache(maxsize=4096)
def parse_cell(text: str) -> Cell:
    """Parse a target or baseline cell into value, label and own year.

    >>> parse_cell("80 (Memuaskan)")
    Cell(text='80 (Memuaskan)', value=80.0, label='Memuaskan', year=None, prefix=None, parts=(), ok=True)
    >>> parse_cell("Level 3").value, parse_cell("Level 3").label
    (3.0, 'Level')
    >>> parse_cell("WTP").label
    'WTP'
    """
    s = " ".join(text.replace("\u00a0", " ").split())
    if s in ("", "-"):
        return Cell(text)
    try:
        return Cell(text, parse_number(s))
    except ValueError:
        pass
    m = _LEVEL.fullmatch(s)
    if m:
        return Cell(text, float(m.group(2)), m.group(1))
    m = _NUM_PAREN.fullmatch(s)
    if m:
        inner = m.group(2).strip()
        if re.fullmatch(r"(19|20)\d\d", inner):
            return Cell(text, parse_number(m.group(1)), None, year=inner)
        return Cell(text, parse_number(m.group(1)), inner)
    m = _NUM_WORD.fullmatch(s)
    if m:
        return Cell(text, parse_number(m.group(1)), m.group(2).strip())
    m = _PREFIXED.fullmatch(s)
    if m:
        return Cell(text, parse_number(m.group(2)), None, prefix=m.group(1).strip())
    if s in VALUE_LABELS:
        return Cell(text, NAN, s)
    many = parse_amounts(s)
    if many is not None:
        return Cell(text, many.value, "sum of parts", parts=many.parts)
    return Cell(text, NAN, None, ok=False)


def is_value(text: str) -> bool:
    """Whether a cell holds a value (a number or a grade), not descriptive
    text: the anchor the Batang parser uses to find a row's target cell.

    >>> is_value("Level 3"), is_value("80 (memuaskan)"), is_value("-"), is_value("Indeks SPBE")
    (True, True, False, False)
    """
    if not text or text == "-":
        return False
    c = parse_cell(text)
    return c.ok and (not math.isnan(c.value) or c.label is not None) and len(text) <= 40


# Indices on a 1-5 scale (SPBE and the public-service index IPP of the
# ministry; SPIP maturity and APIP capability levels); the name as printed
# opens with the index ('Tingkat Implementasi Kebijakan Arsitektur SPBE' is
# a percentage).
_SCALE_1_5 = re.compile(
    r"^(Indeks SPBE|Indeks Pelayanan Publik)\b|\b(Maturitas SPIP|Kapabilitas APIP)\b", re.I
)


def out_of_range(cell: Cell, indicator: str | None = None) -> str | None:
    """What ``cell`` should hold if its value lies outside the range that its
    own text or its indicator implies, else None.

    A value printed with ``%`` is a share (0-100), ``Level n`` a maturity or
    capability level (1-5), and the value of a 1-5 index lies on that scale.
    Both documents keep to these ranges everywhere (a percentage of a unit
    column may exceed 100, e.g. a gross enrolment rate, so only the cell's
    own ``%`` counts). A value outside them was read from the wrong cell.

    Parameters
    ----------
    cell : Cell
        A parsed value cell (:func:`parse_cell`).
    indicator : str, optional
        The indicator the value is a target of, as printed.

    Returns
    -------
    str or None
        The range the value should lie in ('a percentage between 0 and
        100', ...), for an error message; None when it lies in it.

    >>> out_of_range(parse_cell("96,40%")) is None
    True
    >>> out_of_range(parse_cell("70,5"), "Indeks SPBE")
    'a value between 1 and 5 (the scale of Indeks SPBE)'
    >>> out_of_range(parse_cell("120%"))
    'a percentage between 0 and 100'
    """
    v = cell.value
    if math.isnan(v):
        return None
    if "%" in cell.text and not 0 <= v <= 100:
        return "a percentage between 0 and 100"
    if cell.label == "Level" and not 1 <= v <= 5:
        return "a level between 1 and 5"
    scale = _scale_1_5(indicator or "")
    if scale and not 1 <= v <= 5:
        return f"a value between 1 and 5 (the scale of {scale})"
    return None


# asked again for every value of an indicator: 1,400 cells of 150 indicators in both documents
@functools.lru_cache(maxsize=1024)
def _scale_1_5(indicator: str) -> str | None:
    """The name of the 1-5 index that ``indicator`` opens with or names, or None."""
    m = _SCALE_1_5.search(indicator)
    return m.group(0) if m else None
