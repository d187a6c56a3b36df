"""Shared table mechanics: lines, cells, markup, the skip report.

The documents are PDF text extractions. A table row is a line holding at
least one tab. Each parser walks the lines of its document with these
helpers, and every tab-separated line ends up either as (part of) a row of
some table or as an entry of the :class:`Report` with the reason it is not a
row. ``tests/test_coverage.py`` proves that nothing falls between the two.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from rbdata._errors import ParseError

__all__ = ["Line", "Report", "split_lines", "clean", "cells_of", "is_blank_row", "expect_next", "pages"]

_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(i|b|em|strong|u|span)\b[^>]*>", re.I)
_BULLET = re.compile(r"\s*•\s*")
# how every character reference that html.unescape replaces starts ('&amp;', '&#39;')
_ENTITY = re.compile(r"&[#A-Za-z]")


class Line(NamedTuple):
    """One line of a document: 1-based number, raw text and its cells.

    A named tuple rather than a frozen dataclass: as unchangeable, but the
    class is made at import in about a fifth of the time (a dataclass writes
    and compiles its methods then), and each of the 2,000 lines of the two
    documents in half the time.
    """

    no: int
    text: str
    cells: tuple[str, ...]

    @property
    def has_tab(self) -> bool:
        return "\t" in self.text

    def cell(self, i: int) -> str:
        return self.cells[i] if i < len(self.cells) else ""


@functools.lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Strip HTML fragments and normalise whitespace.

    Inline tags (``<i>``) vanish without a trace; block tags (``<ul>``,
    ``<li>``) separate words.

    >>> clean("Pelaksanaan <i>Core Values</i>  ASN")
    'Pelaksanaan Core Values ASN'
    >>> clean("ukuran (<i>right sizing</i>)")
    'ukuran (right sizing)'
    """
    # Parsing both documents cleans some 9,000 strings, a quarter of them
    # distinct (empty cells, repeated agency names and headers), hence the
    # cache; only a few dozen hold a tag, and the two substitutions cost more
    # than the rest.
    s = text
    if "<" in s:
        s = _INLINE_TAG.sub("", s)
        s = _TAG.sub(" ", s)
    if "&" in s and _ENTITY.search(s):
        # imported here: the module (with its table of 2,000 entity names)
        # takes a millisecond to load, and the documents print '&' only as a word
        import html

        s = html.unescape(s)
    s = s.replace("\u00a0", " ")
    return " ".join(s.split())


def bullets(text: str) -> list[str]:
    """Split a cell holding a ``<ul>`` list ("• a • b") into its items."""
    s = _TAG.sub(" ", text)
    parts = [clean(p) for p in _BULLET.split(s)]
    return [p for p in parts if p]


def cells_of(text: str) -> tuple[str, ...]:
    return tuple(map(clean, text.split("\t")))


def split_lines(text: str, doc: str) -> list[Line]:
    """Split a document into :class:`Line` objects.

    Benign transport damage is undone here, once: a UTF-8 byte-order mark,
    Windows (CRLF) or old Mac (CR) line endings, and trailing spaces. A NUL
    byte means the file is not text and raises :class:`ParseError`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ParseError(doc, line, "UTF-8 text", "a NUL byte (binary file?)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for i, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip(" ")
        out.append(Line(i, raw, cells_of(raw) if "\t" in raw else (clean(raw),)))
    return out


def expect_next(doc: str, line: Line, number: int, previous: int | None, what: str) -> int:
    """Numbered rows run 1, 2, 3, ...: a gap or a repeat means a row was lost
    or moved. Return ``number``; raise :class:`ParseError` otherwise."""
    expected = 1 if previous is None else previous + 1
    if number != expected:
        raise ParseError(doc, line.no, f"{what} {expected}", str(number))
    return number


def pages(rows: list[Line]) -> list[list[Line]]:
    """Split table rows into pages: runs of consecutive line numbers (a page
    break leaves a blank or non-table line between two runs)."""
    out: list[list[Line]] = []
    for line in rows:
        if out and line.no == out[-1][-1].no + 1:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def is_blank_row(line: Line) -> bool:
    return line.has_tab and not any(line.cells)


@dataclass
class Report:
    """Tab-separated lines that are not table rows, each with its reason.

    It also lists table rows whose reading rests on position alone (a merged
    cell, a row tied to the one above it by nothing but its place), with a
    reason starting ``'assumption:'``: there a row moved in a damaged copy
    could go unnoticed, since the text offers nothing to check it against.
    """

    doc_id: str
    rows: list[dict] = field(default_factory=list)

    def add(self, line: Line, table_id: str | None, reason: str) -> None:
        self.rows.append(
            {
                "doc_id": self.doc_id,
                "source_line": line.no,
                "table_id": table_id,
                "reason": reason,
                "text": " | ".join(line.cells) if line.has_tab else line.text,
            }
        )
