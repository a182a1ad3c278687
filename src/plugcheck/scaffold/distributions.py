"""Which distribution ships a host's package, for ``init``'s ``api-distribution``: an installed
one's by its RECORD, else the nearest ``pyproject.toml`` in the host's tree."""

from __future__ import annotations

import base64
import configparser
import hashlib
import re
import tomllib
from pathlib import Path

from plugcheck.discovery.projects import read_project
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


def script_modules(found: Survey, root: Path, package: str) -> list[str]:
    """The modules of ``package`` the host's distribution names as its commands
    (``jupyter-server = jupyter_server.serverapp:main``): an installed one's
    ``entry_points.txt``, else ``[project.scripts]`` of the ``pyproject.toml`` at the host."""
    values: list[str] = []
    if root.name in INSTALLED:
        info = _owner(root, f"\n{re.escape(package)}/__init__\\.py,")
        parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
        try:
            parser.read_string(
                (info / "entry_points.txt").read_text(encoding="utf-8") if info else ""
            )
        except (OSError, UnicodeDecodeError, configparser.Error):
            return []
        for section in ("console_scripts", "gui_scripts"):
            values += parser[section].values() if parser.has_section(section) else []
    else:
        try:
            with (found.host / "pyproject.toml").open("rb") as file:
                project = tomllib.load(file).get("project", {})
        except (OSError, tomllib.TOMLDecodeError):
            return []
        for key in ("scripts", "gui-scripts"):
            table = project.get(key, {}) if isinstance(project, dict) else {}
            values += [str(v) for v in table.values()] if isinstance(table, dict) else []
    modules = {v.partition(":")[0].strip() for v in values}
    return sorted(
        m
        for m in modules
        if m.partition(".")[0] == package and all(p.isidentifier() for p in m.split("."))
    )


def group_values(root: Path, group: str) -> list[str]:
    """The values of the entry points of ``group`` the distributions installed at ``root``
    (an import root such as site-packages) declare; none for a source tree."""
    if root.name not in INSTALLED:
        return []
    values: list[str] = []
    for text in sorted(root.glob("*.dist-info/entry_points.txt")):
        parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
        try:
            parser.read_string(text.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, configparser.Error):
            continue
        values += parser[group].values() if parser.has_section(group) else []
    return values


def _owner(root: Path, owns: str) -> Path | None:
    """The ``.dist-info`` folder whose RECORD matches ``owns``. When several do (Faker 40 over
    fake-factory 9999.9.9, a stub that shipped the same ``faker/__init__.py``), the one whose
    recorded hash is the file's on disk: the distribution installed last, which wrote it."""
    owners: list[tuple[Path, str]] = []
    for info in sorted(root.glob("*.dist-info")):
        try:
            record = "\n" + (info / "RECORD").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if found := re.search(owns + r"([^,\n]*)", record):
            owners.append((info, found.group(0)))
    if len(owners) > 1:
        current = [info for info, line in owners if _hash_matches(root, line)]
        return current[0] if len(current) == 1 else owners[0][0]
    return owners[0][0] if owners else None


def _hash_matches(root: Path, line: str) -> bool:
    """A RECORD line (``path,sha256=<urlsafe b64>,size``) names the file as it is on disk."""
    path, _, digest = line.strip().partition(",")
    algorithm, _, expected = digest.partition("=")
    if algorithm != "sha256" or not expected:
        return False
    try:
        data = (root / path).read_bytes()
    except OSError:
        return False
    actual = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return actual == expected


def _recorded(root: Path, owns: str) -> str | None:
    info = _owner(root, owns)
    try:
        metadata = (info / "METADATA").read_text(encoding="utf-8", errors="replace") if info else ""
    except OSError:
        return None
    name = next((ln[5:].strip() for ln in metadata.splitlines() if ln.startswith("Name:")), "")
    return name or None
