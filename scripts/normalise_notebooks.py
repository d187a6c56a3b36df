"""Merge adjacent stream outputs of the same name in executed notebooks.

How a cell's printed text is split into stream chunks depends on when the
kernel flushes its output, which varies from run to run. The text itself
does not (nbval compares the merged text), so the committed notebooks keep
one chunk per stream and re-executing them leaves git clean.

Usage: python scripts/normalise_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def merge_streams(outputs: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and out.get("output_type") == "stream" == prev.get("output_type")
            and out.get("name") == prev.get("name")
        ):
            text = "".join(prev["text"]) + "".join(out["text"])
            prev["text"] = text.splitlines(keepends=True)
            continue
        merged.append(out)
    return merged


def normalise(path: Path) -> bool:
    raw = path.read_text(encoding="utf-8")
    nb = json.loads(raw)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = merge_streams(cell.get("outputs", []))
    # nbformat's own layout: one-space indent, non-ASCII kept, final newline
    new = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if new != raw:
        path.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if normalise(Path(arg)):
            print(f"normalised {arg}")
