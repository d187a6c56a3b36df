"""Errors raised by rbdata."""

from __future__ import annotations

__all__ = ["ParseError"]


class ParseError(ValueError):
    """A source document could not be parsed.

    The message names the file (or ``doc_id``), the 1-based line and what the
    parser expected there, so that a damaged copy can be found and repaired.

    Attributes
    ----------
    doc : str
        File name or ``doc_id`` of the document.
    line : int or None
        1-based line number in the document, where known.
    expected : str
        What the parser expected at that place.
    """

    def __init__(self, doc: str, line: int | None, expected: str, got: str | None = None):
        self.doc = doc
        self.line = line
        self.expected = expected
        self.got = got
        where = f"{doc}, line {line}" if line is not None else doc
        msg = f"{where}: expected {expected}"
        if got is not None:
            shown = got if len(got) <= 120 else got[:117] + "..."
            msg += f"; found {shown!r}"
        super().__init__(msg)
