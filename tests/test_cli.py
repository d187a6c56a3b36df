"""The ``rbdata`` command: version, help, and one-line errors for every mistake of the user.

Each mistake is tried both in a subprocess (``python -m rbdata``, what a user
runs) and in-process through ``main(argv)`` where the situation can only be
arranged by patching.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import rbdata
from rbdata import _paths, loaders
from rbdata.__main__ import main
from rbdata.contract import ContractError


def run_cli(*args, cwd, env_extra=None):
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("RBDATA_RAW_DIR", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "rbdata", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_one_line_error(stderr: str, *needles: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("rbdata: error: "), stderr
    assert "Traceback" not in stderr
    for needle in needles:
        assert needle in lines[0], (needle, stderr)


@pytest.fixture
def fresh_caches():
    """Parsed documents read during the test are forgotten afterwards."""
    loaders.clear_cache()
    yield
    loaders.clear_cache()


# ------------------------------------------------------------ version and help
def test_version_prints_the_package_version(tmp_path, capsys):
    proc = run_cli("--version", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"rbdata {rbdata.__version__}\n"
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"rbdata {rbdata.__version__}\n"


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["line", "--help"]])
def test_help_is_plain_text(args, capsys):
    assert main(args) == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: rbdata")
    assert "``" not in text and ":func:" not in text and ":mod:" not in text


def test_help_lists_the_commands_and_the_default_output(capsys):
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert "build" in text and "line" in text and "--version" in text
    assert main(["build", "--help"]) == 0
    assert str(_paths.default_out_dir()) in capsys.readouterr().out


def test_wrong_argument_is_a_usage_error(tmp_path, capsys):
    assert main([]) == 2
    assert "required" in capsys.readouterr().err
    assert main(["line", "blora-2020", "x"]) == 2
    assert "invalid int value" in capsys.readouterr().err
    proc = run_cli("frobnicate", cwd=tmp_path)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------ line
def test_line_prints_the_raw_line(tmp_path):
    proc = run_cli("line", "blora-2020", 659, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == rbdata.raw_line("blora-2020", 659) + "\n"


def test_unknown_document(tmp_path, capsys):
    proc = run_cli("line", "blora-2019", 1, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert_one_line_error(proc.stderr, "unknown doc_id 'blora-2019'", "'blora-2020', 'batang-2023'")
    assert main(["line", "nowhere", "1"]) == 1
    assert_one_line_error(capsys.readouterr().err, "unknown doc_id 'nowhere'")


def test_line_the_document_does_not_have(capsys):
    n = len(loaders.raw_lines("batang-2023"))
    assert main(["line", "batang-2023", str(n + 1)]) == 1
    assert_one_line_error(capsys.readouterr().err, f"lines 1-{n}", f"line {n + 1} does not exist")
    assert main(["line", "batang-2023", "0"]) == 1
    assert_one_line_error(capsys.readouterr().err, "line 0 does not exist")


# ------------------------------------------------------------ build: output folder
def test_out_is_a_file(tmp_path, capsys):
    target = tmp_path / "tables.csv"
    target.write_text("not a folder\n")
    proc = run_cli("build", "--out", target, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert_one_line_error(proc.stderr, str(target), "is a file, not a folder")
    assert main(["build", "--out", str(target)]) == 1
    assert_one_line_error(capsys.readouterr().err, "is a file, not a folder")
    assert target.read_text() == "not a folder\n"


def test_out_below_a_file(tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    assert main(["build", "--out", str(blocker / "a" / "b")]) == 1
    assert_one_line_error(
        capsys.readouterr().err, "cannot create output folder", f"{str(blocker)!r} is a file"
    )


def test_out_not_writable(tmp_path, monkeypatch, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() != 0:  # root may write anywhere; the permission check is then simulated below
        locked.chmod(0o500)
        try:
            proc = run_cli("build", "--out", locked / "new", cwd=tmp_path)
        finally:
            locked.chmod(0o700)
        assert proc.returncode == 1
        assert_one_line_error(proc.stderr, "is not writable")
    import rbdata.__main__ as cli

    asked = []

    def no_write(path, mode):
        asked.append(path)
        return False

    monkeypatch.setattr(cli.os, "access", no_write)
    assert main(["build", "--out", str(locked / "new")]) == 1
    assert_one_line_error(
        capsys.readouterr().err, "is not writable", f"no write permission on {str(locked)!r}"
    )
    assert asked == [locked]
    assert not (locked / "new").exists()


def test_failure_to_write_into_out_is_one_line(tmp_path, monkeypatch, capsys):
    import rbdata.build

    out = tmp_path / "out"

    def refused(out_dir, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(out_dir / "targets.csv"))

    monkeypatch.setattr(rbdata.build, "build", refused)
    assert main(["build", "--out", str(out)]) == 1
    assert_one_line_error(capsys.readouterr().err, "cannot write into output folder", "Permission denied")


def test_an_os_error_elsewhere_is_a_bug_with_its_traceback(tmp_path, monkeypatch):
    import rbdata.build

    def broken(out_dir, *args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "/nonexistent/reference.csv")

    monkeypatch.setattr(rbdata.build, "build", broken)
    with pytest.raises(FileNotFoundError):
        main(["build", "--out", str(tmp_path / "out")])


def test_a_bug_keeps_its_traceback(tmp_path, monkeypatch):
    import rbdata.build

    def broken(out_dir, *args, **kwargs):
        raise KeyError("a column that is not there")

    monkeypatch.setattr(rbdata.build, "build", broken)
    with pytest.raises(KeyError):
        main(["build", "--out", str(tmp_path / "out")])


# ------------------------------------------------------------ build: input
def test_damaged_input_names_file_and_line(tmp_path, raw_dir):
    damaged = tmp_path / "raw"
    damaged.mkdir()
    lines = (raw_dir / "blora-2020.txt").read_text(encoding="utf-8").split("\n")
    # the document cut short: the annex ends before its last chapter
    (damaged / "blora-2020.txt").write_text("\n".join(lines[:700]), encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli("build", "--out", out, cwd=tmp_path, env_extra={"RBDATA_RAW_DIR": str(damaged)})
    assert proc.returncode == 1
    assert_one_line_error(proc.stderr, str(damaged / "blora-2020.txt"), "line ")
    assert proc.stdout.splitlines() == [f"parsing {damaged / 'blora-2020.txt'} ..."]
    assert not out.exists()


def test_contract_error_is_one_line(tmp_path, monkeypatch, capsys):
    import rbdata.build

    def breaks_contract(out_dir, *args, **kwargs):
        raise ContractError("targets.value: 'x' is not a number", table="targets", column="value")

    monkeypatch.setattr(rbdata.build, "build", breaks_contract)
    assert main(["build", "--out", str(tmp_path / "out")]) == 1
    assert_one_line_error(capsys.readouterr().err, "targets.value: 'x' is not a number")


def _hide_every_raw_copy(monkeypatch, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("RBDATA_RAW_DIR", str(empty))
    monkeypatch.setattr(_paths, "REPO_DIR", tmp_path)  # not a checkout
    monkeypatch.setattr(_paths, "SHIPPED_RAW", "_absent")
    return empty


def test_missing_raw_document_lists_where_it_looked(tmp_path, monkeypatch, capsys, fresh_caches):
    empty = _hide_every_raw_copy(monkeypatch, tmp_path)
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert_one_line_error(
        err,
        "raw document 'blora-2020.txt' not found",
        str(empty / "blora-2020.txt"),
        str(_paths.PACKAGE_DIR / "_absent" / "blora-2020.txt"),
        "RBDATA_RAW_DIR",
    )
    assert not out.exists()
    assert main(["line", "batang-2023", "1"]) == 1
    assert_one_line_error(capsys.readouterr().err, "raw document 'batang-2023.txt' not found")


def test_missing_raw_document_in_a_subprocess(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import rbdata._paths as p\n"
        "p.REPO_DIR = Path(sys.argv[1])\n"
        "p.SHIPPED_RAW = '_absent'\n"
        "from rbdata.__main__ import main\n"
        "sys.exit(main(['build', '--out', sys.argv[2]]))\n"
    )
    env = dict(os.environ, MPLBACKEND="Agg", RBDATA_RAW_DIR=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), str(tmp_path / "out")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert_one_line_error(
        proc.stderr, "raw document 'blora-2020.txt' not found", str(tmp_path / "blora-2020.txt")
    )


# ------------------------------------------------------------ build: success
def test_build_prints_its_steps(fresh_build):
    out, stdout = fresh_build
    lines = stdout.splitlines()
    assert lines[0] == f"parsing {_paths.raw_path('blora-2020')} ..."
    assert lines[1] == f"parsing {_paths.raw_path('batang-2023')} ..."
    assert lines[2].startswith("checking ") and lines[2].endswith(f" into {out} ...")
    assert all(line.startswith("wrote ") for line in lines[3:]) and len(lines) > 3
