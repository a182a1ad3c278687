"""Which installed stub packages (PEP 561 ``X-stubs``) of the host's modules mypy may read.

mypy reads ``X-stubs`` in a site directory before ``X`` itself: installed stubs of the host's
API are that API for every plugin's static check. Any distribution can install them (a plugin's
helper dependency, a file copied in by hand), and ``Factory = Callable[..., Any]`` there turned
every plugin's PC201 into an info: "All checks passed" with ``--no-dynamic`` (red team sand19,
sand21; PC357 names a plugin distribution that ships them). mypy reads them only when a
distribution that may speak for ``X`` lists them in its ``RECORD``: the contract's API
distribution, the distribution that installs ``X`` itself, or a stub-only distribution named for
it (``types-X``, ``X-stubs``) that provides no entry point of the run's groups. Otherwise mypy
gets ``X`` itself first on its search path (a folder of links beside the check modules), as the
host imports it, and the run says so in a note.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name

from plugcheck.environment import Environment
from plugcheck.model import Contract
from plugcheck.untrusted import read_source


@dataclass(frozen=True, slots=True)
class Unstubbed:
    """A host module whose installed stubs mypy must not read: where it lies, and why."""

    name: str
    runtime: Path
    """``X/`` (a package) or ``X.py`` in a site directory: what the host imports."""
    note: str


def unstubbed(contracts: Sequence[Contract], env: Environment) -> list[Unstubbed]:
    """The host modules (``Contract.host_modules``, not the standard library's) whose first
    ``X-stubs`` on the target's ``sys.path`` no distribution that may speak for ``X`` lists,
    and whose source the contract's ``search-path`` does not give mypy first anyway."""
    names = {n for c in contracts for n in c.host_modules()} - set(sys.stdlib_module_names)
    own = {canonicalize_name(c.api_distribution) for c in contracts if c.api_distribution}
    providers = {canonicalize_name(d) for e in env.entry_points if (d := e.get("dist_name"))}
    searched = [p for c in contracts for p in c.search_path]
    found = []
    for name in sorted(names):
        if _first(name, searched) is not None:
            continue  # on mypy_path: read before any stub package
        stubs = next((d for d in env.sys_path if (d / f"{name}-stubs").is_dir()), None)
        runtime = _first(name, env.sys_path)
        if stubs is None or runtime is None:
            continue
        listers = _listers(stubs, f"{name}-stubs/")
        named = {canonicalize_name(f"{name}-stubs"), canonicalize_name(f"types-{name}")}
        speaking = own | (named - providers)
        installs_it = _listers(runtime.parent, _record_path(runtime))
        if any(d in speaking or d in installs_it for d in listers):
            continue
        by = ", ".join(sorted(listers)) or "none"
        found.append(
            Unstubbed(
                name,
                runtime,
                f"mypy: {stubs / (name + '-stubs')} types no plugin: no distribution that may "
                f"speak for {name} installed it (the API's, {name}'s own, types-{name} or "
                f"{name}-stubs; RECORD lists it for: {by}); plugins are judged against "
                f"{runtime}, what the host imports",
            )
        )
    return found


def overlay(folder: Path, modules: Iterable[Unstubbed]) -> Path:
    """``folder`` made to hold a link to each module's source, for mypy's search path."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {m.runtime.name: m.runtime for m in modules}
    for entry in os.listdir(folder):
        path = folder / entry
        try:
            kept = entry in wanted and os.readlink(path) == str(wanted[entry])
        except OSError:  # not a link: not one of ours
            kept = False
        if not kept:
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for name, target in wanted.items():
        if not os.path.lexists(folder / name):
            os.symlink(target, folder / name)
    return folder


def _first(name: str, folders: Iterable[Path]) -> Path | None:
    for folder in folders:
        package, module = folder / name, folder / f"{name}.py"
        if (package / "__init__.py").is_file() or (package / "__init__.pyi").is_file():
            return package
        if module.is_file():
            return module
    return None


def _record_path(runtime: Path) -> str:
    return f"{runtime.name}/" if runtime.is_dir() else runtime.name


def _listers(site: Path, prefix: str) -> set[str]:
    """The distributions in ``site`` whose RECORD lists a path starting with ``prefix``."""
    found: set[str] = set()
    try:
        infos = sorted(site.glob("*.dist-info"))
    except OSError:
        return found
    for info in infos:
        try:
            record = read_source(info / "RECORD").decode("utf-8", errors="replace")
            head = read_source(info / "METADATA")[:2000].decode("utf-8", errors="replace")
        except OSError:
            continue
        if not any(line.strip('"').startswith(prefix) for line in record.splitlines()):
            continue
        spelled = [ln[5:].strip() for ln in head.splitlines() if ln.startswith("Name:")]
        name = spelled[0] if spelled else info.name.removesuffix(".dist-info").rpartition("-")[0]
        found.add(canonicalize_name(name))
    return found
