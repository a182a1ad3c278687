"""Compiled code the target interpreter cannot load: wheel tags and extension-module suffixes
(PC308)."""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from packaging.tags import parse_tag

from plugcheck.model import (
    Finding,
    Location,
    Plugin,
    Severity,
)
from plugcheck.rules.base import Context, plugin_check, rule
from plugcheck.rules.pinning.requirements import file_lines
from plugcheck.source_tree import bounded_walk
from plugcheck.static.parse import catches

PC308 = rule(
    "PC308",
    "native-abi-mismatch",
    Severity.ERROR,
    "A wheel tag or extension-module suffix does not match the target interpreter.",
)


@plugin_check(PC308)
def native(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    yield from _wheel_tags(ctx, plugin)
    suffixes = ctx.env.extension_suffixes
    tree = plugin.own_tree
    if not suffixes or tree is None:
        return
    for path in _extension_modules(tree):
        suffix = path.name[path.name.index(".") :]
        if suffix in suffixes:
            yield from _not_loadable(ctx, plugin, path, suffixes)
            continue
        if not _extension_name(path.name) or _loads_instead(path, suffixes):
            continue
        stem = path.name[: path.name.index(".")]
        guarded = _imports_of(ctx, plugin, stem)
        message = (
            f"extension module {path.name} has ABI suffix {suffix!r}, which the target "
            f"interpreter ({ctx.env.executable}) does not load (it loads "
            f"{', '.join(suffixes)}); importing it fails with ModuleNotFoundError"
        )
        if guarded:  # `try: from ._speedups import x / except ImportError:` the fallback runs
            message += "; every import of it catches ImportError, so the plugin's fallback runs"
        yield PC308.at(
            plugin,
            Location(path, 1),
            message,
            fix="build the extension for the target interpreter (or as abi3) and ship that file",
            severity=Severity.WARNING if guarded else None,
        )


def _not_loadable(
    ctx: Context, plugin: Plugin, path: Path, suffixes: Sequence[str]
) -> Iterator[Finding]:
    """An extension module with a suffix the target loads that is no shared object its loader
    can open (a Git LFS pointer, a truncated download, a build for another system): the
    import the plugin makes fails with ImportError. Judged only where the plugin imports it
    and the import finds this file first."""
    problem = _not_a_shared_object(path, suffixes)
    stem = path.name[: path.name.index(".")]
    if problem is None or _found_first(path, suffixes) is not path:
        return
    guards = _import_guards(ctx, plugin, stem)
    if not guards:
        return
    message = (
        f"extension module {path.name} is not a shared object the target interpreter can load "
        f"({problem}); importing it fails with ImportError"
    )
    guarded = all(guards)
    if guarded:
        message += "; every import of it catches ImportError, so the plugin's fallback runs"
    yield PC308.at(
        plugin,
        Location(path, 1),
        message,
        fix="ship the built extension module itself (for Git LFS: fetch the objects before "
        "building the package)",
        severity=Severity.WARNING if guarded else None,
    )


_MAGIC = {  # how the target's suffixes say which loader opens the file -> its magic numbers
    "linux": (b"\x7fELF",),
    "darwin": (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ),
}


def _not_a_shared_object(path: Path, suffixes: Sequence[str]) -> str | None:
    """What makes the file certainly unloadable on the target's system, or None."""
    system = next((s for s in _MAGIC if any(s in suffix for suffix in suffixes)), None)
    if system is None or path.suffix != ".so":
        return None
    try:
        with path.open("rb") as file:
            head = file.read(64)
    except OSError:
        return None
    if head.startswith(b"version https://git-lfs"):
        return "it is a Git LFS pointer file"
    if not head.startswith(_MAGIC[system]):
        return f"it does not start with the {'ELF' if system == 'linux' else 'Mach-O'} magic number"
    if system == "linux" and (len(head) < 64 or head[4] not in (1, 2) or head[6] != 1):
        return "its ELF header is truncated or invalid"
    return None


def _found_first(path: Path, suffixes: Sequence[str]) -> Path | None:
    """The file the import system takes for ``path``'s module name in its directory: a
    package first, then the extension suffixes in the target's order, then source."""
    stem = path.name[: path.name.index(".")]
    if (path.parent / stem).is_dir():
        return None
    for suffix in suffixes:
        candidate = path.parent / f"{stem}{suffix}"
        if candidate.is_file():
            return path if candidate == path else candidate
    return None


_CAUGHT = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _imports_of(ctx: Context, plugin: Plugin, stem: str) -> bool:
    """Whether the plugin's files import the module ``stem`` and every such import is in a
    ``try`` whose handlers catch ImportError (``False`` when none imports it)."""
    found = _import_guards(ctx, plugin, stem)
    return bool(found) and all(found)


def _import_guards(ctx: Context, plugin: Plugin, stem: str) -> list[bool]:
    """For each import of the module ``stem`` in the plugin's files: whether it is in a ``try``
    whose handlers catch ImportError."""
    found: list[bool] = []

    def visit(body: list[ast.stmt], guarded: bool) -> None:
        for stmt in body:
            if isinstance(stmt, ast.Import | ast.ImportFrom) and _names(stmt, stem):
                found.append(guarded)
            caught = isinstance(stmt, ast.Try | ast.TryStar) and catches(stmt.handlers, _CAUGHT)
            for field in ("body", "orelse", "finalbody", "handlers"):
                for child in getattr(stmt, field, []):
                    if isinstance(child, ast.ExceptHandler):
                        visit(child.body, guarded)
                    elif isinstance(child, ast.stmt):
                        visit([child], guarded or (caught and field == "body"))

    for file in plugin.files:
        info = ctx.index.info(file) if file.suffix == ".py" else None
        if info is not None and info.tree is not None:
            visit(info.tree.body, False)
    return found


def _names(stmt: ast.Import | ast.ImportFrom, stem: str) -> bool:
    """Whether the import statement imports a module whose last name is ``stem``."""
    if isinstance(stmt, ast.Import):
        return any(a.name.rsplit(".", 1)[-1] == stem for a in stmt.names)
    if (stmt.module or "").rsplit(".", 1)[-1] == stem:
        return True
    return any(a.name == stem for a in stmt.names)


_ABI_SUFFIX = re.compile(
    r"(?:\.(?:cpython-\d+\w*-[\w-]+|cp\d+\w*-[\w-]+|pypy\d+-pp\d+-[\w-]+|graalpy[\w-]+|abi3))?"
    r"\.(?:so|pyd)"
)


def _extension_name(name: str) -> bool:
    """Whether some Python's import system could take the file for an extension module: an
    identifier, then an ABI suffix of CPython, PyPy or GraalPy (or none). A shared library
    the plugin ships as data (a .NET runtime's ``libSystem.Native.so``, an auditwheel-vendored
    ``libopenblas-0cf96a72.3.23.so``) is no module of any interpreter: nothing imports it."""
    stem, dot, suffix = name.partition(".")
    return stem.isidentifier() and _ABI_SUFFIX.fullmatch(dot + suffix) is not None


def _loads_instead(path: Path, suffixes: Sequence[str]) -> bool:
    """Whether the import of this extension's module name finds another file the target loads
    in the same directory (a package, a build for the target's suffix, the pure-Python
    fallback): the import system never looks at a file with a suffix it does not load, so
    builds for several interpreters side by side, or a build beside its ``.py``, import fine."""
    stem = path.name[: path.name.index(".")]
    beside = path.parent
    return (beside / stem).is_dir() or any(
        (beside / f"{stem}{suffix}").is_file() for suffix in [*suffixes, ".py", ".pyc"]
    )


def _extension_modules(root: Path) -> list[Path]:
    found = []
    # A walk, not rglob: this runs once per plugin, and pathlib's per-entry objects were most
    # of its cost. Hidden and build directories are not entered at all.
    for directory, folders, files in bounded_walk(root):
        folders[:] = [f for f in folders if not (f.startswith(".") or f in _NOT_SHIPPED)]
        for name in files:
            path = os.path.join(directory, name)
            if os.path.splitext(name)[1] in (".so", ".pyd") and os.path.isfile(path):
                found.append(Path(path))
    return sorted(found)


_NOT_SHIPPED = frozenset({"build", "dist", "__pycache__", "venv"})


def _wheel_tags(ctx: Context, plugin: Plugin) -> Iterator[Finding]:
    project = plugin.project
    supported = ctx.env.tags
    if supported is None or project is None or project.source is None:
        return
    wheel = project.source.parent / "WHEEL"
    if project.source.name != "METADATA" or not wheel.is_file():
        return
    lines = file_lines(wheel)
    tags = [
        (n, line.partition(":")[2].strip())
        for n, line in enumerate(lines, 1)
        if line.startswith("Tag:")
    ]
    if not tags:
        return
    accepted = set(supported)
    for _, text in tags:
        try:
            if any(str(t) in accepted for t in parse_tag(text)):
                return
        except ValueError:
            continue
    line = tags[0][0]
    yield PC308.at(
        plugin,
        Location(wheel, line),
        f"{project.name} was installed from a wheel tagged {', '.join(t for _, t in tags)}, "
        f"which the target interpreter does not accept (it accepts e.g. {supported[0]}); its "
        "compiled modules will not load",
        fix="install the wheel built for the target interpreter's tags",
    )
