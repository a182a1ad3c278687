"""How a report names a file: relative to the working directory, printable, a link kept a link."""

from __future__ import annotations

import os
from pathlib import Path

from plugcheck.untrusted import printable


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it lies under it, else absolute;
    printable (a plugin names its own files). A symbolic link is named, not where it leads
    (PC427's link out of the tree)."""
    try:
        return printable(str(linked(path).relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(os.fspath(path))


def linked(path: Path) -> Path:
    """``path`` absolute, its directories resolved, its last component kept: a finding at a
    symbolic link is at the link."""
    return path.parent.resolve() / path.name
