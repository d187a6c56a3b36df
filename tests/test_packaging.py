"""Packaging: metadata, lock file, conda environment, paths, README, CI script."""

from __future__ import annotations

import hashlib
import os
import re
import runpy
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from build_env import can_build_offline

RUNTIME = {"pandas", "numpy", "openpyxl", "matplotlib", "seaborn", "rapidfuzz", "pymcdm", "jinja2"}
EXTRAS = {
    "test": {"pytest", "pytest-xdist", "nbval", "frictionless", "ruff", "mypy", "playwright"},
    "notebooks": {"jupyterlab", "ipykernel"},
    "docs": {"sphinx", "myst-nb", "pydata-sphinx-theme", "numpydoc"},
}


def _norm(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _split_req(req: str) -> tuple[str, str]:
    """'pandas>=2.2' -> ('pandas', '>=2.2')."""
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$", req)
    assert m, f"cannot read requirement {req!r}"
    return _norm(m.group(1)), m.group(2).strip()


def read_simple_yaml(text: str) -> dict:
    """Read the small subset of YAML that environment.yml uses.

    Top-level ``key: value`` pairs and ``key:`` followed by a list of
    ``- item`` lines; a list item ``- pip:`` opens a nested list. Comments
    and blank lines are ignored.
    """
    out: dict = {}
    key = None
    nested = None
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        if indent == 0:
            k, _, v = body.partition(":")
            key, nested = k.strip(), None
            out[key] = v.strip() if v.strip() else []
        elif body.startswith("- "):
            item = body[2:].strip()
            if nested is not None and indent > nested[0]:
                nested[1].append(item)
            elif item.endswith(":"):
                sub: list = []
                out[key].append({item[:-1]: sub})
                nested = (indent, sub)
            else:
                nested = None
                out[key].append(item)
        else:
            raise ValueError(f"environment.yml: cannot read line {raw!r}")
    return out


@pytest.fixture(scope="module")
def pyproject(repo_dir):
    with open(repo_dir / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def environment(repo_dir):
    return read_simple_yaml((repo_dir / "environment.yml").read_text(encoding="utf-8"))


# ------------------------------------------------------------ metadata
def test_pyproject_dependencies(pyproject):
    proj = pyproject["project"]
    assert proj["name"] == "rbdata"
    assert pyproject["build-system"]["build-backend"] == "setuptools.build_meta"
    deps = dict(_split_req(r) for r in proj["dependencies"])
    assert set(deps) == RUNTIME
    assert all(spec.startswith(">=") for spec in deps.values()), deps
    extras = {k: {_split_req(r)[0] for r in v} for k, v in proj["optional-dependencies"].items()}
    assert extras == EXTRAS
    assert proj["requires-python"] == ">=3.11"


def test_package_data_ships_reference_tables(pyproject, repo_dir):
    globs = pyproject["tool"]["setuptools"]["package-data"]["rbdata"]
    assert set(globs) == {"py.typed", "reference/*.csv", "reference/*.md", "_raw/*.txt"}
    assert list((repo_dir / "rbdata" / "reference").glob("*.csv"))


def test_console_command_is_declared(pyproject):
    assert pyproject["project"]["scripts"] == {"rbdata": "rbdata.__main__:main"}


def test_version_comes_from_the_package(pyproject, repo_dir):
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "rbdata._version.__version__"}
    version = (repo_dir / "rbdata" / "_version.py").read_text(encoding="utf-8")
    assert re.search(r'^__version__ = "\d+\.\d+\.\d+"$', version, re.M)


#: conda-forge names of environment.yml that differ from the PyPI names of requirements.lock
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "seaborn-base": "seaborn"}


def read_lock(text: str) -> dict[str, str]:
    """requirements.lock as {normalised name: version}."""
    pins = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_norm(name)] = version
    return pins


def environment_pins(environment: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(conda, pip) requirements of environment.yml as {PyPI name: specifier}.

    conda-forge names are mapped to PyPI names; python, pip and the
    editable install of rbdata itself are left out.
    """
    conda, pip = {}, {}
    for item in environment["dependencies"]:
        if isinstance(item, dict):
            pip.update(_split_req(r) for r in item["pip"] if r != "-e .")
            continue
        name, spec = _split_req(item)
        if name not in {"python", "pip"}:
            conda[CONDA_TO_PYPI.get(name, name)] = spec
    return conda, pip


@pytest.fixture(scope="module")
def lock(repo_dir):
    return read_lock((repo_dir / "requirements.lock").read_text(encoding="utf-8"))


def test_environment_yml_pins_the_locked_versions(environment, lock):
    # conda and pip pins alike: the version of requirements.lock, exactly
    conda, pip = environment_pins(environment)
    assert "python=3.11" in environment["dependencies"]
    pins = {**conda, **pip}
    assert not set(conda) & set(pip), "a package is both a conda and a pip requirement"
    assert set(pins) <= set(lock), sorted(set(pins) - set(lock))
    wrong = {name: (spec, lock[name]) for name, spec in pins.items() if spec != f"=={lock[name]}"}
    assert wrong == {}, "environment.yml pins other versions than requirements.lock: {name: (yml, lock)}"


def test_environment_yml_has_every_dependency(pyproject, environment):
    conda, pip = environment_pins(environment)
    proj = pyproject["project"]
    wanted = {_split_req(r)[0] for r in proj["dependencies"]}
    for reqs in proj["optional-dependencies"].values():
        wanted |= {_split_req(r)[0] for r in reqs}
    assert wanted <= set(conda) | set(pip), sorted(wanted - set(conda) - set(pip))
    # pip gets only what conda-forge lacks
    assert set(pip) == {"pymcdm"}


def test_environment_yml_lists_pymcdm_dependencies_for_conda(environment):
    # so that the pip step installs pymcdm alone, never a second numpy or pandas
    from importlib.metadata import requires

    conda, _ = environment_pins(environment)
    needed = {_split_req(r)[0] for r in requires("pymcdm") or [] if "extra ==" not in r}
    assert needed, "pymcdm declares no dependencies: check the reading of its metadata"
    assert needed <= set(conda), sorted(needed - set(conda))


def test_environment_readers():
    env = read_simple_yaml(
        "name: x\ndependencies:\n  - python=3.11\n  - pip\n  - matplotlib-base==3.10.9\n"
        "  - et_xmlfile==2.0.0  # note\n  - pip:\n    - pymcdm==1.4.0\n    - -e .\n"
    )
    assert environment_pins(env) == (
        {"matplotlib": "==3.10.9", "et-xmlfile": "==2.0.0"},
        {"pymcdm": "==1.4.0"},
    )
    assert read_lock("# header\nRapidFuzz==3.14.6\net_xmlfile==2.0.0\n") == {
        "rapidfuzz": "3.14.6",
        "et-xmlfile": "2.0.0",
    }


def test_environment_yml_ends_with_editable_install(repo_dir, environment):
    assert environment["name"] == "rbdata"
    assert isinstance(environment["dependencies"][-1], dict)
    assert environment["dependencies"][-1]["pip"][-1] == "-e ."
    lines = [
        ln
        for ln in (repo_dir / "environment.yml").read_text().splitlines()
        if ln.strip() and not ln.strip().startswith("#")
    ]
    assert lines[-1].strip() == "- -e ."
    assert any(ln.strip() == "- pip:" for ln in lines)


def test_yaml_reader_reads_nested_pip_list():
    got = read_simple_yaml("name: x\ndependencies:\n  - a>=1\n  - pip:\n    - b\n    - -e .\n")
    assert got == {"name": "x", "dependencies": ["a>=1", {"pip": ["b", "-e ."]}]}


def test_lock_pins_every_dependency_exactly(repo_dir, pyproject):
    pins = {}
    for line in (repo_dir / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!-]+", line), (
            f"not an exact pin: {line!r}"
        )
        name, version = line.split("==")
        pins[_norm(name)] = version
    assert "rbdata" not in pins
    needed = RUNTIME | set().union(*EXTRAS.values())
    assert needed <= set(pins), sorted(needed - set(pins))


# ------------------------------------------------------------ import cost and paths
def test_import_does_not_load_matplotlib_or_openpyxl(repo_dir):
    code = "import rbdata, sys; print('matplotlib' in sys.modules, 'openpyxl' in sys.modules)"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=repo_dir, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


def test_raw_path_error_names_every_place(tmp_path, monkeypatch):
    from rbdata import _paths

    empty = tmp_path / "empty"
    empty.mkdir()
    fake_repo = tmp_path / "repo"
    (fake_repo / "data" / "raw").mkdir(parents=True)
    (fake_repo / "pyproject.toml").write_text("")
    monkeypatch.setenv("RBDATA_RAW_DIR", str(empty))
    monkeypatch.setattr(_paths, "REPO_DIR", fake_repo)
    monkeypatch.setattr(_paths, "SHIPPED_RAW", "_absent")
    with pytest.raises(_paths.RawDocumentNotFoundError) as err:
        _paths.raw_path("blora-2020")
    assert isinstance(err.value, FileNotFoundError)
    msg = str(err.value)
    assert str(empty / "blora-2020.txt") in msg
    assert str(fake_repo / "data" / "raw" / "blora-2020.txt") in msg
    assert str(_paths.PACKAGE_DIR / "_absent" / "blora-2020.txt") in msg
    assert "RBDATA_RAW_DIR" in msg


def test_shipped_raw_copy_is_byte_identical_to_data_raw(repo_dir, raw_dir):
    shipped = repo_dir / "rbdata" / "_raw"
    names = sorted(p.name for p in raw_dir.glob("*.txt"))
    assert names == ["batang-2023.txt", "blora-2020.txt"]
    assert sorted(p.name for p in shipped.glob("*.txt")) == names
    for name in names:
        want = hashlib.sha256((raw_dir / name).read_bytes()).hexdigest()
        got = hashlib.sha256((shipped / name).read_bytes()).hexdigest()
        assert got == want, f"rbdata/_raw/{name} differs from data/raw/{name}: copy it again"
    assert (shipped / "README.md").is_file(), "rbdata/_raw/ must say why it exists"


def test_shipped_copy_is_read_outside_a_checkout(tmp_path, monkeypatch):
    from rbdata import _paths

    monkeypatch.delenv("RBDATA_RAW_DIR", raising=False)
    monkeypatch.setattr(_paths, "REPO_DIR", tmp_path)  # site-packages: no data/raw/ beside the package
    assert _paths.raw_dir_candidates() == [_paths.PACKAGE_DIR / "_raw"]
    assert _paths.raw_path("batang-2023") == _paths.PACKAGE_DIR / "_raw" / "batang-2023.txt"


def test_checkout_is_recognised_by_pyproject_and_data_raw(tmp_path, repo_dir):
    from rbdata import _paths

    assert _paths.is_checkout()
    assert _paths.is_checkout(repo_dir)
    (tmp_path / "data" / "raw").mkdir(parents=True)
    assert not _paths.is_checkout(tmp_path)
    (tmp_path / "pyproject.toml").write_text("")
    assert _paths.is_checkout(tmp_path)
    (tmp_path / "data" / "raw").rmdir()
    assert not _paths.is_checkout(tmp_path)


def test_default_output_is_data_processed_only_in_a_checkout(tmp_path, monkeypatch, repo_dir):
    from rbdata import _paths

    assert _paths.default_out_dir() == repo_dir / "data" / "processed" == _paths.PROCESSED_DIR
    monkeypatch.setattr(_paths, "REPO_DIR", tmp_path / "site-packages")
    out = _paths.default_out_dir()
    # relative, so that it is resolved against the current folder when the build runs
    assert out == Path("rbdata-data") and not out.is_absolute()


def test_raw_path_prefers_rbdata_raw_dir(tmp_path, monkeypatch, raw_dir):
    from rbdata import _paths

    copy = tmp_path / "blora-2020.txt"
    shutil.copyfile(raw_dir / "blora-2020.txt", copy)
    monkeypatch.setenv("RBDATA_RAW_DIR", str(tmp_path))
    assert _paths.raw_path("blora-2020") == copy
    # a document missing there is still found in the checkout
    assert _paths.raw_path("batang-2023") == raw_dir / "batang-2023.txt"
    monkeypatch.delenv("RBDATA_RAW_DIR")
    assert _paths.raw_path("blora-2020") == raw_dir / "blora-2020.txt"


@pytest.mark.slow
def test_non_editable_install_reads_rbdata_raw_dir(tmp_path, repo_dir, raw_dir):
    """Install a copy of the package (not editable) and use it from elsewhere."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(repo_dir / name, src / name)
    shutil.copytree(repo_dir / "rbdata", src / "rbdata", ignore=shutil.ignore_patterns("__pycache__"))
    target = tmp_path / "site"
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-input",
        "--target",
        str(target),
        str(src),
    ]
    if can_build_offline():
        cmd.insert(4, "--no-build-isolation")
    start = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("pip install took more than 60 s")
    if proc.returncode != 0:
        pytest.fail(f"pip install failed after {time.monotonic() - start:.0f} s:\n{proc.stderr[-3000:]}")
    assert (target / "rbdata" / "reference" / "sources.csv").is_file(), "package data not installed"
    code = (
        "import rbdata, rbdata._paths as p, sys\n"
        "assert rbdata.__file__.startswith(sys.argv[1]), rbdata.__file__\n"
        "print(p.raw_path('blora-2020'))\n"
        "print(rbdata.load_documents()['doc_id'].tolist())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(target), RBDATA_RAW_DIR=str(raw_dir), MPLBACKEND="Agg")
    run = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[0] == str(raw_dir / "blora-2020.txt")
    assert lines[1] == "['blora-2020', 'batang-2023']"
    # without the variable an installed copy reads the documents it ships, and
    # would write its tables into the current folder, not into the package
    del env["RBDATA_RAW_DIR"]
    code += "print(p.PROCESSED_DIR)\n"
    run = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[0] == str(target / "rbdata" / "_raw" / "blora-2020.txt")
    assert lines[1] == "['blora-2020', 'batang-2023']"
    assert lines[2] == "rbdata-data"


# ------------------------------------------------------------ raw data and docs
def test_raw_readme_sha256_match_the_files(raw_dir):
    text = (raw_dir / "README.md").read_text(encoding="utf-8")
    found = dict(re.findall(r"`([\w-]+\.txt)`.*?`([0-9a-f]{64})`", text))
    assert set(found) == {"blora-2020.txt", "batang-2023.txt"}
    for name, digest in found.items():
        assert hashlib.sha256((raw_dir / name).read_bytes()).hexdigest() == digest, name


def test_readme_columns_are_up_to_date(repo_dir):
    mod = runpy.run_path(str(repo_dir / "scripts" / "update_readme.py"))
    text = (repo_dir / "README.md").read_text(encoding="utf-8")
    assert mod["updated"](text) == text, "README.md column lists are stale: run `make readme`"


def test_readme_documents_commands_and_sources(repo_dir):
    text = (repo_dir / "README.md").read_text(encoding="utf-8")
    for needle in (
        "make all",
        "make test",
        "RBDATA_RAW_DIR",
        "python -m rbdata build",
        "Perbup Blora 35/2020",
        "Perbup Batang 53/2023",
        "blora-2020",
        "batang-2023",
        "parse_report",
        "ParseError",
    ):
        assert needle in text, needle
    for heading in ("## Notebooks", "## Scoring", "## Quality", "## Monitoring"):
        assert re.search(rf"^{heading}", text, re.M), heading
    init = (repo_dir / "rbdata" / "_version.py").read_text(encoding="utf-8")
    version = re.search(r'^__version__ = "([^"]+)"', init, re.M).group(1)
    assert f"version {version}" in text, "README citation names another version than rbdata.__version__"


def test_ci_script_runs_the_readme_test_command(repo_dir):
    path = repo_dir / ".ci" / "run"
    assert os.access(path, os.X_OK), ".ci/run must be executable"
    lines = path.read_text().splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in lines
    assert lines[-1] == "make test"
    assert subprocess.run(["bash", "-n", str(path)]).returncode == 0


def test_make_help_lists_every_target(repo_dir):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    proc = subprocess.run(["make", "-s", "help"], cwd=repo_dir, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    targets = {line.split()[0] for line in proc.stdout.splitlines()[1:] if line.strip()}
    assert {"all", "test", "build", "notebooks", "benchmark", "clean"} <= targets


def test_make_test_runs_every_kind_of_test(repo_dir):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # -n prints the commands without running them; the venv step may be listed too
    proc = subprocess.run(["make", "-n", "test"], cwd=repo_dir, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    cmd = proc.stdout
    assert "pytest" in cmd and "tests --doctest-modules rbdata" in cmd
    assert "-n auto --dist loadfile" in cmd  # one worker per core; a notebook's cells stay on one worker
    if list((repo_dir / "notebooks").glob("*.ipynb")):
        assert "--nbval " in cmd and "--nbval-sanitize-with notebooks/sanitize.cfg" in cmd
