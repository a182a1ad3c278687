"""Which distribution ships a host's package, for ``init``'s ``api-distribution``: an installed
one's by its RECORD, else the nearest ``pyproject.toml`` in the host's tree."""

from __future__ import annotations

import re
from pathlib import Path

from plugcheck.discovery import read_project
from plugcheck.scaffold.model import Survey


def distribution(found: Survey, root: Path, api: str) -> str | None:
    """The distribution that ships the API package: an installed one's by its RECORD, else the
    nearest ``pyproject.toml`` above the package, inside the host's tree."""
    if root.name in INSTALLED:
        return installed_distribution(root, api)
    for directory in (root, *root.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and directory != found.host:
            project, _ = read_project(candidate)
            return project.name if project else None
        if directory == found.host:
            break
    return None


INSTALLED = ("site-packages", "dist-packages")


def installed_distribution(root: Path, api: str) -> str | None:
    """The installed distribution whose RECORD lists ``api/__init__.py`` (its METADATA name),
    else, for a namespace package (Poetry's ``poetry``, shared with poetry-core's
    ``poetry/core``), the one listing a module right in it (``poetry/factory.py``)."""
    for owns in (f"\n{re.escape(api)}/__init__\\.py,", f"\n{re.escape(api)}/[^/]+\\.py,"):
        if found := _recorded(root, owns):
            return found
    return None


def _recorded(root: Path, owns: str) -> str | None:
    for info in sorted(root.glob("*.dist-info")):
        try:
            record = (info / "RECORD").read_text(encoding="utf-8", errors="replace")
            if not re.search(owns, f"\n{record}"):
                continue
            metadata = (info / "METADATA").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        name = next((ln[5:].strip() for ln in metadata.splitlines() if ln.startswith("Name:")), "")
        return name or None
    return None
