"""plugcheck: will each plugin load and behave in its host? Checked before it ships.

The names below are loaded on first use, so that ``import plugcheck.model`` (or
``plugcheck --version``) does not load the engine and every pass.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plugcheck._version import __version__
    from plugcheck.config import ConfigError
    from plugcheck.engine import check
    from plugcheck.model import Finding, Location, Matrix, MatrixRow, Severity
    from plugcheck.options import Options, UsageError
    from plugcheck.run_report import Report

_HOME = {
    "ConfigError": "plugcheck.config",
    "Finding": "plugcheck.model",
    "Location": "plugcheck.model",
    "Matrix": "plugcheck.model",
    "MatrixRow": "plugcheck.model",
    "Options": "plugcheck.options",
    "Report": "plugcheck.run_report",
    "Severity": "plugcheck.model",
    "UsageError": "plugcheck.options",
    "__version__": "plugcheck._version",
    "check": "plugcheck.engine",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'plugcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "ConfigError",
    "Finding",
    "Location",
    "Matrix",
    "MatrixRow",
    "Options",
    "Report",
    "Severity",
    "UsageError",
    "__version__",
    "check",
]
