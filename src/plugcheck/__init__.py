"""plugcheck: will each plugin load and behave in its host? Checked before it ships."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("plugcheck")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"

from plugcheck.config import ConfigError  # after __version__, which reporters read
from plugcheck.engine import Options, Report, UsageError, check
from plugcheck.model import Finding, Location, Matrix, MatrixRow, Severity

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
