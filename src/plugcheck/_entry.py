"""The ``plugcheck`` console script: ``plugcheck --version`` is answered before the command line
(click, the report formats, the options) is imported; everything else goes to ``cli.main``."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from plugcheck._version import __version__

        print(f"plugcheck, version {__version__}")  # click's version_option says the same
        return
    from plugcheck.cli import main as cli

    cli()
