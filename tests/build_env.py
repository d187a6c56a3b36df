"""What the packaging tests need to know about this environment's build tools."""

from __future__ import annotations

# pyproject.toml's PEP 639 licence expression needs setuptools 77 or newer
# (the version [build-system] requires); bdist_wheel is part of it.
SETUPTOOLS_FOR_LICENCE_EXPRESSION = (77, 0)


def can_build_offline() -> bool:
    """Whether the setuptools installed here can build rbdata's wheel without
    build isolation (which would fetch a newer setuptools from the index)."""
    try:
        import setuptools
    except ImportError:
        return False
    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return (major, minor) >= SETUPTOOLS_FOR_LICENCE_EXPRESSION
