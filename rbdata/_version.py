"""The package version, in one place (read by pyproject.toml, the build and the workbooks)."""

__version__ = "0.1.0"
