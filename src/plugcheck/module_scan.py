"""Top-level modules whose names match a pattern, listed as ``pkgutil.iter_modules()`` lists
them over the target's ``sys.path``: hosts built on lml (pyexcel, robotchef) import every one
that ``re.match`` accepts. Nothing here imports plugin code."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class NamePattern:
    """A contract's ``module-name-pattern``: which top-level modules the host imports."""

    pattern: str
    packages_only: bool = False
    """lml keeps only packages (``module_info.ispkg``); a plain ``x.py`` is never imported."""
    exclude: tuple[str, ...] = ()
    """Names the host skips although they match (lml's ``black_list``: pyexcel-io itself)."""


@dataclass(frozen=True, slots=True)
class Listed:
    """One module ``pkgutil.iter_modules()`` lists: its name, where it is, and its folder."""

    name: str
    path: Path
    """The package's folder or the module's file."""
    is_package: bool
    zipped: bool = False
    """Inside a zip archive on the path (an egg): ``path`` is the archive."""


def matching(
    wanted: NamePattern, sys_path: Sequence[Path], suffixes: Sequence[str], *, zipped: bool = False
) -> list[Listed]:
    """The modules of ``sys_path`` the host imports for ``wanted``, first entry of a name wins
    (as the import of that name finds it): those in folders, or (``zipped``) those the host
    imports from a zip archive, which plugcheck does not read (a module of that name in a
    later folder is not the one the host imports)."""
    pattern = re.compile(wanted.pattern)
    found = []
    for listed in iter_modules(sys_path, suffixes):
        if listed.name in wanted.exclude or not pattern.match(listed.name):
            continue
        if wanted.packages_only and not listed.is_package:
            continue
        if listed.zipped == zipped:
            found.append(listed)
    return found


def iter_modules(sys_path: Sequence[Path], suffixes: Sequence[str]) -> Iterator[Listed]:
    """What ``pkgutil.iter_modules()`` yields for a path of folders and zip archives: each
    folder's entries in sorted order, a folder counted only when it holds an ``__init__``
    module, an archive's top-level modules and packages as zipimport lists them, a name only
    once."""
    ends = sorted({".py", ".pyc", *suffixes}, key=len, reverse=True)
    yielded: set[str] = set()
    for entry in sys_path:
        if entry.is_file():
            for inside, is_package in _zip_modules(entry):
                if inside not in yielded:
                    yielded.add(inside)
                    yield Listed(inside, entry, is_package, zipped=True)
            continue
        try:
            names = sorted(os.listdir(entry)) if entry.is_dir() else []
        except OSError:
            continue
        for file_name in names:
            path = entry / file_name
            module = _module_name(file_name, ends)
            is_package = False
            if module is None:
                if "." in file_name or not path.is_dir() or not _has_init(path, ends):
                    continue
                module, is_package = file_name, True
            if module == "__init__" or module in yielded or not module.isidentifier():
                continue
            yielded.add(module)
            yield Listed(module, path, is_package)


def _zip_modules(archive: Path) -> list[tuple[str, bool]]:
    """The top-level modules of a zip archive as ``pkgutil`` lists them for zipimport (source
    and bytecode only: zipimport loads no extension module), sorted; none for a file that is
    no archive."""
    try:
        with zipfile.ZipFile(archive) as opened:
            names = opened.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return []
    found: dict[str, bool] = {}
    for name in names:
        head, slash, rest = name.partition("/")
        if slash and rest in ("__init__.py", "__init__.pyc") and head.isidentifier():
            found[head] = True
        elif not slash and name.endswith((".py", ".pyc")):
            module = name.rpartition(".")[0]
            if module.isidentifier() and module != "__init__":
                found.setdefault(module, False)
    return sorted(found.items())


def _module_name(file_name: str, ends: Sequence[str]) -> str | None:
    """``inspect.getmodulename``: the name before the longest module suffix."""
    for end in ends:
        if file_name.endswith(end) and len(file_name) > len(end):
            return file_name[: -len(end)]
    return None


def _has_init(folder: Path, ends: Sequence[str]) -> bool:
    try:
        return any(_module_name(n, ends) == "__init__" for n in os.listdir(folder))
    except OSError:
        return False


def name_pattern(raw: object) -> NamePattern | None:
    """A contract's ``module-name-pattern`` value (checked by the configuration) as data."""
    if isinstance(raw, str):
        return NamePattern(raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("pattern"), str):
        return None
    return NamePattern(
        raw["pattern"],
        packages_only=raw.get("packages-only") is True,
        exclude=tuple(raw.get("exclude", ())),
    )
