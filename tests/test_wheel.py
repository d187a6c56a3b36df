"""The wheel, installed into a fresh virtual environment, works on its own.

The wheel is built from a copy of the package without ``data/``, installed
with ``--no-deps`` into a new ``python -m venv`` whose dependencies come from
this environment's site-packages through a ``.pth`` file (nothing is
downloaded to install it), and used from an unrelated folder: every loader,
the ``rbdata`` console command and the shipped raw documents.

What the installed wheel produces is compared with the same source, run
from its copy with the checkout's ``data/raw/``, so that an edit of the
working tree while the tests run cannot make the two differ.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from build_env import can_build_offline

import rbdata
from rbdata import loaders

pytestmark = pytest.mark.slow

RAW_NAMES = ("blora-2020.txt", "batang-2023.txt")
TABLE_FUNCTIONS = sorted(
    name
    for name in loaders.__all__
    if name.startswith("load_") or name in ("parse_report", "statement_exclusions")
)


def _run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kwargs)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory, repo_dir) -> Path:
    """The package and the top-level files of the checkout, without data/."""
    src = tmp_path_factory.mktemp("source") / "src"
    src.mkdir()
    for path in repo_dir.iterdir():
        if path.is_file() and not path.name.startswith("."):
            shutil.copy(path, src / path.name)
    shutil.copytree(repo_dir / "rbdata", src / "rbdata", ignore=shutil.ignore_patterns("__pycache__"))
    return src


@pytest.fixture(scope="module")
def wheel_file(tmp_path_factory, source_copy) -> Path:
    """The wheel built from :func:`source_copy`."""
    work = tmp_path_factory.mktemp("wheel")
    src = source_copy
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-input",
        "-w",
        str(work),
        str(src),
    ]
    if can_build_offline():
        cmd.insert(4, "--no-build-isolation")
    _run(cmd, cwd=work)
    (found,) = work.glob("rbdata-*.whl")
    return found


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory, wheel_file) -> Path:
    """A new virtual environment with only the wheel installed; returns its python."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    )
    # pandas & co. from this environment, appended after the new venv's own site-packages
    (purelib / "_rbdata_test_deps.pth").write_text(
        "".join(f"{p}\n" for p in site.getsitepackages()), encoding="utf-8"
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
        ]
        + [str(wheel_file)]
    )
    return python


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RBDATA_RAW_DIR", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"
    return env


def _source_env(source_copy: Path, raw_dir: Path) -> dict[str, str]:
    """This python running the source copy on the checkout's data/raw/."""
    return dict(_clean_env(), PYTHONPATH=str(source_copy), RBDATA_RAW_DIR=str(raw_dir))


def test_wheel_carries_the_raw_documents_and_the_command(wheel_file, raw_dir):
    with zipfile.ZipFile(wheel_file) as whl:
        names = set(whl.namelist())
        for name in RAW_NAMES:
            assert f"rbdata/_raw/{name}" in names
            assert whl.read(f"rbdata/_raw/{name}") == (raw_dir / name).read_bytes()
        assert "rbdata/reference/sources.csv" in names and "rbdata/py.typed" in names
        assert not any(n.startswith(("data/", "tests/")) for n in names)
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = whl.read(entry_points).decode()
    assert "[console_scripts]" in text and "rbdata = rbdata.__main__:main" in text


def test_installed_wheel_loads_every_table(fresh_venv, tmp_path, raw_dir, source_copy):
    code = (
        "import hashlib, json, sys, rbdata, rbdata._paths as p\n"
        "funcs = json.loads(sys.argv[1])\n"
        "print(json.dumps({\n"
        "    'file': rbdata.__file__,\n"
        "    'rows': {f: len(getattr(rbdata.loaders, f)()) for f in funcs},\n"
        "    'raw': {d: str(p.raw_path(d)) for d in p.DOC_IDS},\n"
        "    'sha256': {d: hashlib.sha256(p.raw_path(d).read_bytes()).hexdigest() for d in p.DOC_IDS},\n"
        "    'processed': str(p.PROCESSED_DIR),\n"
        "}))\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = _run([str(fresh_venv), "-c", code, json.dumps(TABLE_FUNCTIONS)], cwd=elsewhere, env=_clean_env())
    got = json.loads(proc.stdout)
    venv_dir = fresh_venv.parent.parent
    assert Path(got["file"]).is_relative_to(venv_dir), got["file"]
    ref = _run(
        [sys.executable, "-c", code, json.dumps(TABLE_FUNCTIONS)],
        cwd=elsewhere,
        env=_source_env(source_copy, raw_dir),
    )
    want = json.loads(ref.stdout)
    assert Path(want["file"]).is_relative_to(source_copy)
    assert want["raw"] == {d: str(raw_dir / f"{d}.txt") for d in rbdata.DOC_IDS}
    assert got["rows"] == want["rows"]
    assert "load_targets" in got["rows"] and len(got["rows"]) >= 10
    for doc_id in rbdata.DOC_IDS:
        shipped = Path(got["raw"][doc_id])
        assert shipped.parent.name == "_raw" and shipped.is_relative_to(venv_dir)
        assert got["sha256"][doc_id] == hashlib.sha256((raw_dir / f"{doc_id}.txt").read_bytes()).hexdigest()
    assert got["processed"] == "rbdata-data"


def test_installed_command_builds_the_same_tables(fresh_venv, tmp_path, raw_dir, source_copy):
    checkout_out = tmp_path / "reference"
    _run(
        [sys.executable, "-m", "rbdata", "build", "--out", str(checkout_out)],
        cwd=tmp_path,
        env=_source_env(source_copy, raw_dir),
    )
    rbdata_cmd = fresh_venv.parent / ("rbdata.exe" if os.name == "nt" else "rbdata")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env()
    version = _run([str(rbdata_cmd), "--version"], cwd=elsewhere, env=env)
    assert version.stdout == f"rbdata {rbdata.__version__}\n"
    # no --out: the current folder's rbdata-data/, never the installed package
    proc = _run([str(rbdata_cmd), "build"], cwd=elsewhere, env=env)
    out = elsewhere / "rbdata-data"
    assert proc.stdout.splitlines()[0].startswith("parsing ")
    assert f"into {Path('rbdata-data')} ..." in proc.stdout
    csvs = sorted(p.name for p in checkout_out.glob("*.csv"))
    assert csvs and sorted(p.name for p in out.glob("*.csv")) == csvs
    for name in csvs:
        assert (out / name).read_bytes() == (checkout_out / name).read_bytes(), name
    assert (out / "rbdata.xlsx").is_file() and (out / "datapackage.json").is_file()
    venv_dir = fresh_venv.parent.parent
    assert not [p for p in venv_dir.rglob("processed") if p.is_dir()]
    assert not [p for p in venv_dir.rglob("rbdata-data") if p.is_dir()]
    # --out and python -m rbdata work too
    explicit = tmp_path / "explicit"
    _run([str(fresh_venv), "-m", "rbdata", "build", "--out", str(explicit)], cwd=elsewhere, env=env)
    assert (explicit / "targets.csv").read_bytes() == (checkout_out / "targets.csv").read_bytes()
