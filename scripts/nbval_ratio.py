"""Measure what nbval costs for the notebooks, against a floor.

The floor is the same number of notebooks that only import what each real
notebook imports (every ``import``/``from`` line of its code cells). Both
sets run in ONE pytest session so that machine load affects them alike; the
ratio of their total times is printed. Goal: at most 1.5.

Usage: .venv/bin/python scripts/nbval_ratio.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IMPORT = re.compile(r"^(import|from)\s+\S+")
NOTEBOOK_NAME = re.compile(r"(imports-)?\d+\.\d+-[\w-]+\.ipynb$")  # the end of a JUnit classname


def import_only_twin(nb_path: Path, out_dir: Path) -> Path:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]).splitlines()
            lines += [ln for ln in src if IMPORT.match(ln) and not ln.rstrip().endswith("(")]
    twin = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "imports",
                "metadata": {},
                "outputs": [],
                "source": "\n".join(dict.fromkeys(lines)),
            }
        ],
        "metadata": nb.get("metadata", {}),
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    out = out_dir / f"imports-{nb_path.name}"
    out.write_text(json.dumps(twin), encoding="utf-8")
    return out


def run(paths: list[Path], xml: Path) -> dict[str, float]:
    """Seconds per notebook file: setup + call + teardown of its cells.

    Read from pytest's JUnit XML report, which keeps milliseconds (the
    ``--durations`` report rounds every phase to 10 ms).
    """
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "notebooks" / "sanitize.cfg"),
        f"--junitxml={xml}",
        "-o",
        "junit_duration_report=total",
        *map(str, paths),
    ]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"}
    )
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-2000:])
        raise SystemExit("nbval failed")
    per_file: dict[str, float] = {}
    for case in ElementTree.parse(xml).iter("testcase"):
        # nbval names a cell's test case "<path/to/notebook.ipynb>::Cell <n>"; the
        # notebook path is in the classname attribute (dots for slashes, no suffix)
        name = case.get("classname", "") or case.get("file", "")
        per_file[name] = per_file.get(name, 0.0) + float(case.get("time", 0))
    return per_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    ratios, reals, floors = [], [], []
    # inside the checkout so that pytest names both sets relative to it
    with tempfile.TemporaryDirectory(dir=ROOT, prefix=".nbval-ratio-") as tmp:
        twins = [import_only_twin(nb, Path(tmp)) for nb in NOTEBOOKS]
        for k in range(args.repeat):
            t0 = time.perf_counter()
            per_file = run(NOTEBOOKS + twins, Path(tmp) / "junit.xml")
            wall = time.perf_counter() - t0
            real = sum(v for f, v in per_file.items() if "imports-" not in f)
            floor = sum(v for f, v in per_file.items() if "imports-" in f)
            ratios.append(real / floor)
            reals.append(real)
            floors.append(floor)
            print(
                f"run {k + 1}: {len(NOTEBOOKS)} notebooks {real:.2f} s, {len(twins)} import-only "
                f"notebooks {floor:.2f} s, ratio {real / floor:.2f} (goal <= 1.5); wall {wall:.1f} s"
            )
            for f, v in sorted(per_file.items()):
                print(f"   {NOTEBOOK_NAME.search(f).group(0):45s} {v:6.3f} s")
    if args.repeat > 1:
        # one run moves by a few hundredths with the machine's load: the pooled
        # ratio and the median are the numbers to compare with the goal
        print(
            f"{args.repeat} runs: pooled ratio {sum(reals) / sum(floors):.3f}, median "
            f"{statistics.median(ratios):.3f}, range {min(ratios):.2f}-{max(ratios):.2f} (goal <= 1.5)"
        )


if __name__ == "__main__":
    main()
