"""Command line: ``python -m rbdata build [--out DIR]``.

``build`` parses both raw documents and writes every table as CSV, the
Excel workbook ``rbdata.xlsx`` and ``datapackage.json`` (see ``rbdata.build``).
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    from rbdata._paths import PROCESSED_DIR

    parser = argparse.ArgumentParser(prog="python -m rbdata", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser(
        "build",
        help="write every table as CSV, rbdata.xlsx and datapackage.json",
        description="Parse data/raw/ and export every table (CSV, Excel, Frictionless Data Package).",
    )
    p_build.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=f"output folder (default: {PROCESSED_DIR})",
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        from rbdata.build import build

        build(args.out)
    return 0


if __name__ == "__main__":  # pragma: no cover - exercised through subprocess
    sys.exit(main())
