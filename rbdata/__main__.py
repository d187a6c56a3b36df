"""The ``rbdata`` command (also ``python -m rbdata``).

``rbdata build [--out DIR]`` parses both raw documents and writes every
table as CSV, the Excel workbook ``rbdata.xlsx`` and ``datapackage.json``
(see :mod:`rbdata.build`); ``rbdata line DOC_ID LINE`` prints one line of a
raw document exactly. A mistake of the user (a bad output folder, an
unknown document, a damaged or missing raw document) ends with one line
``rbdata: error: ...`` on standard error and exit code 1; a wrong
argument with argparse's usage message and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rbdata._version import __version__

#: Exit code for a mistake of the user (argparse uses 2 for a wrong argument).
EXIT_USER_ERROR = 1


class UserError(Exception):
    """A mistake the user can fix; shown as one line, without a traceback."""


def _parser() -> argparse.ArgumentParser:
    from rbdata._paths import default_out_dir, is_checkout

    default_out = default_out_dir()
    where = "this checkout's data/processed/" if is_checkout() else "rbdata-data/ in the current folder"
    parser = argparse.ArgumentParser(
        prog="rbdata",
        description=(
            "Bureaucratic-reform road maps of Blora (2020) and Batang (2023) as tidy tables. "
            "Also runs as: python -m rbdata"
        ),
        epilog="examples:\n  rbdata build --out tables/\n  rbdata line blora-2020 659",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"rbdata {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p_build = sub.add_parser(
        "build",
        help="write every table as CSV, rbdata.xlsx and datapackage.json",
        description=(
            "Parse both raw documents, check every table against its contract and write each one "
            "as CSV, the Excel workbook rbdata.xlsx and the Frictionless descriptor datapackage.json."
        ),
    )
    p_build.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=f"output folder, created if missing (default: {where}, {default_out})",
    )
    p_line = sub.add_parser(
        "line",
        help="print one line of a raw document exactly (the text behind a row's source_line)",
        description="Print line LINE (1-based) of the raw document DOC_ID exactly; cells stay tab-separated.",
    )
    p_line.add_argument("doc_id", metavar="DOC_ID", help="blora-2020 or batang-2023")
    p_line.add_argument("line", metavar="LINE", type=int, help="1-based line number (a row's source_line)")
    return parser


def _writable_out_dir(out: str | None) -> Path:
    """The output folder, checked before anything is parsed.

    Raises
    ------
    UserError
        If the path or one of its parents is a file, or the folder (or the
        nearest existing parent, when it is still to be created) is not
        writable.
    """
    from rbdata._paths import default_out_dir

    path = Path(out) if out else default_out_dir()
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        if existing == path:
            raise UserError(f"output folder {str(path)!r} is a file, not a folder")
        raise UserError(f"cannot create output folder {str(path)!r}: {str(existing)!r} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserError(
            f"output folder {str(path)!r} is not writable (no write permission on {str(existing)!r})"
        )
    return path


def _build(out: str | None) -> None:
    from rbdata import loaders
    from rbdata._paths import DOC_IDS, raw_path
    from rbdata.build import BUILD, build

    out_dir = _writable_out_dir(out)
    for doc_id in DOC_IDS:
        print(f"parsing {raw_path(doc_id)} ...", flush=True)
        # parses the document once; build() below reuses the cached tables
        loaders.load_documents(doc_id)
    print(f"checking {len(BUILD)} tables and writing them into {out_dir} ...", flush=True)
    try:
        build(out_dir)
    except OSError as err:
        # only a failure to write into the output folder is the user's to fix
        failed = None if err.filename is None else Path(err.filename).resolve()
        if failed is None or not (failed == out_dir.resolve() or out_dir.resolve() in failed.parents):
            raise
        raise UserError(
            f"cannot write into output folder {str(out_dir)!r}: {err.strerror}: {err.filename!r}"
        ) from err


def _line(doc_id: str, line: int) -> None:
    from rbdata import loaders

    try:
        text = loaders.raw_line(doc_id, line)
    except ValueError as err:  # an unknown doc_id, or a line the document does not have
        raise UserError(str(err)) from err
    print(text)


def main(argv: list[str] | None = None) -> int:
    """Run the ``rbdata`` command.

    Parameters
    ----------
    argv : list of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code: 0 on success, 1 for a mistake of the user (reported
        as one line on standard error), 2 for a wrong argument, 130 when
        interrupted. A bug still raises, with its traceback.
    """
    from rbdata._errors import ParseError
    from rbdata._paths import RawDocumentNotFoundError
    from rbdata.contract import ContractError

    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help, --version, or argparse's usage error
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    try:
        if args.command == "build":
            _build(args.out)
        elif args.command == "line":
            _line(args.doc_id, args.line)
    except (UserError, ParseError, ContractError, RawDocumentNotFoundError) as err:
        print(f"rbdata: error: {err}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("rbdata: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess
    sys.exit(main())
