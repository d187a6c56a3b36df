"""Licences, citation and changelog: LICENSE, DATA_LICENSE.md, the package metadata,
datapackage.json's licences, CITATION.cff (with cffconvert where installed), CHANGELOG.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from rbdata._version import __version__
from rbdata.export.datapackage import DATA_LICENCE, datapackage
from rbdata.reference import read_reference

CODE_LICENCE = "MIT"
DATA_LICENCE_ID = "CC-BY-4.0"
DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ISSUERS = {"blora-2020": "Bupati Blora", "batang-2023": "Bupati Batang"}


@pytest.fixture(scope="module")
def project(repo_dir):
    with open(repo_dir / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


@pytest.fixture(scope="module")
def citation(repo_dir):
    return yaml.safe_load((repo_dir / "CITATION.cff").read_text(encoding="utf-8"))


def _spdx_ids(expression: str) -> set[str]:
    """Licence identifiers of an SPDX expression joined by AND (the only operator used here)."""
    return {part.strip() for part in expression.split(" AND ")}


# ------------------------------------------------------------ licence files
def test_license_is_mit_for_rbdata_contributors(repo_dir):
    text = (repo_dir / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 rbdata contributors\n")
    assert "Permission is hereby granted, free of charge, to any person obtaining a copy" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_data_license_states_the_terms_of_data_and_regulations(repo_dir):
    text = " ".join((repo_dir / "DATA_LICENSE.md").read_text(encoding="utf-8").split())
    for needle in (
        "Creative Commons Attribution 4.0 International",
        DATA_LICENCE_URL,
        "data/processed/",
        "rbdata/reference/",
        "rbdata contributors",
        # the regulations' status, as the project's reading and no more
        "Undang-Undang Nomor 28 Tahun 2014",
        "Pasal 42",
        "peraturan perundang-undangan",
        "not legal advice",
    ):
        assert needle in text, needle
    for source in read_reference("sources"):
        number = re.search(r"Nomor \d+ Tahun \d{4}", source["title"]).group(0)
        assert f"Peraturan Bupati {source['region'].split()[1]} {number}" in text, source["doc_id"]
        assert f"issued by the {ISSUERS[source['doc_id']]}" in text, source["doc_id"]


# ------------------------------------------------------------ package metadata (PEP 639)
def test_pyproject_declares_the_licences(project, repo_dir):
    from packaging.licenses import canonicalize_license_expression

    expression = project["license"]
    assert isinstance(expression, str), "license must be a PEP 639 SPDX expression, not a table"
    assert canonicalize_license_expression(expression) == expression
    assert _spdx_ids(expression) == {CODE_LICENCE, DATA_LICENCE_ID}
    assert project["license-files"] == ["LICENSE", "DATA_LICENSE.md"]
    for name in project["license-files"]:
        assert (repo_dir / name).is_file(), name
    # PEP 639: an expression replaces the licence classifiers, and may not be dynamic
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]
    assert "license" not in project.get("dynamic", [])


# ------------------------------------------------------------ datapackage.json
def test_datapackage_names_the_data_licence():
    pkg = datapackage([])
    assert pkg["licenses"] == [
        {
            "name": DATA_LICENCE_ID,
            "path": DATA_LICENCE_URL,
            "title": "Creative Commons Attribution 4.0 International",
        }
    ]
    assert pkg["licenses"][0] is not DATA_LICENCE  # a copy: a caller cannot change the constant
    assert {"title": "rbdata contributors", "roles": ["creator"]} in pkg["contributors"]
    assert {s["doc_id"] for s in pkg["sources"]} == set(ISSUERS)


def test_datapackage_licence_validates_against_data_package_v2():
    # the descriptor alone (no resources) against the Data Package v2 profile
    frictionless = pytest.importorskip("frictionless")
    pkg = datapackage([])
    errors = [e.message for e in frictionless.Package.metadata_validate(pkg)]
    assert errors == []
    broken = {**pkg, "licenses": [{"title": "a licence without name or path"}]}
    assert [e for e in frictionless.Package.metadata_validate(broken)], "the check is vacuous"


# ------------------------------------------------------------ CITATION.cff
def test_citation_cites_the_package_at_its_version(citation, project):
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "software"
    assert citation["version"] == __version__, "CITATION.cff names another version than rbdata"
    assert citation["authors"] == [{"name": "rbdata contributors"}]
    assert set(citation["license"]) == _spdx_ids(project["license"])
    assert citation["title"].startswith("rbdata: ")


def test_citation_references_both_regulations(citation):
    refs = citation["references"]
    sources = {s["doc_id"]: s for s in read_reference("sources")}
    assert len(refs) == len(sources)
    for ref, (doc_id, source) in zip(refs, sources.items()):
        # a regent's regulation is an executive rule, not an act of a legislature
        assert ref["type"] == "legal-rule", doc_id
        assert ref["title"] == source["title"], doc_id
        assert ref["authors"] == [{"name": ISSUERS[doc_id]}]
        assert source["regulation"].startswith(ref["abbreviation"]), doc_id
        assert ref["date-published"] == source["enacted"], doc_id
        assert ref["year"] == int(source["enacted"][:4]), doc_id
        assert f"Nomor {ref['number']} Tahun {ref['year']}" in ref["title"], doc_id


def _cffconvert() -> str | None:
    """The cffconvert executable: $CFFCONVERT, .venv-cff/ of the checkout (made
    by `make venv`), beside this Python, or on PATH."""
    if os.environ.get("CFFCONVERT"):
        return os.environ["CFFCONVERT"]
    own = Path(__file__).resolve().parents[1] / ".venv-cff" / "bin" / "cffconvert"
    if own.is_file():
        return str(own)
    beside = Path(sys.executable).parent / "cffconvert"
    if beside.is_file():
        return str(beside)
    return shutil.which("cffconvert")


def test_citation_validates_with_cffconvert(repo_dir, tmp_path):
    exe = _cffconvert()
    if exe is None:
        pytest.skip(
            "cffconvert is not installed: cffconvert 2.0.0 requires jsonschema<4 and frictionless "
            "jsonschema>=4.20, so it cannot share the locked environment; `make venv` installs it into "
            ".venv-cff/ from requirements-cff.lock (or set CFFCONVERT to its path)"
        )
    cmd = [exe, "--validate", "-i"]
    proc = subprocess.run([*cmd, str(repo_dir / "CITATION.cff")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid according to schema version 1.2.0" in proc.stdout
    # not vacuous: a reference type outside CFF's list is refused
    broken = tmp_path / "CITATION.cff"
    text = (repo_dir / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(text.replace("type: legal-rule", "type: regent-regulation", 1), encoding="utf-8")
    proc = subprocess.run([*cmd, str(broken)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0, proc.stdout


# ------------------------------------------------------------ README and CHANGELOG
def test_readme_points_to_citation_and_licences(repo_dir):
    text = (repo_dir / "README.md").read_text(encoding="utf-8")
    cite = text.split("## How to cite\n", 1)[1].split("\n## ", 1)[0]
    assert "CITATION.cff" in cite
    assert f"version {__version__}" in cite
    flat = " ".join(cite.split())
    for source in read_reference("sources"):
        # the issuer as author, then the title
        assert f"{ISSUERS[source['doc_id']]}. {source['title']}" in flat, source["doc_id"]
    licences = text.split("## Licences\n", 1)[1].split("\n## ", 1)[0]
    for needle in ("LICENSE", "DATA_LICENSE.md", "MIT", "CC BY 4.0", "Pasal 42", "not legal advice"):
        assert needle in licences, needle


def test_changelog_has_this_release_in_keep_a_changelog_form(repo_dir):
    text = (repo_dir / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog\n")
    assert "keepachangelog.com/en/1.1.0" in text
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.M)
    assert releases[0] == ("Unreleased", "")
    assert releases[1][0] == __version__, "the newest release in CHANGELOG.md is not rbdata.__version__"
    assert releases[1][1], "a release has a date"
    allowed = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    groups = re.findall(r"^### (.+)$", text, re.M)
    assert groups and set(groups) <= allowed, groups
    # every heading line is a release, a group or the title
    stray = [h for h in re.findall(r"^#+ .*$", text, re.M) if not re.match(r"(# Changelog|## \[|### )", h)]
    assert stray == []
