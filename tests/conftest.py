"""Fixtures shared by the test modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """Root of the source checkout."""
    return REPO_DIR


@pytest.fixture(scope="session")
def raw_dir(repo_dir) -> Path:
    """``data/raw/``: the two immutable raw documents."""
    return repo_dir / "data" / "raw"


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory, repo_dir):
    """A build by the command line, ``python -m rbdata build --out DIR``.

    Returns
    -------
    tuple of (pathlib.Path, str)
        The output folder and what the command printed.
    """
    out = tmp_path_factory.mktemp("processed")
    env = dict(os.environ, MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, "-m", "rbdata", "build", "--out", str(out)],
        cwd=repo_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        pytest.fail(f"python -m rbdata build failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return out, proc.stdout
