"""What setuptools passes its plugins (examples/contracts/setuptools.toml), setuptools 84.

``Distribution.finalize_options`` loads every ``setuptools.finalize_distribution_options``
entry point and calls each (in the order of their ``order`` attribute) with the distribution;
``_finalize_setup_keywords`` calls a ``distutils.setup_keywords`` entry point with the
distribution, the keyword and the value a project gave it, only when the project sets it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from setuptools.dist import Distribution

Keyword = Callable[[Distribution, Any, Any], object]
"""``(dist, keyword, value)``: the keyword is the entry point's own name, which a plugin may
annotate as that literal (setuptools-rust: ``attr: Literal["rust_extensions"]``)."""


def distribution() -> Distribution:
    """A distribution as a hook sees it when it runs first: built from a project's keywords,
    its finalize hooks not yet run (building one runs them all, every plugin's included)."""

    class Unfinalized(Distribution):
        def finalize_options(self) -> None:
            pass

    dist = Unfinalized({"name": "example", "version": "1.0", "py_modules": ["example"]})
    dist.__class__ = Distribution
    return dist
