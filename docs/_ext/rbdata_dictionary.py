"""Sphinx extension: the table and column dictionary, generated from the contract.

``docs/dictionary.md`` holds the marker line :data:`MARKER`; when Sphinx reads
that page, the marker is replaced by Markdown generated from
:data:`rbdata.contract.schema.CONTRACT` (every table rbdata hands out, in
the contract's order): each table's title, description, how to get it,
primary key and foreign keys, and every column's name, dtype, unit, whether a
value is required, vocabulary and meaning. Nothing of it is written by hand,
and the page is rebuilt whenever ``rbdata/contract/schema.py`` changes.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: The line of ``docs/dictionary.md`` that the generated dictionary replaces.
MARKER = "<!-- rbdata-dictionary -->"
#: The page that holds :data:`MARKER`.
DOCNAME = "dictionary"

#: dtype of the contract -> dtype of the DataFrame the loaders return
_DTYPES = {"int": "int64", "float": "float64", "date": "datetime64"}
#: Markdown punctuation escaped in free text (all ASCII punctuation may be escaped in CommonMark)
_SPECIAL = set("\\`*_[]<>|{}#$~!")


def anchor(table_name: str) -> str:
    """Label of a table's section, e.g. ``dictionary-targets``.

    Parameters
    ----------
    table_name : str
        Name of the table in the contract.

    Returns
    -------
    str
        The Sphinx label (and HTML id) of the table's section.
    """
    return "dictionary-" + table_name.replace("_", "-")


def text(value: str) -> str:
    """``value`` as literal Markdown text: punctuation escaped, on one line.

    Parameters
    ----------
    value : str
        Free text of the contract (a description, a unit, a title).

    Returns
    -------
    str
        Text that Markdown renders exactly as ``value`` (whitespace normalised).
    """
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in " ".join(value.split()))


def code(value: str) -> str:
    """``value`` as an inline code span.

    Parameters
    ----------
    value : str
        A name or a value of a vocabulary.

    Returns
    -------
    str
        A Markdown code span showing ``value`` exactly.
    """
    fence = "``" if "`" in value else "`"
    return f"{fence}{value}{fence}" if fence == "`" else f"{fence} {value} {fence}"


def dtype(column: Any) -> str:
    """dtype of a column in the DataFrame a loader returns.

    Parameters
    ----------
    column : rbdata.contract.schema.Column
        A column of the contract.

    Returns
    -------
    str
        ``string``, ``int64``, ``float64``, ``Int64``, ``bool``, ``boolean``,
        ``datetime64`` or ``category``.
    """
    if column.categories:
        return "category"
    return _DTYPES.get(column.dtype, column.dtype)


def dictionary_markdown() -> str:
    """The dictionary of every table of the contract, as MyST Markdown.

    Returns
    -------
    str
        One section per table, in the order of the contract, with a label
        (:func:`anchor`) that the foreign keys of tables link to.
    """
    from rbdata.contract.schema import CONTRACT

    out: list[str] = []
    for table in CONTRACT.values():
        out += [f"({anchor(table.name)})=", f"## {code(table.name)}: {text(table.title)}", ""]
        out += [text(table.description), ""]
        out += [f"- How to get it: {code(table.call)}"]
        key = ", ".join(code(c) for c in table.primary_key) or "none"
        out += [f"- Primary key: {key}"]
        if table.foreign_keys:
            refs = "; ".join(
                f"{', '.join(code(c) for c in fk.columns)} → "
                f"{{ref}}`{fk.table}.{'+'.join(fk.table_columns)} <{anchor(fk.table)}>`"
                for fk in table.foreign_keys
            )
            out += [f"- Foreign keys: {refs}"]
        else:
            out += ["- Foreign keys: none"]
        out += [
            "",
            "| column | dtype | unit | required | vocabulary | meaning |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in table.columns:
            vocabulary = ", ".join(code(v) for v in c.categories)
            required = "yes" if c.required else "no"
            out.append(
                f"| {code(c.name)} | {dtype(c)} | {text(c.unit)} | {required} | {vocabulary} "
                f"| {text(c.description)} |"
            )
        out.append("")
    return "\n".join(out)


def _fill(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read`` handler: put the generated dictionary in place of the marker."""
    if docname != DOCNAME:
        return
    if MARKER not in source[0]:
        raise ExtensionError(f"{DOCNAME}: the line {MARKER} is missing; the dictionary has no place")
    from rbdata.contract import schema

    # rebuild the page when the contract changes
    app.env.note_dependency(schema.__file__)
    source[0] = source[0].replace(MARKER, dictionary_markdown(), 1)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``source-read`` handler.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The application building the site.

    Returns
    -------
    dict
        Extension metadata: safe for parallel reading and writing.
    """
    app.connect("source-read", _fill)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
